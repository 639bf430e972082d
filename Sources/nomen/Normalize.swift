import ArgumentParser
import Foundation
import NomenNormalization

extension UnicodeForm: ExpressibleByArgument {}
extension ToneConvention: ExpressibleByArgument {}
extension NameKindHint: ExpressibleByArgument {}
extension TextNormalization.Transliteration: ExpressibleByArgument {}

extension Nomen {
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "normalize",
            abstract: "Normalize text: Unicode forms, Vietnamese tone marks, folding to match keys.",
            discussion: """
                Reads the files (standard input when none or "-") and writes the result to standard \
                output. Steps run in this order: --decode, --repair, --form, --translit, --tone, then --fold or --compact. \
                --translit, --fold and --compact work line by line, so lists keep one entry per line. \
                --detect reports instead of rewriting.
                """
        )

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        enum Decode: String, ExpressibleByArgument, CaseIterable {
            case auto, viqr, vni, tcvn3, cp1258, mojibake
        }

        @Argument(help: "Files to read; standard input when none or \"-\".")
        var files: [String] = []

        @Option(help: "Unicode normalization form to write.")
        var form: UnicodeForm?

        @Option(help: "Move Vietnamese tone marks to a convention: old (kiểu cũ: hòa, thủy) or new (kiểu mới: hoà, thuỷ); misplaced marks (tòan, baỷ) move too.")
        var tone: ToneConvention?

        @Flag(help: "Repair look-alike letters in Vietnamese words: Ð/ð (eth) and Ɖ/ɖ typed for Đ/đ.")
        var repair = false

        @Flag(help: "Fold to the match key: no diacritics, đ→d, lower case, i/y unified, white space collapsed.")
        var fold = false

        @Flag(help: "Fold, then remove spaces, hyphens and apostrophes (Hai Phong → haiphong).")
        var compact = false

        @Option(help: ArgumentHelp(
            "Transliterate each line on its own (one name per line in, one out).",
            discussion: "pinyin and hanviet read Han characters as the press writes names; latin romanizes other scripts; simplified and traditional convert Chinese characters at phrase level as OpenCC does (traditional-tw and traditional-hk in Taiwan's and Hong Kong's standard forms); ascii strips Vietnamese diacritics."))
        var translit: TextNormalization.Transliteration?

        @Option(help: "What the names given to --translit are: person (family name first) or place.")
        var kind: NameKindHint = .person

        @Flag(help: "Keep pinyin tone marks with --translit pinyin (Xí Jìnpíng).")
        var toneMarks = false

        @Option(help: ArgumentHelp(
            "Decode legacy Vietnamese text first.",
            discussion: "auto detects the encoding, says on stderr what it found and on what evidence, and refuses when unsure."))
        var decode: Decode?

        @Flag(help: "Report the normalization form, scripts and tone convention instead of rewriting.")
        var detect = false

        @Option(help: "Output format of --detect.")
        var format: ReportFormat = .text

        @Flag(help: "Print the fold as ICU transform rules (what --fold computes; uconv -x accepts them) and exit.")
        var printFoldRules = false

        @Flag(help: ArgumentHelp("Print the fold of every code point as ICU computes it (the table in Data/fold) and exit.",
                                 visibility: .hidden))
        var printFoldTable = false

        @Flag(help: "Read invalid UTF-8 with U+FFFD replacements (and a warning) instead of failing.")
        var replaceInvalid = false

        func validate() throws {
            if detect && (form != nil || tone != nil || fold || compact || translit != nil || decode != nil || repair) {
                throw ValidationError("--detect reports on the input; it cannot be combined with --form, --tone, --fold, --compact, --translit, --decode or --repair.")
            }
            if toneMarks && translit != .pinyin {
                throw ValidationError("--tone-marks goes with --translit pinyin.")
            }
        }

        func run() throws {
            if printFoldRules {
                Console.write(FoldRules.completeICURules + "\n")
                return
            }
            if printFoldTable {
                try reportingFailures { Console.write(try Fold.tableFromICU()) }
                return
            }
            try reportingFailures {
                let sources = WholeInput.inputs(from: files)
                var reports: [DetectionOutput] = []
                for source in sources {
                    if detect {
                        reports.append(try inspect(source))
                        continue
                    }
                    Console.write(try normalization.apply(to: try readText(source)))
                }
                if detect { try printReports(reports) }
            }
        }

        /// The rewriting steps asked for, as the library runs them.
        var normalization: TextNormalization {
            var normalization = TextNormalization()
            normalization.repair = repair
            normalization.form = form
            normalization.transliteration = translit
            normalization.nameKind = kind
            normalization.toneMarks = toneMarks
            normalization.tone = tone
            normalization.key = compact ? .compact : (fold ? .folded : nil)
            return normalization
        }

        /// The input as text: decoded from a legacy encoding with --decode,
        /// else read as UTF-8.
        func readText(_ source: WholeInput) throws -> String {
            guard let decode else { return try source.text(replacingInvalid: replaceInvalid) }
            let bytes = try source.bytes()
            do {
                if decode == .auto {
                    let (text, detection) = try LegacyText.decodeAuto(bytes)
                    if detection.encoding != .utf8 {
                        Console.note("\(source.displayName): decoded as \(detection.encoding.displayName) (\(detection.evidence))")
                    }
                    return text
                }
                if decode == .mojibake {
                    let (text, notes) = try LegacyText.repairMojibake(bytes)
                    for note in notes { Console.note("\(source.displayName): \(note)") }
                    return text
                }
                let encoding = LegacyEncoding(rawValue: decode.rawValue) ?? .utf8
                return try LegacyText.decode(bytes, from: encoding)
            } catch {
                throw CLIFailure("\(source.displayName): \(error.description)")
            }
        }

        /// --detect: the encoding (from the bytes), then form, scripts and
        /// tone convention of the text (decoded when it is legacy).
        func inspect(_ source: WholeInput) throws -> DetectionOutput {
            let bytes = try source.bytes()
            let detection = LegacyText.detect(bytes)
            var text: String
            if detection.encoding == .utf8 {
                text = try source.text(replacingInvalid: replaceInvalid, bytes: bytes)
            } else if detection.confident, let decoded = try? LegacyText.decode(bytes, from: detection.encoding) {
                text = decoded
            } else {
                text = TextDecoding.replacingUTF8(bytes).text
            }
            return DetectionOutput(path: source.displayName, encoding: detection, report: try TextReport(inspecting: text))
        }

        struct DetectionOutput: Encodable {
            let path: String
            let encoding: LegacyDetection
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
            let encoding = output.encoding
            let certainty = encoding.confident ? "" : " (not sure)"
            lines.append("  encoding: \(encoding.evidence)\(certainty)")
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
