import ArgumentParser
import NomenGlossary
import NomenModel

extension Nomen.Glossary {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List entities, sorted by id.",
            discussion: "Table columns: id, type, preferred name (in --lang, else vi, en, zh-Hans, zh-Hant). json: a JSON array of entities; jsonl: one entity per line.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, jsonl }

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Option(help: "Only entities of this type.")
        var type: EntityType?

        @Option(help: "Only entities with names in this language (zh matches zh-Hans and zh-Hant).")
        var lang: String?

        @Option(help: "Output format.")
        var format: Format = .table

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let entities = try withGlossaryErrors { try store.entities(type: type, lang: lang) }
                switch format {
                case .table:
                    Console.write(GlossaryDisplay.table(entities.map { [$0.id, $0.type.rawValue, GlossaryDisplay.displayName($0, lang: lang)] }))
                case .json:
                    let lines = try withGlossaryErrors { try GlossaryFormat.jsonl.write(entities) }
                    Console.write(GlossaryDisplay.jsonArray(lines.split(separator: "\n").map(String.init)))
                case .jsonl:
                    Console.write(try withGlossaryErrors { try GlossaryFormat.jsonl.write(entities) })
                }
            }
        }
    }
}
