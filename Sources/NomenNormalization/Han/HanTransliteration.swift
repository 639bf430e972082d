import Synchronization

/// What a name written in Han characters names, which decides how it is read
/// and written out.
public enum NameKindHint: String, CaseIterable, Sendable {
    /// Family name first (one character, or two for 欧阳, 司马…), read with
    /// family-name readings, then the given name: 习近平 → Xi Jinping.
    case person
    /// One word: 云南 → Yunnan, 西安 → Xi'an.
    case place
    /// Anything else: read like a place.
    case other
}

/// Han characters → pinyin as English-language press prints names, and →
/// Hán-Việt (Sino-Vietnamese) as Vietnamese press prints them.
///
/// Pinyin starts from ICU's Han-Latin transform, one character at a time
/// (its own word joining is inconsistent), then applies `Data/pinyin/overrides.tsv`
/// (family-name readings such as 单 Shàn, and place names ICU misreads such as
/// 厦门 Xiàmén) and formats the result: family name capitalised and apart,
/// given-name syllables joined, places joined, an apostrophe before a syllable
/// that starts with a, o or e inside a word (Xi'an).
///
/// Hán-Việt reads each character from `Data/hanviet/readings.tsv` after the
/// phrase and character overrides of `Data/hanviet/overrides.tsv`, and
/// capitalises each syllable (Tập Cận Bình, Vân Nam).
public enum HanTransliteration {
    /// - Parameter toneMarks: keep pinyin tone marks (Xí Jìnpíng); without
    ///   them ü is still written (Lü).
    public static func pinyin(_ text: String, as kind: NameKindHint, toneMarks: Bool = false) throws(ICUError) -> String {
        try format(text, kind: kind) { (run: [Character], isPersonName: Bool) throws(ICUError) -> [Word] in
            try pinyinWords(run, isPersonName: isPersonName, toneMarks: toneMarks)
        }
    }

    public static func hanViet(_ text: String, as kind: NameKindHint) throws(ICUError) -> String {
        try format(text, kind: kind) { (run: [Character], isPersonName: Bool) throws(ICUError) -> [Word] in
            hanVietWords(run, isPersonName: isPersonName)
        }
    }

    /// One output word: its syllables, and how to glue them.
    struct Word {
        var syllables: [String]
        var joined: Bool
    }

    /// Splits the text into runs of Han characters and other text (kept as
    /// it is), reads each run and writes the words out.
    private static func format(
        _ text: String, kind: NameKindHint,
        read: ([Character], Bool) throws(ICUError) -> [Word]
    ) throws(ICUError) -> String {
        var output = ""
        var run: [Character] = []
        var isFirstRun = true
        func flush() throws(ICUError) {
            guard !run.isEmpty else { return }
            let words = try read(run, kind == .person && isFirstRun)
            isFirstRun = false
            if let last = output.last, !last.isWhitespace, last != "(" { output += " " }
            output += words.map(render).joined(separator: " ")
            run = []
        }
        for character in text {
            if HanTables.isHan(character) {
                run.append(character)
            } else {
                try flush()
                // The middle dot between parts of a foreign name becomes a space.
                if character == "·" || character == "・" {
                    output += " "
                } else {
                    output.append(character)
                }
            }
        }
        try flush()
        return output
    }

    private static func render(_ word: Word) -> String {
        guard word.joined else {
            return word.syllables.map(capitalized).joined(separator: " ")
        }
        var text = ""
        for (index, syllable) in word.syllables.enumerated() {
            if index > 0, let first = syllable.unicodeScalars.first,
               "aoeāáǎàōóǒòēéěè".unicodeScalars.contains(first) {
                text += "'"
            }
            text += index == 0 ? capitalized(syllable) : syllable
        }
        return text
    }

    private static func capitalized(_ syllable: String) -> String {
        guard let first = syllable.first else { return syllable }
        return first.uppercased() + syllable.dropFirst()
    }

    // MARK: Pinyin

    private static func pinyinWords(_ run: [Character], isPersonName: Bool, toneMarks: Bool) throws(ICUError) -> [Word] {
        var syllables: [String] = []
        var start = 0
        var family: [String] = []
        // 孔子, 老子, 孙子: 子 ("Master") makes the name one word, Kongzi.
        let isMasterName = isPersonName && run.count == 2 && run[1] == "子"
        if isPersonName, run.count >= 2, !isMasterName {
            let (familyLength, familySyllables) = try familyNamePinyin(run)
            family = familySyllables
            start = familyLength
        }
        var index = start
        let overrides = HanTables.pinyinOverrides
        while index < run.count {
            // A person's given name: the given-name readings first (少 shào in 刘少奇).
            if !family.isEmpty, let reading = overrides.givenName[String(run[index])],
               longestOverride(in: run, at: index, table: overrides.anywhere).map({ $0.0 < 2 }) ?? true {
                syllables += reading
                index += 1
            } else if let (length, readings) = longestOverride(in: run, at: index, table: overrides.anywhere) {
                // A spelling without marks (Shaanxi) stands for the whole phrase;
                // with marks the syllables are written (Shǎnxī), never a blend.
                let text = String(run[index..<(index + length)])
                if !toneMarks, let spelling = overrides.spelling[text] {
                    syllables.append(spelling)
                } else {
                    syllables += readings
                }
                index += length
            } else {
                syllables.append(try icuPinyin(run[index], names: false))
                index += 1
            }
        }
        let strip: (String) -> String = { toneMarks ? $0 : removingToneMarks($0) }
        if !family.isEmpty {
            return [Word(syllables: family.map(strip), joined: true), Word(syllables: syllables.map(strip), joined: true)]
        }
        return [Word(syllables: syllables.map(strip), joined: true)]
    }

    /// The family name's length and pinyin: a compound family name, or the
    /// first character with its family-name reading.
    private static func familyNamePinyin(_ run: [Character]) throws(ICUError) -> (Int, [String]) {
        let firstTwo = String(run[0..<2])
        if run.count >= 3, let compound = HanTables.compoundSurnames[firstTwo] {
            return (2, compound.pinyin)
        }
        if run.count >= 3, let compound = HanTables.pinyinOverrides.compoundFamilyName[firstTwo] {
            return (2, compound)
        }
        let first = String(run[0])
        if let reading = HanTables.pinyinOverrides.familyName[first] ?? HanTables.pinyinOverrides.anywhere[first] {
            return (1, reading)
        }
        return (1, [try icuPinyin(run[0], names: true)])
    }

    private static func longestOverride(in run: [Character], at index: Int, table: [String: [String]]) -> (Int, [String])? {
        var length = min(run.count - index, 6)
        while length >= 1 {
            // One reading per character, or one word for the whole phrase (a
            // conventional spelling such as Harbin).
            if let readings = table[String(run[index..<(index + length)])],
               readings.count == length || readings.count == 1 {
                return (length, readings)
            }
            length -= 1
        }
        return nil
    }

    private static let plainHanLatin = Result { () throws(ICUError) -> Transliterator in try Transliterator(id: "Han-Latin") }
    private static let namesHanLatin = Result { () throws(ICUError) -> Transliterator in try Transliterator(id: "Han-Latin/Names") }
    private static let cache = Mutex<[String: String]>([:])

    /// ICU's reading of one character, tone-marked, lower case.
    private static func icuPinyin(_ character: Character, names: Bool) throws(ICUError) -> String {
        let key = (names ? "N" : "P") + String(character)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let transliterator = try (names ? namesHanLatin : plainHanLatin).get()
        let reading = try transliterator.transliterate(String(character))
            .trimmingCharacters(in: " ").lowercased()
        cache.withLock { $0[key] = reading }
        return reading
    }

    /// Pinyin without tone marks; ü stays (Lü).
    static func removingToneMarks(_ syllable: String) -> String {
        var result = ""
        for character in syllable {
            let scalars = character.unicodeScalars
            guard let base = scalars.first, base.value < 0x80 || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".unicodeScalars.contains(base) || scalars.count > 1 else {
                result.append(character)
                continue
            }
            result += toneless[character] ?? String(character)
        }
        return result
    }

    private static let toneless: [Character: String] = {
        var table: [Character: String] = [:]
        let groups: [(String, String)] = [
            ("āáǎà", "a"), ("ēéěè", "e"), ("īíǐì", "i"), ("ōóǒò", "o"), ("ūúǔù", "u"), ("ǖǘǚǜ", "ü"),
            ("ńňǹ", "n"), ("ḿ", "m"), ("ĀÁǍÀ", "A"), ("ĒÉĚÈ", "E"), ("ŌÓǑÒ", "O"),
        ]
        for (marked, plain) in groups {
            for character in marked { table[character] = plain }
        }
        return table
    }()

    // MARK: Hán-Việt

    private static func hanVietWords(_ run: [Character], isPersonName: Bool) -> [Word] {
        var syllables: [String] = []
        var index = 0
        if isPersonName, run.count >= 3, let compound = HanTables.compoundSurnames[String(run[0..<2])] {
            syllables += compound.hanViet
            index = 2
        }
        while index < run.count {
            if let (length, readings) = longestOverride(in: run, at: index, table: HanTables.hanVietOverrides) {
                syllables += readings
                index += length
            } else {
                syllables.append(HanTables.hanVietReadings[run[index]] ?? String(run[index]))
                index += 1
            }
        }
        return [Word(syllables: syllables, joined: false)]
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var scalars = Substring(self)
        while scalars.first == set { scalars.removeFirst() }
        while scalars.last == set { scalars.removeLast() }
        return String(scalars)
    }
}
