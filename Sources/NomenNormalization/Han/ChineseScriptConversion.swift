import NomenData

/// Simplified ↔ traditional Chinese for names: ICU's `Hans-Hant` and
/// `Hant-Hans` transforms, after the overrides of `Data/hanzi/name-overrides.tsv`
/// (范 stays 范 as a family name, 朴 is not 樸, 台湾 is 臺灣 but 台州 keeps 台).
public enum ChineseScriptConversion {
    public static func toTraditional(_ text: String) throws(ICUError) -> String {
        try convert(text, overrides: overrides.toTraditional, transform: toHant)
    }

    public static func toSimplified(_ text: String) throws(ICUError) -> String {
        try convert(text, overrides: overrides.toSimplified, transform: toHans)
    }

    private static let toHant = Result { () throws(ICUError) -> Transliterator in try Transliterator(id: "Hans-Hant") }
    private static let toHans = Result { () throws(ICUError) -> Transliterator in try Transliterator(id: "Hant-Hans") }

    private static let overrides: (toTraditional: [String: String], toSimplified: [String: String]) = {
        var forward: [String: String] = [:], backward: [String: String] = [:]
        for columns in HanTables.rows(EmbeddedData.chineseNameOverrides) where columns.count >= 2 {
            forward[columns[0]] = columns[1]
            backward[columns[1]] = columns[0]
        }
        return (forward, backward)
    }()

    /// Overridden phrases are copied as the table says, longest first; the
    /// text between them goes through ICU.
    private static func convert(
        _ text: String, overrides: [String: String], transform: Result<Transliterator, ICUError>
    ) throws(ICUError) -> String {
        let transliterator = try transform.get()
        let characters = Array(text)
        var output = ""
        var pending = ""
        var index = 0
        while index < characters.count {
            var matched = false
            var length = min(characters.count - index, 4)
            while length >= 1 {
                if let replacement = overrides[String(characters[index..<(index + length)])] {
                    output += try transliterator.transliterate(pending)
                    pending = ""
                    output += replacement
                    index += length
                    matched = true
                    break
                }
                length -= 1
            }
            if !matched {
                pending.append(characters[index])
                index += 1
            }
        }
        output += try transliterator.transliterate(pending)
        return output
    }
}
