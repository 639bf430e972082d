/// Turning bytes that claim to be UTF-8 into text, strictly or with
/// replacement.
public enum TextDecoding {
    /// Decodes UTF-8, throwing at the first ill-formed byte. A leading
    /// byte-order mark is kept (it is a character of the text).
    public static func strictUTF8(_ bytes: [UInt8]) throws(InvalidUTF8) -> String {
        // The standard library validates as it copies; the offset is looked
        // for only when it refuses (validating first, then decoding, read a
        // 50 MB text twice).
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let invalid = firstInvalidUTF8(in: bytes) { throw InvalidUTF8(byteOffset: invalid) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes UTF-8, replacing each ill-formed sequence with U+FFFD; also
    /// returns the offset of the first one (nil when there was none).
    public static func replacingUTF8(_ bytes: [UInt8]) -> (text: String, firstInvalid: Int?) {
        (String(decoding: bytes, as: UTF8.self), firstInvalidUTF8(in: bytes))
    }

    /// The offset (from the start of `bytes`) of the first ill-formed UTF-8
    /// sequence (Unicode 15.0, §3.9, table 3-7: no overlongs, no surrogates,
    /// nothing above U+10FFFF), or nil when `bytes` is well-formed.
    public static func firstInvalidUTF8(in bytes: some Collection<UInt8>) -> Int? {
        if let offset = bytes.withContiguousStorageIfAvailable({ UTF8Decoding.firstInvalidOffset(in: $0) }) {
            return offset
        }
        return Array(bytes).withUnsafeBufferPointer { UTF8Decoding.firstInvalidOffset(in: $0) }
    }
}
