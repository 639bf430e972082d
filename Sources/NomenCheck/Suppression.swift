import Foundation

/// Inline suppression markers, written in the text (inside a comment in HTML
/// and Markdown: `<!-- nomen-ignore-next-line -->`):
///
/// - `nomen-ignore-next-line` silences every rule on the next line;
///   `nomen-ignore-next-line RULE[,RULE…]` only those rules.
/// - `nomen-ignore RULE[,RULE…]` silences those rules on its own line;
///   `nomen-ignore` alone, every rule on its line.
struct Suppressions {
    /// line (1-based) → rules silenced there; an empty set means all rules.
    private var silenced: [Int: Set<CheckRule>?] = [:]

    init(_ source: SourceText) {
        // Most texts have no marker at all: look for one in the bytes first.
        guard Self.contains(Array("nomen-ignore".utf8), in: source.bytes) else { return }
        for (index, range) in source.lineRanges.enumerated() {
            let line = source.slice(range)
            guard let markerRange = line.range(of: "nomen-ignore") else { continue }
            var rest = line[markerRange.upperBound...]
            var target = index + 1
            if rest.hasPrefix("-next-line") {
                rest = rest.dropFirst("-next-line".count)
                target = index + 2
            }
            let words = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            let rules = Set(words.compactMap { CheckRule(rawValue: String($0)) })
            add(line: target, rules: rules.isEmpty ? nil : rules)
        }
    }

    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        // The first byte found by the C library's memchr (many bytes at a
        // time): a byte loop took a twentieth of a second on 50 MB.
        return haystack.withUnsafeBufferPointer { haystack in
            guard let base = haystack.baseAddress else { return false }
            let last = haystack.count - needle.count
            var index = 0
            while index <= last {
                guard let found = memchr(base + index, Int32(needle[0]), last + 1 - index) else { return false }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
                index += 1
            }
            return false
        }
    }

    private mutating func add(line: Int, rules: Set<CheckRule>?) {
        guard let rules else { silenced[line] = .some(nil); return }
        if let existing = silenced[line] {
            guard let existingRules = existing else { return }  // already all
            silenced[line] = existingRules.union(rules)
        } else {
            silenced[line] = rules
        }
    }

    /// No marker in the text.
    var isEmpty: Bool { silenced.isEmpty }

    func silences(_ finding: Finding) -> Bool {
        guard let entry = silenced[finding.line] else { return false }
        guard let rules = entry else { return true }
        return rules.contains(finding.rule)
    }
}
