import ArgumentParser
import NomenMatching

/// `--input-format`: a format, or `auto` (by extension). `plain` is kept as
/// another name for `text`, which `nomen check` once called it.
enum InputFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, text, html, markdown, jsonl

    init?(argument: String) {
        self.init(rawValue: argument == "plain" ? "text" : argument)
    }

    /// The format to read every input in; nil for `auto`.
    var format: InputFormat? { InputFormat(rawValue: rawValue) }
}

/// The inputs of `nomen annotate` and `nomen check`, read the same way by both.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or directories (walked recursively); standard input when none or \"-\".")
    var paths: [String] = []

    @Option(help: "How to read the inputs (auto: by extension: .html/.htm/.xhtml, .md/.markdown, .jsonl/.ndjson, else text).")
    var inputFormat: InputFormatChoice = .auto

    @Option(help: "In directories, only files matching this pattern (gitignore's dialect: a name at any depth, or a path with a /); repeatable.")
    var include: [String] = []

    @Option(help: "In directories, skip files or folders matching this pattern (gitignore's dialect, as .gitignore files, which are honoured too); repeatable.")
    var exclude: [String] = []

    @Flag(help: "Read invalid UTF-8 with U+FFFD replacements (and a warning) instead of failing.")
    var replaceInvalid = false

    /// The files to read, in order (`InputFiles.expand`).
    func expanded() throws -> [String] {
        do { return try InputFiles.expand(paths, include: include, exclude: exclude) } catch {
            throw CLIFailure(error.description)
        }
    }
}

extension Console {
    /// A job's diagnostic on standard error, as "nomen: SEVERITY: PATH: …".
    static func report(_ diagnostic: Diagnostic) {
        switch diagnostic.problem {
        case .invalidUTF8:
            error("\(diagnostic) (use --replace-invalid to read it with U+FFFD)")
        case .missingField:
            error("\(diagnostic) (--field names the field of JSON Lines input to annotate; default text)")
        default:
            switch diagnostic.severity {
            case .note: note(diagnostic.description)
            case .warning: warn(diagnostic.description)
            case .error: error(diagnostic.description)
            }
        }
    }
}
