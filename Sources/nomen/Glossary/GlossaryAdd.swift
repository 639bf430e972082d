import ArgumentParser
import NomenGlossary
import NomenModel
import NomenNormalization

extension Nomen.Glossary {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an entity with its names.",
            discussion: """
                Example: nomen glossary add vn.person.luong-cuong --type person --name "Lương Cường@vi" \
                --name "Luong Cuong@en" --name "梁强@zh-Hans" --name-order family_first --family-name Lương
                Without --status, the first name in each language is preferred and the others admitted. \
                Without an ID, one is made from the type and the first name (vn.person.luong-cuong).
                """)

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The entity's id, e.g. vn.person.luong-cuong (made from type and name when left out).")
        var id: String?

        @Option(help: "What the entity is.")
        var type: EntityType

        @Option(help: ArgumentHelp("A name as TEXT@LANG (repeatable).", valueName: "text@lang"))
        var name: [String] = []

        @Option(help: "Status of every --name (default: first per language preferred, the rest admitted).")
        var status: NameStatus?

        @Option(help: "Kind of every --name.")
        var kind: NameKind = .full

        @Option(name: .customLong("case"), help: "Case policy of every --name.")
        var casePolicy: CasePolicy = .auto

        @Option(help: "What the entity is, in a few words.")
        var description: String?

        @Option(help: ArgumentHelp("An external id as SCHEME=ID, e.g. wikidata=Q123 (repeatable).", valueName: "scheme=id"))
        var external: [String] = []

        @Option(help: "Persons: where the family name stands.")
        var nameOrder: NameOrder?

        @Option(help: "Persons: the family name, as written in the person's own language.")
        var familyName: String?

        @Option(help: "A note on the entity.")
        var note: String?

        @Option(help: "Where the entity's names come from.")
        var source: String?

        func validate() throws {
            if name.isEmpty { throw ValidationError("give at least one --name TEXT@LANG") }
            for argument in name { _ = try NameArgument.parse(argument) }
            for pair in external where !pair.contains("=") {
                throw ValidationError("give --external as SCHEME=ID, e.g. wikidata=Q123 (not \"\(pair)\")")
            }
        }

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                var names: [Name] = []
                var preferredLangs: Set<String> = []
                for argument in name {
                    let parsed = try NameArgument.parse(argument)
                    let nameStatus = status ?? (preferredLangs.insert(parsed.lang).inserted ? .preferred : .admitted)
                    names.append(Name(text: parsed.text, lang: parsed.lang, status: nameStatus, kind: kind, casePolicy: casePolicy))
                }
                var externalIDs: [String: String] = [:]
                for pair in external {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    if parts.count == 2 { externalIDs[parts[0]] = parts[1] }
                }
                let entityID = try id ?? withGlossaryErrors { try generatedID(store: store, first: names[0]) }
                let entity = Entity(id: entityID, type: type, description: description, externalIDs: externalIDs,
                                    nameOrder: nameOrder, familyName: familyName, note: note, source: source, names: names)
                let added = try withGlossaryErrors { try store.add(entity, command: commandLineForLog()) }
                Console.write("added \(added.id) (\(added.type.rawValue), \(counted(added.names.count, "name")))\n")
            }
        }

        /// `EntityIDs.generate`: [country.]type.slug-of-first-name, with -2, -3… when taken.
        func generatedID(store: any GlossaryBackend, first: Name) throws -> String {
            try EntityIDs.generate(type: type, name: first) { try store.entity(id: $0) != nil }
        }
    }
}
