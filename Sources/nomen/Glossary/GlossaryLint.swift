import ArgumentParser
import NomenGlossary

extension Nomen.Glossary {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check the glossary; exit 1 if anything is found.",
            discussion: """
                Checks: ambiguous-key (one folded key shared by several entities, unless each has a note \
                starting "ambiguous-accepted:" on the entity or the name), no-preferred (a language with names \
                but no preferred one), not-nfc, look-alike (Ð U+00D0, Ɖ U+0189 for Đ U+0110), mixed-script \
                (Cyrillic or Greek letters in Latin names), shadowed (a name whose compact key equals that of \
                a longer name of another entity: "Xian" beside "Xi'an"). Output: ENTITY_ID: CHECK: message.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Option(help: "Output format (json: one finding per line).")
        var format: Format = .text

        func run() throws {
            try reportingFailures {
                let store = try glossaryOptions.openStore()
                let findings = try withGlossaryErrors { try store.lint() }
                for finding in findings {
                    switch format {
                    case .text: Console.write(finding.line + "\n")
                    case .json: Console.write(try GlossaryDisplay.json(finding) + "\n")
                    }
                }
                if !findings.isEmpty {
                    Console.error("\(findings.count) finding\(findings.count == 1 ? "" : "s")")
                    throw ExitCode(1)
                }
            }
        }
    }
}
