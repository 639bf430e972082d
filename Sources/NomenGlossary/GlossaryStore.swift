import Foundation
import GRDB
import NomenModel
import NomenNormalization

/// The glossary: entities and their names in one SQLite database.
///
/// One `DatabaseQueue` per store, opened once. On disk the database is in WAL
/// mode with a busy timeout, so several nomen processes can read and write the
/// same file at once: writers wait for each other instead of failing. Every
/// public write is one `BEGIN IMMEDIATE` transaction that also bumps the
/// revision and appends to the change log.
public final class GlossaryStore: Sendable {
    let queue: DatabaseQueue
    /// The database file; nil in memory.
    public let path: String?

    /// How long a writer waits for another process's transaction.
    static let busyTimeout: TimeInterval = 30

    /// Opens the glossary at `path`, creating and migrating it as needed.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "nomen.glossary"
        configuration.prepareDatabase { db in
            // A large import touches every index at random places; SQLite's
            // default 2 MB page cache then spills to disk on every insert.
            // The cache grows only as needed.
            try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // WAL with synchronous NORMAL cannot corrupt the database; a
            // power cut may lose the last commits, not the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw GlossaryError(.database, "\(path): cannot open the glossary: \(Self.describe(error))")
        }
        self.path = path
        try migrate()
    }

    private init(queue: DatabaseQueue) throws {
        self.queue = queue
        self.path = nil
        try migrate()
    }

    /// A fresh, empty glossary in memory.
    public static func inMemory() throws -> GlossaryStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try GlossaryStore(queue: DatabaseQueue(configuration: configuration))
    }

    private var displayPath: String { path ?? "(in memory)" }

    private func migrate() throws {
        let migrator = GlossarySchema.migrator
        do {
            try migrator.migrate(queue)
        } catch {
            // Two processes may create the same new file at once: the second
            // sees the first's migration only after waiting. Migrating again
            // finds it applied.
            do {
                try migrator.migrate(queue)
            } catch {
                throw GlossaryError(.database, "\(displayPath): not a nomen glossary or cannot be migrated: \(Self.describe(error))")
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }

    // MARK: - Transactions

    public var location: String { displayPath }

    /// A read transaction; database errors become `GlossaryError`.
    public func read<T>(_ body: (any GlossaryTransaction) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(SQLiteTransaction(db)) }
        } catch let error as DatabaseError {
            // Only the database's own errors are reworded; a caller's error
            // (an interrupted import, a cancelled request) passes through.
            throw GlossaryError(.database, "\(displayPath): \(Self.describe(error))")
        }
    }

    /// One write transaction (BEGIN IMMEDIATE, so that concurrent writers
    /// queue up on the busy timeout rather than deadlock).
    public func write<T>(_ body: (any GlossaryTransaction) throws -> (result: T, commit: Bool)) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                let transaction = SQLiteTransaction(db)
                do {
                    try db.inTransaction(.immediate) {
                        let outcome = try body(transaction)
                        result = outcome.result
                        return outcome.commit ? .commit : .rollback
                    }
                } catch {
                    try transaction.restoreChecks()
                    throw error
                }
                guard let result else { throw GlossaryError(.database, "\(displayPath): the transaction returned nothing") }
                return result
            }
        } catch let error as DatabaseError {
            // Only the database's own errors are reworded; a caller's error
            // (an interrupted import, a cancelled request) passes through.
            throw GlossaryError(.database, "\(displayPath): \(Self.describe(error))")
        }
    }
}

extension GlossaryStore: GlossaryBackend {}
