import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throw-away PostgreSQL server for the tests: `initdb` in a temporary
/// folder, `pg_ctl start` on a free loopback port, one server for the whole
/// test process, stopped (and its folder removed) when the process exits.
///
/// The programs come from Debian's `postgresql` package
/// (`/usr/lib/postgresql/VERSION/bin`, the newest version), else from PATH.
/// `initdb` and the server refuse to run as root: as root, they run as the
/// `postgres` user the package creates (`runuser -u postgres --`), in a
/// folder that user owns. Clients connect over TCP as the superuser
/// `nomen`, without a password (trust authentication on loopback only).
///
/// Failing to start is an error naming what failed, never a skip: CI
/// always installs the package.
public final class PostgresTestServer: Sendable {
    /// The superuser that tests connect as.
    public let user = "nomen"
    public let host = "127.0.0.1"
    public let port: Int
    let binDirectory: String
    let directory: String
    let runAs: String?

    /// The server of this test process, started on first use.
    public static func shared() throws -> PostgresTestServer {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { try PostgresTestServer() }
        started = result
        if case .success = result {
            atexit { PostgresTestServer.stopShared() }
        }
        return try result.get()
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<PostgresTestServer, any Error>?

    private static func stopShared() {
        lock.lock()
        defer { lock.unlock() }
        if case .success(let server)? = started { server.stop() }
        started = nil
    }

    /// `postgres://nomen@127.0.0.1:PORT/DATABASE`
    public func url(database: String) -> String {
        "postgres://\(user)@\(host):\(port)/\(database)"
    }

    /// A new, empty database; its URL.
    public func createDatabase() throws -> String {
        let name = "nomen_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try Self.run(binDirectory + "/createdb", ["-h", host, "-p", String(port), "-U", user, name], as: nil,
                     what: "createdb \(name)")
        return url(database: name)
    }

    private init() throws {
        binDirectory = try Self.findBinDirectory()
        runAs = geteuid() == 0 ? "postgres" : nil
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        directory = base
        if let runAs {
            do {
                try FileManager.default.setAttributes([.ownerAccountName: runAs, .posixPermissions: 0o700], ofItemAtPath: base)
            } catch {
                throw PostgresTestServerError("cannot give \(base) to the user \(runAs) (as root, the server runs as \(runAs), the user Debian's postgresql package creates): \(error)")
            }
        }
        try Self.run(binDirectory + "/initdb",
                     ["-D", base + "/data", "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                     as: runAs, what: "initdb")
        var lastError: (any Error)?
        for _ in 0..<3 {
            let port = try Self.freePort()
            do {
                try Self.run(binDirectory + "/pg_ctl", [
                    "-D", base + "/data", "-l", base + "/server.log", "-w", "-t", "60",
                    "-o", "-p \(port) -k \(base) -c listen_addresses=\(host) -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "start",
                ], as: runAs, what: "pg_ctl start")
                self.port = port
                return
            } catch {
                // Another process may have taken the port since it was free.
                lastError = error
            }
        }
        let log = (try? String(contentsOfFile: base + "/server.log", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: base)
        throw PostgresTestServerError("\(lastError.map { "\($0)" } ?? "pg_ctl start failed"); server log: \(log.suffix(1_000))")
    }

    func stop() {
        _ = try? Self.run(binDirectory + "/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"],
                          as: runAs, what: "pg_ctl stop")
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The newest `/usr/lib/postgresql/*/bin` with `initdb`, else the folder of `initdb` on PATH.
    static func findBinDirectory() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { name in Int(name).map { (version: $0, bin: "\(root)/\(name)/bin") } }
            .filter { FileManager.default.isExecutableFile(atPath: $0.bin + "/initdb") }
            .sorted { $0.version > $1.version }
        if let newest = versions.first { return newest.bin }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(directory)/initdb") {
            return String(directory)
        }
        throw PostgresTestServerError("cannot start PostgreSQL for the tests: no initdb in \(root)/*/bin or on PATH (install Debian's postgresql package: apt-get install postgresql)")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PostgresTestServerError("cannot open a socket to find a free port: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw PostgresTestServerError("cannot bind a socket on 127.0.0.1 to find a free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program (as `user` through runuser when given) and waits;
    /// throws with its output when it fails.
    ///
    /// The program starts from bash after bash has closed every descriptor
    /// but 0, 1 and 2: the server that `pg_ctl start` leaves running would
    /// otherwise hold the descriptors it inherited, among them the one by
    /// which Foundation's `Process` learns that its child has exited (and
    /// those of other tests' processes), and `waitUntilExit` would never
    /// return. Output goes to a file, not a pipe, for the same reason.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], as user: String?, what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let closingDescriptors = #"for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done; exec "$@""#
        let command = (user.map { ["runuser", "-u", $0, "--"] } ?? []) + [program] + arguments
        process.arguments = ["-c", closingDescriptors, "bash"] + command
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-pg-\(UUID().uuidString).out").path
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        // The server must not read the test's locale: C, byte-wise.
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw PostgresTestServerError("cannot start PostgreSQL for the tests: cannot run \(process.executableURL?.path ?? program): \(error)")
        }
        process.waitUntilExit()
        try? output.close()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw PostgresTestServerError("cannot start PostgreSQL for the tests: \(what) exited with status \(process.terminationStatus): \(text.suffix(1_000))")
        }
        return text
    }
}

public struct PostgresTestServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
