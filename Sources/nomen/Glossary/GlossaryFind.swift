import ArgumentParser
import Foundation
import NomenGlossary
import NomenModel

extension Nomen.Glossary {
    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "Find entities by name, tolerant of diacritics, case, spacing and typos; best first.",
            discussion: """
                Columns: score (1 exact, 0.99 caseless, 0.97 folded, 0.95 compact, below 0.9 fuzzy), id, type, \
                display name, and the name that matched with its language, status and tier. json: a JSON array; \
                jsonl: one result per line.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, jsonl }

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "What to look for: \"luong cuong\", \"Xi Jingping\", \"习近平\".")
        var query: String

        @Option(help: "At most this many entities.")
        var limit = 10

        @Option(help: "Only entities of this type.")
        var type: EntityType?

        @Option(help: "Language of the display name.")
        var lang: String?

        @Option(help: "Output format.")
        var format: Format = .table

        @Flag(help: "Print how long the search took on stderr.")
        var timing = false

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
            if query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("the query is empty") }
        }

        struct Output: Encodable {
            let score: Double
            let entityID: String
            let type: EntityType
            let name: String
            let matched: Name
            let tier: String

            enum CodingKeys: String, CodingKey {
                case score
                case entityID = "entity_id"
                case type, name, matched, tier
            }
        }

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let start = ContinuousClock.now
                let results = try withGlossaryErrors { try store.find(query, limit: limit, type: type) }
                let elapsed = ContinuousClock.now - start
                if timing {
                    let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                    FileHandle.standardError.write(Data(String(format: "nomen: find took %.1f ms\n", ms).utf8))
                }
                let outputs = results.map {
                    Output(score: $0.score, entityID: $0.entity.id, type: $0.entity.type,
                           name: GlossaryDisplay.displayName($0.entity, lang: lang), matched: $0.matchedName,
                           tier: $0.tier?.rawValue ?? "fuzzy")
                }
                switch format {
                case .table:
                    Console.write(GlossaryDisplay.table(outputs.map {
                        [String(format: "%.3f", $0.score), $0.entityID, $0.type.rawValue, $0.name,
                         "← \($0.matched.text) (\($0.matched.lang), \($0.matched.status.rawValue), \($0.tier))"]
                    }))
                case .json:
                    Console.write(GlossaryDisplay.jsonArray(try outputs.map { try GlossaryDisplay.json($0) }))
                case .jsonl:
                    for output in outputs { Console.write(try GlossaryDisplay.json(output) + "\n") }
                }
                if results.isEmpty {
                    FileHandle.standardError.write(Data("nomen: no entity matches \"\(query)\"\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}
