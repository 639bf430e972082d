import ArgumentParser
import Foundation
import NomenGlossary
import NomenPostgres

extension Nomen.Glossary {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the glossary database (or bring an old one up to date).",
            discussion: "With --seed, load the bundled seed glossary into it (it must not hold those ids yet).")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Flag(help: "Load the bundled seed glossary (vi/zh/en names of places, people, organizations and terms).")
        var seed = false

        func run() throws {
            try reportingFailures {
                if let url = glossaryOptions.databaseURL {
                    // Connecting creates the schema, or brings it up to date.
                    let store = try withGlossaryErrors { try PostgresGlossary(url: url) }
                    let counts = try withGlossaryErrors { try store.counts() }
                    Console.write("glossary \(store.location): \(counts.entities) entities, \(counts.names) names\n")
                    try loadSeed(into: store)
                    return
                }
                let path = glossaryOptions.resolvedPath
                let existed = FileManager.default.fileExists(atPath: path)
                let store = try withGlossaryErrors { try GlossaryStore(path: path) }
                let counts = try withGlossaryErrors { try store.counts() }
                if existed {
                    Console.write("glossary \(path) exists: \(counted(counts.entities, "entity", "entities")), \(counted(counts.names, "name"))\n")
                } else {
                    Console.write("created glossary \(path)\n")
                }
                try loadSeed(into: store)
            }
        }

        func loadSeed(into store: any GlossaryBackend) throws {
            guard seed else { return }
            let summary = try withGlossaryErrors { try store.loadSeed(command: commandLineForLog()) }
            Console.write("loaded the bundled seed: \(counted(summary.added, "entity", "entities")), \(counted(summary.names, "name"))\n")
        }
    }
}
