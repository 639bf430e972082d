import NomenModel
import NomenNormalization

/// Ids made for entities that come without one (`glossary add` without an
/// ID, an import row with an empty id), in the seed's convention
/// `[country.]type.slug`.
public enum EntityIDs {
    /// `[country.]type.slug-of-the-name`: the seed's country prefix when
    /// the name's language tells it (`countryPrefix`), `org` for
    /// organizations, the slug from the folded name (letters and digits,
    /// runs of anything else as one `-`); then `-2`, `-3`… while `isTaken`.
    public static func generate(type: EntityType, name: Name, isTaken: (String) throws -> Bool) throws -> String {
        let folded = try MatchKeys(name.text).folded
        var slug = ""
        for character in folded {
            if character.isLetter || character.isNumber { slug.append(character) } else if slug.last != "-" { slug.append("-") }
        }
        slug = String(slug.trimmingPrefix("-"))
        while slug.hasSuffix("-") { slug.removeLast() }
        let kind = type == .organization ? "org" : type.rawValue
        let country = countryPrefix(ofLanguage: name.lang).map { "\($0)." } ?? ""
        let base = "\(country)\(kind).\(slug.isEmpty ? "entity" : slug)"
        var candidate = base
        var counter = 2
        while try isTaken(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// The seed's country prefix a language tag tells: vi → vn; zh, zh-Hans,
    /// zh-CN, zh-Latn-pinyin → cn; zh-TW → tw; zh-HK → hk; else none
    /// (zh-Hant alone could be either).
    public static func countryPrefix(ofLanguage tag: String) -> String? {
        let parts = tag.lowercased().split(separator: "-").map(String.init)
        switch parts.first {
        case "vi": return "vn"
        case "zh":
            if parts.contains("tw") { return "tw" }
            if parts.contains("hk") { return "hk" }
            if parts.contains("hant") { return nil }
            return "cn"
        default: return nil
        }
    }
}
