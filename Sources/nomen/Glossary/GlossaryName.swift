import ArgumentParser
import NomenGlossary
import NomenModel
import NomenNormalization

extension Nomen.Glossary {
    struct NameCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "name",
            abstract: "Add, remove or change one name of an entity.",
            subcommands: [NameAdd.self, NameRemove.self, NameSet.self])
    }
}

extension Entity {
    /// The index of the name with that text (NFC-compared), in `lang` when given.
    /// Without `lang`, a text listed under several languages is ambiguous.
    func nameIndex(text: String, lang: String?) throws -> Int? {
        let nfc = try UnicodeNormalizer.normalize(text, to: .nfc)
        let found = names.indices.filter { names[$0].text == nfc && (lang == nil || names[$0].lang == lang) }
        if found.count > 1 {
            let choices = found.map { "\(nfc)@\(names[$0].lang)" }.joined(separator: " or ")
            throw GlossaryError(.invalid, "\(id) has \"\(nfc)\" in \(found.count) languages; name one: \(choices)")
        }
        return found.first
    }

    /// Makes `index` the only preferred name of its language; returns the
    /// texts of the names that were demoted to admitted.
    mutating func makeOnlyPreferred(_ index: Int) -> [String] {
        var demoted: [String] = []
        for other in names.indices where other != index
            && names[other].lang == names[index].lang && names[other].status == .preferred {
            names[other].status = .admitted
            demoted.append(names[other].text)
        }
        return demoted
    }
}

/// A name given as TEXT or TEXT@LANG, to pick one of an entity's names.
struct NameSelector {
    let text: String
    let lang: String?

    init(_ argument: String) {
        if let at = argument.lastIndex(of: "@"), LanguageTag.isWellFormed(String(argument[argument.index(after: at)...])) {
            text = String(argument[..<at])
            lang = String(argument[argument.index(after: at)...])
        } else {
            text = argument
            lang = nil
        }
    }

    func index(in entity: Entity) throws -> Int {
        if let index = try entity.nameIndex(text: text, lang: lang) { return index }
        // The whole argument may be a text that contains "@".
        if lang != nil, let index = try entity.nameIndex(text: text + "@" + (lang ?? ""), lang: nil) { return index }
        throw GlossaryError(.notFound, "\(entity.id) has no name \"\(text)\"\(lang.map { " in \($0)" } ?? "")")
    }
}

func noteDemoted(_ demoted: [String]) {
    for text in demoted { Console.warn("\"\(text)\" was preferred; it is now admitted") }
}

extension Nomen.Glossary.NameCommand {
    struct NameAdd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a name to an entity.",
            discussion: "Without --status the name is preferred if its language has no preferred name yet, else admitted. A new preferred name demotes the old one to admitted.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The entity's id.")
        var id: String

        @Argument(help: ArgumentHelp("The name as TEXT@LANG.", valueName: "text@lang"))
        var name: String

        @Option var status: NameStatus?
        @Option var kind: NameKind = .full
        @Option(name: .customLong("case"), help: "Case policy.") var casePolicy: CasePolicy = .auto
        @Option(help: "A note on the name.") var note: String?
        @Option(help: "Where the name comes from.") var source: String?

        func validate() throws { _ = try NameArgument.parse(name) }

        func run() throws {
            try reportingFailures {
                let parsed = try NameArgument.parse(name)
                let store = try glossaryOptions.openStore()
                var demoted: [String] = []
                _ = try withGlossaryErrors {
                    try store.update(id: id, command: commandLineForLog(), summary: "add name \"\(parsed.text)\"@\(parsed.lang) to \(id)") { entity in
                        // The same text in another language is another name (Hanoi@en, Hanoi@fr).
                        if try entity.nameIndex(text: parsed.text, lang: parsed.lang) != nil {
                            throw GlossaryError(.conflict, "\(id) already has the name \"\(parsed.text)\" in \(parsed.lang)")
                        }
                        let hasPreferred = entity.names.contains { $0.lang == parsed.lang && $0.status == .preferred }
                        let newStatus = status ?? (hasPreferred ? .admitted : .preferred)
                        entity.names.append(Name(text: parsed.text, lang: parsed.lang, status: newStatus, kind: kind,
                                                 casePolicy: casePolicy, note: note, source: source))
                        if newStatus == .preferred { demoted = entity.makeOnlyPreferred(entity.names.count - 1) }
                    }
                }
                noteDemoted(demoted)
                Console.write("added \"\(parsed.text)\"@\(parsed.lang) to \(id)\n")
            }
        }
    }

    struct NameRemove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a name from an entity.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The entity's id.")
        var id: String

        @Argument(help: ArgumentHelp("The name's text, or TEXT@LANG.", valueName: "text[@lang]"))
        var name: String

        func run() throws {
            try reportingFailures {
                let selector = NameSelector(name)
                let store = try glossaryOptions.openStore()
                var removed: Name?
                _ = try withGlossaryErrors {
                    try store.update(id: id, command: commandLineForLog(), summary: "remove name \"\(selector.text)\" from \(id)") { entity in
                        removed = entity.names.remove(at: try selector.index(in: entity))
                    }
                }
                if let removed { Console.write("removed \"\(removed.text)\"@\(removed.lang) from \(id)\n") }
            }
        }
    }

    struct NameSet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a name's status, kind, case policy, language, note, source or text.",
            discussion: "Making a name preferred demotes the language's old preferred name to admitted. An empty --note or --source clears it.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The entity's id.")
        var id: String

        @Argument(help: ArgumentHelp("The name's text, or TEXT@LANG.", valueName: "text[@lang]"))
        var name: String

        @Option var status: NameStatus?
        @Option var kind: NameKind?
        @Option(name: .customLong("case"), help: "Case policy.") var casePolicy: CasePolicy?
        @Option(help: "A new language tag.") var lang: String?
        @Option(help: "A new text.") var text: String?
        @Option(help: "A note on the name.") var note: String?
        @Option(help: "Where the name comes from.") var source: String?

        func validate() throws {
            if status == nil && kind == nil && casePolicy == nil && lang == nil && text == nil && note == nil && source == nil {
                throw ValidationError("nothing to change: give --status, --kind, --case, --lang, --text, --note or --source")
            }
            if let lang, !LanguageTag.isWellFormed(lang) {
                throw ValidationError("\"\(lang)\" is not a BCP 47 language tag (vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…)")
            }
        }

        func run() throws {
            try reportingFailures {
                let selector = NameSelector(name)
                let store = try glossaryOptions.openStore()
                var demoted: [String] = []
                var changed: Name?
                _ = try withGlossaryErrors {
                    try store.update(id: id, command: commandLineForLog(), summary: "change name \"\(selector.text)\" of \(id)") { entity in
                        let index = try selector.index(in: entity)
                        if let status { entity.names[index].status = status }
                        if let kind { entity.names[index].kind = kind }
                        if let casePolicy { entity.names[index].casePolicy = casePolicy }
                        if let lang { entity.names[index].lang = lang }
                        if let text { entity.names[index].text = text }
                        if let note { entity.names[index].note = note.isEmpty ? nil : note }
                        if let source { entity.names[index].source = source.isEmpty ? nil : source }
                        if entity.names[index].status == .preferred { demoted = entity.makeOnlyPreferred(index) }
                        changed = entity.names[index]
                    }
                }
                noteDemoted(demoted)
                if let changed {
                    Console.write("\(id): \"\(changed.text)\"@\(changed.lang) \(changed.status.rawValue) \(changed.kind.rawValue)\(GlossaryDisplay.describe(changed))\n")
                }
            }
        }
    }
}
