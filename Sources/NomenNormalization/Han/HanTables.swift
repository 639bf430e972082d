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
        /// Readings used only in the given name of a person (少 shào).
        var givenName: [String: [String]] = [:]
        /// Readings used anywhere, characters and phrases (厦门 xià mén).
        var anywhere: [String: [String]] = [:]
        /// Two-character family names (万俟 mò qí) read as the family name of
        /// a person, besides those of `compoundSurnames`.
        var compoundFamilyName: [String: [String]] = [:]
        /// The spelling without tone marks where it is not the marks taken
        /// off (陕西 Shaanxi, 哈尔滨 Harbin), by the row's text.
        var spelling: [String: String] = [:]
    }

    /// A row whose note starts with "family name:" applies to the family name
    /// of a person only, one with "given name:" to the given name only; every
    /// other row applies anywhere, longest match first. A row whose note
    /// starts with "compound surname" is also a family name. The optional
    /// fourth column is the spelling without tone marks.
    static let pinyinOverrides: PinyinOverrides = {
        var overrides = PinyinOverrides()
        for columns in rows(EmbeddedData.pinyinOverrides) where columns.count >= 2 {
            let syllables = columns[1].split(separator: " ").map(String.init)
            let note = columns.count > 2 ? columns[2] : ""
            if note.hasPrefix("family name:") {
                overrides.familyName[columns[0]] = syllables
            } else if note.hasPrefix("given name:") {
                overrides.givenName[columns[0]] = syllables
            } else {
                overrides.anywhere[columns[0]] = syllables
                if note.hasPrefix("compound surname"), columns[0].count == 2, syllables.count == 2 {
                    overrides.compoundFamilyName[columns[0]] = syllables
                }
            }
            if columns.count > 3, !columns[3].isEmpty {
                overrides.spelling[columns[0]] = columns[3].lowercased()
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
