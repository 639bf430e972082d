import Foundation
import Hummingbird
import NIOPosix
import NomenCheck
import NomenGlossary
import NomenMatching
import NomenNormalization

/// The handlers of the HTTP API, one method per endpoint; `NomenRouter`
/// wires them to paths. Each reads its request, calls the same library code
/// the CLI calls, and answers JSON (errors as `APIError`).
public final class NomenAPI: Sendable {
    public let glossary: LiveGlossary
    public let configuration: ServerConfiguration

    public init(glossary: LiveGlossary, configuration: ServerConfiguration) {
        self.glossary = glossary
        self.configuration = configuration
    }

    // MARK: - Access

    /// Who may do what: reads are open unless `readsNeedToken`; writes need
    /// a token, or with none configured `allowAnonymousWrites`.
    func authorize(_ request: Request, write: Bool) throws(APIError) {
        let tokens = configuration.tokens
        if tokens.isEmpty {
            if !write || configuration.allowAnonymousWrites { return }
            throw APIError(.forbidden, "writes are refused: this server has no token; start it with --token-file FILE or NOMEN_TOKEN (or --allow-anonymous-writes for local use)")
        }
        if !write && !configuration.readsNeedToken { return }
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"nomen\""]
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "this request needs a bearer token (Authorization: Bearer TOKEN)", headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              Self.contains(tokens, String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.unauthorized, "the bearer token is not one this server accepts", headers: challenge)
        }
    }

    /// Compares the token with every accepted one, each in time that does
    /// not depend on where they first differ.
    static func contains(_ tokens: Set<String>, _ given: String) -> Bool {
        let givenBytes = Array(given.utf8)
        var found = false
        for token in tokens {
            let bytes = Array(token.utf8)
            var difference = UInt8(bytes.count == givenBytes.count ? 0 : 1)
            for index in 0..<min(bytes.count, givenBytes.count) { difference |= bytes[index] ^ givenBytes[index] }
            if difference == 0 { found = true }
        }
        return found
    }

    /// The request body, at most `maxBodyBytes` (413 beyond).
    func body(_ request: Request) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > configuration.maxBodyBytes {
            throw Self.tooLarge(configuration.maxBodyBytes)
        }
        var request = request
        do {
            var buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Self.tooLarge(configuration.maxBodyBytes)
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "the request body is larger than the limit of \(limit) bytes (--max-body)")
    }

    /// The compiled glossary, or 503 while it is being compiled the first time.
    func snapshot() throws(APIError) -> GlossarySnapshot {
        guard let snapshot = glossary.snapshot else {
            throw APIError(.serviceUnavailable, "the glossary is not compiled yet" + (glossary.failure.map { ": \($0)" } ?? ""))
        }
        return snapshot
    }

    static func etag(_ revision: Int64) -> String { "\"r\(revision)\"" }

    // MARK: - Health

    func health() -> Response { JSONResponse.make(["status": "ok"]) }

    func ready() -> Response {
        guard let revision = glossary.compiledRevision else {
            let reason = glossary.failure.map { "the glossary could not be compiled: \($0)" } ?? "the glossary is being compiled"
            return JSONResponse.make(["status": "not ready", "reason": reason], status: .serviceUnavailable)
        }
        return JSONResponse.make(["status": "ready", "revision": revision])
    }

    // MARK: - Text

    /// The input formats a request may name (JSON Lines is for files).
    enum TextFormat: String, CaseIterable {
        case text, html, markdown
        var inputFormat: InputFormat { InputFormat(rawValue: rawValue) ?? .text }
    }

    static let defaultName = "<request>"

    /// `POST /v1/annotate`: exactly what `nomen annotate --format json` prints for the text.
    func annotate(_ request: Request) async throws -> Response {
        let object = try RequestObject(try await body(request), allowed: ["text", "format", "lang", "name"])
        let text = try object.requiredString("text")
        let format = try object.choice("format", TextFormat.self) ?? .text
        let language = try object.choice("lang", DocumentLanguage.self)
        let name = try object.string("name") ?? Self.defaultName
        let job = try snapshot().annotateJob(language: language)
        let result = try await Self.onTextThread(bytes: text.utf8.count) {
            job.annotate(document: Array(text.utf8), name: name, format: format.inputFormat)
        }
        if result.output.isEmpty || result.failed {
            let problems = result.diagnostics.map(\.description).joined(separator: "; ")
            throw APIError(.badRequest, problems.isEmpty ? "the text could not be annotated" : problems)
        }
        return JSONResponse.make(bytes: result.output)
    }

    /// Texts up to this many bytes are annotated or checked on the request's
    /// own event loop; longer ones on NIO's thread pool.
    public static let inlineTextLimit = 64 << 10

    /// Runs `work` on a text of `bytes` bytes: inline when it is short (a
    /// hop to another thread would cost more than the work), on NIO's
    /// thread pool when it is long, so that an event loop is never held
    /// for long by one request while the other connections it serves wait.
    static func onTextThread<T: Sendable>(bytes: Int, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        if bytes <= inlineTextLimit { return try work() }
        return try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// `POST /v1/check`: the findings `nomen check --format json` prints,
    /// each with its safe fix (or null); with `"fix": true`, the text with
    /// the safe fixes applied too.
    func check(_ request: Request) async throws -> Response {
        let object = try RequestObject(try await body(request), allowed: ["text", "format", "lang", "config", "fix", "name"])
        let text = try object.requiredString("text")
        let format = try object.choice("format", TextFormat.self) ?? .text
        let language = try object.choice("lang", DocumentLanguage.self)
        let name = try object.string("name") ?? Self.defaultName
        let fix = try object.bool("fix") ?? false
        var configuration = CheckConfiguration()
        if let config = try object.string("config") {
            do throws(CheckConfigurationError) {
                configuration = try CheckConfiguration.parse(config, file: nil)
            } catch {
                throw APIError(.badRequest, "field \"config\": \(error.description)")
            }
        }
        var options = CheckOptions()
        options.language = language
        let source = SourceText(path: name, text: text)
        let snapshot = try snapshot()
        let (findings, fixedText) = try await Self.onTextThread(bytes: text.utf8.count) { [options, configuration] in
            try Self.check(source, snapshot: snapshot, options: options, configuration: configuration,
                           format: format.inputFormat, fix: fix)
        }
        // The objects `nomen check --format json` prints, each with its fix.
        let printed = try JSONSerialization.jsonObject(with: Data(try FindingPrinter.json(findings).utf8))
        guard var objects = printed as? [[String: Any]], objects.count == findings.count else {
            throw APIError(.internalServerError, "the findings could not be written as JSON")
        }
        for index in objects.indices {
            if let replacement = findings[index].fix {
                objects[index]["fix"] = ["start_utf8": replacement.utf8Range.lowerBound,
                                         "end_utf8": replacement.utf8Range.upperBound,
                                         "replacement": replacement.text] as [String: Any]
            } else {
                objects[index]["fix"] = NSNull()
            }
        }
        var response: [String: Any] = ["findings": objects]
        if let fixedText { response["text"] = fixedText }
        return JSONResponse.make(response)
    }

    /// The findings of `source`, and with `fix` its text with the safe fixes
    /// applied, fixed in rounds until no fix is left (as `nomen check --fix`
    /// writes it).
    private static func check(_ source: SourceText, snapshot: GlossarySnapshot, options: CheckOptions,
                              configuration: CheckConfiguration, format: InputFormat,
                              fix: Bool) throws -> (findings: [Finding], fixedText: String?) {
        try snapshot.withChecker { checker in
            let findings = try CheckSession(checker: checker, options: options).check(
                source, configuration: configuration, format: format).findings
            let fixed = fix ? try checker.fixRepeatedly(source, findings: findings, format: format, configuration: configuration,
                                                        language: options.language).source.text : nil
            return (findings, fixed)
        }
    }

    /// `POST /v1/normalize`: the steps of `nomen normalize`, in its order.
    func normalize(_ request: Request) async throws -> Response {
        let object = try RequestObject(try await body(request), allowed: [
            "text", "form", "tone", "fold", "compact", "translit", "kind", "tone_marks", "decode",
        ])
        var text = try object.requiredString("text")
        var normalization = TextNormalization()
        normalization.form = try object.choice("form", UnicodeForm.self)
        normalization.tone = try object.choice("tone", ToneConvention.self)
        normalization.transliteration = try object.choice("translit", TextNormalization.Transliteration.self)
        normalization.nameKind = try object.choice("kind", NameKindHint.self) ?? .person
        normalization.toneMarks = try object.bool("tone_marks") ?? false
        if normalization.toneMarks && normalization.transliteration != .pinyin {
            throw APIError(.badRequest, "field \"tone_marks\" goes with \"translit\": \"pinyin\"")
        }
        if try object.bool("compact") == true { normalization.key = .compact }
        else if try object.bool("fold") == true { normalization.key = .folded }
        var response: [String: Any] = [:]
        if let decode = try object.choice("decode", DecodeChoice.self) {
            do throws(LegacyDecodingError) {
                if decode == .auto {
                    let (decoded, detection) = try LegacyText.decodeAuto(Array(text.utf8))
                    text = decoded
                    response["decoded_as"] = detection.encoding.rawValue
                } else {
                    text = try LegacyText.decode(Array(text.utf8), from: decode.encoding)
                    response["decoded_as"] = decode.encoding.rawValue
                }
            } catch {
                throw APIError(.badRequest, "field \"decode\": \(error.description)")
            }
        }
        response["text"] = try normalization.apply(to: text)
        return JSONResponse.make(response)
    }

    /// `decode`: a legacy encoding, or auto. The text's UTF-8 bytes are decoded.
    enum DecodeChoice: String, CaseIterable {
        case auto, viqr, vni, tcvn3, cp1258, mojibake
        var encoding: LegacyEncoding { LegacyEncoding(rawValue: rawValue) ?? .utf8 }
    }
}
