/// Windows-1258 bytes → NFC text, through ICU's `windows-1258` converter.
///
/// cp1258 writes most toned letters as a base letter followed by one of five
/// combining tone bytes (CC EC D2 DE F2). ICU decodes byte by byte and does
/// not compose (`56 69 EA F2 74` → `Viê` U+0323 `t`), so the result is
/// NFC-normalised here; text that used cp1258's precomposed letters (`à` =
/// E0) decodes to the same NFC.
enum Windows1258Decoder {
    static func decode(_ bytes: [UInt8]) throws(LegacyDecodingError) -> String {
        let decoded: String
        do {
            decoded = try CharsetConverter.decode(bytes, charset: "windows-1258")
        } catch {
            if let offset = error.byteOffset {
                throw LegacyDecodingError(
                    encoding: .cp1258, byteOffset: offset,
                    message: "Windows-1258: byte \(offset) (0x\(hex(bytes, offset))) is not defined")
            }
            throw LegacyDecodingError(encoding: .cp1258, byteOffset: nil, message: "Windows-1258: \(error)")
        }
        return try LegacyText.nfc(decoded, encoding: .cp1258)
    }

    private static func hex(_ bytes: [UInt8], _ offset: Int) -> String {
        guard bytes.indices.contains(offset) else { return "??" }
        let digits = String(bytes[offset], radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
