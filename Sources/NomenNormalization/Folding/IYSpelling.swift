/// Vietnamese writes the final vowel of some open syllables as either i or y
/// (lí/lý, kĩ/kỹ, Mĩ/Mỹ, Hi/Hy, quí/quý). The fold maps such a y to i so both
/// spellings share one key.
///
/// Only a y that is the whole rhyme of a word is rewritten: it must end the
/// word and follow, from the word's start, one of the onsets after which the
/// variation is written (b d h k l m n qu r s t v x). So tay/tai, may/mai,
/// tuy/tui and Nguyen stay distinct.
///
/// It works on folded text (ASCII letters after the fold), in place, and
/// never changes a byte count, so offset maps stay valid.
public enum IYSpelling {
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        // ASCII letters and digits, and every byte of a non-ASCII character.
        byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || (byte >= 0x41 && byte <= 0x5A)
    }

    @inline(__always)
    static func isSingleLetterOnset(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "h"), UInt8(ascii: "k"),
             UInt8(ascii: "l"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "r"),
             UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "v"), UInt8(ascii: "x"):
            true
        default:
            false
        }
    }

    /// Rewrites, in `bytes`, each word-final y that forms the whole rhyme.
    @_spi(Performance) public static func canonicalize(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
        canonicalize(bytes, yIn: 0..<bytes.count)
    }

    /// Rewrites the y of `bytes[range]` alone, reading the bytes around it
    /// (so a text folded a block at a time is rewritten as it grows; the
    /// byte after the range must be in `bytes` unless the text ends there).
    @_spi(Performance) public static func canonicalize(_ bytes: UnsafeMutableBufferPointer<UInt8>, yIn range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the buffer")
        let count = range.upperBound
        guard let base = bytes.baseAddress else { return }
        var index = range.lowerBound
        // Eight bytes at a time while looking for a y: most words have none.
        while index + 8 <= count {
            var found = ByteWord.bytes(of: ByteWord.load(base + index), equalTo: UInt8(ascii: "y"))
            while found != 0 {
                rewriteIfWholeRhyme(bytes, yAt: index + found.trailingZeroBitCount / 8)
                found &= found &- 1
            }
            index += 8
        }
        while index < count {
            if bytes[index] == UInt8(ascii: "y") { rewriteIfWholeRhyme(bytes, yAt: index) }
            index += 1
        }
    }

    /// Rewrites the y at `index` to i when it ends its word and forms the whole rhyme.
    @inline(__always)
    private static func rewriteIfWholeRhyme(_ bytes: UnsafeMutableBufferPointer<UInt8>, yAt index: Int) {
        if index + 1 == bytes.count || !isWordByte(bytes[index + 1]), onsetPrecedes(bytes, yAt: index) {
            bytes[index] = UInt8(ascii: "i")
        }
    }

    @inline(__always)
    static func onsetPrecedes(_ bytes: UnsafeMutableBufferPointer<UInt8>, yAt index: Int) -> Bool {
        func startsWord(_ position: Int) -> Bool {
            position == 0 || !isWordByte(bytes[position - 1])
        }
        if index >= 1, isSingleLetterOnset(bytes[index - 1]), startsWord(index - 1) {
            return true
        }
        if index >= 2, bytes[index - 2] == UInt8(ascii: "q"), bytes[index - 1] == UInt8(ascii: "u"),
           startsWord(index - 2)
        {
            return true
        }
        return false
    }

    /// The same rewrite on a string.
    public static func canonicalize(_ text: String) -> String {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { canonicalize($0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
