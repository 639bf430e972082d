import ArgumentParser
import Foundation
import NomenCheck
import NomenGlossary
import NomenMatching
import NomenModel
import NomenNormalization

extension Nomen {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint texts for names written inconsistently or wrongly, using the glossary.",
            discussion: """
                Rules: \(CheckRule.allCases.map(\.rawValue).joined(separator: ", ")). \
                A house style in .nomen.toml (found upward from each file) sets the tone convention, \
                languages, ignored words, skipped paths and each rule's severity or "off". \
                In the text, "nomen-ignore RULE" silences a rule on its line and "nomen-ignore-next-line" \
                the next line. Exit status: 0 without findings at error severity, 1 with, 2 on usage or \
                input errors.
                """
        )

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }
        enum Language: String, ExpressibleByArgument, CaseIterable { case vi, en, zh }
        enum InputFormat: String, ExpressibleByArgument, CaseIterable { case auto, plain, markdown, html }
        enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

        @Argument(help: "Files or directories to check; standard input when none or \"-\".")
        var paths: [String] = []

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        @Option(help: "The language of every paragraph, instead of detecting it.")
        var lang: Language?

        @Option(help: "How to read the inputs (auto: by file extension).")
        var inputFormat: InputFormat = .auto

        @Option(help: "In directories, check only files matching this glob (repeatable).")
        var include: [String] = []

        @Option(help: "In directories, skip files matching this glob (repeatable).")
        var exclude: [String] = []

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

        func validate() throws {
            if dryRun && !fix { throw ValidationError("--dry-run goes with --fix.") }
            if updateBaseline && baseline == nil { throw ValidationError("--update-baseline needs --baseline FILE.") }
            if fix && (paths.isEmpty || paths == ["-"]) { throw ValidationError("--fix rewrites files: name them (not standard input).") }
        }

        func run() throws {
            try reportingFailures {
                let inputs = try AnnotateInputs.expand(paths, include: include, exclude: exclude)
                let store = try glossaryOptions.openStore()
                let entities = try withGlossaryErrors { try store.allEntities() }
                let matcher = try store.matcher(semantics: .standard, useCache: true,
                                                fallbackPath: glossaryOptions.resolvedPath) { entities }
                let checker: Checker
                do { checker = try Checker(matcher: matcher, entities: entities) } catch {
                    throw CLIFailure("cannot prepare the checks: \(error)")
                }

                var configurations: [String: CheckConfiguration] = [:]
                var documents: [CheckedDocument] = []
                var sources: [String: SourceText] = [:]
                for input in inputs {
                    let url = URL(fileURLWithPath: input == "-" ? FileManager.default.currentDirectoryPath + "/-" : input)
                    let configuration: CheckConfiguration
                    do throws(CheckConfigurationError) {
                        configuration = try CheckConfiguration.nearest(to: url, cache: &configurations)
                    } catch {
                        throw CLIFailure(error.description)
                    }
                    if input != "-" && configuration.skips(url) { continue }
                    let bytes = try AnnotateInputs.readAll(input)
                    let name = input == "-" ? "<stdin>" : input
                    if AnnotateInputs.looksBinary(bytes) {
                        Console.warn("\(name): skipped, looks binary (a NUL byte)")
                        continue
                    }
                    let text: String
                    do throws(InvalidUTF8) {
                        text = try TextDecoding.strictUTF8(bytes)
                    } catch {
                        documents.append(try notUTF8(bytes, path: name, offset: error.byteOffset))
                        continue
                    }
                    let source = SourceText(path: name, text: text)
                    sources[name] = source
                    do {
                        var document = try checker.check(source, format: textFormat(for: input), configuration: configuration,
                                                         language: lang.flatMap { DocumentLanguage(rawValue: $0.rawValue) })
                        if acrossFiles { document.findings.removeAll { $0.rule == .inconsistentName } }
                        documents.append(document)
                    } catch {
                        throw CLIFailure("\(name): \(error)")
                    }
                }

                var findings = documents.flatMap(\.findings)
                if acrossFiles {
                    findings += Checker.inconsistentAcrossFiles(documents)
                    findings.sort { ($0.path, $0.utf8Range.lowerBound) < ($1.path, $1.utf8Range.lowerBound) }
                }

                if let baseline {
                    let url = URL(fileURLWithPath: baseline)
                    if updateBaseline {
                        try Baseline(findings: findings).data().write(to: url, options: .atomic)
                        Console.note("wrote \(findings.count) findings to the baseline \(baseline)")
                        return
                    }
                    guard FileManager.default.fileExists(atPath: baseline) else {
                        throw CLIFailure("\(baseline): no such baseline (create it with --update-baseline)")
                    }
                    do { findings = try Baseline.load(from: url).newFindings(findings) } catch {
                        throw CLIFailure("\(baseline): not a nomen baseline: \(error.localizedDescription)")
                    }
                }

                if fix {
                    findings = try applyFixes(findings, sources: sources) { fixed in
                        // Findings left after fixing, at their new positions.
                        var cache = configurations
                        let url = URL(fileURLWithPath: fixed.path)
                        let configuration = (try? CheckConfiguration.nearest(to: url, cache: &cache)) ?? CheckConfiguration()
                        return try checker.check(fixed, format: textFormat(for: fixed.path), configuration: configuration,
                                                 language: lang.flatMap { DocumentLanguage(rawValue: $0.rawValue) }).findings
                    }
                }
                try printFindings(findings)
                if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
            }
        }

        func textFormat(for path: String) -> TextFormat {
            switch inputFormat {
            case .plain: return .plain
            case .markdown: return .markdown
            case .html: return .html
            case .auto:
                let lower = path.lowercased()
                if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
                if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
                return .plain
            }
        }

        /// A file that is not UTF-8: an `encoding` finding when it reads as a
        /// legacy Vietnamese encoding, else an input error naming the byte.
        func notUTF8(_ bytes: [UInt8], path: String, offset: Int) throws -> CheckedDocument {
            let detection = LegacyText.detect(bytes)
            guard detection.encoding != .utf8, detection.confident else {
                throw CLIFailure("\(path): invalid UTF-8 at byte \(offset)")
            }
            return CheckedDocument.notUTF8(path: path, detection: detection)
        }

        /// Applies the safe fixes file by file; returns the findings left
        /// (for a rewritten file, found again in its new text by `recheck`).
        func applyFixes(_ findings: [Finding], sources: [String: SourceText],
                        recheck: (SourceText) throws -> [Finding]) throws -> [Finding] {
            var remaining: [Finding] = []
            var byPath: [String: [Finding]] = [:]
            var order: [String] = []
            for finding in findings {
                if byPath[finding.path] == nil { order.append(finding.path) }
                byPath[finding.path, default: []].append(finding)
            }
            for path in order {
                let fileFindings = byPath[path]!
                guard let source = sources[path], fileFindings.contains(where: { $0.fix != nil }) else {
                    remaining += fileFindings
                    continue
                }
                let (fixed, applied) = Fixer.apply(fileFindings, to: source.bytes)
                if dryRun {
                    Console.write(Fixer.unifiedDiff(path: path, old: source.text, new: String(decoding: fixed, as: UTF8.self)))
                    remaining += fileFindings.filter { $0.fix == nil }
                    continue
                }
                do {
                    try Fixer.writeAtomically(fixed, to: URL(fileURLWithPath: path))
                } catch {
                    throw CLIFailure("\(path): cannot write the fixed file: \(error.localizedDescription)")
                }
                Console.note("\(path): applied \(applied) fixes")
                let fixedSource = SourceText(path: path, text: String(decoding: fixed, as: UTF8.self))
                do {
                    remaining += try recheck(fixedSource).filter { $0.rule != .inconsistentName || !acrossFiles }
                } catch {
                    throw CLIFailure("\(path): \(error)")
                }
            }
            return remaining
        }

        func printFindings(_ findings: [Finding]) throws {
            switch format {
            case .text:
                let useColor: Bool
                switch color {
                case .always: useColor = true
                case .never: useColor = false
                case .auto: useColor = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                }
                Console.write(FindingPrinter.text(findings, color: useColor))
            case .json:
                Console.write(try FindingPrinter.json(findings))
            case .sarif:
                Console.write(try FindingPrinter.sarif(findings, toolVersion: Nomen.version))
            }
        }
    }
}
