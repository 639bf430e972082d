import NomenData
import Synchronization

/// Text in other scripts → Latin, for a Latin match key of names written in
/// Cyrillic, Greek, Thai, Lao, Khmer, Korean, Japanese kana or Han.
///
/// The text is cut into runs of one script (characters of the Common and
/// Inherited scripts stay with the run they are in) and each run goes through
/// the ICU transform for its script: Cyrillic-Latin, Greek-Latin/UNGEGN,
/// Thai-Latin, Hangul-Latin, Hiragana-Latin, Katakana-Latin; Han through
/// `HanTransliteration.pinyin`; Lao and Khmer through nomen's own ICU rules
/// (`Data/translit`, BGN/PCGN and UNGEGN, since ICU 72 has none); any other
/// non-Latin script through Any-Latin.
public enum Romanizer {
    public static func latin(_ text: String) throws(ICUError) -> String {
        var output = ""
        var run = ""
        var runScript = "Latn"
        func flush() throws(ICUError) {
            guard !run.isEmpty else { return }
            output += try romanize(run, script: runScript)
            run = ""
        }
        for character in text {
            let script = character.unicodeScalars.first.map(ScriptCensus.script(of:)) ?? "Zyyy"
            let effective = (script == "Zyyy" || script == "Zinh") ? runScript : script
            if effective != runScript {
                try flush()
                runScript = effective
            }
            run.append(character)
        }
        try flush()
        return output
    }

    /// The Latin match key: the folded key of the romanized text.
    public static func latinKey(_ text: String) throws(ICUError) -> String {
        try MatchKey.key(try latin(text), tier: .folded)
    }

    private static func romanize(_ run: String, script: String) throws(ICUError) -> String {
        switch script {
        case "Latn": return run
        case "Hani": return try HanTransliteration.pinyin(run, as: .other)
        default: return try transliterator(for: script).transliterate(run)
        }
    }

    private static let transliterators = Mutex<[String: Transliterator]>([:])

    private static func transliterator(for script: String) throws(ICUError) -> Transliterator {
        if let cached = transliterators.withLock({ $0[script] }) { return cached }
        let made: Transliterator
        switch script {
        case "Cyrl": made = try Transliterator(id: "Cyrillic-Latin")
        case "Grek": made = try Transliterator(id: "Greek-Latin/UNGEGN")
        case "Thai": made = try Transliterator(id: "Thai-Latin")
        case "Hang": made = try Transliterator(id: "Hangul-Latin")
        case "Hira": made = try Transliterator(id: "Hiragana-Latin")
        case "Kana": made = try Transliterator(id: "Katakana-Latin")
        case "Laoo": made = try Transliterator(id: "nomen-Lao-Latin", rules: EmbeddedData.laoLatinRules)
        case "Khmr": made = try Transliterator(id: "nomen-Khmer-Latin", rules: EmbeddedData.khmerLatinRules)
        default: made = try Transliterator(id: "Any-Latin")
        }
        transliterators.withLock { $0[script] = made }
        return made
    }
}
