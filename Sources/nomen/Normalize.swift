import ArgumentParser
import Foundation
import NomenNormalization

extension Nomen {
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Normalize text: Unicode forms, Vietnamese tone marks, folding to match keys.",
            discussion: """
                Reads the files (standard input when none or "-") and writes the result to standard \
                output. Steps run in this order: --form, --tone, then --fold or --compact (which work \
                line by line, so lists keep one entry per line). --detect reports instead of rewriting.
                """
        )

        enum Form: String, ExpressibleByArgument, CaseIterable {
            case nfc, nfd, nfkc, nfkd
            case nfkcCasefold = "nfkc_cf"

            var unicodeForm: UnicodeForm {
                switch self {
                case .nfc: .nfc
                case .nfd: .nfd
                case .nfkc: .nfkc
                case .nfkd: .nfkd
                case .nfkcCasefold: .nfkcCasefold
                }
            }
        }

        enum Tone: String, ExpressibleByArgument, CaseIterable {
            case old, new
            var convention: ToneConvention { self == .old ? .old : .new }
        }

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Argument(help: "Files to read; standard input when none or \"-\".")
        var files: [String] = []

        @Option(help: "Unicode normalization form to write.")
        var form: Form?

        @Option(help: "Move Vietnamese tone marks to a convention: old (kiểu cũ: hòa, thủy) or new (kiểu mới: hoà, thuỷ).")
        var tone: Tone?

        @Flag(help: "Fold to the match key: no diacritics, đ→d, lower case, i/y unified, white space collapsed.")
        var fold = false

        @Flag(help: "Fold, then remove spaces, hyphens and apostrophes (Hai Phong → haiphong).")
        var compact = false

        @Flag(help: "Report the normalization form, scripts and tone convention instead of rewriting.")
        var detect = false

        @Option(help: "Output format of --detect.")
        var format: ReportFormat = .text

        @Flag(help: "Print the fold as ICU transform rules (what --fold computes; uconv -x accepts them) and exit.")
        var printFoldRules = false

        @Flag(help: "Read invalid UTF-8 with U+FFFD replacements (and a warning) instead of failing.")
        var replaceInvalid = false

        func validate() throws {
            if detect && (form != nil || tone != nil || fold || compact) {
                throw ValidationError("--detect reports on the input; it cannot be combined with --form, --tone, --fold or --compact.")
            }
        }

        func run() throws {
            if printFoldRules {
                Console.write(FoldRules.completeICURules + "\n")
                return
            }
            try reportingFailures {
                let sources = InputSource.sources(from: files)
                var reports: [DetectionOutput] = []
                for source in sources {
                    let text = try source.readText(replacingInvalid: replaceInvalid)
                    if detect {
                        reports.append(DetectionOutput(path: source.displayName, report: try TextReport(inspecting: text)))
                    } else {
                        Console.write(try transform(text))
                    }
                }
                if detect { try printReports(reports) }
            }
        }

        func transform(_ input: String) throws -> String {
            var text = input
            if let form { text = try UnicodeNormalizer.normalize(text, to: form.unicodeForm) }
            if let tone { text = tone.convention.apply(to: text) }
            if fold || compact {
                let tier: MatchTier = compact ? .compact : .folded
                let folder = try FastFolder()
                var lines: [String] = []
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let folded = try folder.fold(String(line))
                    lines.append(tier == .compact ? MatchKey.compactingFolded(folded) : folded)
                }
                text = lines.joined(separator: "\n")
            }
            return text
        }

        struct DetectionOutput: Encodable {
            let path: String
            let report: TextReport
        }

        func printReports(_ outputs: [DetectionOutput]) throws {
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let data = outputs.count == 1 ? try encoder.encode(outputs[0]) : try encoder.encode(outputs)
                Console.write(String(decoding: data, as: UTF8.self) + "\n")
            case .text:
                for output in outputs {
                    Console.write(Self.describe(output))
                }
            }
        }

        static func describe(_ output: DetectionOutput) -> String {
            let report = output.report
            var lines = ["\(output.path):"]
            lines.append("  form: \(report.form.rawValue)")
            let scripts = report.scriptsByCount.map { "\($0.script) \($0.letters)" }.joined(separator: ", ")
            lines.append("  scripts: \(scripts.isEmpty ? "none" : scripts) (letters)")
            let tone = report.tone
            var verdict = tone.verdict.rawValue
            if let convention = ToneConvention(rawValue: verdict) {
                verdict += " (\(convention.vietnameseName))"
            }
            lines.append("  tone marks: \(verdict); \(tone.oldCount) old-style, \(tone.newCount) new-style syllables")
            for misplaced in tone.misplaced {
                lines.append("  misplaced tone mark: \(misplaced.word) at scalar \(misplaced.scalarOffset), expected \(misplaced.suggestion)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
