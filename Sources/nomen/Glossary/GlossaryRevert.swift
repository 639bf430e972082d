import ArgumentParser
import NomenGlossary

extension Nomen.Glossary {
    struct Revert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revert",
            abstract: "Undo a change from the history: its entities go back to how they were before it.",
            discussion: "Refused when an entity has changed since; revert the later change first. The revert is itself a change.")

        @OptionGroup var glossaryOptions: GlossaryOptions

        @Argument(help: "The change's number, as `history` shows it (#12 or 12).")
        var change: String

        /// The first ids a revert touched, then how many more: reverting an
        /// import of 100,000 entities should not print them all.
        static func listing(_ ids: [String], shown: Int = 10) -> String {
            let first = ids.prefix(shown).joined(separator: ", ")
            return ids.count > shown ? "\(first) and \(ids.count - shown) more" : first
        }

        func run() throws {
            try reportingFailures {
                guard let changeID = Int64(change.trimmingPrefix("#")) else {
                    throw CLIFailure("\"\(change)\" is not a change number (see `nomen glossary history`)")
                }
                let store = try glossaryOptions.openStore()
                let revert = try withGlossaryErrors { try store.revert(changeID: changeID, command: commandLineForLog()) }
                Console.write("reverted change \(changeID) as change \(revert.id): \(Self.listing(revert.entities.map(\.entityID)))\n")
            }
        }
    }
}
