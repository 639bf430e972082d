/// TCVN3 (TCVN 5712:1993 VN3, the "ABC" fonts) bytes → text
/// (Data/encodings/README.md, rules 1 and 4).
///
/// One byte per letter. VN3 has codes of its own for only seven capitals
/// (Ă Â Ê Ô Ơ Ư Đ); a capital with a tone shares its byte with the lowercase
/// letter, so it decodes lowercase (`Ấn` was written `CA 6E` and reads `ấn`).
/// This loss is the standard's, documented in the README; re-capitalising is
/// left to the caller. Every byte decodes (Windows-1252 where no row
/// applies), so decoding never fails.
enum TCVN3Decoder {
    static func decode(_ bytes: [UInt8]) -> String {
        let table = LegacyTables.tcvn3
        var output = ""
        output.reserveCapacity(bytes.count)
        for byte in bytes {
            if let letter = table[byte] {
                output.append(letter)
            } else {
                output.unicodeScalars.append(LegacyTables.cp1252(byte))
            }
        }
        return output
    }
}
