import Foundation

/// Test fixtures live beside the tests, under Fixtures/ (see the READMEs there).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    /// Rows of a tab-separated file with a header line; '#' lines are comments.
    static func tsv(_ relativePath: String) throws -> [[String]] {
        let lines = try text(relativePath).split(separator: "\n", omittingEmptySubsequences: true)
        return lines.dropFirst().filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
