import Foundation

/// Applies the safe fixes of findings to a file's text (`FileReplacement`
/// writes the result back).
public enum Fixer {
    /// The text with every fix applied. Fixes that overlap an earlier one are
    /// left out (they will show again on the next run).
    public static func apply(_ findings: [Finding], to bytes: [UInt8]) -> (bytes: [UInt8], applied: Int) {
        let fixes = findings.compactMap(\.fix).sorted { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        var applied = 0
        for fix in fixes where fix.utf8Range.lowerBound >= position && fix.utf8Range.upperBound <= bytes.count {
            output += bytes[position..<fix.utf8Range.lowerBound]
            output += Array(fix.text.utf8)
            position = fix.utf8Range.upperBound
            applied += 1
        }
        output += bytes[position...]
        return (output, applied)
    }

    /// A unified diff (`diff -u` style, three lines of context) between two
    /// texts, for `--fix --dry-run`.
    /// The lines of a text, each with its line feed (CRLF lines keep their
    /// CR): the last has none when the text does not end with one. Split on
    /// bytes, since "\r\n" is one `Character`.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        let bytes = Array(text.utf8)
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            result.append(String(decoding: bytes[start...index], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }

    public static func unifiedDiff(path: String, old: String, new: String) -> String {
        guard old != new else { return "" }
        let a = lines(old), b = lines(new)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // The edit script: (" ", "-", "+"), with line numbers in a and b.
        var script: [(kind: Character, text: String, aLine: Int, bLine: Int)] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                script.append(("-", a[i], i, j)); i += 1
            } else if j < b.count, inserted.contains(j) {
                script.append(("+", b[j], i, j)); j += 1
            } else {
                script.append((" ", a[i], i, j)); i += 1; j += 1
            }
        }
        let changed = script.indices.filter { script[$0].kind != " " }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - 3)...min(script.count - 1, index + 3)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        var output = "--- \(path)\n+++ \(path)\n"
        for hunk in hunks {
            let lines = script[hunk]
            let aCount = lines.filter { $0.kind != "+" }.count
            let bCount = lines.filter { $0.kind != "-" }.count
            let first = lines.first!
            let aStart = aCount == 0 ? first.aLine : first.aLine + 1
            let bStart = bCount == 0 ? first.bLine : first.bLine + 1
            output += "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@\n"
            for line in lines {
                output += "\(line.kind)\(line.text)"
                if line.text.utf8.last != 0x0A { output += "\n\\ No newline at end of file\n" }
            }
        }
        return output
    }
}
