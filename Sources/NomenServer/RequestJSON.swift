import Foundation
import NomenNormalization

/// A JSON value as a request carries it, so that each field's type can be
/// checked and named in an error.
enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Strings first: nearly every field is one, and each failed attempt
        // costs a thrown DecodingError. JSONDecoder never turns one JSON type
        // into another, so the order does not change the answer.
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var isNull: Bool { if case .null = self { true } else { false } }

    /// The JSON type's name, for messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A request body that must be one JSON object with known fields: invalid
/// UTF-8, invalid JSON, an unknown field or a field of the wrong type is a
/// 400 whose message names the byte offset or the field.
struct RequestObject {
    let fields: [String: JSONValue]

    init(_ bytes: [UInt8], allowed: [String]) throws(APIError) {
        if let offset = TextDecoding.firstInvalidUTF8(in: bytes) {
            throw APIError(.badRequest, "the body is not valid UTF-8: invalid byte at offset \(offset)")
        }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        let fields: [String: JSONValue]
        // An object first: trying each JSON type in turn (`JSONValue`) threw
        // four errors on the way to the object every request sends.
        if let object = try? decoder.decode([String: JSONValue].self, from: data) {
            fields = object
        } else {
            let value: JSONValue
            do {
                value = try decoder.decode(JSONValue.self, from: data)
            } catch {
                throw APIError(.badRequest, "the body is not valid JSON: \(Self.describe(error))")
            }
            guard case .object(let object) = value else {
                throw APIError(.badRequest, "the body must be a JSON object, not \(value.typeName)")
            }
            fields = object
        }
        let known = Set(allowed)
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError(.badRequest, "unknown field \"\(unknown)\" (the fields are: \(allowed.joined(separator: ", ")))")
        }
        self.fields = fields
    }

    /// What JSONDecoder said was wrong, with where (its line and column, and the byte offset).
    static func describe(_ error: any Error) -> String {
        var underlying: any Error = error
        if case DecodingError.dataCorrupted(let context) = error, let inner = context.underlyingError { underlying = inner }
        let info = (underlying as NSError).userInfo
        let detail = info[NSDebugDescriptionErrorKey] as? String ?? "\(underlying)"
        if let offset = info["NSJSONSerializationErrorIndex"] as? Int { return "\(detail) (byte \(offset))" }
        return detail
    }

    /// A field of one JSON type (absent or null: nil), or 400 naming the field and the type it needs.
    func value<T>(_ key: String, _ typeName: String, _ extract: (JSONValue) -> T?) throws(APIError) -> T? {
        guard let present = fields[key], !present.isNull else { return nil }
        guard let value = extract(present) else {
            throw APIError(.badRequest, "field \"\(key)\" must be \(typeName), not \(present.typeName)")
        }
        return value
    }

    func string(_ key: String) throws(APIError) -> String? {
        try value(key, "a string") { if case .string(let text) = $0 { text } else { nil } }
    }

    func bool(_ key: String) throws(APIError) -> Bool? {
        try value(key, "a boolean") { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    func requiredString(_ key: String) throws(APIError) -> String {
        guard let value = try string(key) else { throw APIError(.badRequest, "field \"\(key)\" is missing (a string)") }
        return value
    }

    /// A string field that must be one of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(APIError) -> T? where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw APIError(.badRequest, "field \"\(key)\" must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(text)\")")
        }
        return value
    }
}
