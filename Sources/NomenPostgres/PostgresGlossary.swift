import Foundation
import NomenGlossary
import PostgresNIO

/// The glossary in a PostgreSQL database, for several nomen processes that
/// share one glossary (`nomen serve`). The same model, revision and change
/// log as the SQLite store; every glossary operation comes from
/// `GlossaryBackend`.
///
/// One connection per store, opened once, on an event loop group the store
/// owns; the store's synchronous API waits for each query (from the caller's
/// thread, never an event loop's) and a lock keeps one transaction at a time
/// on the connection. Writers serialize on the row of `glossary_info`
/// (`SELECT … FOR UPDATE` first thing), so a write sees every write
/// committed before it, as SQLite's `BEGIN IMMEDIATE` does. A write that
/// changes anything sends `NOTIFY nomen_glossary, '<revision>'` on commit,
/// for servers that cache what they compiled from the glossary.
public final class PostgresGlossary: GlossaryBackend, @unchecked Sendable {
    /// The channel that commits are announced on, with the new revision as payload.
    public static let notificationChannel = "nomen_glossary"

    /// The database URL without its password.
    public let location: String

    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger
    /// One transaction at a time on the connection; guards `closed` too.
    private let lock = NSLock()
    private var closed = false

    /// Connects to `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` and
    /// migrates the schema as needed. TLS is not used (a loopback or
    /// private network is assumed).
    public init(url: String) throws {
        let configuration = try Self.configuration(url: url)
        let host = configuration.host ?? "?"
        let port = configuration.port ?? 5432
        let database = configuration.database ?? configuration.username
        location = "postgres://\(configuration.username)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        var logger = Logger(label: "nomen.postgres")
        logger.logLevel = .critical
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            connection = try PostgresConnection.connect(on: group.next(), configuration: configuration,
                                                        id: 1, logger: logger).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw GlossaryError(.database, "cannot connect to PostgreSQL at \(host):\(port) (database \(database), user \(configuration.username)): \(Self.describe(error))")
        }
        do {
            try migrate()
        } catch {
            close()
            throw error
        }
    }

    /// The connection's settings from `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
    /// (also `postgresql://`); the user defaults to $USER, the database to the user.
    static func configuration(url: String) throws -> PostgresConnection.Configuration {
        guard let components = URLComponents(string: url),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty else {
            var redacted = URLComponents(string: url)
            if redacted?.password != nil { redacted?.password = "***" }
            throw GlossaryError(.invalid, "not a PostgreSQL URL: \(redacted?.string ?? url) (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                password: components.password, database: path.isEmpty ? user : path,
                                                tls: .disable)
    }

    deinit {
        close()
    }

    /// Closes the connection and stops the event loop; later calls fail.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    private func migrate() throws {
        _ = try transaction("BEGIN") { transaction in
            // One migrating process at a time; the others then find the migrations applied.
            try transaction.run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try transaction.run("""
                CREATE TABLE IF NOT EXISTS nomen_migration (
                    name TEXT PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
            let applied = Set(try transaction.run("SELECT name FROM nomen_migration").map { try $0.decode(String.self) })
            let known = Set(PostgresSchema.migrations.map(\.name))
            if let unknown = applied.subtracting(known).sorted().first {
                throw GlossaryError(.database, "\(location): the glossary has a migration this nomen does not know (\(unknown)); use a newer nomen")
            }
            for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try transaction.run(PostgresQuery(unsafeSQL: statement))
                }
                try transaction.run("INSERT INTO nomen_migration (name) VALUES (\(migration.name))")
            }
            return ((), true)
        }
    }

    /// The key of the advisory lock taken while migrating ("nomen" in ASCII).
    static let migrationLock: Int64 = 0x6E6F_6D65_6E

    // MARK: - Transactions

    public func read<T>(_ body: (any GlossaryTransaction) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { transaction in
            (try body(transaction), true)
        }
    }

    public func write<T>(_ body: (any GlossaryTransaction) throws -> (result: T, commit: Bool)) throws -> T {
        try transaction("BEGIN") { transaction in
            try transaction.run("SELECT revision FROM glossary_info WHERE id = 1 FOR UPDATE")
            return try body(transaction)
        }
    }

    /// Runs `body` between `begin` and COMMIT (or ROLLBACK, when it says
    /// so or throws); database errors become `GlossaryError`.
    private func transaction<T>(_ begin: PostgresQuery,
                                _ body: (PostgresTransaction) throws -> (result: T, commit: Bool)) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw GlossaryError(.database, "\(location): the connection is closed") }
        let transaction = PostgresTransaction(connection: connection, logger: logger)
        do {
            try transaction.run(begin)
            let outcome: (result: T, commit: Bool)
            do {
                outcome = try body(transaction)
            } catch {
                _ = try? transaction.run("ROLLBACK")
                throw error
            }
            try transaction.run(outcome.commit ? "COMMIT" : "ROLLBACK")
            return outcome.result
        } catch let error as GlossaryError {
            throw error
        } catch {
            throw GlossaryError(.database, "\(location): \(Self.describe(error))")
        }
    }

    /// The server's message (and detail) for an error it sent, else what failed.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message + (error.serverInfo?[.detail].map { " (\($0))" } ?? "")
            }
            if let underlying = error.underlying {
                return describe(underlying)
            }
            return "\(error.code)"
        }
        // NIO's connection errors in a few words: "Connection refused".
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.first { return describe(failure.error) }
            if let dnsError = error.dnsAError ?? error.dnsAAAAError { return "cannot resolve the host: \(dnsError)" }
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return String(describing: error)
    }
}
