import NomenModel
import NomenNormalization

/// Name variants the normalization library can generate for an entity:
///
/// - Vietnamese names without diacritics (Lương Cường → Luong Cuong), vi,
///   deprecated, as the seed marks Vietnamese typed without diacritics;
/// - pinyin of names in Han characters (习近平 → Xi Jinping), zh-Latn-pinyin,
///   preferred for the preferred Chinese name when that language has none;
/// - Hán-Việt readings of names in Han characters (习近平 → Tập Cận Bình), vi,
///   admitted (preferred when the entity has no Vietnamese name);
/// - compact forms of two- and three-syllable place names (Da Nang → Danang), en,
///   admitted (preferred when the entity has no English name).
///
/// Every proposal has kind `generated` and a note saying where it comes from;
/// texts the entity already has are not proposed.
public enum GlossaryExpansion {
    public static func proposals(for entity: Entity) throws -> [Name] {
        var proposals: [Name] = []
        var texts = Set(entity.names.map(\.text))
        var preferred = Set(entity.names.filter { $0.status == .preferred }.map(\.lang))
        func propose(_ text: String, lang: String, status: NameStatus, note: String) {
            guard !text.isEmpty, texts.insert(text).inserted else { return }
            var status = status
            if status == .preferred && preferred.contains(lang) { status = .admitted }
            if status == .preferred { preferred.insert(lang) }
            proposals.append(Name(text: text, lang: lang, status: status, kind: .generated, note: note, source: "nomen glossary expand"))
        }
        let hint: NameKindHint = switch entity.type {
        case .person: .person
        case .place: .place
        default: .other
        }
        let usable = entity.names.filter { $0.status != .forbidden && $0.kind != .misspelling }
        // Han first, so that its Hán-Việt forms get their ASCII forms below.
        let han = usable.filter { name in
            LanguageTag.primaryLanguage(of: name.lang) == "zh" && !name.lang.contains("-Latn")
                && name.text.unicodeScalars.contains { ScriptCensus.script(of: $0) == "Hani" }
        }.sorted { ($0.status == .preferred ? 0 : 1) < ($1.status == .preferred ? 0 : 1) }
        for name in han {
            let pinyin = try HanTransliteration.pinyin(name.text, as: hint)
            propose(pinyin, lang: "zh-Latn-pinyin", status: name.status == .preferred ? .preferred : .admitted,
                    note: "pinyin of \(name.text)")
            let hanViet = try HanTransliteration.hanViet(name.text, as: hint)
            let hasVietnamese = (entity.names + proposals).contains { LanguageTag.primaryLanguage(of: $0.lang) == "vi" }
            propose(hanViet, lang: "vi", status: hasVietnamese ? .admitted : .preferred, note: "Hán-Việt reading of \(name.text)")
        }
        for name in usable + proposals where LanguageTag.primaryLanguage(of: name.lang) == "vi" && name.status != .deprecated {
            let ascii = try VietnameseASCII.strip(name.text)
            if ascii != name.text {
                propose(ascii, lang: "vi", status: .deprecated, note: "Vietnamese typed without diacritics")
            }
        }
        if entity.type == .place {
            for name in usable + proposals where ["vi", "en"].contains(LanguageTag.primaryLanguage(of: name.lang)) {
                let ascii = try VietnameseASCII.strip(name.text)
                let words = ascii.split(separator: " ")
                guard (2...3).contains(words.count), words.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isLetter } }) else { continue }
                let compact = String(words[0]) + words.dropFirst().map { $0.lowercased() }.joined()
                let hasEnglish = (entity.names + proposals).contains { LanguageTag.primaryLanguage(of: $0.lang) == "en" }
                propose(compact, lang: "en", status: hasEnglish ? .admitted : .preferred, note: "compact form of \(name.text)")
            }
        }
        return proposals
    }
}

extension GlossaryBackend {
    /// The proposals for the given entities (all when `ids` is nil), by
    /// entity id; with `apply`, they are added in one transaction.
    public func expand(ids: [String]?, apply: Bool, command: String,
                       expectedRevision: Int64? = nil) throws -> [(entityID: String, names: [Name])] {
        try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            var entities: [Entity] = []
            if let ids {
                for id in ids {
                    guard let entity = try transaction.entity(id: id) else { throw try transaction.notFound(id) }
                    entities.append(entity)
                }
            } else {
                entities = try transaction.entities(ids: nil, type: nil, lang: nil)
            }
            var result: [(String, [Name])] = []
            let keyMaker = MatchKeyBuilder()
            for entity in entities {
                let proposals = try GlossaryExpansion.proposals(for: entity)
                guard !proposals.isEmpty else { continue }
                result.append((entity.id, proposals))
                if apply {
                    var after = entity
                    after.names += proposals
                    after = try EntityValidation.normalized(after)
                    try EntityValidation.check(after)
                    try transaction.delete(id: entity.id)
                    try transaction.insert(after, keyMaker: keyMaker)
                    recorder.record(entity.id, before: entity, after: after)
                }
            }
            recorder.summary = "expand: \(result.reduce(0) { $0 + $1.1.count }) generated names on \(result.count) entities"
            recorder.dryRun = !apply
            return result
        }
    }
}
