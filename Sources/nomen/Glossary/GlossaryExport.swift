import ArgumentParser
import Foundation
import NomenGlossary
import NomenModel

extension Nomen.Glossary {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
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

        @Option(help: "TBX: this language first in every entry and as the file's language, for CAT tools.")
        var sourceLang: String?

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
            if let sourceLang {
                guard resolvedFormat == .tbx else { throw ValidationError("--source-lang is for TBX.") }
                guard LanguageTag.isWellFormed(sourceLang) else {
                    throw ValidationError("--source-lang must be a BCP 47 language tag (vi, en, zh-Hans…), not \"\(sourceLang)\".")
                }
            }
        }

        func run() throws {
            try reportingFailures {
                guard let format = resolvedFormat else { throw CLIFailure("no format given") }
                let store = try glossaryOptions.openStore()
                let entities = try withGlossaryErrors { try store.entities(type: type) }
                let written = try withGlossaryErrors {
                    try sourceLang.map { GlossaryFormat.tbx(entities, sourceLanguage: $0) } ?? format.write(entities)
                }
                let text = (bom ? "\u{FEFF}" : "") + written
                if let output, output != "-" {
                    do {
                        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                        if format == .tbx {
                            // The XCS the file refers to, beside it.
                            let xcs = URL(fileURLWithPath: output).deletingLastPathComponent()
                                .appendingPathComponent(GlossaryFormat.tbxConstraints.fileName)
                            try Data(GlossaryFormat.tbxConstraints.text.utf8).write(to: xcs, options: .atomic)
                        }
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
