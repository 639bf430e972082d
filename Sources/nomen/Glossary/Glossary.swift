import ArgumentParser

extension Nomen {
    struct Glossary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "glossary",
            abstract: "Keep the glossary: entities, their names in each language, and the history of edits.",
            discussion: """
                The glossary is a SQLite file: --glossary PATH, else $NOMEN_GLOSSARY, else \
                $XDG_DATA_HOME/nomen/glossary.sqlite (~/.local/share/nomen/glossary.sqlite). The default \
                file is created with the bundled seed glossary the first time it is used. Every command's \
                writes are one transaction, recorded in the change log (history, revert).
                """,
            subcommands: [
                Init.self, Add.self, NameCommand.self, Remove.self, Show.self, List.self, Find.self,
                Merge.self, History.self, Revert.self, Expand.self, Lint.self, Import.self, Export.self,
            ]
        )
    }
}
