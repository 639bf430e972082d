/// JSON written straight into a byte buffer: no intermediate `String` per
/// value. String literals are escaped as `AnnotationRendering.quoted`
/// escapes them (`"`, `\`, control characters, U+2028 and U+2029); most
/// texts need none, and go in as their UTF-8 bytes at once.
public struct JSONBytes {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Bytes that are JSON syntax already.
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A value that is JSON already (a number or literal written elsewhere).
    public mutating func append(raw text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func append(number: Int) {
        if number < 0 {
            bytes.append(UInt8(ascii: "-"))
            // The magnitude of Int.min does not fit in an Int: write its digits from a UInt.
            append(digits: UInt(bitPattern: ~number) &+ 1)
        } else {
            append(digits: UInt(number))
        }
    }

    private mutating func append(digits value: UInt) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// A JSON string literal of `text`.
    public mutating func append(quoted text: String) {
        var text = text
        text.withUTF8 { append(quotedUTF8: $0) }
    }

    /// A JSON string literal of UTF-8 bytes (a string of the compiled
    /// glossary, written without making a `String` of it).
    mutating func append(quotedUTF8 utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        // 0xE2 leads U+2028 and U+2029; anything else at or above 0x20 but " and \ goes as it is.
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
            bytes.append(contentsOf: utf8)
        } else {
            let escaped = AnnotationRendering.quoted(String(decoding: utf8, as: UTF8.self)).utf8
            bytes.append(contentsOf: escaped.dropFirst().dropLast())
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func append(quotedUTF8 utf8: ArraySlice<UInt8>) {
        utf8.withUnsafeBufferPointer { append(quotedUTF8: $0) }
    }

    /// A string literal, or `null`.
    public mutating func append(quotedOrNull text: String?) {
        if let text { append(quoted: text) } else { append("null") }
    }
}
