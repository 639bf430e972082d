import Foundation
import NomenCheck
import NomenMatching
import Testing

/// A check run over files, as `nomen check` and a server make it.
@Suite struct CheckSessionTests {
    /// A folder of files for one test, removed after it.
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-check-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
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
        let folder = try Folder()
        let page = try folder.write("page.xhtml", Array("<p title=\"Saigon\">Saigon</p>\n".utf8))
        let findings = try session().run([page]).findings
        #expect(findings.summary == ["deprecated-name Saigon → Ho Chi Minh City"])
        #expect(findings.first?.column == 19)
        #expect(try session().format(of: page) == InputFormat.detect(path: page))
    }

    /// Invalid UTF-8 is an error finding for that file, naming the byte,
    /// and the run goes on with the other files; unless replaced: then a
    /// warning with the offset, and the file is checked.
    @Test func invalidUTF8IsAnErrorOrReplaced() throws {
        let folder = try Folder()
        let before = try folder.write("a.txt", Array("Tourists flock to Saigon.\n".utf8))
        let file = try folder.write("bad.txt", Array("Ông Lương Cuờng ".utf8) + [0xFF] + Array(" nói.\n".utf8))
        let after = try folder.write("c.txt", Array("Peking\n".utf8))
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

    /// A binary file is skipped with a note; the others are checked.
    @Test func binaryFilesAreSkipped() throws {
        let folder = try Folder()
        let binary = try folder.write("a.bin", [0x53, 0x00, 0x61])
        let text = try folder.write("b.txt", Array("Saigon\n".utf8))
        let outcome = try session().run([binary, text])
        #expect(outcome.events == [.input(Diagnostic(path: binary, problem: .binarySkipped))])
        #expect(outcome.findings.map(\.path) == [text])
    }

    /// A dry run gives the diff and leaves the file; applying writes it and
    /// reports what is left at its new place.
    @Test func fixesDryRunAndApplied() throws {
        let folder = try Folder()
        let original = "They flew to Saigon.\n"
        let file = try folder.write("story.txt", Array(original.utf8))
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
