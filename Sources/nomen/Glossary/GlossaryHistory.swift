import ArgumentParser
import NomenGlossary

extension Nomen.Glossary {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show the change log, newest first: every change, or those touching one entity.",
            discussion: "Each line: #CHANGE  TIME (UTC)  what changed  [the command]. With --verbose, each entity's state before and after, as JSON.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "An entity's id (and the ids merged into it).")
        var id: String?

        @Option(help: "At most this many changes.")
        var limit: Int?

        @Flag(help: "Show each entity before and after.")
        var verbose = false

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let changes = try withGlossaryErrors { try store.history(entityID: id, limit: limit) }
                for change in changes {
                    Console.write(GlossaryDisplay.changeLine(change) + "\n")
                    guard verbose else { continue }
                    for item in change.entities {
                        let before = try item.before.map { try GlossaryDisplay.json($0) } ?? "(none)"
                        let after = try item.after.map { try GlossaryDisplay.json($0) } ?? "(none)"
                        Console.write("  \(item.entityID)\n    before: \(before)\n    after:  \(after)\n")
                    }
                }
            }
        }
    }
}
