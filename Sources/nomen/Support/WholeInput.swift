import NomenMatching

/// A whole file or standard input ("-") for the commands that read one
/// text at a time (`normalize`, `glossary import`), with the CLI's messages.
struct WholeInput {
    let path: String

    var displayName: String { InputFiles.displayName(path) }

    /// Standard input when no file is named.
    static func inputs(from paths: [String]) -> [WholeInput] {
        (paths.isEmpty ? ["-"] : paths).map(WholeInput.init(path:))
    }

    func bytes() throws -> [UInt8] {
        do { return try InputFiles.read(path) } catch { throw CLIFailure(error.description) }
    }

    /// The input as UTF-8: strictly (an error naming the byte), or with
    /// U+FFFD for ill-formed bytes and a warning.
    func text(replacingInvalid: Bool, bytes given: [UInt8]? = nil) throws -> String {
        let bytes = try given ?? self.bytes()
        do {
            let (text, firstReplaced) = try InputFiles.text(bytes, path: path, replacingInvalid: replacingInvalid)
            if let firstReplaced {
                Console.report(Diagnostic(path: displayName, problem: .invalidUTF8Replaced(byteOffset: firstReplaced)))
            }
            return text
        } catch {
            throw CLIFailure("\(error) (use --replace-invalid to read it with U+FFFD)")
        }
    }
}
