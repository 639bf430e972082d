/// Eight bytes of text in one little-endian `UInt64`, for the loops that
/// look at every byte of a document (the fold, the i/y rule, the search's
/// skipping of words): they ask a question of a whole word and go byte by
/// byte only where it says yes. Each answer has the high bit of a byte set
/// for each byte it holds for. Inlinable, so other modules' loops use it at
/// full speed.
@_spi(Performance) public enum ByteWord {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    public static let high: UInt64 = 0x8080_8080_8080_8080

    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }

    /// The bytes of `word` equal to `byte` (exact for every byte: no carries).
    @inlinable @inline(__always)
    public static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* ones)
        return ~((x & ~high) &+ ~high | x) & high
    }

    /// The bytes below `limit` (at most 0x80), for a word with no byte of
    /// 0x80 or more (exact: adding stays inside each byte).
    @inlinable @inline(__always)
    public static func bytes(of word: UInt64, below limit: UInt8) -> UInt64 {
        ~(word &+ UInt64(0x80 - limit) &* ones) & high
    }

    /// The bytes in `lower...upper` (both below 0x80), for a word with no
    /// byte of 0x80 or more.
    @inlinable @inline(__always)
    public static func bytes(of word: UInt64, in lower: UInt8, _ upper: UInt8) -> UInt64 {
        (word &+ UInt64(0x80 - lower) &* ones) & ~(word &+ UInt64(0x7F - upper) &* ones) & high
    }

    /// The bytes that are ASCII letters, either case (any word: bytes of
    /// 0x80 or more are masked before the test and left out after it).
    @inlinable @inline(__always)
    public static func asciiLetters(_ word: UInt64) -> UInt64 {
        bytes(of: (word & ~high) | (0x20 &* ones), in: 0x61, 0x7A) & ~word
    }

    /// The bytes that are ASCII digits (any word).
    @inlinable @inline(__always)
    public static func asciiDigits(_ word: UInt64) -> UInt64 {
        bytes(of: word & ~high, in: 0x30, 0x39) & ~word
    }

    /// How many bytes from the first an answer holds for before the first
    /// it does not, 0 to 8.
    @inlinable @inline(__always)
    public static func leadingRun(_ answer: UInt64) -> Int {
        let others = ~answer & high
        return others == 0 ? 8 : others.trailingZeroBitCount / 8
    }
}
