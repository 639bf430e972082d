import Foundation
import NomenMatching
import NomenNormalization

/// The settings of a check run.
public struct CheckOptions: Sendable {
    /// What to do with the safe fixes.
    public enum Fixing: Sendable { case none, apply, dryRun }

    /// How to read every input; nil: by each path's extension (`InputFormat.detect`).
    public var inputFormat: InputFormat? = nil
    /// The language of every paragraph; nil: detected per paragraph.
    public var language: DocumentLanguage? = nil
    /// Apply `inconsistent-name` to all files together rather than each alone.
    public var acrossFiles = false
    public var fixing: Fixing = .none
    /// Read invalid UTF-8 with U+FFFD (and a warning) instead of failing.
    public var replaceInvalid = false
    /// Files checked at once, each by a checker of its own (`Checker.sibling`).
    public var jobs = 1

    public init() {}
}

/// Why a check run stopped, naming the file or setting at fault.
public struct CheckSessionError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a check run did besides finding: each a value, worded by the front end.
public enum CheckEvent: Equatable, Sendable {
    /// A problem with one input that did not stop the run (a binary file skipped, invalid UTF-8 replaced).
    case input(Diagnostic)
    case fixesApplied(path: String, count: Int)
    /// A file whose fixes were not written (a link, read-only, changed since
    /// it was read…): it is as it was, and the input counts as failed.
    case fixRefused(FileReplacementError)
    case baselineWritten(path: String, findings: Int)
}

/// What a check run gives: the findings to report (after the baseline and
/// the fixes), what happened on the way, and with `--dry-run` the diff.
public struct CheckOutcome: Sendable {
    public var findings: [Finding] = []
    public var events: [CheckEvent] = []
    /// The unified diff of the fixes, when they were not written.
    public var diff = ""
    /// Inputs that could not be checked (unreadable, or invalid UTF-8 not
    /// replaced): each is reported (a diagnostic, and for invalid UTF-8 an
    /// `encoding` finding) and the run goes on; the CLI exits 2.
    public var failedInputs = 0
    /// Inputs read (checked, or reported as not UTF-8), for the summary.
    public var filesChecked = 0

    /// "checked 3 files: 1 error, 2 warnings, 0 info", for the end of a run.
    public var summary: String {
        // By index: a closure over each `Finding` copied it, all its strings retained.
        var errors = 0, warnings = 0, infos = 0
        for index in findings.indices {
            switch findings[index].severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
        return "checked \(filesChecked) file\(filesChecked == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), "
            + "\(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info"
    }
}

/// One run of `nomen check` over files: the house style of each file
/// (`.nomen.toml`, found upward), reading, the rules, the cross-file rule,
/// the baseline, the fixes. The CLI and a server call the same code.
public final class CheckSession {
    public let checker: Checker
    public let options: CheckOptions
    /// `.nomen.toml` files read so far, by folder.
    private var configurations: [String: CheckConfiguration] = [:]

    public init(checker: Checker, options: CheckOptions) {
        self.checker = checker
        self.options = options
    }

    /// Checks every input (`InputFiles.expand`'s paths; "-" for standard
    /// input). With `baseline`, either records the findings in it
    /// (`updateBaseline`) or reports only those it does not accept.
    public func run(_ inputs: [String], baseline: String? = nil, updateBaseline: Bool = false) throws(CheckSessionError) -> CheckOutcome {
        var outcome = CheckOutcome()
        var documents: [CheckedDocument] = []
        var sources: [String: SourceText] = [:]
        /// The bytes each file held when read, to write fixes only over those.
        var originals: [String: [UInt8]] = [:]
        // House styles first, on this thread (their cache is not shared).
        var files: [(input: String, configuration: CheckConfiguration)] = []
        for input in inputs {
            let url = Self.url(of: input)
            let configuration = try configuration(for: url)
            if input != "-" && configuration.skips(url) { continue }
            files.append((input, configuration))
        }
        // Then the files, `jobs` at a time, each worker with its own checker,
        // merged in the order given. Each thread uses only its own checker;
        // the session's own state (the house styles' cache) is not touched
        // while they run.
        let checkers = try checkers(for: files.count)
        nonisolated(unsafe) let session = self, sharedFiles = files, sharedCheckers = checkers
        var failure: CheckSessionError? = nil
        OrderedWork<FileResult>.run(count: files.count, workers: checkers.count, window: checkers.count * 8, work: { index, worker in
            session.checkFile(sharedFiles[index].input, configuration: sharedFiles[index].configuration,
                              with: sharedCheckers[worker])
        }) { _, result in
            if let error = result.error {
                failure = error
                return false
            }
            outcome.events += result.events
            outcome.failedInputs += result.failedInputs
            outcome.filesChecked += result.filesChecked
            documents += result.documents
            if let source = result.source, let original = result.original {
                sources[source.path] = source
                originals[source.path] = original
            }
            return true
        }
        if let failure { throw failure }

        // One document's findings are shared, not copied one by one.
        var findings = documents.count == 1 ? documents[0].findings : documents.flatMap(\.findings)
        if options.acrossFiles {
            findings += Checker.inconsistentAcrossFiles(documents)
            findings.sort { ($0.path, $0.utf8Range.lowerBound) < ($1.path, $1.utf8Range.lowerBound) }
        }

        if let baseline {
            let url = URL(fileURLWithPath: baseline)
            if updateBaseline {
                do { try Baseline(findings: findings).data().write(to: url, options: .atomic) } catch {
                    throw CheckSessionError("\(baseline): cannot write the baseline: \(error.localizedDescription)")
                }
                outcome.events.append(.baselineWritten(path: baseline, findings: findings.count))
                return outcome
            }
            guard FileManager.default.fileExists(atPath: baseline) else {
                throw CheckSessionError("\(baseline): no such baseline (create it with --update-baseline)")
            }
            do { findings = try Baseline.load(from: url).newFindings(findings) } catch {
                throw CheckSessionError("\(baseline): not a nomen baseline: \(error.localizedDescription)")
            }
        }

        if options.fixing != .none {
            findings = try applyFixes(findings, sources: sources, originals: originals, outcome: &outcome)
        }
        outcome.findings = findings
        return outcome
    }

    /// What checking one input gave, merged into the run in input order.
    private struct FileResult {
        var events: [CheckEvent] = []
        var failedInputs = 0
        var filesChecked = 0
        var documents: [CheckedDocument] = []
        /// Kept only to fix: a run over a million files should not hold them all.
        var source: SourceText? = nil
        var original: [UInt8]? = nil
        var error: CheckSessionError? = nil
    }

    /// This session's checker, and siblings of it up to `options.jobs`
    /// (no more than there are files).
    private func checkers(for files: Int) throws(CheckSessionError) -> [Checker] {
        var checkers = [checker]
        while checkers.count < min(max(1, options.jobs), files) {
            do { checkers.append(try checker.sibling()) } catch {
                throw CheckSessionError("cannot prepare the checks: \(error)")
            }
        }
        return checkers
    }

    /// Reads, decodes and checks one input.
    private func checkFile(_ input: String, configuration: CheckConfiguration, with checker: Checker) -> FileResult {
        var result = FileResult()
        let name = InputFiles.displayName(input)
        let bytes: [UInt8]
        do { bytes = try InputFiles.read(input) } catch {
            result.events.append(.input(Diagnostic(path: name, problem: .unreadable(error.reason))))
            result.failedInputs += 1
            return result
        }
        result.filesChecked += 1
        if InputFiles.looksBinary(bytes) {
            result.events.append(.input(Diagnostic(path: name, problem: .binarySkipped)))
            return result
        }
        guard let (text, replaced) = decode(bytes, name: name, into: &result) else { return result }
        // The bytes as read are the text's unless invalid ones were replaced.
        let source = replaced ? SourceText(path: name, text: text) : SourceText(path: name, text: text, bytes: bytes)
        if options.fixing != .none {
            result.source = source
            result.original = bytes
        }
        do throws(CheckSessionError) {
            var document = try check(source, configuration: configuration, format: format(of: input), with: checker)
            if options.acrossFiles { document.findings.removeAll { $0.rule == .inconsistentName } }
            result.documents.append(document)
        } catch {
            result.error = error
        }
        return result
    }

    /// Checks one text held in memory (a server's request) with a house style.
    public func check(_ source: SourceText, configuration: CheckConfiguration, format: InputFormat) throws(CheckSessionError) -> CheckedDocument {
        try check(source, configuration: configuration, format: format, with: checker)
    }

    private func check(_ source: SourceText, configuration: CheckConfiguration, format: InputFormat,
                       with checker: Checker) throws(CheckSessionError) -> CheckedDocument {
        do {
            return try checker.check(source, format: format, configuration: configuration, language: options.language)
        } catch {
            throw CheckSessionError("\(source.path): \(error)")
        }
    }

    /// How `path` is read: the format given, else by extension.
    public func format(of path: String) -> InputFormat {
        options.inputFormat ?? InputFormat.detect(path: path)
    }

    private static func url(of input: String) -> URL {
        URL(fileURLWithPath: input == "-" ? FileManager.default.currentDirectoryPath + "/-" : input)
    }

    private func configuration(for url: URL) throws(CheckSessionError) -> CheckConfiguration {
        do throws(CheckConfigurationError) {
            return try CheckConfiguration.nearest(to: url, cache: &configurations)
        } catch {
            throw CheckSessionError(error.description)
        }
    }

    /// The text of a file's bytes, and whether invalid bytes were replaced;
    /// nil when the file is not UTF-8 but reads as a legacy Vietnamese
    /// encoding (then an `encoding` finding is added), or when it is invalid
    /// UTF-8 and `replaceInvalid` is off (then an `encoding` finding at error
    /// severity naming the byte, a diagnostic, and the input counts as
    /// failed). With `replaceInvalid`, U+FFFD and a warning.
    private func decode(_ bytes: [UInt8], name: String, into result: inout FileResult) -> (text: String, replaced: Bool)? {
        do throws(InvalidUTF8) {
            return (try TextDecoding.strictUTF8(bytes), false)
        } catch {
            let detection = LegacyText.detect(bytes)
            if detection.encoding != .utf8 && detection.confident {
                result.documents.append(CheckedDocument.notUTF8(path: name, detection: detection))
                return nil
            }
            guard options.replaceInvalid else {
                result.documents.append(CheckedDocument.invalidUTF8(path: name, bytes: bytes, byteOffset: error.byteOffset))
                result.events.append(.input(Diagnostic(path: name, problem: .invalidUTF8(byteOffset: error.byteOffset))))
                result.failedInputs += 1
                return nil
            }
            result.events.append(.input(Diagnostic(path: name, problem: .invalidUTF8Replaced(byteOffset: error.byteOffset))))
            return (TextDecoding.replacingUTF8(bytes).text, true)
        }
    }

    /// Applies the safe fixes file by file; returns the findings left (for a
    /// rewritten file, found again in its new text).
    private func applyFixes(_ findings: [Finding], sources: [String: SourceText], originals: [String: [UInt8]],
                            outcome: inout CheckOutcome) throws(CheckSessionError) -> [Finding] {
        var remaining: [Finding] = []
        var byPath: [String: [Finding]] = [:]
        var order: [String] = []
        for finding in findings {
            if byPath[finding.path] == nil { order.append(finding.path) }
            byPath[finding.path, default: []].append(finding)
        }
        for path in order {
            let fileFindings = byPath[path] ?? []
            guard let source = sources[path], fileFindings.contains(where: { $0.fix != nil }) else {
                remaining += fileFindings
                continue
            }
            let url = URL(fileURLWithPath: path)
            let configuration = (try? CheckConfiguration.nearest(to: url, cache: &configurations)) ?? CheckConfiguration()
            let result: FixedText
            do {
                result = try checker.fixRepeatedly(source, findings: fileFindings, format: format(of: path),
                                                   configuration: configuration, language: options.language)
            } catch {
                throw CheckSessionError("\(path): \(error)")
            }
            let fixed = result.source.bytes
            if options.fixing == .dryRun {
                outcome.diff += Fixer.unifiedDiff(path: path, old: source.text, new: result.source.text)
                remaining += fileFindings.filter { $0.fix == nil }
                continue
            }
            do throws(FileReplacementError) {
                // Read with U+FFFD for invalid bytes, the text is not the
                // file: writing it would replace those bytes too.
                guard let original = originals[path], original == source.bytes else {
                    throw FileReplacementError(path: path, reason: "it is not valid UTF-8, and writing the fixes would replace its invalid bytes with U+FFFD")
                }
                try FileReplacement.replace(path, with: fixed, expecting: original)
            } catch {
                outcome.events.append(.fixRefused(error))
                outcome.failedInputs += 1
                remaining += fileFindings
                continue
            }
            outcome.events.append(.fixesApplied(path: path, count: result.applied))
            // The findings left in the fixed file, at their new positions.
            remaining += result.findings.filter { $0.rule != .inconsistentName || !options.acrossFiles }
        }
        return remaining
    }
}
