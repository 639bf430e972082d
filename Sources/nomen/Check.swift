import ArgumentParser
import Foundation
import NomenCheck
import NomenGlossary
import NomenMatching
import NomenModel

extension Nomen {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Lint texts for names written inconsistently or wrongly, using the glossary.",
            discussion: """
                Rules: \(CheckRule.allCases.map(\.rawValue).joined(separator: ", ")). \
                A house style in .nomen.toml (found upward from each file) sets the tone convention, \
                languages, ignored words, skipped paths and each rule's severity or "off". \
                In the text, "nomen-ignore RULE" silences a rule on its line and "nomen-ignore-next-line" \
                the next line. Exit status: 0 without findings at error severity (--fail-on warning: nor at \
                warning), 1 with, 2 on usage or input errors or when no files matched.
                """
        )

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }
        enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }
        enum FailOn: String, ExpressibleByArgument, CaseIterable { case error, warning }

        @OptionGroup var input: InputOptions

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        @Option(help: "The language of every paragraph, instead of detecting it.")
        var lang: DocumentLanguage?

        @Flag(help: "Apply inconsistent-name to all files of the run together.")
        var acrossFiles = false

        @Flag(help: "Apply the safe fixes and replace each file atomically.")
        var fix = false

        @Flag(help: "With --fix: print a unified diff instead of writing files.")
        var dryRun = false

        @Option(help: "Report only findings that the baseline file does not accept.")
        var baseline: String?

        @Flag(help: "Write all current findings to the --baseline file and exit 0.")
        var updateBaseline = false

        @Option(help: "Colour in text output (auto: on a terminal, unless NO_COLOR is set).")
        var color: ColorChoice = .auto

        @Option(help: "Exit 1 when a finding is at this severity or above.")
        var failOn: FailOn = .error

        @Option(help: "Files checked at once (default: the number of cores).")
        var jobs: Int?

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
            if dryRun && !fix { throw ValidationError("--dry-run goes with --fix.") }
            if updateBaseline && baseline == nil { throw ValidationError("--update-baseline needs --baseline FILE.") }
            if fix && (input.paths.isEmpty || input.paths == ["-"]) {
                throw ValidationError("--fix rewrites files: name them (not standard input).")
            }
            if input.inputFormat == .jsonl {
                throw ValidationError("check reads text, html or markdown; JSONL input is for annotate.")
            }
        }

        func run() throws {
            try reportingFailures {
                let inputs = try input.expanded()
                if inputs.isEmpty {
                    throw CLIFailure("no files matched in \(input.paths.joined(separator: ", ")) (see --include, --exclude, .gitignore)")
                }
                let entities: [Entity]
                let matcher: Matcher
                if let files = try glossaryOptions.textGlossaryFiles() {
                    entities = try TextGlossary.entities(files)
                    matcher = try TextGlossary.matcher(files, semantics: .standard, useCache: true) { entities }
                } else {
                    let store = try glossaryOptions.openStore()
                    entities = try withGlossaryErrors { try store.allEntities() }
                    matcher = try store.matcher(semantics: .standard, useCache: true,
                                                fallbackPath: glossaryOptions.resolvedPath) { entities }
                }
                let checker: Checker
                do { checker = try Checker(matcher: matcher, entities: entities) } catch {
                    throw CLIFailure("cannot prepare the checks: \(error)")
                }
                var options = CheckOptions()
                options.inputFormat = input.inputFormat.format
                options.language = lang
                options.acrossFiles = acrossFiles
                options.fixing = fix ? (dryRun ? .dryRun : .apply) : .none
                options.replaceInvalid = input.replaceInvalid
                options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
                let outcome: CheckOutcome
                do throws(CheckSessionError) {
                    outcome = try CheckSession(checker: checker, options: options)
                        .run(inputs, baseline: baseline, updateBaseline: updateBaseline)
                } catch {
                    throw CLIFailure(error.description)
                }
                for event in outcome.events {
                    switch event {
                    case .input(let diagnostic): Console.report(diagnostic)
                    case .fixesApplied(let path, let count): Console.note("\(path): applied \(counted(count, "fix", "fixes"))")
                    case .fixRefused(let refusal): Console.error(refusal.description)
                    case .baselineWritten(let path, let count): Console.note("wrote \(counted(count, "finding")) to the baseline \(path)")
                    }
                }
                if updateBaseline { return }
                Console.write(outcome.diff)
                try printFindings(outcome.findings)
                FileHandle.standardError.write(Data("nomen: \(outcome.summary)\n".utf8))
                if outcome.failedInputs > 0 { throw ExitCode(2) }
                let threshold: Severity = failOn == .warning ? .warning : .error
                if outcome.findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
            }
        }

        func printFindings(_ findings: [Finding]) throws {
            switch format {
            case .text:
                let useColor: Bool
                switch color {
                case .always: useColor = true
                case .never: useColor = false
                case .auto: useColor = FindingPrinter.colorsByDefault(onTerminal: isatty(STDOUT_FILENO) == 1,
                                                                     environment: ProcessInfo.processInfo.environment)
                }
                Console.write(FindingPrinter.text(findings, color: useColor))
            case .json:
                FindingPrinter.writeJSON(findings) { Console.write($0) }
            case .sarif:
                Console.write(try FindingPrinter.sarif(findings, toolVersion: Nomen.version))
            }
        }
    }
}
