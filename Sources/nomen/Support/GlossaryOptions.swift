import ArgumentParser
import Foundation
import NomenGlossary
import NomenNormalization
import NomenPostgres

/// The options every command that reads or writes the glossary takes.
struct GlossaryOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The glossary database (default: $NOMEN_GLOSSARY, else $XDG_DATA_HOME/nomen/glossary.sqlite, i.e. ~/.local/share/nomen/glossary.sqlite).",
        valueName: "path"))
    var glossary: String?

    @Option(help: ArgumentHelp(
        "A glossary in PostgreSQL instead of a SQLite file: postgres://USER[:PASSWORD]@HOST:PORT/DATABASE (default: $NOMEN_DATABASE; not with --glossary).",
        valueName: "url"))
    var database: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func validate() throws {
        if glossary != nil && database != nil {
            throw ValidationError("give either --glossary (a SQLite file) or --database (a PostgreSQL URL), not both")
        }
        if let url = databaseURL, !GlossaryOptions.isPostgresURL(url) {
            let from = database == nil ? "$NOMEN_DATABASE" : "--database"
            throw ValidationError("\(from) takes a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE (for a SQLite file, use --glossary)")
        }
    }

    static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The PostgreSQL URL this invocation uses: --database, else
    /// $NOMEN_DATABASE unless --glossary is given; nil for SQLite.
    var databaseURL: String? {
        if let database, !database.isEmpty { return database }
        if glossary == nil, let url = environment["NOMEN_DATABASE"], !url.isEmpty { return url }
        return nil
    }

    /// The database file this invocation uses (SQLite).
    var resolvedPath: String { GlossaryLocation.resolve(option: glossary, environment: environment) }

    /// Opens the glossary: PostgreSQL when a URL is given, else the SQLite
    /// file. At the default location, a missing file is created and loaded
    /// with the bundled seed in one transaction, with a note on stderr, so
    /// that a new user has the seed with no set-up.
    func openStore() throws -> any GlossaryBackend {
        if let url = databaseURL {
            return try withGlossaryErrors { try PostgresGlossary(url: url) }
        }
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
