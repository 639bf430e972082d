@_spi(Performance) import NomenNormalization

/// A checked file's text with the positions `Finding`s need: lines, columns
/// in Unicode scalars, and UTF-8 offsets.
public struct SourceText: Sendable {
    public let path: String
    public let text: String
    public let bytes: [UInt8]
    /// UTF-8 offset of the start of each line.
    let lineStarts: [Int]
    /// The scalars before every `checkpointSpacing`-th byte, so that a
    /// column on a long line is counted from a checkpoint near it rather
    /// than from the line's start: a one-line file of 2 MiB with 55,000
    /// findings took 5.6 s, quadratic in the line's length. Empty when no
    /// line is longer than the spacing.
    let scalarCheckpoints: [Int]
    static let checkpointSpacing = 4096

    public init(path: String, text: String) {
        self.init(path: path, text: text, bytes: Array(text.utf8))
    }

    /// `bytes` must be `text`'s UTF-8 (a caller that decoded them has both:
    /// a 50 MB file is not copied again).
    init(path: String, text: String, bytes: [UInt8]) {
        self.path = path
        self.text = text
        self.bytes = bytes
        var starts = [0]
        var longestLine = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            longestLine = max(longestLine, offset + 1 - starts[starts.count - 1])
            starts.append(offset + 1)
        }
        longestLine = max(longestLine, bytes.count - starts[starts.count - 1])
        lineStarts = starts
        var checkpoints: [Int] = []
        if longestLine > Self.checkpointSpacing {
            checkpoints.reserveCapacity(bytes.count / Self.checkpointSpacing + 1)
            bytes.withUnsafeBufferPointer { buffer in
                var scalars = 0
                var start = 0
                while start <= buffer.count {
                    checkpoints.append(scalars)
                    let end = min(start + Self.checkpointSpacing, buffer.count)
                    scalars += ScalarCount.count(in: buffer, start..<end)
                    start += Self.checkpointSpacing
                }
            }
        }
        scalarCheckpoints = checkpoints
    }

    /// The index in `lineStarts` of the line a UTF-8 offset is on.
    func lineIndex(ofUTF8 offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// 1-based line and column (in scalars) of a UTF-8 offset.
    public func position(ofUTF8 offset: Int) -> (line: Int, column: Int) {
        let low = lineIndex(ofUTF8: offset)
        let lineStart = lineStarts[low]
        let end = max(lineStart, min(offset, bytes.count))
        var column = 1 + bytes.withUnsafeBufferPointer { buffer in
            guard end - lineStart > Self.checkpointSpacing, !scalarCheckpoints.isEmpty else {
                return ScalarCount.count(in: buffer, lineStart..<end)
            }
            return scalars(before: end, in: buffer) - scalars(before: lineStart, in: buffer)
        }
        // A byte-order mark is not a column.
        if lineStart == 0 && end >= 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { column -= 1 }
        return (low + 1, column)
    }

    /// The position of `offset`, given that of an `earlier` offset: on the
    /// same line, its column is counted from there (a finding's end from
    /// its start, a few bytes on, not from the line's start again).
    func position(ofUTF8 offset: Int, after earlierPosition: (line: Int, column: Int), at earlier: Int)
        -> (line: Int, column: Int) {
        // Before the third byte a byte-order mark may be being counted.
        guard earlier >= 3, earlier <= offset, offset <= bytes.count else { return position(ofUTF8: offset) }
        return bytes.withUnsafeBufferPointer { buffer in
            let range = UnsafeBufferPointer(rebasing: buffer[earlier..<offset])
            if range.contains(UInt8(ascii: "\n")) { return position(ofUTF8: offset) }
            return (earlierPosition.line, earlierPosition.column + ScalarCount.count(in: buffer, earlier..<offset))
        }
    }

    /// The scalars that start before a UTF-8 offset, from the nearest checkpoint.
    private func scalars(before offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        let checkpoint = min(offset / Self.checkpointSpacing, scalarCheckpoints.count - 1)
        return scalarCheckpoints[checkpoint]
            + ScalarCount.count(in: buffer, checkpoint * Self.checkpointSpacing..<offset)
    }

    /// The text of a UTF-8 range.
    public func slice(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The UTF-8 range of each line, without its line break.
    public var lineRanges: [Range<Int>] {
        lineStarts.indices.map(lineRange(at:))
    }

    /// The UTF-8 range of the line a UTF-8 offset is on, without its line
    /// break (found by bisection, not by listing every line).
    public func lineRange(containingUTF8 offset: Int) -> Range<Int> {
        lineRange(at: lineIndex(ofUTF8: offset))
    }

    private func lineRange(at index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    func finding(rule: CheckRule, severity: Severity, range: Range<Int>, message: String,
                 suggestion: String? = nil, entity: String? = nil, fix: String? = nil) -> Finding {
        let start = position(ofUTF8: range.lowerBound)
        let end = position(ofUTF8: range.upperBound, after: start, at: range.lowerBound)
        return Finding(
            path: path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
            rule: rule, severity: severity, message: message, text: slice(range), suggestion: suggestion,
            entity: entity, fix: fix.map { Replacement(utf8Range: range, text: $0) }, utf8Range: range)
    }
}

/// The words of a text (runs of letters, combining marks and digits) that
/// the word rules look at, as UTF-8 ranges, sorted out in one pass over
/// the bytes: most words are plain ASCII or Han and concern neither rule,
/// and a rule makes a `Substring` only of the words it looks at closely.
struct Words {
    /// Words with a scalar from U+00C0 to U+2E7F: the only ones that can
    /// carry a Vietnamese tone mark.
    var marked: [Range<Int>] = []
    /// Words that might hold a look-alike letter of another script: one
    /// with a letter typed for Đ (Ð ð Ɖ ɖ), or Latin letters beside a
    /// letter outside the Latin and Han ranges.
    var suspect: [Range<Int>] = []
    /// The start of each line with a scalar that is not certainly in NFC
    /// (`UnicodeNormalizer.isCertainlyNFC`), in order: the only lines the
    /// NFC rule needs to ask ICU about. Nil unless asked for.
    var uncertainNFCLines: [Int]? = nil

    init(_ bytes: [UInt8], findingUncertainNFCLines: Bool = false) {
        var uncertainLines: [Int] = []
        bytes.withUnsafeBufferPointer { bytes in
            var start = -1
            var isMarked = false, typedForD = false, hasLatin = false, hasOther = false
            var lineStart = 0, lastUncertainLine = -1
            var index = 0
            while index <= bytes.count {
                var isWordScalar = false
                var width = 1
                if index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        if Self.isASCIIWordByte(byte) {
                            // A run of ASCII letters and digits at once, eight bytes at a
                            // time while the text has them.
                            if start < 0 { start = index }
                            hasLatin = true
                            index += 1
                            while index + 8 <= bytes.count {
                                let chunk = ByteWord.load(bytes.baseAddress! + index)
                                let run = ByteWord.leadingRun(ByteWord.asciiLetters(chunk) | ByteWord.asciiDigits(chunk))
                                index += run
                                if run < 8 { break }
                            }
                            while index < bytes.count && Self.isASCIIWordByte(bytes[index]) { index += 1 }
                            continue
                        }
                        if byte == 0x0A { lineStart = index + 1 }
                    } else {
                        let value: UInt32
                        (value, width) = UTF8Scalar.decode(bytes, at: index)
                        if findingUncertainNFCLines && lineStart != lastUncertainLine && !UnicodeNormalizer.isCertainlyNFC(value) {
                            uncertainLines.append(lineStart)
                            lastUncertainLine = lineStart
                        }
                        isWordScalar = Self.isWordScalar(value)
                        if isWordScalar {
                            if value >= 0xC0 && value < 0x2E80 { isMarked = true }
                            switch value {
                            case 0xD0, 0xF0, 0x189, 0x256: typedForD = true
                            case 0..<0x250, 0x1E00...0x1EFF: hasLatin = true
                            case 0x300...0x36F, 0x2E80...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: break
                            default: hasOther = true
                            }
                        }
                    }
                }
                if isWordScalar {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    if isMarked { marked.append(start..<index) }
                    if typedForD || (hasOther && hasLatin) { suspect.append(start..<index) }
                    start = -1
                    isMarked = false; typedForD = false; hasLatin = false; hasOther = false
                }
                index += width
            }
        }
        if findingUncertainNFCLines { uncertainNFCLines = uncertainLines }
    }

    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Whether a scalar beyond ASCII belongs to a word.
    static func isWordScalar(_ value: UInt32) -> Bool {
        switch value {
        // Latin letters with marks (but × and ÷), Vietnamese, combining
        // marks, CJK: settled without a property look-up.
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x4E00...0x9FFF:
            return true
        // Punctuation frequent in news (— “ ” … in every language, ， 。 「 」 in
        // Chinese): blocks with no letter, digit or mark.
        case 0x2000...0x206F, 0x3000...0x3004, 0x3008...0x3020, 0xFF00...0xFF0F, 0xFF1A...0xFF20:
            return false
        default:
            guard let scalar = Unicode.Scalar(value) else { return false }
            let properties = scalar.properties
            return properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
        }
    }
}

/// A word's (or any short text's) UTF-8 bytes as a dictionary key, hashed as
/// bytes: a `String` or `Substring` key hashes its NFC form, which costs more
/// than the work it memoizes. Texts that differ only in normalization are
/// different keys, so use it where that only costs a second computation.
/// Up to 15 bytes are packed in two words; longer ones are kept whole.
struct WordKey: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var long: [UInt8] = []

    init(_ text: String) {
        self.init(text.utf8)
    }

    init(_ bytes: some Collection<UInt8>) {
        guard bytes.count <= 15 else {
            long = Array(bytes)
            return
        }
        for (position, byte) in bytes.enumerated() {
            if position < 8 { low |= UInt64(byte) << (8 * UInt64(position)) } else { high |= UInt64(byte) << (8 * UInt64(position - 8)) }
        }
        high |= UInt64(bytes.count) << 56
    }

    /// The two words, and a long key's bytes as one block: the synthesized
    /// hash fed the hasher one byte at a time.
    func hash(into hasher: inout Hasher) {
        hasher.combine(low)
        hasher.combine(high)
        if !long.isEmpty { long.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }
}
