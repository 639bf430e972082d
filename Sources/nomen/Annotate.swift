import ArgumentParser
import Foundation
import NomenGlossary
import NomenMatching

extension DocumentLanguage: ExpressibleByArgument {}

extension Nomen {
    struct Annotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annotate",
            abstract: "Find the glossary's names in text and link them to entities.",
            discussion: """
                Reads files, directories (recursively) or standard input. Matching is leftmost-longest over \
                folded text, on word boundaries (none needed in Han text), with case rules for short and \
                common-word names; see docs/cli.md, "nomen annotate". Offsets are Unicode scalar offsets \
                (start, end) and UTF-8 byte offsets (start_utf8, end_utf8) into the original text.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, jsonl, inline, html
        }

        @OptionGroup var input: InputOptions

        @Option(help: "Output: json (default for one input), jsonl (default for several), inline, html.")
        var format: Format?

        @Flag(help: "Write the text with each mention replaced by the canonical name in the target language.")
        var rewrite = false

        @Option(help: "Target language of canonical names (default: detected per document).")
        var lang: DocumentLanguage?

        @Option(help: "For JSONL input (.jsonl, .ndjson): the string field to annotate in each line's object (default: text).")
        var field: String?

        @Option(help: "For JSONL input: a field (an article's id) copied into each line's JSON output.")
        var idField: String?

        @Option(help: "Files annotated at once (default: the number of cores).")
        var jobs: Int?

        @Flag(help: "Compile the matcher even when the cache holds it, and do not write the cache.")
        var noCache = false

        @Flag(help: .hidden)
        var relaxedCase = false

        @OptionGroup var glossaryOptions: GlossaryOptions

        func validate() throws {
            if rewrite && format != nil {
                throw ValidationError("--rewrite writes the rewritten text; it cannot be combined with --format.")
            }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        }

        func run() throws {
            try reportingFailures {
                let inputs = try input.expanded()
                let matcher = try loadMatcher()
                var options = AnnotateOptions()
                switch format {
                case _ where rewrite: options.output = .rewrite
                case .json: options.output = .json
                case .jsonl: options.output = .jsonl
                case .inline: options.output = .inline
                case .html: options.output = .html
                case nil: options.output = inputs.count == 1 ? .json : .jsonl
                }
                if options.output == .html && inputs.count > 1 {
                    throw CLIFailure("--format html writes one page: give one input (got \(inputs.count))")
                }
                options.language = lang
                options.inputFormat = input.inputFormat.format
                options.field = field
                options.idField = idField
                options.replaceInvalid = input.replaceInvalid
                if let jobs { options.jobs = jobs }
                options.headers = inputs.count > 1
                let sink = StandardOutputSink(showsProgress: inputs.count > 1 && isatty(2) != 0)
                let failures = AnnotateJob(matcher: matcher, options: options).run(inputs, sink: sink)
                sink.finish()
                if failures > 0 { throw ExitCode(2) }
            }
        }

        func loadMatcher() throws -> Matcher {
            let semantics: MatchSemantics = relaxedCase ? .relaxedCase : .standard
            if let files = try glossaryOptions.textGlossaryFiles() {
                return try TextGlossary.matcher(files, semantics: semantics, useCache: !noCache) {
                    try TextGlossary.entities(files)
                }
            }
            let store = try glossaryOptions.openStore()
            return try store.matcher(semantics: relaxedCase ? .relaxedCase : .standard, useCache: !noCache,
                                     fallbackPath: glossaryOptions.resolvedPath) { try store.allEntities() }
        }
    }
}
