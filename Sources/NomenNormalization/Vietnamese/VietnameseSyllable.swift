/// One written Vietnamese syllable, taken apart: onset, vowel cluster, coda
/// and tone. `parse` returns nil for a token that is not a well-formed
/// syllable, which later rules use to tell Vietnamese words from other text.
///
/// The structure follows Vietnamese orthography: an optional onset (b, c, ch,
/// d, đ, g, gh, gi, h, k, kh, l, m, n, ng, ngh, nh, p, ph, qu, r, s, t, th, tr,
/// v, x), a vowel cluster from the language's rhymes, an optional coda (c, ch,
/// m, n, ng, nh, p, t), and one tone; syllables closed by a stop (c, ch, p, t)
/// take only the acute or dot-below tone. The u of qu and the i of gi belong
/// to the onset, which is why quý and giá place their tone on y and a.
public struct VietnameseSyllable: Equatable, Sendable {
    /// Lower-case, toneless; "" when there is none.
    public let onset: String
    /// Lower-case toneless vowels, e.g. ["ư", "ơ"] for người.
    public let vowels: [Character]
    public let coda: String
    public let tone: VietnameseTone
    /// Index (in characters of the token) of the letter that carries the
    /// tone mark, or nil for the level tone.
    public let toneMarkIndex: Int?
    /// Index of the first vowel of `vowels` in the token.
    public let vowelStart: Int

    private static let onsets: [String] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ]

    /// Allowed codas for each vowel cluster ("" = open syllable).
    private static let rhymes: [String: Set<String>] = {
        let stopsAndNasals: Set<String> = ["c", "m", "n", "ng", "p", "t"]
        var table: [String: Set<String>] = [
            "a": ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"],
            "ă": stopsAndNasals, "â": stopsAndNasals,
            "e": ["", "c", "m", "n", "ng", "p", "t"],
            "ê": ["", "ch", "m", "n", "nh", "p", "t"],
            "i": ["", "ch", "m", "n", "nh", "p", "t"],
            "o": ["", "c", "m", "n", "ng", "p", "t"],
            "ô": ["", "c", "m", "n", "ng", "p", "t"],
            "ơ": ["", "m", "n", "p", "t"],
            "u": ["", "c", "m", "n", "ng", "p", "t"],
            "ư": ["", "c", "m", "n", "ng", "t"],
            "y": [""],
            "iê": stopsAndNasals, "yê": ["m", "n", "ng", "p", "t"],
            "uô": ["c", "m", "n", "ng", "t"], "ươ": stopsAndNasals,
            "oa": ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"],
            "oă": ["c", "m", "n", "ng", "t"],
            "oe": ["", "m", "n", "t"],
            "oo": ["c", "ng"],
            "uâ": ["n", "ng", "t"],
            "uê": ["", "ch", "n", "nh"],
            "uy": ["", "ch", "n", "nh", "p", "t"],
            "uơ": [""],
            "uyê": ["n", "t"],
        ]
        for open in ["ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi",
                     "ua", "ui", "ưa", "ưi", "ưu", "iêu", "yêu", "oai", "oay", "uôi", "ươi", "ươu",
                     "uya", "uyu", "oeo", "uây"] {
            table[open] = [""]
        }
        return table
    }()

    private static let codas: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    private static let stops: Set<String> = ["c", "ch", "p", "t"]
    private static let frontVowels: Set<Character> = ["i", "e", "ê", "y"]

    /// Parses one token (letters only). Accepts NFC or NFD, any case.
    public static func parse<S: StringProtocol>(_ token: S) -> VietnameseSyllable? {
        parse(token, checkingStopTones: true)
    }

    /// `checkingStopTones: false` accepts a stop-closed syllable with any
    /// tone, for looking at a word whose tone mark has been taken off.
    static func parse<S: StringProtocol>(_ token: S, checkingStopTones: Bool) -> VietnameseSyllable? {
        // Seven letters of at most three marks' worth of bytes each, even in
        // NFD. Checked on bytes first: a run of combining marks is a single
        // Character, and hashing one of a megabyte normalizes it in
        // quadratic time (`check` on a file of only combining marks).
        guard token.utf8.count <= 48 else { return nil }
        let letters = Array(token)
        guard !letters.isEmpty, letters.count <= 7 else { return nil }
        var lower: [Character] = []
        var tone = VietnameseTone.level
        var toneIndex: Int? = nil
        for (index, letter) in letters.enumerated() {
            if let (base, letterTone) = VietnameseLetters.decomposition[letter] {
                if letterTone != .level {
                    guard toneIndex == nil else { return nil }  // two tone marks
                    tone = letterTone
                    toneIndex = index
                }
                guard let lowered = base.lowercased().first else { return nil }
                lower.append(lowered)
            } else {
                let lowered = letter.lowercased()
                guard lowered.count == 1, let single = lowered.first,
                      VietnameseLetters.consonants.contains(single) else { return nil }
                lower.append(single)
            }
        }
        let text = String(lower)

        // Onset: the longest that fits; gi and qu only before a vowel.
        var onset = ""
        for candidate in onsets where text.hasPrefix(candidate) {
            let rest = lower.dropFirst(candidate.count)
            if candidate == "gi" || candidate == "qu" {
                guard let next = rest.first, VietnameseLetters.vowels.contains(next) else { continue }
                if candidate == "qu" && (next == "u" || next == "ư") { continue }
            }
            onset = candidate
            break
        }
        if text.hasPrefix("q") && onset != "qu" { return nil }
        let afterOnset = lower.dropFirst(onset.count)
        let vowels = Array(afterOnset.prefix { VietnameseLetters.vowels.contains($0) })
        let coda = String(afterOnset.dropFirst(vowels.count))
        guard !vowels.isEmpty, codas.contains(coda) else { return nil }

        // gi + iê is written giê (giếng, giết): check it as the iê rhyme.
        var rhymeVowels = String(vowels)
        if onset == "gi" && vowels.first == "ê" { rhymeVowels = "i" + rhymeVowels }
        // After qu, y takes the codas of uy (quỳnh, quých, quyết is yê).
        if onset == "qu" && rhymeVowels == "y" { rhymeVowels = "uy" }
        guard let allowedCodas = rhymes[rhymeVowels], allowedCodas.contains(coda) else { return nil }

        // Spelling of /k/, /ɣ/ and /ŋ/ before front vowels.
        let first = vowels[0]
        let front = frontVowels.contains(first)
        switch onset {
        case "k", "gh", "ngh": guard front else { return nil }
        case "c", "ng": guard !front else { return nil }
        case "g": guard !front || (first == "i") else { return nil }
        default: break
        }
        if checkingStopTones && stops.contains(coda) && !(tone == .acute || tone == .dot) { return nil }

        let syllable = VietnameseSyllable(
            onset: onset, vowels: vowels, coda: coda, tone: tone,
            toneMarkIndex: toneIndex, vowelStart: onset.count)
        // A tone mark on a consonant cannot happen (only vowels carry one);
        // a tone mark outside the vowel cluster means the i of gi or u of qu.
        if let toneIndex, toneIndex < syllable.vowelStart || toneIndex >= syllable.vowelStart + vowels.count {
            return nil
        }
        return syllable
    }

    public static func isValid<S: StringProtocol>(_ token: S) -> Bool {
        parse(token) != nil
    }

    /// Where each tone-mark convention puts the mark: indexes into `vowels`.
    /// They differ only for the open rhymes oa, oe and uy.
    public var tonePositions: (old: Int, new: Int) {
        let count = vowels.count
        if count == 1 { return (0, 0) }
        if let marked = vowels.lastIndex(where: { VietnameseLetters.marked.contains($0) }) {
            return (marked, marked)  // ươ → ơ, uyê → ê, ưa → ư
        }
        if !coda.isEmpty { return (count - 1, count - 1) }  // hoàng, toán
        if count == 3 { return (1, 1) }  // ngoài, khuya, khuỷu
        let pair = String(vowels)
        if pair == "oa" || pair == "oe" || pair == "uy" { return (0, 1) }  // hòa / hoà
        return (0, 0)  // mía, mùa, tài
    }
}
