import ArgumentParser
import Foundation
import NomenGlossary
import NomenModel

extension EntityType: ExpressibleByArgument {}
extension NameStatus: ExpressibleByArgument {}
extension NameKind: ExpressibleByArgument {}
extension CasePolicy: ExpressibleByArgument {}
extension NameOrder: ExpressibleByArgument {}
extension ConflictPolicy: ExpressibleByArgument {}
extension GlossaryFormat: ExpressibleByArgument {}

/// A name given on the command line as TEXT@LANG ("Lương Cường@vi").
struct NameArgument {
    let text: String
    let lang: String

    /// Splits at the last "@"; the language must be a BCP 47 tag.
    static func parse(_ argument: String) throws -> NameArgument {
        guard let at = argument.lastIndex(of: "@") else {
            throw ValidationError("give a name as TEXT@LANG, for example \"Lương Cường@vi\" (not \"\(argument)\")")
        }
        let text = String(argument[..<at]).trimmingCharacters(in: .whitespaces)
        let lang = String(argument[argument.index(after: at)...]).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ValidationError("the name \"\(argument)\" has no text before the @") }
        guard LanguageTag.isWellFormed(lang) else {
            throw ValidationError("\"\(lang)\" in \"\(argument)\" is not a BCP 47 language tag (vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…)")
        }
        return NameArgument(text: text, lang: lang)
    }
}

enum GlossaryDisplay {
    /// The languages tried, in order, for an entity's display name.
    static let displayLanguages = ["vi", "en", "zh-Hans", "zh-Hant"]

    /// The entity's preferred name in `lang`, else in vi, en, zh-Hans, zh-Hant, else its first name.
    static func displayName(_ entity: Entity, lang: String? = nil) -> String {
        for candidate in (lang.map { [$0] } ?? []) + displayLanguages {
            if let name = entity.preferredName(in: candidate) { return name.text }
        }
        return entity.names.first?.text ?? ""
    }

    /// Rows as columns padded to the widest cell (the last column is not padded).
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns - 1 { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index < row.count - 1 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    static func json<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// JSON values (one per element) as a JSON array, one value per line.
    static func jsonArray(_ values: [String]) -> String {
        values.isEmpty ? "[]\n" : "[\n" + values.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }

    static func describe(_ name: Name) -> String {
        var extras: [String] = []
        if name.casePolicy != .auto { extras.append("case \(name.casePolicy.rawValue)") }
        if let note = name.note { extras.append("note: \(note)") }
        if let source = name.source { extras.append("source: \(source)") }
        return extras.isEmpty ? "" : " (" + extras.joined(separator: "; ") + ")"
    }

    /// One change-log line: `#ID  AT  SUMMARY  [COMMAND]`.
    static func changeLine(_ change: GlossaryChange) -> String {
        "#\(change.id)  \(change.at)  \(change.summary)  [nomen \(change.command)]"
    }
}
