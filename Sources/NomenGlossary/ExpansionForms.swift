import NomenNormalization

/// The word forms `GlossaryExpansion` builds on: the generic words of
/// Chinese place names, the country words of organization names, and
/// initials. Kept apart so that each rule is a small table.
enum ExpansionForms {
    /// A generic word at the end of a Chinese place name, with the forms the
    /// press writes it in: English after the name (Yunnan Province), Vietnamese
    /// before it (tỉnh Vân Nam).
    struct HanGeneric {
        let han: String
        let english: String
        let vietnamese: String
    }

    /// Longest first, so that 自治区 is taken before 区.
    static let hanGenerics: [HanGeneric] = [
        HanGeneric(han: "特别行政区", english: "Special Administrative Region", vietnamese: "Đặc khu hành chính"),
        HanGeneric(han: "自治区", english: "Autonomous Region", vietnamese: "khu tự trị"),
        HanGeneric(han: "自治州", english: "Autonomous Prefecture", vietnamese: "châu tự trị"),
        HanGeneric(han: "新区", english: "New Area", vietnamese: "khu mới"),
        HanGeneric(han: "口岸", english: "port", vietnamese: "cửa khẩu"),
        HanGeneric(han: "省", english: "Province", vietnamese: "tỉnh"),
        HanGeneric(han: "市", english: "City", vietnamese: "thành phố"),
        HanGeneric(han: "县", english: "County", vietnamese: "huyện"),
    ]

    /// A Han place name split into its proper part and its generic word
    /// (云南省 → 云南, 省). A name that is only a generic word, or whose proper
    /// part is a single character (沙市, 辽宁 → no), is not split: the generic
    /// word is then part of the name.
    static func splitHanGeneric(_ text: String) -> (core: String, generic: HanGeneric?) {
        for generic in hanGenerics where text.hasSuffix(generic.han) {
            let core = String(text.dropLast(generic.han.count))
            // An ethnic word before 自治区/自治州 (广西壮族自治区) is not
            // rendered here: the proper part alone is still the name.
            if let ethnic = core.range(of: "族") {
                let proper = String(core[..<ethnic.lowerBound].dropLast(1))
                if proper.count >= 2 { return (proper, nil) }
                return (text, nil)
            }
            if core.count >= 2 { return (core, generic) }
            return (text, nil)
        }
        return (text, nil)
    }

    /// A country named in an organization's name ("Bộ Công an Việt Nam",
    /// "Ministry of Finance of China", "中国外交部"), which the press drops when
    /// the country is clear. In Vietnamese and Chinese only the press's own
    /// country is dropped: "Bộ Ngoại giao" is Vietnam's ministry in a
    /// Vietnamese paper and 外交部 China's in a Chinese one, while "Bộ Ngoại
    /// giao Trung Quốc" keeps its country. English drops either; when both
    /// countries' ministries then give the same name, `GlossaryExpansion`
    /// keeps it for neither.
    static let vietnameseCountrySuffixes = [" Việt Nam"]
    static let englishCountrySuffixes = [" of Vietnam", " of China", " of the People's Republic of China"]
    static let hanCountryPrefixes = ["中国"]
    /// Countries other than the press's own, in Vietnamese names.
    static let foreignCountrySuffixes = [" Trung Quốc"]

    /// The organization's name without its country, or nil.
    static func withoutCountry(_ text: String, language: String) -> String? {
        switch language {
        case "vi":
            for suffix in vietnameseCountrySuffixes where text.hasSuffix(suffix) {
                let short = String(text.dropLast(suffix.count))
                return short.split(separator: " ").count >= 2 ? short : nil
            }
        case "en":
            for suffix in englishCountrySuffixes where text.hasSuffix(suffix) {
                let short = String(text.dropLast(suffix.count))
                return short.split(separator: " ").count >= 2 ? short : nil
            }
        case "zh":
            for prefix in hanCountryPrefixes where text.hasPrefix(prefix) {
                // Three characters at least: 外交部, not 日报 (daily) from 中国日报.
                let short = String(text.dropFirst(prefix.count))
                return short.count >= 3 ? short : nil
            }
        default:
            break
        }
        return nil
    }

    /// The short forms Vietnamese and English press give a city whose name
    /// carries the word city: Thành phố Hồ Chí Minh → TP. Hồ Chí Minh,
    /// TP Hồ Chí Minh, and for a name of three syllables or more its
    /// initials, TP.HCM, TP HCM, TPHCM; Ho Chi Minh City → HCM City, HCMC.
    static func cityShortForms(_ text: String, language: String) throws(ICUError) -> [String] {
        switch language {
        case "vi":
            guard let prefix = ["Thành phố ", "thành phố "].first(where: { text.hasPrefix($0) }) else { return [] }
            let core = String(text.dropFirst(prefix.count))
            var forms = ["TP. \(core)", "TP \(core)"]
            let syllables = core.split(separator: " ")
            if syllables.count >= 3, let initials = try initialLetters(syllables.map(String.init), language: "vi") {
                forms += ["TP.\(initials)", "TP \(initials)", "TP\(initials)"]
            }
            return forms
        case "en":
            guard text.hasSuffix(" City") else { return [] }
            let words = text.dropLast(" City".count).split(separator: " ").map(String.init)
            guard words.count >= 3, let initials = try initialLetters(words, language: "en") else { return [] }
            return ["\(initials) City", "\(initials)C"]
        default:
            return []
        }
    }

    /// Words an English initialism skips: Communist Party of Vietnam → CPV.
    static let englishFunctionWords: Set<String> = ["of", "the", "and", "for", "on", "in", "at", "to", "&"]
    /// Vietnamese words an initialism skips ("và", "của": Bộ Văn hóa, Thể thao
    /// và Du lịch → BVHTTDL).
    static let vietnameseFunctionWords: Set<String> = ["và", "của", "các"]

    /// The initials of an organization's name as its press abbreviation is
    /// made (Central Commission for Discipline Inspection → CCDI, Thông tấn xã
    /// Việt Nam → TTXVN), or nil when the name has fewer than three words to
    /// take them from, or more than six. Vietnamese keeps Đ (Đảng Cộng sản
    /// Việt Nam → ĐCSVN); hyphenated English words count as two (Asia-Pacific
    /// Economic Cooperation → APEC).
    static func initials(_ text: String, language: String) throws(ICUError) -> String? {
        // Vietnamese papers abbreviate Vietnamese institutions (TTXVN), not
        // foreign ones named with their country (Bộ Chính trị Trung Quốc).
        if language == "vi" && foreignCountrySuffixes.contains(where: { text.hasSuffix($0) }) { return nil }
        let separators: Set<Character> = language == "en" ? [" ", "-", ","] : [" ", ",", "-"]
        let functionWords = language == "en" ? englishFunctionWords : vietnameseFunctionWords
        let words = text.split(whereSeparator: { separators.contains($0) })
            .map(String.init)
            .filter { !functionWords.contains($0.lowercased()) }
        guard (3...6).contains(words.count) else { return nil }
        return try initialLetters(words, language: language)
    }

    /// The first letter of each word, upper case; nil when a word does not
    /// start with a letter, or (English) with a capital.
    static func initialLetters(_ words: [String], language: String) throws(ICUError) -> String? {
        var letters = ""
        for word in words {
            var word = word
            if language == "en" && word.hasSuffix("'s") { word = String(word.dropLast(2)) }
            guard let first = word.first, first.isLetter else { return nil }
            // Only words that start with a capital in English, so that a
            // description-like name ("the ministry in charge of…") yields none.
            if language == "en" && !first.isUppercase { return nil }
            // Vietnamese initials drop the marks but keep Đ (UBND, ĐCSVN).
            let letter = first.uppercased()
            letters += letter == "Đ" ? letter : try VietnameseASCII.strip(letter)
        }
        return letters
    }
}
