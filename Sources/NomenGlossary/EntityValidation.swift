import NomenModel
import NomenNormalization

/// The rules of the model that every write checks, and the normalization
/// every write applies (text in NFC, trimmed).
public enum EntityValidation {
    /// The entity as the store keeps it: name texts in NFC without surrounding
    /// white space, empty optional strings as nil.
    public static func normalized(_ entity: Entity) throws -> Entity {
        var result = entity
        result.id = entity.id.trimmingWhiteSpace
        result.description = entity.description.nonEmpty
        result.familyName = try entity.familyName.nonEmpty.map(nfc)
        result.note = entity.note.nonEmpty
        result.source = entity.source.nonEmpty
        result.names = try entity.names.map { name in
            var name = name
            name.text = try nfc(name.text.trimmingWhiteSpace)
            name.lang = name.lang.trimmingWhiteSpace
            name.note = name.note.nonEmpty
            name.source = name.source.nonEmpty
            return name
        }
        // Names are kept grouped by language, languages in order of first
        // appearance, so that every exchange format (TBX has one langSet per
        // language) reproduces the same order.
        var languages: [String] = []
        for name in result.names where !languages.contains(name.lang) { languages.append(name.lang) }
        if languages.count > 1 {
            result.names = languages.flatMap { lang in result.names.filter { $0.lang == lang } }
        }
        return result
    }

    /// `text` in NFC; text that is NFC for certain (ASCII, precomposed
    /// Vietnamese, Chinese: nearly every name) is not converted for ICU.
    static func nfc(_ text: String) throws(ICUError) -> String {
        try UnicodeNormalizer.isNormalized(text, .nfc) ? text : UnicodeNormalizer.normalize(text, to: .nfc)
    }

    /// Whether `id` can name an entity: not empty, no white space or control
    /// characters, at most 200 characters.
    public static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "the entity id is empty" }
        // Printable ASCII (most ids) has neither white space nor controls,
        // and one character per byte: no need to ask the Unicode tables.
        if id.utf8.count <= 200 && id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return nil }
        if id.count > 200 { return "the entity id is longer than 200 characters" }
        if id.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "the entity id \"\(id)\" contains white space or control characters"
        }
        return nil
    }

    /// Every rule the (normalized) entity breaks, each with the index of the
    /// name concerned (nil: the entity itself).
    public static func problems(_ entity: Entity) -> [(nameIndex: Int?, message: String)] {
        var problems: [(Int?, String)] = []
        if let problem = idProblem(entity.id) { problems.append((nil, problem)) }
        // One text per language: the same text may stand under several
        // languages ("Hanoi" in en and fr), as termbases list it.
        var texts: Set<LanguageText> = []
        var preferred: [String: String] = [:]
        for (index, name) in entity.names.enumerated() {
            if name.text.isEmpty {
                problems.append((index, "empty name text"))
                continue
            }
            if name.text.unicodeScalars.contains(where: { $0.value == 0xFFFD }) {
                problems.append((index, "\"\(name.text)\" contains U+FFFD (invalid UTF-8 in the source?)"))
            }
            if let problem = textProblem(name.text, lang: name.lang) { problems.append((index, problem)) }
            if !LanguageTag.isWellFormed(name.lang) {
                problems.append((index, "\"\(name.lang)\" is not a BCP 47 language tag (vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…)"))
            }
            if !texts.insert(LanguageText(lang: name.lang, text: name.text)).inserted {
                problems.append((index, "\"\(name.text)\" is listed twice in \(name.lang) for \(entity.id)"))
            }
            if name.status == .preferred {
                if let first = preferred[name.lang] {
                    problems.append((index, "a second preferred name in \(name.lang) for \(entity.id): \"\(name.text)\" (\"\(first)\" is preferred)"))
                } else {
                    preferred[name.lang] = name.text
                }
            }
        }
        return problems
    }

    /// The longest name text, in Unicode scalars. Real names stay far below
    /// it (Bangkok's ceremonial name has 168 letters); a longer "name" is a
    /// whole paragraph pasted in a cell, and every key of it would cost
    /// memory and time in each matcher.
    public static let maximumNameLength = 1000

    /// Characters that do not show but change a name: bidirectional
    /// controls reorder what is displayed (a name could read as another),
    /// zero-width spaces and other format characters split or join it
    /// invisibly. Zero-width joiners (U+200C, U+200D) are refused only in
    /// Vietnamese, English and Chinese names, where no spelling uses them.
    static func invisibleProblem(_ scalar: Unicode.Scalar, lang: String) -> String? {
        switch scalar.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069:
            return "the bidirectional control"
        case 0x200C, 0x200D:
            let base = lang.prefix(while: { $0 != "-" }).lowercased()
            return ["vi", "en", "zh"].contains(base) ? "the zero-width joiner" : nil
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF:
            return nil  // variation selectors choose a glyph, as some Han names need
        default:
            switch scalar.properties.generalCategory {
            case .control: return "the control character"
            case .format: return "the invisible format character"
            default: return nil
            }
        }
    }

    /// A problem with the characters of a name's text: too long, or an
    /// invisible character that changes it (named by code point and position).
    static func textProblem(_ text: String, lang: String) -> String? {
        var length = 0
        for scalar in text.unicodeScalars {
            length += 1
            if let what = invisibleProblem(scalar, lang: lang) {
                let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                let shown = String(text.unicodeScalars.map { invisibleProblem($0, lang: lang) == nil ? String($0) : "<U+\(String($0.value, radix: 16, uppercase: true))>" }.joined().prefix(80))
                return "\"\(shown)\" contains \(what) \(code) at character \(length); remove it"
            }
        }
        if length > maximumNameLength {
            return "a name of \(length) characters (\"\(String(text.prefix(40)))…\"); names are at most \(maximumNameLength) characters"
        }
        return nil
    }

    /// Throws `.invalid` listing every problem of the entity.
    static func check(_ entity: Entity) throws {
        let problems = problems(entity)
        guard !problems.isEmpty else { return }
        let issues = problems.map { GlossaryIssue(message: $0.message) }
        throw GlossaryError(.invalid, issues.map(\.message).joined(separator: "; "), issues: issues)
    }
}

/// A name's text in one language: what is unique within an entity.
struct LanguageText: Hashable {
    let lang: String
    let text: String
}

extension String {
    var trimmingWhiteSpace: String {
        // Most values have nothing to trim: keep them rather than build a copy.
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              first.isWhiteSpace || last.isWhiteSpace else { return self }
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.isWhiteSpace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhiteSpace { scalars.removeLast() }
        return String(scalars)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension Unicode.Scalar {
    /// White_Space, answered for ASCII without the Unicode property tables.
    var isWhiteSpace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        guard let value = self?.trimmingWhiteSpace, !value.isEmpty else { return nil }
        return value
    }
}
