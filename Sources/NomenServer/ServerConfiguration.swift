import Foundation

/// How `nomen serve` runs: where it listens, which glossary it serves, who
/// may read and write, and the limits on each request.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// The port; 0 lets the system pick a free one (printed at start).
    public var port = 8080
    /// The bearer tokens that may write (and, with `readsNeedToken`, read).
    public var tokens: Set<String> = []
    /// Whether reads need a token too (`--closed-reads`); by default they do not.
    public var readsNeedToken = false
    /// Whether writes are allowed without a token when none is configured
    /// (`--allow-anonymous-writes`, for local use); by default they are refused.
    public var allowAnonymousWrites = false
    /// The largest request body accepted, in bytes (413 beyond).
    public var maxBodyBytes = 10 << 20
    /// How long a request may take before it is answered with 503.
    public var requestTimeout: Duration = .seconds(30)
    /// How often the glossary's revision is read to notice writes by other
    /// processes: twice a second, so that with the rebuild a write is picked
    /// up within about a second.
    public var pollInterval: Duration = .milliseconds(500)
    /// Where the compiled matcher is cached between runs; nil: not cached.
    public var matcherCacheDirectory: URL? = nil
    /// Where the access log goes, one JSON line per request (with its line
    /// feed); standard error by default, nil for none.
    public var accessLog: (@Sendable (String) -> Void)? = { line in FileHandle.standardError.write(Data(line.utf8)) }

    public init() {}

    /// Parses `--listen`: `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` (loopback).
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        if host.isEmpty { host = "127.0.0.1" }
        guard let port = Int(portText), (0...65535).contains(port) else { return nil }
        return (String(host), port)
    }

    /// The tokens of a token file: one per line; blank lines and lines
    /// starting with # are skipped.
    public static func tokens(fromFile path: String) throws -> Set<String> {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ServerSetupError("\(path): cannot read the token file: \(error.localizedDescription)")
        }
        let tokens = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !tokens.isEmpty else { throw ServerSetupError("\(path): the token file holds no token (one per line)") }
        return Set(tokens)
    }
}

/// Why the server could not start, in words for the user.
public struct ServerSetupError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
