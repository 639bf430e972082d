import ArgumentParser
import NomenGlossary

extension Nomen.Glossary {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge entity B into A: B's names and history move to A, and B is removed.",
            discussion: "A keeps its preferred names; B's preferred names in the same languages become admitted. Fields A lacks are taken from B.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The entity that stays.")
        var a: String

        @Argument(help: "The entity merged into A and removed.")
        var b: String

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let merged = try withGlossaryErrors { try store.merge(into: a, from: b, command: commandLineForLog()) }
                Console.write("merged \(b) into \(a) (\(counted(merged.names.count, "name")))\n")
            }
        }
    }
}
