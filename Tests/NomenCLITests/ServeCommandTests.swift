import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `nomen serve` as a process: a free loopback port, a temporary glossary,
/// ready, annotate (equal to `nomen annotate`), a write with a token, a
/// write by another process picked up, and SIGTERM for a clean exit.
@Suite(.serialized) struct ServeCommandTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-serve-\(UUID().uuidString)")

    var environment: [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
         "XDG_CACHE_HOME": home.appendingPathComponent("cache").path, "NOMEN_GLOSSARY": "", "NOMEN_TOKEN": ""]
    }

    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    func request(_ url: URL, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    @Test func serveAnnotatesWritesAndStopsOnSIGTERM() async throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let glossary = home.appendingPathComponent("glossary.sqlite").path
        let seeded = try NomenProcess.run(["glossary", "init", "--seed", "--glossary", glossary], environment: environment)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let tokens = home.appendingPathComponent("tokens")
        try "# writers\nsecret-one\n".write(to: tokens, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = NomenProcess.binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--glossary", glossary, "--token-file", tokens.path]
        process.currentDirectoryURL = NomenProcess.repositoryRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stderrURL = home.appendingPathComponent("stderr")
        #expect(FileManager.default.createFile(atPath: stderrURL.path, contents: nil))
        let stderr = try FileHandle(forWritingTo: stderrURL)
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The port it bound, from "nomen: listening on http://127.0.0.1:PORT".
        var base: URL?
        let started = ContinuousClock.now
        while base == nil && ContinuousClock.now - started < .seconds(30) && process.isRunning {
            let said = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
            if let range = said.range(of: "nomen: listening on "),
               let line = said[range.upperBound...].split(separator: "\n").first {
                base = URL(string: String(line))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let startLog = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        let server = try #require(base, "\(startLog)")
        var ready = try await request(server.appendingPathComponent("readyz"))
        while ready.status != 200 && ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
            ready = try await request(server.appendingPathComponent("readyz"))
        }
        #expect(ready.status == 200)

        // The same JSON as `nomen annotate` prints for the sample.
        let sample = "Data/samples/en-vnexpress-style.txt"
        let cli = try NomenProcess.run(["annotate", "--glossary", glossary, sample], environment: environment)
        let text = try String(contentsOf: NomenProcess.repositoryRoot.appendingPathComponent(sample), encoding: .utf8)
        let annotated = try await request(server.appendingPathComponent("v1/annotate"), method: "POST",
                                          body: try JSONSerialization.data(withJSONObject: ["text": text, "name": sample]))
        #expect(annotated.status == 200)
        #expect(String(decoding: annotated.body, as: UTF8.self) == cli.stdout)

        // A write with the token.
        let revision = try await request(server.appendingPathComponent("v1/revision"))
        let etag = try #require(revision.headers["etag"])
        let entity: [String: Any] = ["id": "vn.person.pham-thu-may", "type": "person",
                                     "names": [["text": "Phạm Thử Máy", "lang": "vi", "status": "preferred"]]]
        let created = try await request(server.appendingPathComponent("v1/entities"), method: "POST",
                                        body: try JSONSerialization.data(withJSONObject: entity),
                                        headers: ["Authorization": "Bearer secret-one", "If-Match": etag])
        #expect(created.status == 201)
        let shown = try NomenProcess.run(["glossary", "show", "vn.person.pham-thu-may", "--glossary", glossary], environment: environment)
        #expect(shown.status == 0 && shown.stdout.contains("Phạm Thử Máy"))

        // A write by another process, picked up by the server's polling.
        let added = try NomenProcess.run(["glossary", "add", "vn.person.vu-tien-trinh", "--type", "person",
                                          "--name", "Vũ Tiến Trình@vi", "--glossary", glossary], environment: environment)
        #expect(added.status == 0, "\(added.stderr)")
        let written = ContinuousClock.now
        var found = false
        while !found && ContinuousClock.now - written < .seconds(30) {
            let reply = try await request(server.appendingPathComponent("v1/annotate"), method: "POST",
                                          body: try JSONSerialization.data(withJSONObject: ["text": "Ông Vũ Tiến Trình đến."]))
            found = (reply.object["mentions"] as? [[String: Any]])?.first?["entity"] as? String == "vn.person.vu-tien-trinh"
            if !found { try await Task.sleep(for: .milliseconds(100)) }
        }
        // How soon is NomenServerTests' to check: here the server is a debug
        // build compiling the glossary beside the rest of the suite.
        #expect(found, "not picked up after \(ContinuousClock.now - written)")

        process.terminate()  // SIGTERM
        let stopping = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - stopping < .seconds(15) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        try stderr.close()
        let log = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        #expect(log.contains("\"method\":\"POST\",\"path\":\"/v1/entities\",\"status\":201,"))
    }
}
