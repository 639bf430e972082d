import Foundation
import Testing
@testable import NomenMatching

/// One dialect of path patterns, gitignore's, for --include, --exclude,
/// .nomen.toml's skip and .gitignore files.
@Suite struct PathPatternTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let patterns: [String]
        let path: String
        let isDirectory: Bool
        let matches: Bool
        init(_ patterns: [String], _ path: String, directory: Bool = false, _ matches: Bool) {
            self.patterns = patterns
            self.path = path
            isDirectory = directory
            self.matches = matches
        }
        var testDescription: String { "\(patterns) \(path) → \(matches)" }
    }

    static let cases: [Case] = [
        // A name at any depth; * does not cross folders.
        Case(["*.log"], "a.log", true), Case(["*.log"], "x/y/a.log", true), Case(["*.log"], "a.log.txt", false),
        Case(["news/*.md"], "news/a.md", true), Case(["news/*.md"], "news/2026/a.md", false),
        Case(["news/**/*.md"], "news/2026/05/a.md", true), Case(["news/**/*.md"], "news/a.md", true),
        Case(["**/drafts"], "a/b/drafts/x.txt", true), Case(["archive/**"], "archive/2019/a.txt", true),
        // Anchored with a leading slash; folders match everything in them.
        Case(["/build"], "build/x.txt", true), Case(["/build"], "src/build/x.txt", false),
        Case(["drafts"], "a/drafts/x.txt", true), Case(["drafts/"], "a/drafts", directory: true, true),
        Case(["drafts/"], "drafts", false),
        // ? and sets; a negation re-includes, but not under an excluded folder.
        Case(["a?.txt"], "ab.txt", true), Case(["a?.txt"], "a/.txt", false),
        Case(["[abc]*.md"], "b1.md", true), Case(["[!abc]*.md"], "b1.md", false), Case(["[0-9].md"], "7.md", true),
        Case(["*.html", "!keep.html"], "keep.html", false), Case(["*.html", "!keep.html"], "x.html", true),
        Case(["out/", "!out/keep.txt"], "out/keep.txt", true),
        // Comments, blank lines and quoting.
        Case(["# *.txt", "", "\\#x"], "a.txt", false), Case(["\\#x"], "#x", true),
    ]

    @Test(arguments: cases)
    func gitignoreDialect(_ test: Case) {
        #expect(PathPatternList(test.patterns).matches(test.path, isDirectory: test.isDirectory) == test.matches)
    }

    /// Walking a folder honours its .gitignore files, and those above it up
    /// to the work tree's root; --exclude speaks the same dialect.
    @Test func walkingHonoursGitignore() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for name in ["news/a.md", "news/b.min.html", "news/drafts/c.md", "news/2026/d.md", "news/2026/e.log", "news/keep.log"] {
            let url = folder.url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Hanoi\n".utf8).write(to: url)
        }
        try folder.write(".gitignore", Array("*.log\n!keep.log\n".utf8))
        try folder.write("news/.gitignore", Array("drafts/\n/*.min.html\n".utf8))
        let news = folder.url.appendingPathComponent("news").path
        let relative = { (paths: [String]) in paths.map { String($0.dropFirst(news.count + 1)) } }
        #expect(relative(try InputFiles.expand([news])) == ["2026/d.md", "a.md", "keep.log"])
        #expect(relative(try InputFiles.expand([news], exclude: ["2026/"])) == ["a.md", "keep.log"])
        #expect(relative(try InputFiles.expand([news], include: ["*.md"])) == ["2026/d.md", "a.md"])
        #expect(relative(try InputFiles.expand([news], honourGitignore: false)).count == 6)
    }

    /// Links are followed (to a file, to a folder); a broken one is skipped.
    @Test func walkingFollowsLinks() throws {
        let folder = try ScratchFolder()
        let shared = try ScratchFolder()
        try shared.write("hue.txt", Array("Huế\n".utf8))
        try folder.write("hanoi.txt", Array("Hà Nội\n".utf8))
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("linked.txt").path,
                                       withDestinationPath: shared.url.appendingPathComponent("hue.txt").path)
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("shared").path, withDestinationPath: shared.url.path)
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("broken.txt").path, withDestinationPath: "nowhere.txt")
        let found = try InputFiles.expand([folder.url.path], honourGitignore: false)
        #expect(found.map { String($0.dropFirst(folder.url.path.count + 1)) } == ["hanoi.txt", "linked.txt", "shared/hue.txt"])
    }
}
