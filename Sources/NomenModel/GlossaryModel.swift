/// The glossary's data model as plain values: what the store keeps, what the
/// exchange formats carry and what the matcher compiles. No database or
/// matching code depends on anything but these types.
///
/// JSON keys are snake_case, as in the JSONL exchange format and the seed
/// glossary (`Data/seed/glossary.jsonl`).

/// What kind of thing an entity is.
public enum EntityType: String, Codable, CaseIterable, Sendable {
    case person, place, organization, term, other
}

/// A name's standing, as terminology standards (ISO 12620, TBX) grade terms.
public enum NameStatus: String, Codable, CaseIterable, Sendable {
    /// The form an editor should use in that language; at most one per
    /// entity and language.
    case preferred
    /// An acceptable variant (Hai Phong beside Haiphong).
    case admitted
    /// Outdated or discouraged but seen (Saigon for Ho Chi Minh City, Peking).
    case deprecated
    /// Wrong; never to be used (misspellings such as "Kiến Giang").
    case forbidden
}

/// How a name relates to the entity's full name.
public enum NameKind: String, Codable, CaseIterable, Sendable {
    case full, short, abbreviation, alias, misspelling, generated
}

/// Whether the case of a mention must fit the name for it to count.
public enum CasePolicy: String, Codable, CaseIterable, Sendable {
    /// Only the name's own capitalisation matches (abbreviations such as "NA").
    case sensitive
    /// Any capitalisation matches.
    case insensitive
    /// nomen decides: names that are short or ordinary words need name-like
    /// capitalisation, others match in any case.
    case auto
}

/// Where a person's family name stands in their full name.
public enum NameOrder: String, Codable, CaseIterable, Sendable {
    /// Vietnamese, Chinese, Korean: Lương Cường, 习近平.
    case familyFirst = "family_first"
    /// Most Western names.
    case familyLast = "family_last"
}

/// One written form of an entity's name.
public struct Name: Codable, Hashable, Sendable {
    /// The name as written, in NFC.
    public var text: String
    /// A BCP 47 language tag: vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…
    public var lang: String
    public var status: NameStatus
    public var kind: NameKind
    public var casePolicy: CasePolicy
    public var note: String?
    public var source: String?

    public init(text: String, lang: String, status: NameStatus = .admitted, kind: NameKind = .full,
                casePolicy: CasePolicy = .auto, note: String? = nil, source: String? = nil) {
        self.text = text
        self.lang = lang
        self.status = status
        self.kind = kind
        self.casePolicy = casePolicy
        self.note = note
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case text, lang, status, kind
        case casePolicy = "case"
        case note, source
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        lang = try container.decode(String.self, forKey: .lang)
        status = try container.decode(NameStatus.self, forKey: .status)
        kind = try container.decodeIfPresent(NameKind.self, forKey: .kind) ?? .full
        casePolicy = try container.decodeIfPresent(CasePolicy.self, forKey: .casePolicy) ?? .auto
        note = try container.decodeIfPresent(String.self, forKey: .note)
        source = try container.decodeIfPresent(String.self, forKey: .source)
    }
}

/// Something that has names: a person, place, organisation or term.
public struct Entity: Codable, Hashable, Sendable {
    /// Stable id chosen by the user or generated: `vn.person.luong-cuong`.
    public var id: String
    public var type: EntityType
    public var description: String?
    /// External identifiers by scheme, e.g. ["wikidata": "Q…"].
    public var externalIDs: [String: String]
    /// Persons only.
    public var nameOrder: NameOrder?
    /// Persons only: the family name as written in the entity's own language.
    public var familyName: String?
    public var note: String?
    public var source: String?
    public var names: [Name]

    public init(id: String, type: EntityType, description: String? = nil, externalIDs: [String: String] = [:],
                nameOrder: NameOrder? = nil, familyName: String? = nil, note: String? = nil,
                source: String? = nil, names: [Name] = []) {
        self.id = id
        self.type = type
        self.description = description
        self.externalIDs = externalIDs
        self.nameOrder = nameOrder
        self.familyName = familyName
        self.note = note
        self.source = source
        self.names = names
    }

    enum CodingKeys: String, CodingKey {
        case id, type, description
        case externalIDs = "external_ids"
        case nameOrder = "name_order"
        case familyName = "family_name"
        case note, source, names
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decode(EntityType.self, forKey: .type)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        externalIDs = try container.decodeIfPresent([String: String].self, forKey: .externalIDs) ?? [:]
        nameOrder = try container.decodeIfPresent(NameOrder.self, forKey: .nameOrder)
        familyName = try container.decodeIfPresent(String.self, forKey: .familyName)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        names = try container.decodeIfPresent([Name].self, forKey: .names) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(description, forKey: .description)
        if !externalIDs.isEmpty { try container.encode(externalIDs, forKey: .externalIDs) }
        try container.encodeIfPresent(nameOrder, forKey: .nameOrder)
        try container.encodeIfPresent(familyName, forKey: .familyName)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encode(names, forKey: .names)
    }

    /// The preferred name in `lang`, falling back to the language's base
    /// subtag (zh-Hans → zh) and then to nil.
    public func preferredName(in lang: String) -> Name? {
        if let exact = names.first(where: { $0.status == .preferred && $0.lang == lang }) { return exact }
        let base = lang.split(separator: "-").first.map(String.init) ?? lang
        return names.first { $0.status == .preferred && ($0.lang == base || $0.lang.hasPrefix(base + "-")) }
    }
}
