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
/// - for Chinese place names that end in a generic word (云南省, 南宁市), the
///   proper part alone (云南, zh) and the forms the press writes with the generic word:
///   Yunnan Province (en), tỉnh Vân Nam (vi); and for a Vietnamese province
///   whose Chinese name says it is one (广宁省), Quang Ninh Province (en) and
///   tỉnh Quảng Ninh (vi);
/// - compact forms of two- and three-syllable Vietnamese place names
///   (Da Nang → Danang), en, admitted (preferred when the entity has no
///   English name);
/// - for a city whose name carries the word city, the press's short forms
///   (Thành phố Hồ Chí Minh → TP. Hồ Chí Minh, TP.HCM; Ho Chi Minh City →
///   HCM City, HCMC), case-sensitive;
/// - for organizations, the name without its country (Bộ Công an Việt Nam →
///   Bộ Công an, Ministry of Finance of Vietnam → Ministry of Finance) and
///   initials (Communist Party of Vietnam → CPV, Thông tấn xã Việt Nam →
///   TTXVN), case-sensitive.
///
/// **Which script a name comes from.** Pinyin is proposed only for an entity
/// whose Latin-script names are pinyin (Guangxi for 广西) or that has no Latin
/// or Vietnamese name at all; a Vietnamese entity's Chinese transcription
/// (海防 for Hải Phòng) does not give "Haifang", and 日本 does not give
/// "Riben". Hán-Việt readings are proposed for people and places only, and not
/// for an entity whose English names are its Vietnamese names without marks
/// (岘港 is not read "Hiện Cảng"). Compact forms are made only of such
/// Vietnamese names (not "Quangtay" for Guangxi).
///
/// Every proposal has kind `generated` and a note saying where it comes from;
/// texts the entity already has are not proposed. `GlossaryBackend.expand`
/// also drops a proposal whose key is another entity's (see there).
public enum GlossaryExpansion {
    public static func proposals(for entity: Entity) throws -> [Name] {
        var proposals: [Name] = []
        var texts = Set(entity.names.map(\.text))
        var preferred = Set(entity.names.filter { $0.status == .preferred }.map(\.lang))
        func propose(_ text: String, lang: String, status: NameStatus, note: String, casePolicy: CasePolicy = .auto) {
            guard !text.isEmpty, texts.insert(text).inserted else { return }
            var status = status
            if status == .preferred && preferred.contains(lang) { status = .admitted }
            if status == .preferred { preferred.insert(lang) }
            proposals.append(Name(text: text, lang: lang, status: status, kind: .generated, casePolicy: casePolicy,
                                  note: note, source: "nomen glossary expand"))
        }
        func hasName(in language: String) -> Bool {
            (entity.names + proposals).contains { LanguageTag.primaryLanguage(of: $0.lang) == language }
        }
        let hint: NameKindHint = switch entity.type {
        case .person: .person
        case .place: .place
        default: .other
        }
        let usable = entity.names.filter { $0.status != .forbidden && $0.kind != .misspelling }
        let latin = usable.filter { isLatinScript($0) }
        let vietnamese = usable.filter { LanguageTag.primaryLanguage(of: $0.lang) == "vi" }
        // Han first, so that its Hán-Việt forms get their ASCII forms below.
        let han = usable.filter { name in
            LanguageTag.primaryLanguage(of: name.lang) == "zh" && !name.lang.contains("-Latn")
                && name.text.unicodeScalars.contains { ScriptCensus.script(of: $0) == "Hani" }
        }.sorted { ($0.status == .preferred ? 0 : 1) < ($1.status == .preferred ? 0 : 1) }
        let latinKeys = try Set(latin.map { try MatchKeys($0.text).compact })
        let vietnameseASCIIKeys = try Set(vietnamese.map { try MatchKeys(VietnameseASCII.strip($0.text)).compact })
        let isVietnameseOrigin = !vietnamese.isEmpty
            && (latin.isEmpty ? han.isEmpty : !latinKeys.isDisjoint(with: vietnameseASCIIKeys))

        struct HanReading { let name: Name; let core: String; let generic: ExpansionForms.HanGeneric?; let pinyin: String }
        let readings = try han.map { name in
            let (core, generic) = entity.type == .place ? ExpansionForms.splitHanGeneric(name.text) : (name.text, nil)
            return HanReading(name: name, core: core, generic: generic, pinyin: try HanTransliteration.pinyin(core, as: hint))
        }
        let isHanOrigin = try readings.contains { latinKeys.contains(try MatchKeys($0.pinyin).compact) }
            || (latin.isEmpty && vietnamese.isEmpty)
        for reading in readings {
            let fromPreferred = reading.name.status == .preferred
            // The proper part alone, as Chinese papers name a province or city
            // (谅山 for 谅山省).
            if reading.generic != nil {
                propose(reading.core, lang: reading.name.lang, status: .admitted, note: "\(reading.name.text) without its generic word")
            }
            if isHanOrigin {
                propose(reading.pinyin, lang: "zh-Latn-pinyin", status: fromPreferred ? .preferred : .admitted,
                        note: "pinyin of \(reading.name.text)")
                if let generic = reading.generic {
                    propose("\(reading.pinyin) \(generic.english)", lang: "en", status: .admitted,
                            note: "pinyin of \(reading.name.text)")
                }
            }
            guard entity.type == .person || entity.type == .place else { continue }
            let hanViet = try HanTransliteration.hanViet(reading.core, as: hint)
            if !isVietnameseOrigin {
                propose(hanViet, lang: "vi", status: hasName(in: "vi") ? .admitted : .preferred,
                        note: "Hán-Việt reading of \(reading.name.text)")
            }
            if let generic = reading.generic, !isVietnameseOrigin {
                propose("\(generic.vietnamese) \(hanViet)", lang: "vi", status: .admitted,
                        note: "Hán-Việt reading of \(reading.name.text)")
            }
        }
        // A Vietnamese province's Chinese name says it is one (广宁省, 老街省):
        // "tỉnh Quảng Ninh" and "Quang Ninh Province" as the press writes them,
        // from the entity's own preferred names (老街 is no Hán-Việt reading of
        // Lào Cai, so the reading is not used).
        if isVietnameseOrigin, let generic = readings.compactMap(\.generic).first {
            for name in usable where name.status == .preferred && name.kind != .abbreviation {
                switch LanguageTag.primaryLanguage(of: name.lang) {
                case "vi" where !name.text.lowercased().hasPrefix(generic.vietnamese.lowercased() + " "):
                    propose("\(generic.vietnamese) \(name.text)", lang: name.lang, status: .admitted,
                            note: "\(name.text) with the generic word of \(generic.han)")
                case "en" where !name.text.lowercased().hasSuffix(" " + generic.english.lowercased()):
                    propose("\(name.text) \(generic.english)", lang: name.lang, status: .admitted,
                            note: "\(name.text) with the generic word of \(generic.han)")
                default:
                    break
                }
            }
        }
        if entity.type == .place {
            for name in usable where name.kind != .abbreviation {
                let language = LanguageTag.primaryLanguage(of: name.lang)
                for form in try ExpansionForms.cityShortForms(name.text, language: language) {
                    propose(form, lang: name.lang, status: .admitted, note: "short form of \(name.text)",
                            casePolicy: .sensitive)
                }
            }
        }
        if entity.type == .organization {
            for name in usable where name.kind != .abbreviation {
                let language = LanguageTag.primaryLanguage(of: name.lang)
                guard let short = ExpansionForms.withoutCountry(name.text, language: language) else { continue }
                propose(short, lang: name.lang, status: .admitted, note: "\(name.text) without its country")
            }
            for name in usable + proposals where name.kind != .abbreviation && name.status != .deprecated {
                let language = LanguageTag.primaryLanguage(of: name.lang)
                guard language == "en" || language == "vi",
                      let initials = try ExpansionForms.initials(name.text, language: language) else { continue }
                propose(initials, lang: name.lang, status: .admitted, note: "initials of \(name.text)",
                        casePolicy: .sensitive)
            }
        }
        for name in usable + proposals where LanguageTag.primaryLanguage(of: name.lang) == "vi" && name.status != .deprecated {
            let ascii = try VietnameseASCII.strip(name.text)
            if ascii != name.text {
                propose(ascii, lang: "vi", status: .deprecated, note: "Vietnamese typed without diacritics")
            }
        }
        if entity.type == .place && isVietnameseOrigin {
            for name in usable + proposals where ["vi", "en"].contains(LanguageTag.primaryLanguage(of: name.lang)) {
                let ascii = try VietnameseASCII.strip(name.text)
                let words = ascii.split(separator: " ")
                guard (2...3).contains(words.count), words.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isLetter } }),
                      words.allSatisfy({ $0.first?.isUppercase == true }) else { continue }
                let compact = String(words[0]) + words.dropFirst().map { $0.lowercased() }.joined()
                propose(compact, lang: "en", status: hasName(in: "en") ? .admitted : .preferred,
                        note: "compact form of \(name.text)")
            }
        }
        return proposals
    }

    /// English, or any language written in Latin script by its tag
    /// (zh-Latn-pinyin).
    private static func isLatinScript(_ name: Name) -> Bool {
        LanguageTag.primaryLanguage(of: name.lang) == "en" || name.lang.contains("-Latn")
    }

    /// The proposals for `entities`, without those that would give a key of
    /// another entity: a proposal whose folded or compact key is already a
    /// name of another entity of `glossary`, or that two entities both
    /// propose ("Bộ Ngoại giao" from Bộ Ngoại giao Việt Nam and Bộ Ngoại giao
    /// Trung Quốc), is dropped, since it would make a mention ambiguous that
    /// was not.
    public static func proposals(for entities: [Entity], in glossary: [Entity]) throws -> [(entity: Entity, names: [Name])] {
        var owners: [String: Set<String>] = [:]
        func keys(_ text: String) throws -> [String] {
            let keys = try MatchKeys(text)
            return ["f:" + keys.folded, "c:" + keys.compact]
        }
        for entity in glossary {
            for name in entity.names {
                for key in try keys(name.text) { owners[key, default: []].insert(entity.id) }
            }
        }
        let proposed = try entities.map { ($0, try proposals(for: $0)) }
        var proposers: [String: Set<String>] = [:]
        for (entity, names) in proposed {
            for name in names {
                for key in try keys(name.text) { proposers[key, default: []].insert(entity.id) }
            }
        }
        return try proposed.map { entity, names in
            let kept = try names.filter { name in
                try keys(name.text).allSatisfy { key in
                    owners[key, default: []].subtracting([entity.id]).isEmpty
                        && proposers[key, default: []].subtracting([entity.id]).isEmpty
                }
            }
            return (entity, withPreferred(kept, for: entity))
        }
    }

    /// A language the entity has no preferred name in gets its first kept
    /// proposal as preferred (the proposal that was to be preferred may have
    /// been dropped, or its text was already a name in another language).
    static func withPreferred(_ names: [Name], for entity: Entity) -> [Name] {
        var preferred = Set(entity.names.filter { $0.status == .preferred }.map(\.lang))
        preferred.formUnion(names.filter { $0.status == .preferred }.map(\.lang))
        var names = names
        for index in names.indices where names[index].status == .admitted && !preferred.contains(names[index].lang) {
            names[index].status = .preferred
            preferred.insert(names[index].lang)
        }
        return names
    }
}

extension GlossaryBackend {
    /// The proposals for the given entities (all when `ids` is nil), by
    /// entity id; with `apply`, they are added in one transaction.
    public func expand(ids: [String]?, apply: Bool, command: String,
                       expectedRevision: Int64? = nil) throws -> [(entityID: String, names: [Name])] {
        try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            let glossary = try transaction.entities(ids: nil, type: nil, lang: nil)
            var entities: [Entity] = []
            if let ids {
                for id in ids {
                    guard let entity = try transaction.entity(id: id) else { throw try transaction.notFound(id) }
                    entities.append(entity)
                }
            } else {
                entities = glossary
            }
            var result: [(String, [Name])] = []
            let keyMaker = MatchKeyBuilder()
            for (entity, proposals) in try GlossaryExpansion.proposals(for: entities, in: glossary) {
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
