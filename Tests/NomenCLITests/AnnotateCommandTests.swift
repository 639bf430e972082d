import Foundation
import Testing

/// `nomen annotate` as a user runs it, with the default glossary (created
/// from the bundled seed) in a private home, so nothing outside is touched.
@Suite(.serialized) struct AnnotateCommandTests {
    static let home: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-annotate-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static var environment: [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
         "XDG_CACHE_HOME": home.appendingPathComponent("cache").path, "NOMEN_GLOSSARY": ""]
    }

    func annotate(_ arguments: [String], stdin: String = "") throws -> NomenProcess.Result {
        try NomenProcess.run(["annotate"] + arguments, stdin: Array(stdin.utf8), environment: Self.environment)
    }

    func file(_ name: String, _ contents: [UInt8]) throws -> String {
        let url = Self.home.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents).write(to: url)
        return url.path
    }

    /// The README's first command, then a second run from the cache.
    @Test func quickStartSampleAndCache() throws {
        let first = try annotate(["Data/samples/en-vnexpress-style.txt"])
        #expect(first.status == 0, "\(first.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(object["path"] as? String == "Data/samples/en-vnexpress-style.txt")
        #expect(object["language"] as? String == "en")
        let mentions = try #require(object["mentions"] as? [[String: Any]])
        let entities = mentions.compactMap { $0["entity"] as? String }
        #expect(entities.contains("vn.person.luong-cuong") && entities.contains("cn.person.xi-jinping"))
        #expect(first.stdout.hasPrefix("{\n  \"path\": \"Data/samples/en-vnexpress-style.txt\",\n  \"language\": \"en\",\n  \"mentions\": [\n    {\"start\": "))
        let cache = Self.home.appendingPathComponent("cache/nomen")
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(files.contains { $0.hasPrefix("matcher-") && $0.hasSuffix(".bin") })
        let second = try annotate(["Data/samples/en-vnexpress-style.txt"])
        #expect(second.stdout == first.stdout && second.stderr == "")
    }

    @Test func inlineAndRewriteFromStdin() throws {
        let inline = try annotate(["--format", "inline"], stdin: "President Luong Cuong met Xi Jinping.\n")
        #expect(inline.stdout == "President [President] Luong Cuong [Luong Cuong] met Xi Jinping [Xi Jinping].\n")
        let vi = try annotate(["--rewrite", "--lang", "vi"], stdin: "President Luong Cuong met Xi Jinping.\n")
        #expect(vi.stdout == "Chủ tịch nước Lương Cường met Tập Cận Bình.\n")
        let en = try annotate(["--rewrite", "--lang", "en"], stdin: "Ông Tập Cận Bình đến Hải Phòng.")
        #expect(en.stdout == "Ông Xi Jinping đến Hai Phong.")
    }

    @Test func invalidUTF8AndBinaryFiles() throws {
        let bad = try file("bad.txt", Array("Hanoi ".utf8) + [0xFF] + Array(" Hai Phong".utf8))
        let failed = try annotate([bad])
        #expect(failed.status == 2)
        #expect(failed.stderr == "nomen: error: \(bad): invalid UTF-8 at byte 6 (use --replace-invalid to read it with U+FFFD)\n")
        let replaced = try annotate([bad, "--replace-invalid", "--format", "jsonl"])
        #expect(replaced.status == 0)
        #expect(replaced.stderr == "nomen: warning: \(bad): invalid UTF-8 from byte 6 replaced with U+FFFD\n")
        #expect(replaced.stdout.contains("\"text\":\"Hai Phong\""))
        let binary = try file("image.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x48, 0x61])
        let skipped = try annotate([binary])
        #expect(skipped.status == 0 && skipped.stdout == "")
        #expect(skipped.stderr == "nomen: note: \(binary): binary file skipped\n")
    }

    /// Output to a file is gathered before it is written, yet with both
    /// streams in one file (`2>&1`) a file's diagnostic still comes after the
    /// output of the files before it and before the output of those after.
    @Test func outputAndDiagnosticsStayInOrder() throws {
        let first = try file("order/a.txt", Array("Hanoi and Hai Phong.".utf8))
        let binary = try file("order/b.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00])
        let last = try file("order/c.txt", Array("Lao Cai.".utf8))
        let shell = try NomenProcess.run(["-c", "exec \"$0\" annotate --format jsonl --jobs 2 \"$@\" 2>&1",
                                          NomenProcess.binary.path, first, binary, last],
                                         environment: Self.environment, executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(shell.status == 0)
        let lines = shell.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.contains("\"path\":\"\(first)\"") == true)
        #expect(lines.dropFirst().first == "nomen: note: \(binary): binary file skipped")
        #expect(lines.last?.contains("\"path\":\"\(last)\"") == true)
    }

    @Test func directoriesGlobsAndFormats() throws {
        let root = Self.home.appendingPathComponent("corpus").path
        _ = try file("corpus/a.txt", Array("Hanoi and Hai Phong.".utf8))
        _ = try file("corpus/sub/b.md", Array("`Hanoi` in code; Lao Cai in prose.".utf8))
        _ = try file("corpus/sub/c.html", Array("<p title=\"Hanoi\">Tô Lâm &amp; Hà Nội</p>".utf8))
        _ = try file("corpus/skip.log", Array("Hanoi".utf8))
        let result = try annotate([root, "--include", "*.txt", "--include", "*.md", "--include", "*.html"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("corpus/a.txt") && lines[1].contains("corpus/sub/b.md") && lines[2].contains("corpus/sub/c.html"))
        #expect(lines[1].contains("\"text\":\"Lao Cai\"") && !lines[1].contains("\"text\":\"Hanoi\""))
        #expect(lines[2].contains("\"start\":17,\"end\":23,\"start_utf8\":17,\"end_utf8\":25,\"text\":\"Tô Lâm\""))
        let excluded = try annotate([root, "--exclude", "*.log", "--exclude", "sub/*"])
        // One file left: one pretty JSON document.
        #expect(excluded.stdout.hasPrefix("{\n  \"path\": \"\(root)/a.txt\""))
        #expect(!excluded.stdout.contains("skip.log") && !excluded.stdout.contains("sub/"))
    }

    @Test func jsonlInputWithField() throws {
        let input = try file("articles.jsonl", Array("""
            {"id": 1, "body": "Xi Jinping met To Lam."}
            {"id": 2, "body": "Tô Lâm tiếp Tập Cận Bình."}

            """.utf8))
        let result = try annotate([input, "--field", "body"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"line\":1") && lines[0].contains("\"language\":\"en\"") && lines[1].contains("\"language\":\"vi\""))
        let rewritten = try annotate([input, "--field", "body", "--rewrite", "--lang", "en"])
        #expect(rewritten.stdout.contains("\"body\":\"To Lam tiếp Xi Jinping.\""))
        // Without --field: the text field, and a clear error for lines without it.
        let defaulted = try annotate([input, "--id-field", "id"])
        #expect(defaulted.status == 2)
        #expect(defaulted.stdout == "")
        #expect(defaulted.stderr.contains("nomen: error: \(input):1: no string field \"text\" to annotate (--field names the field of JSON Lines input to annotate; default text)\n"))
        let texts = try file("texts.jsonl", Array("{\"id\": \"x-9\", \"text\": \"Hanoi\"}\n".utf8))
        let withText = try annotate([texts, "--id-field", "id"])
        #expect(withText.status == 0)
        #expect(withText.stdout.hasPrefix("{\"path\":\"\(texts)\",\"line\":1,\"id\":\"x-9\",\"language\":\"en\",\"mentions\":[{\"start\":0,"))
    }

    @Test func htmlOutputAndUsageErrors() throws {
        let html = try annotate(["--format", "html"], stdin: "<Hanoi> & Hai Phong")
        #expect(html.stdout.contains("&lt;<mark class=\"place\" data-entity=\"vn.place.ha-noi\""))
        let usage = try annotate(["--rewrite", "--format", "json"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--rewrite writes the rewritten text; it cannot be combined with --format."))
    }
}
