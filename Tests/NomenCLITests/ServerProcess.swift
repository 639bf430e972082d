import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A `nomen serve` process for a test: started on a free loopback port
/// (`--listen 127.0.0.1:0`), its address read from its first line on
/// stderr, waited for until `/readyz` answers 200, stopped with SIGTERM.
final class ServerProcess {
    let process = Process()
    let stderrURL: URL
    private let stderr: FileHandle
    private(set) var base: URL!

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    /// Starts `nomen serve ARGUMENTS --listen 127.0.0.1:0` and waits until it is ready.
    init(_ arguments: [String], environment: [String: String], logIn folder: URL) async throws {
        process.executableURL = NomenProcess.binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        process.currentDirectoryURL = NomenProcess.repositoryRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        stderrURL = folder.appendingPathComponent("serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        stderr = try FileHandle(forWritingTo: stderrURL)
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        // The port it bound, from "nomen: listening on http://127.0.0.1:PORT".
        // The log is read before the clock is: this task shares the
        // cooperative pool with the suite's CPU-bound tests and may wake
        // long after its sleep, past the deadline, with the line written.
        let started = ContinuousClock.now
        let patience = Duration.seconds(180)
        while true {
            if let range = log.range(of: "nomen: listening on "), let line = log[range.upperBound...].split(separator: "\n").first {
                base = URL(string: String(line))
            }
            guard base == nil && process.isRunning && ContinuousClock.now - started < patience else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard base != nil else {
            stop()
            throw ServerProcessError(description: "nomen serve did not start: \(log)")
        }
        var ready = try await request("readyz")
        while ready.status != 200 && ContinuousClock.now - started < patience {
            try await Task.sleep(for: .milliseconds(50))
            ready = try await request("readyz")
        }
        guard ready.status == 200 else {
            stop()
            throw ServerProcessError(description: "nomen serve not ready after \(patience): \(log)")
        }
    }

    deinit { stop() }

    var log: String { String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self) }

    func request(_ path: String, method: String = "GET", json: Any? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw ServerProcessError(description: "not an HTTP response") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// SIGTERM, then waits up to 15 s for the process to end; true when it exited cleanly.
    @discardableResult
    func stop() -> Bool {
        if process.isRunning { process.terminate() }
        let stopping = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - stopping < .seconds(15) { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? stderr.close()
        return !process.isRunning && process.terminationReason == .exit && process.terminationStatus == 0
    }
}

struct ServerProcessError: Error, CustomStringConvertible {
    let description: String
}
