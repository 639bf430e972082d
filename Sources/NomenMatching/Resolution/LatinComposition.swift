@_spi(Performance) import NomenNormalization

/// Canonical composition (NFC) without ICU for what a surface written in
/// NFD is made of: `SimpleCase` scalars, each letter followed by at most two
/// combining diacritics (U+0300–U+036F, in canonical order), and white
/// space, whose runs become one space. `Search.Surface` composes such a
/// surface once to compare it with a key's names by bytes; going through
/// ICU and `String` cost about 23,000 instructions a surface, this a few
/// hundred. Anything else is answered nil and left to ICU.
enum LatinComposition {
    /// A letter and up to two marks in one word: the letter's scalar, then
    /// each mark's offset from U+02FF in seven bits (0 for no mark).
    @inline(__always)
    private static func key(_ letter: UInt32, _ first: UInt32, _ second: UInt32) -> UInt64 {
        UInt64(letter) | UInt64(first == 0 ? 0 : first - 0x2FF) << 21 | UInt64(second == 0 ? 0 : second - 0x2FF) << 28
    }

    /// Each precomposed Latin letter of `SimpleCase` (U+00C0–U+024F,
    /// U+1E00–U+1EFF) under the key of its canonical decomposition, when
    /// that is a letter and one or two marks and composes back to it. Made
    /// from ICU's NFD and NFC, one call each for all the letters; nil if ICU
    /// fails (then every surface goes to ICU itself).
    private static let composed: [UInt64: UInt32]? = {
        let letters = (UInt32(0xC0)...0x24F).filter(SimpleCase.contains) + (UInt32(0x1E00)...0x1EFF).filter(SimpleCase.contains)
        let joined = letters.map { String(Unicode.Scalar($0)!) }.joined(separator: "\n")
        guard let decomposed = try? UnicodeNormalizer.normalize(joined, to: .nfd),
              let recomposed = try? UnicodeNormalizer.normalize(decomposed, to: .nfc), recomposed == joined
        else { return nil }
        let pieces = decomposed.split(separator: "\n", omittingEmptySubsequences: false)
        guard pieces.count == letters.count else { return nil }
        var table: [UInt64: UInt32] = [:]
        for (letter, piece) in zip(letters, pieces) {
            let scalars = piece.unicodeScalars.map(\.value)
            guard scalars.count >= 2, scalars.count <= 3, SimpleCase.contains(scalars[0]),
                  scalars.dropFirst().allSatisfy({ $0 >= 0x300 && $0 <= 0x36F }) else { continue }
            table[key(scalars[0], scalars[1], scalars.count == 3 ? scalars[2] : 0)] = letter
        }
        return table
    }()

    /// `bytes` (UTF-8) in NFC, each run of white space one space and none at
    /// either end; nil when it holds anything but the scalars above, marks
    /// in another order or on another letter, or more than two marks.
    static func compose(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let table = composed else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var pendingSpace = false
        while index < bytes.count {
            let (scalar, length) = bytes[index] < 0x80 ? (UInt32(bytes[index]), 1) : UTF8Scalar.decode(bytes, at: index)
            index += length
            if WhiteSpace.contains(scalar) {
                pendingSpace = !output.isEmpty
                continue
            }
            // A mark with no letter before it (first, or after white space) is not simple either.
            guard SimpleCase.contains(scalar) else { return nil }
            var first: UInt32 = 0, second: UInt32 = 0
            // U+0300–U+036F are CC 80 … CD AF in UTF-8.
            while index + 1 < bytes.count && (bytes[index] == 0xCC || (bytes[index] == 0xCD && bytes[index + 1] <= 0xAF)) {
                let mark = UInt32(bytes[index] & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                if first == 0 { first = mark } else if second == 0 { second = mark } else { return nil }
                index += 2
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            var letter = scalar
            if first != 0 {
                guard let precomposed = table[key(scalar, first, second)] else { return nil }
                letter = precomposed
            }
            UTF8Scalar.append(letter, to: &output)
        }
        return output
    }
}
