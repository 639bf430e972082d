import Foundation
import Hummingbird
import NomenCheck
import NomenMatching
import NomenServer
import Testing

/// Health, the OpenAPI document, and the text endpoints: annotate, check,
/// normalize, with the errors a client can cause.
@Suite struct TextEndpointTests {
    @Test func healthReadinessAndTheDocumentValidates() async throws {
        let server = try TestServer()
        try await server.test { client in
            #expect(try await client.get("/healthz").object["status"] as? String == "ok")
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok && ready.object["status"] as? String == "ready")
            let document = try await client.get("/openapi.json")
            #expect(document.headers[.contentType]?.hasPrefix("application/json") == true)
            let checked = try await OpenAPICheck.run(mode: "spec", document: document.body)
            #expect(checked.status == 0 && checked.output == "valid\n", "\(checked.output)")
            let missing = try await client.get("/v1/nothing", record: false)
            #expect(missing.status == .notFound && missing.error.contains("no such endpoint"))
            try await client.validateResponses()
        }
    }

    /// The validator is independent: a broken document fails it.
    @Test func theValidatorRejectsABrokenDocument() async throws {
        let broken = Array(#"{"openapi": "3.1.0", "info": {"title": "x"}, "paths": {}}"#.utf8)
        let checked = try await OpenAPICheck.run(mode: "spec", document: broken)
        #expect(checked.status != 0)
    }

    /// The answer is the JSON `nomen annotate --format json` prints: the
    /// same job the CLI runs on a file, compared byte for byte.
    @Test(arguments: ["en-vnexpress-style.txt", "vi-mixed-forms.txt", "zh-xinhua-style.txt"])
    func annotateEqualsTheCLIsJob(sample: String) async throws {
        let server = try TestServer()
        let path = Samples.root.appendingPathComponent("Data/samples/\(sample)").path
        let matcher = try #require(server.api.glossary.matcher)
        let sink = CollectingSink()
        let failures = AnnotateJob(matcher: matcher, options: AnnotateOptions()).run([path], sink: sink)
        #expect(failures == 0)
        let text = try Samples.text(sample)
        try await server.test { client in
            let reply = try await client.post("/v1/annotate", json: ["text": text, "name": path])
            #expect(reply.status == .ok)
            #expect(reply.text == String(decoding: sink.bytes, as: UTF8.self))
            let en = try await client.post("/v1/annotate", json: ["text": "Ông Tập Cận Bình đến Hải Phòng.", "lang": "en"])
            let mentions = try #require(en.object["mentions"] as? [[String: Any]])
            #expect(mentions.map { $0["canonical"] as? String } == ["Xi Jinping", "Hai Phong"])
            #expect(en.object["path"] as? String == "<request>")
            let html = try await client.post("/v1/annotate", json: ["text": "<p title=\"Hà Nội\">Hà Nội</p>", "format": "html"])
            #expect((html.object["mentions"] as? [[String: Any]])?.map { $0["start_utf8"] as? Int } == [21])
            try await client.validateResponses()
        }
    }

    /// A text longer than `inlineTextLimit` is annotated and checked on
    /// NIO's thread pool, with the same answer as the CLI's job.
    @Test func longTextsGetTheSameAnswers() async throws {
        let server = try TestServer()
        let sample = try Samples.text("vi-mixed-forms.txt")
        let text = String(repeating: sample + "\n", count: NomenAPI.inlineTextLimit / sample.utf8.count + 2)
        #expect(text.utf8.count > NomenAPI.inlineTextLimit)
        let matcher = try #require(server.api.glossary.matcher)
        let expected = AnnotateJob(matcher: matcher, options: AnnotateOptions())
            .annotate(document: Array(text.utf8), name: "long.txt", format: .text)
        try await server.test { client in
            let reply = try await client.post("/v1/annotate", json: ["text": text, "name": "long.txt"])
            #expect(reply.status == .ok)
            #expect(reply.text == String(decoding: expected.output, as: UTF8.self))
            let short = try await client.post("/v1/check", json: ["text": sample])
            let long = try await client.post("/v1/check", json: ["text": text])
            #expect(short.status == .ok && long.status == .ok)
            let shortFindings = try #require(short.object["findings"] as? [[String: Any]])
            let longFindings = try #require(long.object["findings"] as? [[String: Any]])
            #expect(!shortFindings.isEmpty && longFindings.count >= shortFindings.count)
            try await client.validateResponses()
        }
    }

    @Test func badRequestsNameTheProblem() async throws {
        let server = try TestServer()
        try await server.test { client in
            func send(_ body: [UInt8]) async throws -> Reply {
                try await client.request(.post, "/v1/annotate", headers: [.contentType: "application/json"], body: body)
            }
            let utf8 = try await send(Array(#"{"text": "Hà "#.utf8) + [0xFF] + Array(#""}"#.utf8))
            #expect(utf8.status == .badRequest)
            #expect(utf8.error == "the body is not valid UTF-8: invalid byte at offset 14")
            let json = try await send(Array(#"{"text": x}"#.utf8))
            #expect(json.status == .badRequest && json.error.hasPrefix("the body is not valid JSON: "))
            let unknown = try await client.post("/v1/annotate", json: ["text": "x", "colour": "red"])
            #expect(unknown.error == "unknown field \"colour\" (the fields are: text, format, lang, name)")
            let type = try await client.post("/v1/annotate", json: ["text": 12])
            #expect(type.error == "field \"text\" must be a string, not a number")
            let missing = try await client.post("/v1/annotate", json: ["format": "text"])
            #expect(missing.error == "field \"text\" is missing (a string)")
            let format = try await client.post("/v1/annotate", json: ["text": "x", "format": "pdf"])
            #expect(format.error == "field \"format\" must be one of text, html, markdown (got \"pdf\")")
            let array = try await send(Array("[1]".utf8))
            #expect(array.error == "the body must be a JSON object, not an array")
            for reply in [utf8, json, unknown, type, missing, format, array] { #expect(reply.status == .badRequest) }
            try await client.validateResponses()
        }
    }

    @Test func bodiesOverTheLimitGet413() async throws {
        let server = try TestServer { $0.maxBodyBytes = 64 }
        try await server.test { client in
            let small = try await client.post("/v1/normalize", json: ["text": "Hà Nội", "fold": true])
            #expect(small.status == .ok && small.object["text"] as? String == "ha noi")
            let large = try await client.post("/v1/normalize", json: ["text": String(repeating: "Hà Nội ", count: 20)])
            #expect(large.status == .contentTooLarge)
            #expect(large.error == "the request body is larger than the limit of 64 bytes (--max-body)")
            try await client.validateResponses()
        }
    }

    @Test func requestsOverTheTimeLimitGet503() async throws {
        let server = try TestServer { $0.requestTimeout = .milliseconds(1) }
        let text = String(repeating: try Samples.text("vi-mixed-forms.txt"), count: 40)
        try await server.test { client in
            let reply = try await client.post("/v1/check", json: ["text": text])
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.error.hasPrefix("the request took longer than the time limit"))
            try await client.validateResponses()
        }
    }

    /// The findings are `nomen check --format json`'s, each with its fix;
    /// with fix, the text the Fixer writes.
    @Test func checkGivesTheCLIsFindingsAndFixes() async throws {
        let server = try TestServer()
        let text = try Samples.text("vi-mixed-forms.txt")
        try await server.test { client in
            let reply = try await client.post("/v1/check", json: ["text": text, "fix": true, "name": "a.txt"])
            #expect(reply.status == .ok)
            let findings = try #require(reply.object["findings"] as? [[String: Any]])
            #expect(findings.map { $0["rule"] as? String } == [
                "deprecated-name", "tone-placement", "deprecated-name", "deprecated-name", "tone-placement",
            ])
            #expect(findings.first?["path"] as? String == "a.txt")
            #expect(findings.first?["line"] as? Int == 3 && findings.first?["column"] as? Int == 15)
            let fix = try #require(findings.first?["fix"] as? [String: Any])
            #expect(fix["replacement"] as? String == "Lương Cường")
            let start = try #require(fix["start_utf8"] as? Int), end = try #require(fix["end_utf8"] as? Int)
            #expect(String(decoding: Array(text.utf8)[start..<end], as: UTF8.self) == "Lương Cuờng")
            let fixed = try #require(reply.object["text"] as? String)
            #expect(fixed.contains("Lương Cường") && !fixed.contains("Lương Cuờng"))
            #expect(fixed.contains("Sài Gòn") == false)

            let styled = try await client.post("/v1/check", json: [
                "text": text, "config": "[rules]\ntone-placement = \"off\"\ndeprecated-name = \"off\"\n",
            ])
            #expect((styled.object["findings"] as? [Any])?.isEmpty == true)
            #expect(styled.object["text"] == nil)
            let badConfig = try await client.post("/v1/check", json: ["text": text, "config": "tone = \"sideways\""])
            #expect(badConfig.status == .badRequest && badConfig.error.hasPrefix("field \"config\": "))
            try await client.validateResponses()
        }
    }

    @Test func normalizeRunsTheCLIsSteps() async throws {
        let server = try TestServer()
        try await server.test { client in
            func normalized(_ json: [String: Any]) async throws -> String? {
                try await client.post("/v1/normalize", json: json).object["text"] as? String
            }
            #expect(try await normalized(["text": "Lương Cường\nĐà Nẵng", "fold": true]) == "luong cuong\nda nang")
            #expect(try await normalized(["text": "Hai Phong", "compact": true]) == "haiphong")
            #expect(try await normalized(["text": "习近平", "translit": "hanviet"]) == "Tập Cận Bình")
            #expect(try await normalized(["text": "习近平", "translit": "pinyin", "tone_marks": true]) == "Xí Jìnpíng")
            #expect(try await normalized(["text": "Thanh Hóa, thủy", "tone": "new"]) == "Thanh Hoá, thuỷ")
            #expect(try await normalized(["text": "Ha\u{300}", "form": "nfc"]) == "Hà")
            let decoded = try await client.post("/v1/normalize", json: ["text": "Vie^.t Nam", "decode": "viqr"])
            #expect(decoded.object["text"] as? String == "Việt Nam" && decoded.object["decoded_as"] as? String == "viqr")
            let bad = try await client.post("/v1/normalize", json: ["text": "x", "tone": "sideways"])
            #expect(bad.status == .badRequest && bad.error == "field \"tone\" must be one of old, new (got \"sideways\")")
            let fold = try await client.post("/v1/normalize", json: ["text": "x", "fold": "yes"])
            #expect(fold.error == "field \"fold\" must be a boolean, not a string")
            try await client.validateResponses()
        }
    }

    /// One JSON line per request: time, method, path, status, duration, bytes; no body.
    @Test func theAccessLogHasOneLinePerRequest() async throws {
        let lines = Lines()
        let server = try TestServer { $0.accessLog = { lines.append($0) } }
        try await server.test { client in
            _ = try await client.post("/v1/annotate", json: ["text": "secret text about Hà Nội"])
            _ = try await client.get("/v1/entities/none")
        }
        let logged = lines.all
        #expect(logged.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(logged[0].utf8)) as? [String: Any])
        #expect(Set(first.keys) == ["time", "method", "path", "status", "duration_ms", "bytes"])
        #expect(first["method"] as? String == "POST" && first["path"] as? String == "/v1/annotate")
        #expect(first["status"] as? Int == 200 && (first["bytes"] as? Int ?? 0) > 0)
        #expect(!logged[0].contains("secret") && logged[0].hasSuffix("}\n"))
        #expect(logged[1].contains("\"status\":404"))
    }
}

final class CollectingSink: AnnotationSink, @unchecked Sendable {
    var bytes: [UInt8] = []
    func write(_ bytes: [UInt8]) { self.bytes += bytes }
    func report(_ diagnostic: Diagnostic) {}
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
