import ArgumentParser
import NomenGlossary

extension Nomen.Glossary {
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Remove an entity and its names (its history stays; revert brings it back).")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The entity's id.")
        var id: String

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let removed = try withGlossaryErrors { try store.remove(id: id, command: commandLineForLog()) }
                Console.write("removed \(removed.id) (\(counted(removed.names.count, "name")))\n")
            }
        }
    }
}
