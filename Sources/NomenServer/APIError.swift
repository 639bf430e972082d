import Foundation
import Hummingbird
import NomenGlossary

/// An error answered to the client as JSON, `{"error": message}` (and
/// `"issues": [{"line", "message"}]` when there are several problems), with
/// the status that says what kind of error it is.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    public var issues: [GlossaryIssue]
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, issues: [GlossaryIssue] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.issues = issues
        self.headers = headers
    }

    public var description: String { "\(status.code) \(message)" }

    static let preconditionRequired = HTTPResponse.Status(code: 428, reasonPhrase: "Precondition Required")

    /// A glossary error as the status that says what went wrong.
    init(_ error: GlossaryError) {
        let status: HTTPResponse.Status = switch error.kind {
        case .notFound: .notFound
        case .conflict, .stale: .conflict
        case .invalid: .badRequest
        case .database: .internalServerError
        }
        self.init(status, error.message, issues: error.issues)
    }

    var json: [String: Any] {
        var object: [String: Any] = ["error": message]
        if !issues.isEmpty {
            object["issues"] = issues.map { issue -> [String: Any] in
                var item: [String: Any] = ["message": issue.message]
                item["line"] = issue.line ?? NSNull()
                return item
            }
        }
        return object
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(json, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// JSON response bodies: keys sorted, slashes unescaped, UTF-8.
enum JSONResponse {
    static func bytes(_ object: Any) -> [UInt8] {
        // The objects are built from strings, numbers, booleans, arrays and
        // dictionaries only, which JSONSerialization always accepts.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }

    static func make(_ object: Any, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        make(bytes: bytes(object), status: status, headers: headers)
    }

    static func make(bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
                     contentType: String = "application/json; charset=utf-8") -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
