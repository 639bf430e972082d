/// Input that is not well-formed UTF-8, with the byte offset of the first
/// ill-formed sequence (0-based, in the input as given).
public struct InvalidUTF8: Error, Equatable, CustomStringConvertible, Sendable {
    public let byteOffset: Int

    public init(byteOffset: Int) {
        self.byteOffset = byteOffset
    }

    public var description: String { "invalid UTF-8 at byte \(byteOffset)" }
}

/// Strict UTF-8 decoding (Unicode 15.0, §3.9, table 3-7): no overlongs, no
/// surrogates, nothing above U+10FFFF.
enum UTF8Decoding {
    /// Decodes the scalar starting at `index` of a non-ASCII lead byte.
    /// Returns the scalar value and its length, or nil when ill-formed.
    @inline(__always)
    static func decodeMultibyte(
        _ base: UnsafePointer<UInt8>, at index: Int, count: Int
    ) -> (value: UInt32, length: Int)? {
        let lead = UInt32(base[index])
        let available = count - index
        if lead >= 0xC2 && lead <= 0xDF {
            guard available >= 2 else { return nil }
            let c1 = UInt32(base[index + 1])
            guard c1 & 0xC0 == 0x80 else { return nil }
            return ((lead & 0x1F) << 6 | (c1 & 0x3F), 2)
        }
        if lead >= 0xE0 && lead <= 0xEF {
            guard available >= 3 else { return nil }
            let c1 = UInt32(base[index + 1]), c2 = UInt32(base[index + 2])
            guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80 else { return nil }
            let value = (lead & 0x0F) << 12 | (c1 & 0x3F) << 6 | (c2 & 0x3F)
            // No overlongs, no surrogates.
            guard value >= 0x800, value & 0xF800 != 0xD800 else { return nil }
            return (value, 3)
        }
        if lead >= 0xF0 && lead <= 0xF4 {
            guard available >= 4 else { return nil }
            let c1 = UInt32(base[index + 1]), c2 = UInt32(base[index + 2]), c3 = UInt32(base[index + 3])
            guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80, c3 & 0xC0 == 0x80 else { return nil }
            let value = (lead & 0x07) << 18 | (c1 & 0x3F) << 12 | (c2 & 0x3F) << 6 | (c3 & 0x3F)
            guard value >= 0x10000, value <= 0x10FFFF else { return nil }
            return (value, 4)
        }
        return nil
    }

    /// The offset of the first ill-formed sequence, or nil when all is well.
    /// The one UTF-8 validator: `TextDecoding` and the glossary readers call it.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = 0
        let count = bytes.count
        while index < count {
            if base[index] < 0x80 {
                index += 1
                // Eight ASCII bytes at a time: most text is mostly ASCII.
                while index &+ 8 <= count && ByteWord.load(base + index) & ByteWord.high == 0 { index &+= 8 }
            } else if let (_, length) = decodeMultibyte(base, at: index, count: count) {
                index += length
            } else {
                return index
            }
        }
        return nil
    }
}
