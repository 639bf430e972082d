/// Reading one scalar of text already known to be well-formed UTF-8 (a
/// Swift `String`'s bytes, or bytes `FastFolder` has checked), without the
/// checks of `UTF8Decoding`: the scanners of the matcher and the linter call
/// it for every non-ASCII character.
@_spi(Performance) public enum UTF8Scalar {
    /// The scalar starting at `index` (a lead byte) and its length in bytes.
    /// A sequence cut short by the end of `text` reads as its lead byte alone.
    @inlinable @inline(__always)
    public static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = text[index]
        let count = text.count
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 {
            guard index + 1 < count else { return (UInt32(lead), 1) }
            return (UInt32(lead & 0x1F) << 6 | UInt32(text[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            guard index + 2 < count else { return (UInt32(lead), 1) }
            return (UInt32(lead & 0x0F) << 12 | UInt32(text[index + 1] & 0x3F) << 6 | UInt32(text[index + 2] & 0x3F), 3)
        }
        guard index + 3 < count else { return (UInt32(lead), 1) }
        return (UInt32(lead & 0x07) << 18 | UInt32(text[index + 1] & 0x3F) << 12
                | UInt32(text[index + 2] & 0x3F) << 6 | UInt32(text[index + 3] & 0x3F), 4)
    }

    /// Appends the UTF-8 of `scalar` (a valid scalar value) to `bytes`.
    @inlinable
    public static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(0xC0 | UInt8(scalar >> 6))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(0xE0 | UInt8(scalar >> 12))
            bytes.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        default:
            bytes.append(0xF0 | UInt8(scalar >> 18))
            bytes.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            bytes.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}
