import Foundation
import NomenCheck

/// `.nomen.toml` parsing on arbitrary text.
///
/// - Parsing returns a configuration or a `CheckConfigurationError`; it
///   never crashes, and gives the same answer twice.
/// - An error names the file first, and a syntax error's line lies in the text.
enum ConfigProperties {
    static let file = URL(fileURLWithPath: "/fuzz/.nomen.toml")

    static func check(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let first = outcome(text)
        try require(first == outcome(text), ".nomen.toml parsing is deterministic")
        guard case .failure(let error) = first else { return }
        let label = file.path
        try require(error.message.hasPrefix(label + ":"), "errors name the file", error.message)
        // "path:line:column: message" for syntax errors.
        let rest = error.message.dropFirst(label.count + 1)
        if let colon = rest.firstIndex(of: ":"), let line = Int(rest[..<colon]) {
            let lines = text.reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            try require(line >= 1 && line <= lines + 1, "a syntax error's line lies in the text",
                        "line \(line) of \(lines): \(error.message)")
        }
    }

    private static func outcome(_ text: String) -> Result<CheckConfiguration, CheckConfigurationError> {
        do throws(CheckConfigurationError) { return .success(try CheckConfiguration.parse(text, file: file)) }
        catch { return .failure(error) }
    }
}
