/// A checked file's text with the positions `Finding`s need: lines, columns
/// in Unicode scalars, and UTF-8 offsets.
public struct SourceText: Sendable {
    public let path: String
    public let text: String
    public let bytes: [UInt8]
    /// UTF-8 offset of the start of each line.
    let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// 1-based line and column (in scalars) of a UTF-8 offset.
    public func position(ofUTF8 offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        var column = 1
        var index = lineStart
        while index < offset && index < bytes.count {
            // Count scalars: every byte that is not a continuation byte.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    /// The text of a UTF-8 range.
    public func slice(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The UTF-8 range of each line, without its line break.
    public var lineRanges: [Range<Int>] {
        lineStarts.enumerated().map { index, start in
            var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
            if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return start..<max(start, end)
        }
    }

    func finding(rule: CheckRule, severity: Severity, range: Range<Int>, message: String,
                 suggestion: String? = nil, entity: String? = nil, fix: String? = nil) -> Finding {
        let start = position(ofUTF8: range.lowerBound)
        let end = position(ofUTF8: range.upperBound)
        return Finding(
            path: path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
            rule: rule, severity: severity, message: message, text: slice(range), suggestion: suggestion,
            entity: entity, fix: fix.map { Replacement(utf8Range: range, text: $0) }, utf8Range: range)
    }
}

/// Words of a text with their UTF-8 ranges: runs of letters, combining
/// marks and digits. One pass over the scalars (not grapheme clusters, which
/// cost far more on long texts).
enum Words {
    static func ranges(in text: String) -> [(range: Range<Int>, word: Substring)] {
        var result: [(Range<Int>, Substring)] = []
        let scalars = text.unicodeScalars
        var offset = 0
        var start: (offset: Int, index: String.Index)? = nil
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isWordScalar: Bool
            if scalar.value < 0x80 {
                let value = scalar.value
                isWordScalar = (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
            } else {
                switch scalar.value {
                // Latin letters with marks (but × and ÷), Vietnamese, combining
                // marks, CJK: settled without a property look-up.
                case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x4E00...0x9FFF:
                    isWordScalar = true
                default:
                    let properties = scalar.properties
                    isWordScalar = properties.isAlphabetic || properties.numericType != nil
                        || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
                }
            }
            if isWordScalar {
                if start == nil { start = (offset, index) }
            } else if let begun = start {
                result.append((begun.offset..<offset, Substring(scalars[begun.index..<index])))
                start = nil
            }
            offset += UTF8.width(scalar)
            index = scalars.index(after: index)
        }
        if let begun = start {
            result.append((begun.offset..<offset, Substring(scalars[begun.index...])))
        }
        return result
    }
}
