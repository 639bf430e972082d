/// The rewriting steps of `nomen normalize` (and of the server's
/// `/v1/normalize`), in the order they run: look-alike repair, form,
/// transliteration, tone marks, then the fold or the compact key. Decoding legacy bytes comes
/// before these (`LegacyText`), since it reads bytes, not text.
public struct TextNormalization: Sendable {
    /// How `transliteration` rewrites each line (one name per line).
    public enum Transliteration: String, CaseIterable, Sendable {
        /// Han → pinyin as the English-language press writes names.
        case pinyin
        /// Han → Hán-Việt.
        case hanviet
        /// Other scripts → Latin.
        case latin
        /// Chinese characters → simplified, with name overrides.
        case simplified
        /// Chinese characters → traditional (OpenCC's standard forms), with name overrides.
        case traditional
        /// … in Taiwan's standard forms.
        case traditionalTW = "traditional-tw"
        /// … in Hong Kong's standard forms.
        case traditionalHK = "traditional-hk"
        /// Vietnamese without diacritics, case kept.
        case ascii
    }

    /// The match key each line is folded to, if any.
    public enum Key: String, CaseIterable, Sendable {
        /// The folded key: no diacritics, đ→d, lower case, i/y unified, white space collapsed.
        case folded
        /// Folded without spaces, hyphens and apostrophes.
        case compact
    }

    /// Ð/ð (eth) and Ɖ/ɖ typed for Đ/đ in Vietnamese words (`VietnameseRepair`).
    public var repair = false
    public var form: UnicodeForm? = nil
    public var transliteration: Transliteration? = nil
    /// What the transliterated names are (how Han names are read).
    public var nameKind: NameKindHint = .person
    /// With `.pinyin`: keep tone marks (Xí Jìnpíng).
    public var toneMarks = false
    public var tone: ToneConvention? = nil
    public var key: Key? = nil

    public init() {}

    /// The text after every step that is set. Transliteration and the keys
    /// work line by line, so lists keep one entry per line.
    public func apply(to input: String) throws -> String {
        var text = input
        if repair { text = VietnameseRepair.repair(text) }
        if let form { text = try UnicodeNormalizer.normalize(text, to: form) }
        if let transliteration { text = try eachLine(text) { try transliterate($0, transliteration) } }
        // Misplaced marks (tòan, baỷ) move too: the user asked for the convention.
        if let tone { text = tone.apply(to: text, movingMisplacedMarks: true) }
        if let key {
            let folder = try FastFolder()
            text = try eachLine(text) { line in
                let folded = try folder.fold(line)
                return key == .compact ? MatchKey.compactingFolded(folded) : folded
            }
        }
        return text
    }

    /// One name transliterated on its own.
    public func transliterate(_ name: String, _ transliteration: Transliteration) throws -> String {
        switch transliteration {
        case .pinyin: try HanTransliteration.pinyin(name, as: nameKind, toneMarks: toneMarks)
        case .hanviet: try HanTransliteration.hanViet(name, as: nameKind)
        case .latin: try Romanizer.latin(name)
        case .simplified: ChineseScriptConversion.toSimplified(name)
        case .traditional: ChineseScriptConversion.toTraditional(name)
        case .traditionalTW: ChineseScriptConversion.toTraditional(name, standard: .taiwan)
        case .traditionalHK: ChineseScriptConversion.toTraditional(name, standard: .hongKong)
        case .ascii: try VietnameseASCII.strip(name)
        }
    }

    private func eachLine(_ text: String, _ body: (String) throws -> String) throws -> String {
        try text.split(separator: "\n", omittingEmptySubsequences: false).map { try body(String($0)) }
            .joined(separator: "\n")
    }
}
