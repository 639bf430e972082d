import NomenModel
import NomenNormalization

/// One problem `nomen glossary lint` reports: plain data.
public struct LintFinding: Hashable, Sendable, Codable {
    public enum Check: String, CaseIterable, Sendable, Codable {
        /// One folded key shared by names of several entities, not accepted by a note.
        case ambiguousKey = "ambiguous-key"
        /// A language with names but no preferred name.
        case noPreferred = "no-preferred"
        /// Text not in NFC.
        case notNFC = "not-nfc"
        /// A character that looks like the intended one but is not (Ð U+00D0 for Đ U+0110).
        case lookAlike = "look-alike"
        /// Letters of several scripts in one name (Cyrillic а in a Latin name).
        case mixedScript = "mixed-script"
        /// A name that a longer name of another entity shadows at the compact tier.
        case shadowed
    }

    public let check: Check
    public let entityID: String
    public let lang: String?
    public let text: String?
    public let message: String

    enum CodingKeys: String, CodingKey {
        case check
        case entityID = "entity_id"
        case lang, text, message
    }

    /// `ENTITY_ID: CHECK: message`
    public var line: String { "\(entityID): \(check.rawValue): \(message)" }
}

/// The checks behind `nomen glossary lint`.
public enum GlossaryLint {
    /// A note on the entity or on the name that starts with this accepts a shared key.
    public static let acceptancePrefix = "ambiguous-accepted:"

    /// Look-alikes of Vietnamese Đ/đ, with the letter meant (Unicode names).
    static let lookAlikes: [Unicode.Scalar: (meant: Unicode.Scalar, name: String)] = [
        "\u{00D0}": ("\u{0110}", "LATIN CAPITAL LETTER ETH"),
        "\u{0189}": ("\u{0110}", "LATIN CAPITAL LETTER AFRICAN D"),
        "\u{00F0}": ("\u{0111}", "LATIN SMALL LETTER ETH"),
        "\u{0256}": ("\u{0111}", "LATIN SMALL LETTER D WITH TAIL"),
    ]
    /// Languages that write Ð/ð as a letter of their own.
    static let ethLanguages: Set<String> = ["is", "fo", "ang", "non", "enm"]
    /// Scripts whose letters pass for Latin ones (а, е, о, р, с, ο, ν…).
    static let confusableScripts: Set<String> = ["Cyrl", "Grek"]

    /// Every finding on a list of entities, sorted by entity, check, text.
    public static func findings(in entities: [Entity]) throws -> [LintFinding] {
        var findings: [LintFinding] = []
        struct KeyedName { let entity: Entity; let name: Name; let folded: String; let compact: String }
        var byFolded: [String: [KeyedName]] = [:]
        var byCompact: [String: [KeyedName]] = [:]

        for entity in entities {
            var languages: [String] = []
            var preferred: Set<String> = []
            for name in entity.names {
                if !languages.contains(name.lang) { languages.append(name.lang) }
                if name.status == .preferred { preferred.insert(name.lang) }
                let keys = try MatchKeys(name.text)
                let keyed = KeyedName(entity: entity, name: name, folded: keys.folded, compact: keys.compact)
                byFolded[keys.folded, default: []].append(keyed)
                byCompact[keys.compact, default: []].append(keyed)

                if !(try UnicodeNormalizer.isNormalized(name.text, .nfc)) {
                    findings.append(LintFinding(check: .notNFC, entityID: entity.id, lang: name.lang, text: name.text,
                                                message: "\"\(name.text)\" (\(name.lang)) is not in NFC (nomen normalize --form nfc)"))
                }
                findings += characterFindings(entity: entity, name: name)
            }
            if let family = entity.familyName, !(try UnicodeNormalizer.isNormalized(family, .nfc)) {
                findings.append(LintFinding(check: .notNFC, entityID: entity.id, lang: nil, text: family,
                                            message: "family name \"\(family)\" is not in NFC"))
            }
            for lang in languages where !preferred.contains(lang) {
                let count = entity.names.filter { $0.lang == lang }.count
                findings.append(LintFinding(check: .noPreferred, entityID: entity.id, lang: lang, text: nil,
                                            message: "\(count) name\(count == 1 ? "" : "s") in \(lang) but none preferred"))
            }
        }

        func accepts(_ keyed: KeyedName) -> Bool {
            (keyed.entity.note ?? "").hasPrefix(acceptancePrefix) || (keyed.name.note ?? "").hasPrefix(acceptancePrefix)
        }

        for (key, names) in byFolded {
            let entityIDs = Array(Set(names.map(\.entity.id))).sorted()
            guard entityIDs.count > 1 else { continue }
            // Accepted when every entity sharing the key accepts it on the entity or on its name.
            let accepted = entityIDs.allSatisfy { id in names.contains { $0.entity.id == id && accepts($0) } }
            guard !accepted else { continue }
            for id in entityIDs {
                let own = names.filter { $0.entity.id == id }
                guard !own.contains(where: accepts) else { continue }
                let texts = own.map { "\"\($0.name.text)\" (\($0.name.lang))" }.joined(separator: ", ")
                let others = entityIDs.filter { $0 != id }.joined(separator: ", ")
                findings.append(LintFinding(
                    check: .ambiguousKey, entityID: id, lang: own.first?.name.lang, text: own.first?.name.text,
                    message: "\(texts) has the folded key \"\(key)\", shared with \(others); add a note starting \"\(acceptancePrefix)\" to accept it"))
            }
        }

        // Shadowed: same compact key, different folded keys, different entities.
        for (key, names) in byCompact {
            let folded = Set(names.map(\.folded))
            guard folded.count > 1, Set(names.map(\.entity.id)).count > 1 else { continue }
            for shorter in names {
                guard let longer = names.filter({ $0.entity.id != shorter.entity.id && $0.folded.unicodeScalars.count > shorter.folded.unicodeScalars.count })
                    .min(by: { ($0.entity.id, $0.name.text) < ($1.entity.id, $1.name.text) }) else { continue }
                if accepts(shorter) && accepts(longer) { continue }
                findings.append(LintFinding(
                    check: .shadowed, entityID: shorter.entity.id, lang: shorter.name.lang, text: shorter.name.text,
                    message: "\"\(shorter.name.text)\" is shadowed by \"\(longer.name.text)\" of \(longer.entity.id) (both have the compact key \"\(key)\"; the longer name wins)"))
            }
        }

        return findings.sorted { a, b in
            (a.entityID, a.check.rawValue, a.text ?? "", a.message) < (b.entityID, b.check.rawValue, b.text ?? "", b.message)
        }
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func characterFindings(entity: Entity, name: Name) -> [LintFinding] {
        var findings: [LintFinding] = []
        let primary = LanguageTag.primaryLanguage(of: name.lang)
        if !ethLanguages.contains(primary) {
            var seen: Set<Unicode.Scalar> = []
            for scalar in name.text.unicodeScalars {
                guard let lookAlike = lookAlikes[scalar], seen.insert(scalar).inserted else { continue }
                findings.append(LintFinding(
                    check: .lookAlike, entityID: entity.id, lang: name.lang, text: name.text,
                    message: "\"\(name.text)\" (\(name.lang)) has \(scalar) \(hex(scalar)) \(lookAlike.name) where \(lookAlike.meant) \(hex(lookAlike.meant)) is meant"))
            }
        }
        var letters: [String: [Unicode.Scalar]] = [:]
        for scalar in name.text.unicodeScalars where scalar.properties.isAlphabetic {
            let script = ScriptCensus.script(of: scalar)
            if script == "Zyyy" || script == "Zinh" || script == "Zzzz" { continue }
            if !(letters[script]?.contains(scalar) ?? false) { letters[script, default: []].append(scalar) }
        }
        let latinLanguage = ["vi", "en", "fr", "de", "es", "pt", "it", "id", "ms"].contains(primary) || name.lang.contains("-Latn")
        let hasLatin = letters["Latn"] != nil || latinLanguage
        for script in confusableScripts.sorted() {
            guard hasLatin, let strays = letters[script] else { continue }
            if letters["Latn"] == nil && !latinLanguage { continue }
            let list = strays.map { "\($0) \(hex($0))" }.joined(separator: ", ")
            let scriptName = script == "Cyrl" ? "Cyrillic" : "Greek"
            findings.append(LintFinding(
                check: .mixedScript, entityID: entity.id, lang: name.lang, text: name.text,
                message: "\"\(name.text)\" (\(name.lang)) mixes Latin with \(scriptName) letters: \(list)"))
        }
        return findings
    }
}

extension GlossaryBackend {
    /// Every lint finding on the glossary (see `GlossaryLint`).
    public func lint() throws -> [LintFinding] {
        try GlossaryLint.findings(in: try allEntities())
    }
}
