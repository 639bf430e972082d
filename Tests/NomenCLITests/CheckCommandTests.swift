import Foundation
import Testing

/// `nomen check` as a user runs it: on files in a scratch folder, against the
/// bundled seed glossary (loaded into a fresh default glossary there).
@Suite(.serialized) struct CheckCommandTests {
    struct Desk {
        let directory: URL
        let environment: [String: String]

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-check-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            environment = [
                "XDG_DATA_HOME": directory.appendingPathComponent("data").path,
                "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
                "NO_COLOR": "1",
            ]
        }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return url.path
        }

        func read(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }

        func check(_ arguments: [String], stdin: [UInt8] = []) throws -> NomenProcess.Result {
            try NomenProcess.run(["check"] + arguments, stdin: stdin, environment: environment, directory: directory)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func textFindingsAndExitStatus() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("travel.txt", "Tourists flock to Saigon every December.\n")
        let warnings = try desk.check(["travel.txt"])
        #expect(warnings.status == 0)
        #expect(warnings.stdout == "travel.txt:1:19: warning[deprecated-name]: Saigon is a deprecated name (historical name (until 1976)); the preferred name is Ho Chi Minh City (Ho Chi Minh City)\n")

        try desk.write("bad.txt", "Chủ tịch nước Lương Cuờng tiếp đoàn đại biểu tỉnh Vân Nam.\n")
        let errors = try desk.check(["bad.txt"])
        #expect(errors.status == 1)
        #expect(errors.stdout.hasPrefix("bad.txt:1:15: error[deprecated-name]: Lương Cuờng is a forbidden name"))
    }

    @Test func jsonAndSarif() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("a.txt", "Tourists flock to Saigon.\n")
        let json = try desk.check(["--format", "json", "a.txt"])
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(findings.first?["rule"] as? String == "deprecated-name")
        #expect(findings.first?["suggestion"] as? String == "Ho Chi Minh City")
        let sarif = try desk.check(["--format", "sarif", "a.txt"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
    }

    @Test func fixRewritesAtomicallyAndDryRunShowsADiff() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let path = try desk.write("story.txt", "Đoàn công tác đến Ðà Nẵng.\nTourists flock to Saigon.\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        let dryRun = try desk.check(["--fix", "--dry-run", "story.txt"])
        #expect(dryRun.stdout.hasPrefix("""
            --- story.txt
            +++ story.txt
            @@ -1,2 +1,2 @@
            -Đoàn công tác đến Ðà Nẵng.
            -Tourists flock to Saigon.
            +Đoàn công tác đến Đà Nẵng.
            +Tourists flock to Ho Chi Minh City.

            """))
        #expect(try desk.read("story.txt") == "Đoàn công tác đến Ðà Nẵng.\nTourists flock to Saigon.\n")

        try desk.write("story.txt", "Đoàn công tác đến Ðà Nẵng.\nTourists flock to Saigon. President Xi Jingping too.\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let fixed = try desk.check(["--fix", "story.txt"])
        #expect(fixed.status == 0)
        // What is left is reported where it now stands in the fixed file.
        #expect(fixed.stdout == "story.txt:2:47: warning[near-miss]: Xi Jingping is close to the glossary name Xi Jinping (Xi Jinping)\n")
        #expect(fixed.stderr.contains("nomen: note: story.txt: applied 2 fixes"))
        #expect(try desk.read("story.txt") == "Đoàn công tác đến Đà Nẵng.\nTourists flock to Ho Chi Minh City. President Xi Jingping too.\n")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: desk.directory.path).filter { $0.contains(".nomen-") }
        #expect(leftovers.isEmpty)
    }

    /// A fix can uncover a longer name: with the Cyrillic "а" in "Cuа"
    /// fixed, "Cua khau Dong Hung" is the border gate's name without its
    /// diacritics. `--fix` fixes in rounds, so one run leaves nothing that
    /// a second would change (found by fuzzing `--fix`).
    @Test func fixFollowsWhatAFixUncovers() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("gate.txt", "Hàng hóa qua Cu\u{430} khau Dong Hung tăng mạnh.\n")
        let dryRun = try desk.check(["--fix", "--dry-run", "gate.txt"])
        #expect(dryRun.stdout.contains("+Hàng hóa qua Cửa khẩu Đông Hưng tăng mạnh.\n"))
        let fixed = try desk.check(["--fix", "gate.txt"])
        #expect(fixed.status == 0)
        #expect(fixed.stdout == "")
        #expect(try desk.read("gate.txt") == "Hàng hóa qua Cửa khẩu Đông Hưng tăng mạnh.\n")
        #expect(try desk.check(["gate.txt"]).stdout == "")
    }

    @Test func houseStyleIsFoundUpward() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write(".nomen.toml", "tone = \"new\"\n[rules]\ndeprecated-name = \"off\"\n")
        try desk.write("desk/2026/story.txt", "Tỉnh Thanh Hóa đón khách từ Saigon.\n")
        let result = try desk.check(["desk"])
        #expect(result.stdout == "desk/2026/story.txt:1:12: warning[tone-placement]: Hóa: the house style places tone marks new-style (kiểu mới) (Hoá)\n")

        try desk.write(".nomen.toml", "tone = \"sideways\"\n")
        let broken = try desk.check(["desk"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains(".nomen.toml: tone must be \"old\" or \"new\""))
    }

    @Test func baselineShowsOnlyNewFindings() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("old.txt", "Tourists flock to Saigon.\n")
        let update = try desk.check(["--baseline", "baseline.json", "--update-baseline", "old.txt"])
        #expect(update.status == 0)
        #expect(try desk.check(["--baseline", "baseline.json", "old.txt"]).stdout == "")
        try desk.write("old.txt", "Tourists flock to Saigon.\nAnd Peking too.\n")
        let again = try desk.check(["--baseline", "baseline.json", "old.txt"])
        #expect(again.stdout.hasPrefix("old.txt:2:5: warning[deprecated-name]: Peking"))
    }

    @Test func inconsistentNamesAcrossFiles() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("a.txt", "Premier Li Qiang met Luong Cuong in Hanoi.\n")
        try desk.write("b.txt", "Later, Lương Cường flew to Beijing.\n")
        #expect(try desk.check(["--lang", "en", "a.txt", "b.txt"]).stdout == "")
        let across = try desk.check(["--lang", "en", "--across-files", "a.txt", "b.txt"])
        #expect(across.stdout == "b.txt:1:8: warning[inconsistent-name]: Luong Cuong is written in 2 forms in these files: Luong Cuong (1), Lương Cường (1) (Luong Cuong)\n")
    }

    @Test func markdownCodeAndSuppressionsAreSkipped() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("notes.md", """
            # Saigon notes <!-- nomen-ignore deprecated-name -->

            Run `grep Saigon` to find them:

            ```
            Saigon
            ```

            <!-- nomen-ignore-next-line -->
            Saigon again.
            Saigon once more.

            """)
        let result = try desk.check(["notes.md"])
        #expect(result.stdout.split(separator: "\n").map { $0.prefix(12) } == ["notes.md:11:"])
    }

    @Test func fixesLeaveLinksAttributesAndFrontMatterAlone() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("l.md", """
            ---
            title: Saigon rail
            ---
            Read [the story](https://example.com/Saigon-Hanoi-rail "Saigon") now, or <https://example.com/Saigon>.
            <span title="Saigon">Tourists</span> flock to Saigon.

            """)
        let dryRun = try desk.check(["l.md", "--fix", "--dry-run"])
        #expect(dryRun.stdout == """
            --- l.md
            +++ l.md
            @@ -2,4 +2,4 @@
             title: Saigon rail
             ---
             Read [the story](https://example.com/Saigon-Hanoi-rail "Saigon") now, or <https://example.com/Saigon>.
            -<span title="Saigon">Tourists</span> flock to Saigon.
            +<span title="Saigon">Tourists</span> flock to Ho Chi Minh City.

            """)
        try desk.write("t.html", "<p><a href=\"/Saigon\" title=\"Saigon\">Tourists</a> flock to Saigon.<!-- Saigon --></p>\n")
        _ = try desk.check(["t.html", "--fix"])
        #expect(try desk.read("t.html") == "<p><a href=\"/Saigon\" title=\"Saigon\">Tourists</a> flock to Ho Chi Minh City.<!-- Saigon --></p>\n")
    }

    @Test func inputErrors() throws {
        let desk = try Desk()
        defer { desk.remove() }
        let usage = try desk.check(["--dry-run", "x.txt"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("Error: --dry-run goes with --fix."))
        let noJobs = try desk.check(["--jobs", "0", "x.txt"])
        #expect(noJobs.status == 2)
        #expect(noJobs.stderr.hasPrefix("Error: --jobs must be at least 1."))
        try Data([0x48, 0x61, 0xFF, 0x0A]).write(to: desk.directory.appendingPathComponent("garbage.txt"))
        let garbage = try desk.check(["garbage.txt"])
        #expect(garbage.status == 2)
        #expect(garbage.stderr.hasSuffix("nomen: error: garbage.txt: invalid UTF-8 at byte 2 (use --replace-invalid to read it with U+FFFD)\nnomen: checked 1 file: 1 error, 0 warnings, 0 info\n"))
        #expect(garbage.stdout == "garbage.txt:1:3: error[encoding]: invalid UTF-8 at byte 2; the file was not checked (--replace-invalid reads it with U+FFFD)\n")
        // In a folder, the other files are still checked; the exit status says a file failed.
        try desk.write("folder/a.txt", "Tourists flock to Saigon.\n")
        try Data([0x48, 0x61, 0xFF, 0x0A]).write(to: desk.directory.appendingPathComponent("folder/b.txt"))
        try desk.write("folder/c.txt", "And Peking too.\n")
        let folder = try desk.check(["folder"])
        #expect(folder.status == 2)
        #expect(folder.stdout.split(separator: "\n").map { $0.prefix(while: { $0 != " " }) } == [
            "folder/a.txt:1:19:", "folder/b.txt:1:3:", "folder/c.txt:1:5:"])
        // The same input options as annotate: --replace-invalid, and "plain" still names text.
        let replaced = try desk.check(["--replace-invalid", "--input-format", "plain", "garbage.txt"])
        #expect(replaced.status == 0)
        #expect(replaced.stderr == "nomen: warning: garbage.txt: invalid UTF-8 from byte 2 replaced with U+FFFD\nnomen: checked 1 file: 0 errors, 0 warnings, 0 info\n")
        let jsonl = try desk.check(["--input-format", "jsonl", "garbage.txt"])
        #expect(jsonl.status == 2 && jsonl.stderr.hasPrefix("Error: check reads text, html or markdown; JSONL input is for annotate."))
        let legacy = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NomenNormalizationTests/Fixtures/legacy/p1-da-nang.vni.bin").standardized
        let vni = try desk.check([legacy.path])
        #expect(vni.status == 1)
        #expect(vni.stdout.contains(":1:1: error[encoding]: the file is not UTF-8; it looks like VNI"))
    }

    /// In CI: a summary line on stderr, --fail-on, and no files is an error.
    @Test func continuousIntegration() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("news/a.txt", "Tourists flock to Saigon.\n")
        try desk.write("news/b.txt", "Chủ tịch nước Lương Cuờng tiếp đoàn, trước đây là Sài Gòn.\n")
        try desk.write("news/c.txt", "Nothing to see.\n")
        let all = try desk.check(["news"])
        #expect(all.status == 1)
        #expect(all.stderr.hasSuffix("\nnomen: checked 3 files: 1 error, 1 warning, 1 info\n"))
        let warnings = try desk.check(["news/a.txt"])
        #expect(warnings.status == 0 && warnings.stderr == "nomen: checked 1 file: 0 errors, 1 warning, 0 info\n")
        #expect(try desk.check(["--fail-on", "warning", "news/a.txt"]).status == 1)
        #expect(try desk.check(["--fail-on", "warning", "news/c.txt"]).status == 0)
        #expect(try desk.check(["--fail-on", "error", "news/a.txt"]).status == 0)
        let none = try desk.check(["news", "--include", "*.md"])
        #expect(none.status == 2)
        #expect(none.stderr == "nomen: error: no files matched in news (see --include, --exclude, .gitignore)\n")
    }

    @Test func colourOnRequestUnlessNoColor() throws {
        let desk = try Desk()
        defer { desk.remove() }
        try desk.write("a.txt", "Tourists flock to Saigon.\n")
        #expect(try desk.check(["--color", "always", "a.txt"]).stdout.contains("\u{1B}[33mwarning\u{1B}[0m"))
        #expect(!(try desk.check(["a.txt"]).stdout.contains("\u{1B}[")))
    }
}
