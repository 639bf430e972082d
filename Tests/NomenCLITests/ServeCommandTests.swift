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
         "XDG_CACHE_HOME": home.appendingPathComponent("cache").path, "NOMEN_GLOSSARY": "", "NOMEN_TOKEN": "",
         "NOMEN_DATABASE": ""]
    }

    /// A glossary file with the seed in `home` (made here), and `nomen serve`
    /// on it with `token` allowed to write.
    func seededServer(token: String) async throws -> (glossary: String, server: ServerProcess) {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let glossary = home.appendingPathComponent("glossary.sqlite").path
        let seeded = try NomenProcess.run(["glossary", "init", "--seed", "--glossary", glossary], environment: environment)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let tokens = home.appendingPathComponent("tokens")
        try "# writers\n\(token)\n".write(to: tokens, atomically: true, encoding: .utf8)
        let server = try await ServerProcess(["--glossary", glossary, "--token-file", tokens.path],
                                             environment: environment, logIn: home)
        return (glossary, server)
    }

    @Test func serveAnnotatesWritesAndStopsOnSIGTERM() async throws {
        defer { try? FileManager.default.removeItem(at: home) }
        let (glossary, server) = try await seededServer(token: "secret-one")

        // The same JSON as `nomen annotate` prints for the sample.
        let sample = "Data/samples/en-vnexpress-style.txt"
        let cli = try NomenProcess.run(["annotate", "--glossary", glossary, sample], environment: environment)
        let text = try String(contentsOf: NomenProcess.repositoryRoot.appendingPathComponent(sample), encoding: .utf8)
        let annotated = try await server.request("v1/annotate", method: "POST", json: ["text": text, "name": sample])
        #expect(annotated.status == 200)
        #expect(String(decoding: annotated.body, as: UTF8.self) == cli.stdout)

        // A write with the token.
        let revision = try await server.request("v1/revision")
        let etag = try #require(revision.headers["etag"])
        let entity: [String: Any] = ["id": "vn.person.pham-thu-may", "type": "person",
                                     "names": [["text": "Phạm Thử Máy", "lang": "vi", "status": "preferred"]]]
        let created = try await server.request("v1/entities", method: "POST", json: entity,
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
        while !found && ContinuousClock.now - written < .seconds(120) {
            let reply = try await server.request("v1/annotate", method: "POST", json: ["text": "Ông Vũ Tiến Trình đến."])
            found = (reply.object["mentions"] as? [[String: Any]])?.first?["entity"] as? String == "vn.person.vu-tien-trinh"
            if !found { try await Task.sleep(for: .milliseconds(100)) }
        }
        // How soon is NomenServerTests' to check: here the server is a debug
        // build compiling the glossary beside the rest of the suite.
        #expect(found, "not picked up after \(ContinuousClock.now - written)")

        #expect(server.stop(), "SIGTERM ends it cleanly")
        let log = server.log
        #expect(log.contains("\"method\":\"POST\",\"path\":\"/v1/entities\",\"status\":201,"))
    }
}
