internal import CICU

/// A charset conversion that failed: the charset, what was asked, and where
/// in the input it stopped.
public struct CharsetConversionError: Error, Equatable, CustomStringConvertible, Sendable {
    /// ICU's converter name as given ("windows-1258").
    public let charset: String
    /// For decoding: offset of the first byte the charset does not define
    /// (0-based, in the input as given); nil when ICU did not say.
    public let byteOffset: Int?
    /// The ICU failure behind it (`U_INVALID_CHAR_FOUND`, `U_ILLEGAL_CHAR_FOUND`…).
    public let icu: ICUError

    public var description: String {
        if let byteOffset {
            return "\(icu.operation): byte \(byteOffset) is not defined in \(charset) (\(icu.name))"
        }
        return icu.description
    }
}

/// Decoding and encoding bytes in a named ICU charset, strictly: ICU's
/// converters are opened with the STOP callbacks, so a conversion is either
/// exact or fails at the first byte (or character) it cannot map.
///
/// ICU's mappings are used as they are. In particular `windows-1252` maps its
/// five undefined bytes 81 8D 8F 90 9D to U+0081 … U+009D and back (as
/// browsers do), which mojibake repair needs; Foundation's
/// `String.Encoding.windowsCP1252` does not (see Data/encodings/README.md).
/// `windows-1258` decodes byte by byte and does not compose tone marks: NFC
/// is the caller's job.
public enum CharsetConverter {
    /// Decodes `bytes` in `charset` (an ICU converter name or alias).
    public static func decode(_ bytes: [UInt8], charset: String) throws(CharsetConversionError) -> String {
        if bytes.isEmpty { return "" }
        var errorOffset: Int32 = -1
        do {
            let units = try bytes.withUnsafeBufferPointer { input throws(ICUError) -> [UInt16] in
                try input.withMemoryRebound(to: CChar.self) { source throws(ICUError) -> [UInt16] in
                    try withICUBuffer(
                        initialCapacity: bytes.count + 16, operation: "decode \(charset)"
                    ) { buffer, capacity, status in
                        nomen_icu_decode(charset, source.baseAddress, Int32(source.count),
                                         buffer, capacity, &errorOffset, &status)
                    }
                }
            }
            return String(icuUnits: units)
        } catch {
            throw CharsetConversionError(
                charset: charset, byteOffset: errorOffset >= 0 ? Int(errorOffset) : nil, icu: error)
        }
    }

    /// Encodes `text` in `charset`; fails on the first character the charset
    /// cannot represent (no substitution).
    public static func encode(_ text: String, charset: String) throws(CharsetConversionError) -> [UInt8] {
        let units = text.icuUnits
        if units.isEmpty { return [] }
        var capacity = units.count * 4 + 16
        for _ in 0..<2 {
            var status: Int32 = 0
            var result = [UInt8](repeating: 0, count: capacity)
            let length = result.withUnsafeMutableBufferPointer { output in
                output.withMemoryRebound(to: CChar.self) { dest in
                    nomen_icu_encode(charset, units, Int32(units.count),
                                     dest.baseAddress, Int32(dest.count), &status)
                }
            }
            if status == NOMEN_ICU_BUFFER_OVERFLOW, Int(length) > capacity {
                capacity = Int(length)
                continue
            }
            if status.isICUFailure {
                throw CharsetConversionError(
                    charset: charset, byteOffset: nil,
                    icu: ICUError(operation: "encode \(charset)", code: status))
            }
            result.removeSubrange(Int(length)...)
            return result
        }
        throw CharsetConversionError(
            charset: charset, byteOffset: nil,
            icu: ICUError(operation: "encode \(charset)", code: NOMEN_ICU_BUFFER_OVERFLOW))
    }
}
