import Foundation
import Hummingbird
import HummingbirdTesting
import NomenGlossary
import NomenServer
import Testing

/// A glossary file loaded with the bundled seed once; each server gets a
/// copy, so tests that write do not see each other.
enum SeedFile {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-serve-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let path: Result<String, GlossaryError> = {
        let path = directory.appendingPathComponent("seed.sqlite").path
        do {
            let store = try GlossaryStore(path: path)
            try store.loadSeed(command: "test seed")
            // One file to copy: fold the WAL into it.
            _ = try store.revision()
            return .success(path)
        } catch let error as GlossaryError {
            return .failure(error)
        } catch {
            return .failure(GlossaryError(.database, "\(error)"))
        }
    }()

    /// A fresh copy of the seeded glossary.
    static func copy() throws -> String {
        let source = try path.get()
        let target = directory.appendingPathComponent("glossary-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: source, toPath: target)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
        return target
    }
}

/// A server on a copy of the seed (or an empty glossary), run in-process.
struct TestServer {
    let api: NomenAPI
    let path: String

    static let token = "test-token-1"

    init(seeded: Bool = true, configure: (inout ServerConfiguration) -> Void = { $0.tokens = [TestServer.token] }) throws {
        path = seeded ? try SeedFile.copy()
            : SeedFile.directory.appendingPathComponent("empty-\(UUID().uuidString).sqlite").path
        var configuration = ServerConfiguration()
        configuration.accessLog = nil
        // These servers run in the test process, on the cooperative pool that
        // the suite's CPU-bound tests also run on (as wide as the machine's
        // cores): a request may wait its turn longer than the production
        // 30 s, which would time it out. Tests of the limit set their own.
        configuration.requestTimeout = .seconds(900)
        configure(&configuration)
        let glossary = LiveGlossary(store: try GlossaryStore(path: path), path: path, cacheDirectory: nil)
        try glossary.refresh()
        api = NomenAPI(glossary: glossary, configuration: configuration)
    }

    /// Runs `body` with a client of the router (no sockets).
    func test<T>(_ body: @escaping @Sendable (Client) async throws -> T) async throws -> T {
        try await NomenServe.application(api).test(.router) { client in
            try await body(Client(client: client))
        }
    }
}

/// A response: status, headers and body as bytes.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var error: String { object["error"] as? String ?? "" }
    var etag: String? { headers[.eTag] }
}

/// A test client that records every JSON response with the document's path
/// template, so that a test can check them all against the OpenAPI document.
final class Client: @unchecked Sendable {
    let client: any TestClientProtocol
    private let lock = NSLock()
    private var recorded: [[String: Any]] = []

    init(client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ uri: String, template: String? = nil, headers: HTTPFields = [:],
                 body: [UInt8]? = nil, token: String? = nil, ifMatch: String? = nil, record: Bool = true) async throws -> Reply {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if let ifMatch { fields[.ifMatch] = ifMatch }
        let response = try await client.executeRequest(uri: uri, method: method, headers: fields,
                                                       body: body.map { ByteBuffer(bytes: $0) })
        let reply = Reply(status: response.status, headers: response.headers, body: Array(response.body.readableBytesView))
        if record, reply.headers[.contentType]?.hasPrefix("application/json") == true, let json = reply.json {
            let path = template ?? String(uri.split(separator: "?", maxSplits: 1).first ?? "")
            lock.withLock {
                recorded.append(["path": path, "method": method.rawValue, "status": Int(reply.status.code), "body": json])
            }
        }
        return reply
    }

    func post(_ uri: String, json: [String: Any], template: String? = nil, token: String? = nil, ifMatch: String? = nil)
        async throws -> Reply {
        let body = try JSONSerialization.data(withJSONObject: json)
        return try await request(.post, uri, template: template, headers: [.contentType: "application/json"],
                                 body: Array(body), token: token, ifMatch: ifMatch)
    }

    func get(_ uri: String, template: String? = nil, token: String? = nil, record: Bool = true) async throws -> Reply {
        try await request(.get, uri, template: template, token: token, record: record)
    }

    /// The glossary's current ETag.
    func etag() async throws -> String {
        try #require(try await get("/v1/revision").etag)
    }

    /// Checks every recorded JSON response against the OpenAPI document.
    func validateResponses(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let responses = lock.withLock { recorded }
        let result = try await OpenAPICheck.run(mode: "responses", responses: responses,
                                                document: Array(OpenAPIDocument.json.utf8))
        #expect(result.status == 0 && result.output == "valid\n", "\(result.output)", sourceLocation: sourceLocation)
    }
}

/// Tests/Scripts/openapi_check.py on the served document.
enum OpenAPICheck {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Scripts/openapi_check.py").standardized

    /// Runs the script on a thread of its own, so that waiting for Python
    /// does not hold one of the few threads the servers under test run on.
    static func run(mode: String, responses: [[String: Any]] = [], document: [UInt8]) async throws -> (status: Int32, output: String) {
        let responsesData = try JSONSerialization.data(withJSONObject: responses)
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runNow(mode: mode, responses: responsesData, document: document) })
            }
        }
    }

    static func runNow(mode: String, responses: Data, document: [UInt8]) throws -> (status: Int32, output: String) {
        let directory = SeedFile.directory.appendingPathComponent("openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let documentFile = directory.appendingPathComponent("openapi.json")
        try Data(document).write(to: documentFile)
        var arguments = [script.path, mode, documentFile.path]
        if mode == "responses" {
            let responsesFile = directory.appendingPathComponent("responses.json")
            try responses.write(to: responsesFile)
            arguments.append(responsesFile.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let said = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: said, as: UTF8.self))
    }

}

/// The bundled samples, from the repository.
enum Samples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static func text(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Data/samples/\(name)"), encoding: .utf8)
    }
}
