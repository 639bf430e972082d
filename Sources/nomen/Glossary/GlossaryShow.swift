import ArgumentParser
import NomenGlossary
import NomenModel

extension Nomen.Glossary {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an entity: its fields, names with status and match keys, and its history.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The entity's id.")
        var id: String

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                try withGlossaryErrors {
                    guard let entity = try store.entity(id: id) else {
                        if let into = try store.mergedInto(id: id) {
                            throw CLIFailure("no entity \(id): it was merged into \(into)")
                        }
                        throw CLIFailure("no entity \(id)")
                    }
                    Console.write(try Self.render(entity, stored: store.storedNames(entityID: id), history: store.history(entityID: id)))
                }
            }
        }

        static func render(_ entity: Entity, stored: [StoredName], history: [GlossaryChange]) -> String {
            var lines = ["\(entity.id) (\(entity.type.rawValue))"]
            // A field of several lines goes on with its later lines indented under its first.
            func field(_ label: String, _ value: String) -> String {
                let indent = String(repeating: " ", count: label.count + 4)
                return "  \(label): " + value.split(separator: "\n", omittingEmptySubsequences: false)
                    .joined(separator: "\n" + indent)
            }
            if let description = entity.description { lines.append(field("description", description)) }
            if let order = entity.nameOrder { lines.append("  name order: \(order.rawValue)") }
            if let family = entity.familyName { lines.append("  family name: \(family)") }
            if !entity.externalIDs.isEmpty {
                lines.append("  external ids: " + entity.externalIDs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
            }
            if let note = entity.note { lines.append(field("note", note)) }
            if let source = entity.source { lines.append(field("source", source)) }
            lines.append("names:")
            var rows: [[String]] = []
            for item in stored {
                let name = item.name
                rows.append(["  " + name.lang, name.status.rawValue, name.kind.rawValue, name.text + GlossaryDisplay.describe(name)])
                let keys = [item.keys[.caseless], item.keys[.folded], item.keys[.compact]].map { $0 ?? "" }
                rows.append(["", "", "", "keys: " + keys.joined(separator: " | ")])
            }
            var output = lines.joined(separator: "\n") + "\n" + GlossaryDisplay.table(rows)
            output += "history:\n"
            for change in history { output += "  " + GlossaryDisplay.changeLine(change) + "\n" }
            return output
        }
    }
}
