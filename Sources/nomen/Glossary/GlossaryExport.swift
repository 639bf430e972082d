import ArgumentParser
import Foundation
import NomenGlossary
import NomenModel

extension Nomen.Glossary {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the glossary as CSV, TSV, JSONL or TBX-Basic; import reads it back unchanged.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Option(help: "File format (default: from the --output file's extension: .csv, .tsv, .jsonl, .tbx).")
        var format: GlossaryFormat?

        @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
        var output: String?

        @Option(help: "Only entities of this type.")
        var type: EntityType?

        @Flag(help: "CSV or TSV: start with a UTF-8 byte-order mark, so that Excel reads the file as UTF-8.")
        var bom = false

        /// The format given, else the one the output file's extension names.
        var resolvedFormat: GlossaryFormat? {
            format ?? output.flatMap { $0 == "-" ? nil : GlossaryFormat.inferred(fromPath: $0) }
        }

        func validate() throws {
            if resolvedFormat == nil {
                if let output, output != "-" {
                    throw ValidationError("cannot tell the format from \(output): give --format csv|tsv|jsonl|tbx.")
                }
                throw ValidationError("give --format csv|tsv|jsonl|tbx (or -o FILE with one of those extensions).")
            }
            if bom && resolvedFormat != .csv && resolvedFormat != .tsv {
                throw ValidationError("--bom is for CSV and TSV.")
            }
        }

        func run() throws {
            try reportingFailures {
                guard let format = resolvedFormat else { throw CLIFailure("no format given") }
                let store = try glossaryOptions.openStore()
                let text = (bom ? "\u{FEFF}" : "") + (try withGlossaryErrors { try format.write(store.entities(type: type)) })
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
