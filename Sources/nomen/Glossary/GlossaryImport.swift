import ArgumentParser
import Foundation
import NomenGlossary

extension Nomen.Glossary {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import entities from a CSV, TSV, JSONL or TBX file, all or nothing.",
            discussion: """
                A bad row (unknown status or language, empty text, invalid UTF-8, a second preferred name…) \
                aborts the import: every error is listed as FILE:LINE: message, the exit status is 2 and the \
                glossary is unchanged. The format defaults to the file's extension.
                """)

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The file to read (\"-\" for standard input, with --format).")
        var file: String

        @Option(help: "File format (default: from the extension).")
        var format: GlossaryFormat?

        @Flag(help: "Check everything and report what would be imported, changing nothing.")
        var dryRun = false

        @Option(help: "What to do with an id the glossary has already.")
        var onConflict: ConflictPolicy = .fail

        func validate() throws {
            if format == nil && GlossaryFormat.inferred(fromPath: file) == nil {
                throw ValidationError("cannot tell the format of \"\(file)\" from its name; give --format csv|tsv|jsonl|tbx")
            }
        }

        func run() throws {
            try reportingFailures {
                guard let format = format ?? GlossaryFormat.inferred(fromPath: file) else { return }
                let bytes = try WholeInput(path: file).bytes()
                let start = ContinuousClock.now
                let parsed = format.read(bytes, file: file)
                for warning in parsed.warnings { Console.warn(warning.description) }
                if !parsed.issues.isEmpty {
                    let issues = parsed.allIssues(file: file)
                    for issue in issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
                    let count = counted(issues.count, "error")
                    throw CLIFailure("import aborted: \(count); the glossary is unchanged")
                }
                let store = try glossaryOptions.openStore()
                let summary = try withGlossaryErrors {
                    try store.importEntities(parsed.entities, file: file, onConflict: onConflict, dryRun: dryRun,
                                             command: commandLineForLog())
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let verb = dryRun ? "would import" : "imported"
                let entities = counted(summary.added + summary.replaced, "entity", "entities")
                Console.write(String(format: "\(verb) \(entities) (\(counted(summary.names, "name"))): %d added, %d replaced, %d skipped in %.2f s\n",
                                     summary.added, summary.replaced, summary.skipped, seconds))
            }
        }
    }
}
