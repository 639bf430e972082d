import Foundation

/// Accepted findings, so a team can adopt `nomen check` on an existing
/// archive and see only new findings.
///
/// A baseline is JSON: one entry per accepted finding, keyed by path, rule
/// and the text found, with a count (not a line number, so edits elsewhere
/// in the file do not resurface old findings). A finding is new when its
/// file has more occurrences of it than the baseline accepted.
public struct Baseline: Codable, Equatable, Sendable {
    public struct Entry: Codable, Hashable, Sendable {
        public var path: String
        public var rule: String
        public var text: String
        public var count: Int
    }

    public var version = 1
    public var entries: [Entry]

    public init(findings: [Finding]) {
        var counts: [Key: Int] = [:]
        for finding in findings { counts[Key(finding), default: 0] += 1 }
        entries = counts.map { Entry(path: $0.key.path, rule: $0.key.rule, text: $0.key.text, count: $0.value) }
            .sorted { ($0.path, $0.rule, $0.text) < ($1.path, $1.rule, $1.text) }
    }

    struct Key: Hashable {
        let path: String, rule: String, text: String
        init(_ finding: Finding) {
            path = finding.path
            rule = finding.rule.rawValue
            text = finding.text
        }
        init(_ entry: Entry) {
            path = entry.path
            rule = entry.rule
            text = entry.text
        }
    }

    /// The findings not accepted by the baseline, in their order.
    public func newFindings(_ findings: [Finding]) -> [Finding] {
        var allowance: [Key: Int] = [:]
        for entry in entries { allowance[Key(entry), default: 0] += entry.count }
        return findings.filter { finding in
            let key = Key(finding)
            if let left = allowance[key], left > 0 {
                allowance[key] = left - 1
                return false
            }
            return true
        }
    }

    public static func load(from url: URL) throws -> Baseline {
        try JSONDecoder().decode(Baseline.self, from: Data(contentsOf: url))
    }

    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
