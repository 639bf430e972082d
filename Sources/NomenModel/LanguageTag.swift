/// BCP 47 language tags, checked for well-formedness (RFC 5646 §2.1 syntax:
/// language, then optional script, region, variants, extensions, private use).
/// Whether a subtag is registered is not checked; the glossary accepts any
/// well-formed tag and the common ones nomen knows (`vi`, `en`, `zh-Hans`,
/// `zh-Hant`, `zh-Latn-pinyin`, `und`).
public enum LanguageTag {
    public static func isWellFormed(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = subtags.first else { return false }
        func isAlpha(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isLetter } }
        func isAlnum(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        if language.lowercased() == "x" {  // private use only
            return subtags.count > 1 && subtags.dropFirst().allSatisfy { isAlnum($0) && $0.count <= 8 }
        }
        guard isAlpha(language), (2...8).contains(language.count), language.count != 4 else { return false }
        var index = 1
        // extlang is folded into the variant/region checks below for simplicity.
        if index < subtags.count, subtags[index].count == 4, isAlpha(subtags[index]) { index += 1 }  // script
        if index < subtags.count,
           (subtags[index].count == 2 && isAlpha(subtags[index]))
            || (subtags[index].count == 3 && subtags[index].allSatisfy(\.isNumber)) { index += 1 }  // region
        while index < subtags.count {
            let subtag = subtags[index]
            if subtag.count == 1 {
                // singleton: extension or private use, followed by at least one subtag
                guard isAlnum(subtag), index + 1 < subtags.count else { return false }
                return subtags[(index + 1)...].allSatisfy { isAlnum($0) && (1...8).contains($0.count) }
            }
            let isVariant = isAlnum(subtag)
                && ((5...8).contains(subtag.count) || (subtag.count == 4 && subtag.first!.isNumber))
            // Also accept a 3-letter extlang right after the language (zh-yue).
            let isExtlang = index == 1 && subtag.count == 3 && isAlpha(subtag)
            guard isVariant || isExtlang else { return false }
            index += 1
        }
        return true
    }

    /// The tag in BCP 47's conventional case (RFC 5646 §2.1.1): language
    /// and variants lower case, script title case, region upper case:
    /// `ZH-CN` → `zh-CN`, `zh-hans` → `zh-Hans`. Underscores (`zh_TW`, as
    /// locales write them) become hyphens.
    /// A tag with non-ASCII characters is returned as it is, for validation
    /// to refuse: case-mapping it could turn it into another, valid tag
    /// (`ß` upper-cases to `SS`).
    public static func canonical(_ tag: String) -> String {
        guard tag.utf8.allSatisfy({ $0 < 0x80 }) else { return tag }
        var result: [String] = []
        var afterSingleton = false
        for (index, part) in tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).enumerated() {
            let subtag = String(part)
            if index == 0 || afterSingleton {
                result.append(subtag.lowercased())
            } else if subtag.count == 1 {
                afterSingleton = true
                result.append(subtag.lowercased())
            } else if subtag.count == 4 && subtag.allSatisfy(\.isLetter) {
                result.append(subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased())
            } else if subtag.count == 2 && subtag.allSatisfy(\.isLetter) {
                result.append(subtag.uppercased())
            } else {
                result.append(subtag.lowercased())
            }
        }
        return result.joined(separator: "-")
    }

    /// The language subtag, lower-cased: "zh" for "zh-Hans".
    public static func primaryLanguage(of tag: String) -> String {
        String(tag.split(separator: "-").first ?? "").lowercased()
    }
}
