import NomenData

/// The byte tables of `Data/encodings/`, parsed once from the copies compiled
/// into the binary (`EmbeddedData.vniWindowsTable`, `.tcvn3Table`,
/// `.viqrTable`). Rows the parser cannot read are skipped; the data tests and
/// the round-trip tests over the fixtures are what catch a broken table.
enum LegacyTables {
    /// `unicode  bytes  name` rows: (character, byte sequence), in file order.
    static func byteRows(_ table: String) -> [(Character, [UInt8])] {
        var rows: [(Character, [UInt8])] = []
        for line in table.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, columns[0].count == 1, let character = columns[0].first else { continue }
            let bytes = columns[1].split(separator: " ").compactMap { UInt8($0, radix: 16) }
            guard !bytes.isEmpty else { continue }
            rows.append((character, bytes))
        }
        return rows
    }

    /// VNI-Windows: two-byte sequences (base, mark) and one-byte letters.
    static let vni: (pairs: [UInt16: Character], singles: [UInt8: Character]) = {
        var pairs: [UInt16: Character] = [:]
        var singles: [UInt8: Character] = [:]
        for (character, bytes) in byteRows(EmbeddedData.vniWindowsTable) {
            switch bytes.count {
            case 1: singles[bytes[0]] = singles[bytes[0]] ?? character
            case 2: pairs[UInt16(bytes[0]) << 8 | UInt16(bytes[1])] = character
            default: continue
            }
        }
        return (pairs, singles)
    }()

    /// TCVN3 (VN3): byte → letter; when two rows share a byte the first
    /// (lowercase) wins, as the README's rule 4 says.
    static let tcvn3: [UInt8: Character] = {
        var table: [UInt8: Character] = [:]
        for (character, bytes) in byteRows(EmbeddedData.tcvn3Table) where bytes.count == 1 {
            if table[bytes[0]] == nil { table[bytes[0]] = character }
        }
        return table
    }()

    /// VIQR: mark character → combining mark, and the two-character forms of
    /// đ/Đ (`dd`, `DD`, `Dd`, `d-`, `D-`) → letter.
    static let viqr: (marks: [Character: Unicode.Scalar], dForms: [String: Character]) = {
        var marks: [Character: Unicode.Scalar] = [:]
        var dForms: [String: Character] = [:]
        for line in EmbeddedData.viqrTable.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, columns[0].hasPrefix("U+"),
                  let value = UInt32(columns[0].dropFirst(2), radix: 16),
                  let scalar = Unicode.Scalar(value) else { continue }
            let ascii = String(columns[1])
            if ascii == "\\" { continue }  // the escape character, not a mark
            if ascii.count == 1, let key = ascii.first {
                marks[key] = scalar
            } else if ascii.count == 2 {
                dForms[ascii] = Character(scalar)
            }
        }
        return (marks, dForms)
    }()

    /// Windows-1252 for the bytes no table row explains (README rule 1):
    /// Latin-1, except 80–9F, which hold cp1252 punctuation. The five bytes
    /// cp1252 leaves undefined (81 8D 8F 90 9D) map to U+0081 … U+009D, as
    /// ICU's `windows-1252` does. Source: the Unicode Consortium's
    /// MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT.
    static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88–8F
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98–9F
    ]

    static func cp1252(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte <= 0x9F, let scalar = Unicode.Scalar(cp1252High[Int(byte) - 0x80]) {
            return scalar
        }
        return Unicode.Scalar(byte)
    }
}
