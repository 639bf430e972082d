import ArgumentParser
import Foundation
import NomenGlossary
import NomenModel

extension Nomen.Glossary {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the glossary as CSV, TSV, JSONL or TBX-Basic; import reads it back unchanged.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Option(help: "File format.")
        var format: GlossaryFormat

        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
        var output: String?

        @Option(help: "Only entities of this type.")
        var type: EntityType?

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let text = try withGlossaryErrors { try format.write(store.entities(type: type)) }
                if let output, output != "-" {
                    do {
                        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                    } catch {
                        throw CLIFailure("\(output): cannot write: \(error.localizedDescription)")
                    }
                } else {
                    Console.write(text)
                }
            }
        }
    }
}
