/// Turning bytes that claim to be UTF-8 into text, strictly or with
/// replacement.
public enum TextDecoding {
    /// Decodes UTF-8, throwing at the first ill-formed byte. A leading
    /// byte-order mark is kept (it is a character of the text).
    public static func strictUTF8(_ bytes: [UInt8]) throws(InvalidUTF8) -> String {
        let invalid = bytes.withUnsafeBufferPointer { UTF8Decoding.firstInvalidOffset(in: $0) }
        if let invalid { throw InvalidUTF8(byteOffset: invalid) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes UTF-8, replacing each ill-formed sequence with U+FFFD; also
    /// returns the offset of the first one (nil when there was none).
    public static func replacingUTF8(_ bytes: [UInt8]) -> (text: String, firstInvalid: Int?) {
        let invalid = bytes.withUnsafeBufferPointer { UTF8Decoding.firstInvalidOffset(in: $0) }
        return (String(decoding: bytes, as: UTF8.self), invalid)
    }
}
