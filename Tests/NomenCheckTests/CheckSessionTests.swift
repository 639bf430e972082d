import Foundation
import NomenCheck
import NomenMatching
import Testing

/// A check run over files, as `nomen check` and a server make it.
@Suite struct CheckSessionTests {
    /// Writes `files` (name → bytes) into a new temporary folder; returns
    /// their paths (`removeFolder` removes it).
    func files(_ files: [(String, [UInt8])]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try files.map { name, bytes in
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
    }

    func removeFolder(of path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    func session(_ configure: (inout CheckOptions) -> Void = { _ in }) throws -> CheckSession {
        var options = CheckOptions()
        configure(&options)
        return CheckSession(checker: try Checker(matcher: SeedGlossary.matcher, entities: SeedGlossary.entities),
                            options: options)
    }

    /// `.xhtml` is HTML for check as for annotate: a deprecated name in an
    /// attribute is markup, the one in the text is prose.
    @Test func xhtmlIsMaskedAsHTML() throws {
        let page = try files([("page.xhtml", Array("<p title=\"Saigon\">Saigon</p>\n".utf8))])[0]
        defer { removeFolder(of: page) }
        let findings = try session().run([page]).findings
        #expect(findings.summary == ["deprecated-name Saigon → Ho Chi Minh City"])
        #expect(findings.first?.column == 19)
        #expect(try session().format(of: page) == InputFormat.detect(path: page))
    }

    /// Invalid UTF-8 is an error finding for that file, naming the byte,
    /// and the run goes on with the other files; unless replaced: then a
    /// warning with the offset, and the file is checked.
    @Test func invalidUTF8IsAnErrorOrReplaced() throws {
        let paths = try files([("a.txt", Array("Tourists flock to Saigon.\n".utf8)),
                               ("bad.txt", Array("Ông Lương Cuờng ".utf8) + [0xFF] + Array(" nói.\n".utf8)),
                               ("c.txt", Array("Peking\n".utf8))])
        let (before, file, after) = (paths[0], paths[1], paths[2])
        defer { removeFolder(of: file) }
        let strict = try session().run([before, file, after])
        #expect(strict.failedInputs == 1)
        #expect(strict.events == [.input(Diagnostic(path: file, problem: .invalidUTF8(byteOffset: 21)))])
        #expect(strict.findings.map(\.path) == [before, file, after])
        let error = try #require(strict.findings.first { $0.path == file })
        #expect(error.rule == .encoding && error.severity == .error && error.line == 1 && error.column == 17)
        #expect(error.message.hasPrefix("invalid UTF-8 at byte 21"))
        let outcome = try session { $0.replaceInvalid = true }.run([file])
        #expect(outcome.failedInputs == 0)
        #expect(outcome.events == [.input(Diagnostic(path: file, problem: .invalidUTF8Replaced(byteOffset: 21)))])
        #expect(outcome.findings.summary == ["deprecated-name Lương Cuờng → Lương Cường"])
    }

    /// Files checked several at once give the run that one at a time
    /// gives: findings, events and counts in the order of the inputs, the
    /// cross-file rule and fixes included.
    @Test(arguments: [1, 2, 3, 8])
    func filesCheckedAtOnceGiveTheSameRun(jobs: Int) throws {
        var contents: [(String, [UInt8])] = [
            ("binary.bin", [0x53, 0x00, 0x61]),
            ("invalid.txt", Array("Ông Lương Cuờng ".utf8) + [0xFF] + Array(" nói.\n".utf8)),
            ("vni.txt", Array("Ch\u{F9}\u{FB} t\u{EF}ch n\u{F6}\u{F4}\u{F9}c Löông Cöôøng".utf8)),
        ]
        let texts = ["Tourists flock to Saigon.", "Chủ tịch nước Luong Cuong đã tiếp Chủ tịch Tap Can Binh.",
                     "Ðà Nẵng and Da Nang and Đà Nẵng.", "Xi Jinping visited Hai Phong; Haiphong welcomed Xi Jingping.",
                     "Peking", "Thủ đô Hà Nội và thủ đô Hà Nội."]
        for index in 0..<24 { contents.append(("article-\(index).txt", Array((texts[index % texts.count] + "\n").utf8))) }
        let paths = try files(contents)
        defer { removeFolder(of: paths[0]) }
        for acrossFiles in [false, true] {
            let one = try session { $0.acrossFiles = acrossFiles }.run(paths)
            let many = try session { $0.acrossFiles = acrossFiles; $0.jobs = jobs }.run(paths)
            #expect(many.findings == one.findings)
            #expect(many.events == one.events)
            #expect(many.failedInputs == one.failedInputs && many.filesChecked == one.filesChecked)
        }
        let one = try session { $0.fixing = .dryRun }.run(paths)
        let many = try session { $0.fixing = .dryRun; $0.jobs = jobs }.run(paths)
        #expect(many.diff == one.diff && !one.diff.isEmpty)
        #expect(one.events.count == 2 && one.failedInputs == 1 && one.filesChecked == 27)
    }

    /// A binary file is skipped with a note; the others are checked.
    @Test func binaryFilesAreSkipped() throws {
        let paths = try files([("a.bin", [0x53, 0x00, 0x61]), ("b.txt", Array("Saigon\n".utf8))])
        let (binary, text) = (paths[0], paths[1])
        defer { removeFolder(of: text) }
        let outcome = try session().run([binary, text])
        #expect(outcome.events == [.input(Diagnostic(path: binary, problem: .binarySkipped))])
        #expect(outcome.findings.map(\.path) == [text])
    }

    /// A dry run gives the diff and leaves the file; applying writes it and
    /// reports what is left at its new place.
    @Test func fixesDryRunAndApplied() throws {
        let original = "They flew to Saigon.\n"
        let file = try files([("story.txt", Array(original.utf8))])[0]
        defer { removeFolder(of: file) }
        let dry = try session { $0.fixing = .dryRun }.run([file])
        #expect(dry.diff.contains("-They flew to Saigon.\n+They flew to Ho Chi Minh City.\n"))
        #expect(dry.findings.isEmpty && dry.events.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original)
        let applied = try session { $0.fixing = .apply }.run([file])
        #expect(applied.events == [.fixesApplied(path: file, count: 1)])
        #expect(applied.findings.isEmpty && applied.diff.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "They flew to Ho Chi Minh City.\n")
    }
}
