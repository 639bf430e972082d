import NomenMatching
import NomenNormalization

/// HTML and Markdown masking, on arbitrary bytes (the first byte picks which).
///
/// - The masked bytes have the source's length, so offsets still refer to it.
/// - Well-formed UTF-8 stays well-formed.
/// - Masking only blanks bytes (to spaces) or decodes a character reference
///   in place: every changed byte is a space, or lies in a run that starts
///   with the `&` of a reference in the source.
/// - Masking is deterministic.

enum MarkupProperties {
    static func check(_ bytes: [UInt8]) throws {
        guard let mode = bytes.first else { return }
        let source = Array(bytes.dropFirst())
        let format: InputFormat = mode & 1 == 0 ? .html : .markdown
        var masked = source
        format.mask(&masked)
        try require(masked.count == source.count, "\(format) masking keeps the length",
                    "\(source.count) → \(masked.count)")
        if TextDecoding.firstInvalidUTF8(in: source) == nil {
            try require(TextDecoding.firstInvalidUTF8(in: masked) == nil, "\(format) masking keeps UTF-8 well-formed",
                        "bad byte at \(TextDecoding.firstInvalidUTF8(in: masked) ?? -1)")
        }
        var again = source
        format.mask(&again)
        try require(again == masked, "\(format) masking is deterministic")
        // Every changed byte is a space, or inside a reference of the source.
        let inReference = referenceSpans(source)
        for index in source.indices where masked[index] != source[index] && masked[index] != 0x20 {
            try require(inReference[index], "\(format) masking changes bytes only to spaces or in a reference",
                        "byte \(index): \(source[index]) → \(masked[index])")
        }
    }

    /// Which bytes belong to a character reference as HTML writes them:
    /// `&`, up to 32 ASCII letters, digits or `#`, `;`.
    private static func referenceSpans(_ bytes: [UInt8]) -> [Bool] {
        var covered = [Bool](repeating: false, count: bytes.count)
        for start in bytes.indices where bytes[start] == UInt8(ascii: "&") {
            var close = start + 1
            while close < bytes.count && close - start <= 32 && isReferenceByte(bytes[close]) { close += 1 }
            guard close < bytes.count, bytes[close] == UInt8(ascii: ";"), close > start + 1 else { continue }
            for index in start...close { covered[index] = true }
        }
        return covered
    }

    private static func isReferenceByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == UInt8(ascii: "#")
    }
}
