import ArgumentParser
import Foundation
import NomenGlossary
import NomenNormalization

/// The option every command that reads or writes the glossary takes.
struct GlossaryOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The glossary database (default: $NOMEN_GLOSSARY, else $XDG_DATA_HOME/nomen/glossary.sqlite, i.e. ~/.local/share/nomen/glossary.sqlite).",
        valueName: "path"))
    var glossary: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The database file this invocation uses.
    var resolvedPath: String { GlossaryLocation.resolve(option: glossary, environment: environment) }

    /// Opens the glossary. At the default location, a missing file is
    /// created and loaded with the bundled seed in one transaction, with a
    /// note on stderr, so that a new user has the seed with no set-up.
    func openStore() throws -> GlossaryStore {
        let path = resolvedPath
        let isDefault = GlossaryLocation.isDefault(option: glossary, environment: environment)
        let existed = FileManager.default.fileExists(atPath: path)
        if isDefault && !existed {
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw CLIFailure("\(directory): cannot create the glossary's folder: \(error.localizedDescription)")
            }
        }
        let store = try withGlossaryErrors { try GlossaryStore(path: path) }
        if isDefault && !existed {
            let summary = try withGlossaryErrors { () throws -> ImportSummary? in
                // Another nomen may have seeded it in the meantime.
                guard try store.counts().entities == 0 else { return nil }
                return try store.loadSeed(command: "seed (first use of the default glossary)")
            }
            if let summary {
                FileHandle.standardError.write(Data(
                    "nomen: created glossary \(path) from the bundled seed (\(counted(summary.added, "entity", "entities")))\n".utf8))
            }
        }
        return store
    }
}

/// Runs `body`, turning glossary and ICU errors into `CLIFailure` (exit 2);
/// errors that list several problems print each first, as `FILE:LINE: message`.
func withGlossaryErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GlossaryError {
        for issue in error.issues where error.issues.count > 1 || issue.file != nil || issue.line != nil {
            FileHandle.standardError.write(Data("\(issue)\n".utf8))
        }
        throw CLIFailure(error.message)
    } catch let error as ICUError {
        throw CLIFailure("Unicode error: \(error)")
    }
}

/// How a command appears in the change log: its arguments as typed.
func commandLineForLog() -> String {
    CommandLine.arguments.dropFirst().map { argument in
        argument.isEmpty || argument.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" })
            ? "\"" + argument.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : argument
    }.joined(separator: " ")
}
