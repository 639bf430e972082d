import Foundation
import Testing

/// `nomen check --fix` writes files only whole, and only files it may:
/// never through a symbolic link, over a read-only file, over a file
/// changed since it was read, or over a file it read with U+FFFD.
@Suite(.serialized) struct SafeFixTests {
    /// A Vietnamese paragraph with an Eth (Ð, U+00D0) for Đ, which --fix
    /// corrects, and an English one with a deprecated name it replaces.
    static func story(_ number: Int, paragraphs: Int = 1) -> String {
        (0..<paragraphs).map { paragraph in
            "Bài \(number).\(paragraph): Đoàn công tác của Bộ Ngoại giao đến Ðà Nẵng sáng nay.\n"
                + "Tourists flock to Saigon every December, and to Ðà Nẵng in summer.\n"
        }.joined()
    }

    @Test func refusesLinksReadOnlyAndReplacedTextButFixesTheRest() throws {
        let desk = try CheckCommandTests.Desk()
        defer { desk.remove() }
        try desk.write("ok.txt", Self.story(1))
        try desk.write("target.txt", Self.story(2))
        try FileManager.default.createSymbolicLink(atPath: desk.directory.appendingPathComponent("link.txt").path,
                                                   withDestinationPath: "target.txt")
        let readOnly = try desk.write("readonly.txt", Self.story(3))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readOnly)
        // Invalid UTF-8 read with --replace-invalid: writing it would change more than the fixes.
        let invalid = Array(Self.story(4).utf8) + [0xFF, 0x0A]
        try Data(invalid).write(to: desk.directory.appendingPathComponent("latin.txt"))

        let result = try desk.check(["--fix", "--replace-invalid", "ok.txt", "link.txt", "readonly.txt", "latin.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nomen: note: ok.txt: applied 3 fixes\n"))
        #expect(result.stderr.contains("nomen: error: link.txt: not rewritten: it is a symbolic link (to target.txt); replacing it would replace the link, so run --fix on the file it points to\n"))
        #expect(result.stderr.contains("nomen: error: readonly.txt: not rewritten: it is read-only (make it writable to apply the fixes)\n"))
        #expect(result.stderr.contains("nomen: error: latin.txt: not rewritten: it is not valid UTF-8, and writing the fixes would replace its invalid bytes with U+FFFD\n"))
        // The refused files' findings are still reported.
        #expect(result.stdout.contains("link.txt:2:19: warning[deprecated-name]: Saigon"))
        #expect(result.stdout.contains("readonly.txt:2:19: warning[deprecated-name]: Saigon"))
        #expect(try desk.read("ok.txt") == Self.story(1).replacingOccurrences(of: "Ð", with: "Đ")
            .replacingOccurrences(of: "Saigon", with: "Ho Chi Minh City"))
        #expect(try desk.read("target.txt") == Self.story(2))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: desk.directory.appendingPathComponent("link.txt").path) == "target.txt")
        #expect(try desk.read("readonly.txt") == Self.story(3))
        #expect(try Data(contentsOf: desk.directory.appendingPathComponent("latin.txt")) == Data(invalid))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: desk.directory.path).filter { $0.contains(".nomen-") }
        #expect(leftovers.isEmpty)
    }

    /// `--fix` over a folder killed with SIGKILL while it rewrites files
    /// (at random moments after the first file is replaced, seeded): every
    /// file is then its old text or its fixed text, never part of either.
    @Test func killedFixLeavesEachFileOldOrNew() throws {
        let desk = try CheckCommandTests.Desk()
        defer { desk.remove() }
        var random = SeededGenerator()
        let files = (0..<16).map { "news/story-\(String(format: "%02d", $0)).txt" }
        let originals = files.enumerated().map { Array(Self.story($0.offset, paragraphs: 150).utf8) }
        func restore() throws {
            for (name, bytes) in zip(files, originals) {
                let url = desk.directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
        }
        func contents() throws -> [[UInt8]] {
            try files.map { [UInt8](try Data(contentsOf: desk.directory.appendingPathComponent($0))) }
        }
        func inodes() -> [UInt64] {
            files.map { name in
                var info = stat()
                return lstat(desk.directory.appendingPathComponent(name).path, &info) == 0 ? UInt64(info.st_ino) : 0
            }
        }

        // One run that completes: the fixed text of each file, how long the
        // run takes and how long its rewriting lasts, from the first file
        // replaced to the end (the kills aim inside that window).
        try restore()
        let unfixed = inodes()
        let started = Date()
        let complete = try RunningNomen(["check", "--fix", "news"], directory: desk.directory)
        pause(600) { inodes() != unfixed || !complete.process.isRunning }
        let firstRename = Date()
        complete.process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let rewriting = Date().timeIntervalSince(firstRename)
        try #require(complete.process.terminationStatus == 0, "check --fix news exited \(complete.process.terminationStatus)")
        let fixed = try contents()
        #expect(zip(fixed, originals).allSatisfy { $0 != $1 })

        var outcomes: [String] = []
        for trial in 0..<4 {
            try restore()
            let before = inodes()
            let running = try RunningNomen(["check", "--fix", "news"], directory: desk.directory)
            // Wait until a random number of files (under half) are replaced,
            // then for a random part of one file's time: the kill lands
            // inside the rewriting however fast this run goes (a fraction
            // of the first run's time did not when the machine sped up).
            let target = Int.random(in: 1...(files.count / 2), using: &random)
            pause(seconds + 60) { zip(inodes(), before).filter { $0 != $1 }.count >= target || !running.process.isRunning }
            pause(Double.random(in: 0...(rewriting / Double(files.count)), using: &random))
            let killed = running.kill()
            let now = try contents()
            let torn = files.indices.filter { now[$0] != originals[$0] && now[$0] != fixed[$0] }
            #expect(torn.isEmpty, "trial \(trial), seed \(SeededGenerator.seed): half-written \(torn.map { files[$0] })")
            let rewritten = files.indices.filter { now[$0] == fixed[$0] }.count
            outcomes.append("\(killed ? "killed" : "finished") with \(rewritten)/\(files.count) rewritten")
            // A kill between creating a temporary file and renaming it leaves that file behind, hidden.
            let news = desk.directory.appendingPathComponent("news")
            for leftover in try FileManager.default.contentsOfDirectory(atPath: news.path) where leftover.contains(".nomen-") {
                #expect(leftover.hasPrefix(".story-"))
                try FileManager.default.removeItem(at: news.appendingPathComponent(leftover))
            }
        }
        print("killed --fix (seed \(SeededGenerator.seed), full run \(String(format: "%.1f", seconds)) s, rewriting "
              + "\(String(format: "%.1f", rewriting)) s): \(outcomes.joined(separator: "; "))")
        #expect(outcomes.filter { $0.hasPrefix("killed") && !$0.contains(" 0/") && !$0.contains(" \(files.count)/") }.count >= 2,
                "too few kills landed while files were being rewritten: \(outcomes)")
    }
}
