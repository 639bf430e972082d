import ArgumentParser
import Foundation

@main
struct Nomen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nomen",
        abstract: "A multilingual glossary and name normalizer for Vietnamese, Chinese and English.",
        discussion: """
            Exit status: 0 on success, 1 when a check finds problems, 2 on usage or input errors.
            """,
        version: Nomen.version,
        subcommands: [Normalize.self, Glossary.self, Annotate.self, Check.self, Serve.self]
    )

    static let version = "0.1.0"

    /// Runs the command; usage errors exit with 2 like input errors, so that
    /// scripts can tell "bad invocation or input" (2) from "findings" (1).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
