import NomenData

/// The Han reading tables compiled in from Data/ (see Data/hanviet/README.md),
/// parsed once on first use.
enum HanTables {
    /// Character → its chosen Hán-Việt reading (lower case, old tone placement).
    static let hanVietReadings: [Character: String] = {
        var table: [Character: String] = [:]
        for columns in rows(EmbeddedData.hanVietReadings) where columns.count >= 2 {
            guard columns[0].count == 1, let character = columns[0].first else { continue }
            table[character] = columns[1]
        }
        return table
    }()

    /// Hán-Việt overrides: single characters and whole phrases (name readings,
    /// established exceptions such as 诸葛 Gia Cát, homographs such as 宁 ninh).
    static let hanVietOverrides: [String: [String]] = {
        var table: [String: [String]] = [:]
        for columns in rows(EmbeddedData.hanVietOverrides) where columns.count >= 2 {
            table[columns[0]] = columns[1].split(separator: " ").map(String.init)
        }
        return table
    }()

    struct CompoundSurname {
        let pinyin: [String]
        let hanViet: [String]
    }

    static let compoundSurnames: [String: CompoundSurname] = {
        var table: [String: CompoundSurname] = [:]
        for columns in rows(EmbeddedData.compoundSurnames) where columns.count >= 3 {
            table[columns[0]] = CompoundSurname(
                pinyin: columns[1].split(separator: " ").map(String.init),
                hanViet: columns[2].split(separator: " ").map(String.init))
        }
        return table
    }()

    struct PinyinOverrides {
        /// Readings used only for the family name of a person (单 shàn, 曾 zēng).
        var familyName: [String: [String]] = [:]
        /// Readings used anywhere, characters and phrases (厦门 xià mén).
        var anywhere: [String: [String]] = [:]
    }

    /// A row whose note starts with "family name:" applies to the family name
    /// of a person only; every other row applies anywhere, longest match first.
    static let pinyinOverrides: PinyinOverrides = {
        var overrides = PinyinOverrides()
        for columns in rows(EmbeddedData.pinyinOverrides) where columns.count >= 2 {
            let syllables = columns[1].split(separator: " ").map(String.init)
            let note = columns.count > 2 ? columns[2] : ""
            if note.hasPrefix("family name:") {
                overrides.familyName[columns[0]] = syllables
            } else {
                overrides.anywhere[columns[0]] = syllables
            }
        }
        return overrides
    }()

    /// Tab-separated rows after the header line, without '#' comment lines.
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").dropFirst().compactMap { line in
            if line.hasPrefix("#") { return nil }
            return line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Han ideographs (and the iteration mark 〇): the characters these tables read.
    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return scalar.properties.isIdeographic
    }
}
