/// VNI-Windows bytes → text (Data/encodings/README.md, rules 1–3).
///
/// A marked letter is an ASCII base followed by one mark byte (`61 F8` = à);
/// đ/Đ, ơ/Ơ, ư/Ư and a few others are one byte. Greedy longest match is safe
/// because the mark bytes and the one-byte letters are disjoint sets. Every
/// byte decodes: what no row explains is Windows-1252, so decoding never
/// fails.
enum VNIDecoder {
    static func decode(_ bytes: [UInt8]) -> String {
        let (pairs, singles) = LegacyTables.vni
        var output = ""
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if index + 1 < bytes.count {
                let mark = bytes[index + 1]
                if let letter = pairs[UInt16(byte) << 8 | UInt16(mark)] ?? otherCaseMark(byte, mark, pairs) {
                    output.append(letter)
                    index += 2
                    continue
                }
            }
            if let letter = singles[byte] {
                output.append(letter)
            } else {
                output.unicodeScalars.append(LegacyTables.cp1252(byte))
            }
            index += 1
        }
        return output
    }

    /// Rule 3: a mark byte of the other case still marks the base (`A F9` = Á,
    /// `a D9` = á); the letter's case comes from the base. Capital mark bytes
    /// are the lowercase ones − 0x20.
    private static func otherCaseMark(_ base: UInt8, _ mark: UInt8, _ pairs: [UInt16: Character]) -> Character? {
        guard mark >= 0xC0 else { return nil }
        let swapped = mark >= 0xE0 ? mark - 0x20 : mark + 0x20
        return pairs[UInt16(base) << 8 | UInt16(swapped)]
    }
}
