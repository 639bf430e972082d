import Foundation
import Hummingbird
import NomenGlossary
import NomenModel
import NIOPosix

/// The glossary endpoints. Every response that reads the glossary carries
/// its revision as the ETag `"r<revision>"`; every write must send one back
/// in `If-Match`, and is refused with 409 when the glossary has moved on
/// (checked inside the write's transaction) and with 428 without it.
extension NomenAPI {
    static let defaultListLimit = 100
    static let defaultFindLimit = 10
    static let maxLimit = 10_000

    /// Runs a store call on NIO's pool of threads for blocking work, turning
    /// its errors into answers. Never on a request's own thread: requests run
    /// on the event loops (`NomenServe.runBlocking`), which a store call
    /// must not block, and where PostgresNIO's `wait()` is refused.
    func store<T: Sendable>(_ body: @escaping @Sendable (any GlossaryBackend) throws -> T) async throws -> T {
        let store = glossary.store
        do {
            return try await NIOThreadPool.singleton.runIfActive { try body(store) }
        } catch let error as GlossaryError {
            throw APIError(error)
        }
    }

    func revision() async throws -> Int64 { try await store { try $0.revision() } }

    /// The revision the client read, from `If-Match`.
    func expectedRevision(_ request: Request) throws(APIError) -> Int64 {
        guard let value = request.headers[.ifMatch] else {
            throw APIError(Self.preconditionRequiredStatus,
                           "a write needs If-Match with the ETag it read (\"r<revision>\", from a GET or /v1/revision)")
        }
        var tag = value.trimmingCharacters(in: .whitespaces)
        if tag.hasPrefix("W/") { tag.removeFirst(2) }
        guard tag.count >= 4, tag.hasPrefix("\"r"), tag.hasSuffix("\""),
              let revision = Int64(tag.dropFirst(2).dropLast()) else {
            throw APIError(.preconditionFailed, "If-Match must be one ETag of this server, \"r<revision>\" (got \(value))")
        }
        return revision
    }

    static let preconditionRequiredStatus = APIError.preconditionRequired

    /// The change-log command of a write made through the server.
    static func command(_ request: Request) -> String { "serve: \(request.method.rawValue) \(request.uri.path)" }

    /// After a write: the new ETag, and the matcher rebuilt in the background.
    func written() async throws -> HTTPFields {
        glossary.scheduleRefresh()
        return [.eTag: Self.etag(try await revision())]
    }

    /// An entity (or name) as the JSONL export writes it, as a JSON object.
    static func json(_ value: some Encodable) throws -> Any {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try JSONSerialization.jsonObject(with: encoder.encode(value))
    }

    static func entityJSON(_ entity: Entity) throws -> Any { try json(entity) }

    /// A query parameter, decoded as a form (and a browser's URLSearchParams)
    /// encodes it: "+" is a space, then percent escapes.
    func query(_ request: Request, _ key: String) -> String? {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            if decode(parts[0]) == key { return parts.count > 1 ? decode(parts[1]) : "" }
        }
        return nil
    }

    func limit(_ request: Request, default value: Int) throws(APIError) -> Int {
        guard let text = query(request, "limit") else { return value }
        guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
            throw APIError(.badRequest, "limit must be a whole number from 1 to \(Self.maxLimit) (got \(text))")
        }
        return limit
    }

    func queryChoice<T: RawRepresentable & CaseIterable>(_ request: Request, _ key: String, _ type: T.Type) throws(APIError) -> T?
    where T.RawValue == String {
        guard let text = query(request, key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw APIError(.badRequest, "\(key) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(text)\")")
        }
        return value
    }

    // MARK: - Reads

    /// `GET /v1/revision`.
    func currentRevision() async throws -> Response {
        let revision = try await revision()
        return JSONResponse.make(["revision": revision], headers: [.eTag: Self.etag(revision)])
    }

    /// `GET /v1/entities`: with `q`, the ranking of `glossary find`, each with
    /// its score; without, the entities sorted by id.
    func listEntities(_ request: Request) async throws -> Response {
        let type = try queryChoice(request, "type", EntityType.self)
        let lang = query(request, "lang").flatMap { $0.isEmpty ? nil : $0 }
        if let lang, !LanguageTag.isWellFormed(lang) {
            throw APIError(.badRequest, "lang must be a BCP 47 language tag (vi, en, zh-Hans…), not \"\(lang)\"")
        }
        if let q = query(request, "q") {
            guard !q.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw APIError(.badRequest, "q is empty")
            }
            let limit = try limit(request, default: Self.defaultFindLimit)
            let (revision, results) = try await store { store in (try store.revision(), try store.find(q, limit: limit, type: type)) }
            let items: [Any] = try results.map { result in
                [
                    "score": (result.score * 1000).rounded() / 1000,
                    "tier": result.tier?.rawValue ?? "fuzzy",
                    "name": Self.displayName(result.entity, lang: lang),
                    "matched": try Self.json(result.matchedName),
                    "entity": try Self.entityJSON(result.entity),
                ] as [String: Any]
            }
            return JSONResponse.make(["revision": revision, "results": items], headers: [.eTag: Self.etag(revision)])
        }
        let limit = try limit(request, default: Self.defaultListLimit)
        let (revision, entities) = try await store { store in (try store.revision(), try store.entities(type: type, lang: lang)) }
        let items = try entities.prefix(limit).map(Self.entityJSON)
        return JSONResponse.make(["revision": revision, "total": entities.count, "entities": items],
                                 headers: [.eTag: Self.etag(revision)])
    }

    /// The entity's preferred name in `lang`, else in vi, en, zh-Hans, zh-Hant, else its first name.
    static func displayName(_ entity: Entity, lang: String?) -> String {
        for candidate in (lang.map { [$0] } ?? []) + ["vi", "en", "zh-Hans", "zh-Hant"] {
            if let name = entity.preferredName(in: candidate) { return name.text }
        }
        return entity.names.first?.text ?? ""
    }

    /// `GET /v1/entities/{id}`: the entity as in the JSONL export.
    func getEntity(id: String) async throws -> Response {
        let (revision, entity, mergedInto) = try await store { store in
            (try store.revision(), try store.entity(id: id), try store.mergedInto(id: id))
        }
        guard let entity else {
            throw APIError(.notFound, mergedInto.map { "no entity \(id): it was merged into \($0)" } ?? "no entity \(id)")
        }
        return JSONResponse.make(try Self.entityJSON(entity), headers: [.eTag: Self.etag(revision)])
    }

    /// `GET /v1/history?entity=&limit=`: the change log, newest first.
    func history(_ request: Request) async throws -> Response {
        let limit = try limit(request, default: Self.defaultListLimit)
        let entity = query(request, "entity").flatMap { $0.isEmpty ? nil : $0 }
        let (revision, changes) = try await store { store in
            (try store.revision(), try store.history(entityID: entity, limit: limit))
        }
        return JSONResponse.make(["revision": revision, "changes": try changes.map(Self.changeJSON)],
                                 headers: [.eTag: Self.etag(revision)])
    }

    static func changeJSON(_ change: GlossaryChange) throws -> Any {
        [
            "id": change.id, "at": change.at, "command": change.command, "summary": change.summary,
            "reverts": change.reverts.map { $0 as Any } ?? NSNull(),
            "entities": try change.entities.map { item -> [String: Any] in
                [
                    "entity": item.entityID,
                    "before": try item.before.map(entityJSON) ?? NSNull(),
                    "after": try item.after.map(entityJSON) ?? NSNull(),
                ]
            },
        ] as [String: Any]
    }

    /// The formats `/v1/export` writes, with their media types.
    static func contentType(_ format: GlossaryFormat) -> String {
        switch format {
        case .csv: "text/csv; charset=utf-8"
        case .tsv: "text/tab-separated-values; charset=utf-8"
        case .jsonl: "application/jsonl; charset=utf-8"
        case .tbx: "application/xml; charset=utf-8"
        }
    }

    /// `GET /v1/export?format=csv|tsv|jsonl|tbx`: what `glossary export` writes.
    func export(_ request: Request) async throws -> Response {
        guard let format = try queryChoice(request, "format", GlossaryFormat.self) else {
            throw APIError(.badRequest, "format is missing (csv, tsv, jsonl or tbx)")
        }
        let type = try queryChoice(request, "type", EntityType.self)
        let (revision, text) = try await store { store in (try store.revision(), try format.write(store.entities(type: type))) }
        return JSONResponse.make(bytes: Array(text.utf8), headers: [.eTag: Self.etag(revision)],
                                 contentType: Self.contentType(format))
    }

    // MARK: - Writes

    /// An entity from a request body: the JSONL export's object, fields checked.
    func entity(from bytes: [UInt8]) throws -> Entity {
        let object = try RequestObject(bytes, allowed: ["id", "type", "description", "external_ids", "name_order",
                                                        "family_name", "note", "source", "names"])
        if case .array(let names)? = object.fields["names"] {
            let allowed: Set<String> = ["text", "lang", "status", "kind", "case", "note", "source"]
            for (index, name) in names.enumerated() {
                guard case .object(let fields) = name else {
                    throw APIError(.badRequest, "names[\(index)] must be an object, not \(name.typeName)")
                }
                if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
                    throw APIError(.badRequest, "unknown field \"names[\(index)].\(unknown)\" (a name's fields are: text, lang, status, kind, case, note, source)")
                }
            }
        }
        do {
            return try JSONDecoder().decode(Entity.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIError(.badRequest, Self.describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
                .trimmingPrefix(".").description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "field \"\(at.isEmpty ? key.stringValue : at + "." + key.stringValue)\" is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field \"\(path(context.codingPath))\" has the wrong type (expected \(type))"
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return field.isEmpty ? "not valid JSON" : "field \"\(field)\" has an unknown value"
        @unknown default:
            return "not an entity"
        }
    }

    /// `POST /v1/entities`: adds an entity; 201 with its Location.
    func createEntity(_ request: Request) async throws -> Response {
        let expected = try expectedRevision(request)
        let entity = try entity(from: try await body(request))
        let added = try await store { try $0.add(entity, command: Self.command(request), expectedRevision: expected) }
        var headers = try await written()
        headers[.location] = "/v1/entities/" + (added.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? added.id)
        return JSONResponse.make(try Self.entityJSON(added), status: .created, headers: headers)
    }

    /// `PUT /v1/entities/{id}`: replaces the entity, names included.
    func replaceEntity(_ request: Request, id: String) async throws -> Response {
        let expected = try expectedRevision(request)
        let entity = try entity(from: try await body(request))
        guard entity.id == id else {
            throw APIError(.badRequest, "the body's id \(entity.id) is not the id in the path, \(id)")
        }
        let updated = try await store {
            try $0.update(id: id, command: Self.command(request), summary: "replace \(id)", expectedRevision: expected) {
                $0 = entity
            }
        }
        return JSONResponse.make(try Self.entityJSON(updated), headers: try await written())
    }

    /// `DELETE /v1/entities/{id}`.
    func deleteEntity(_ request: Request, id: String) async throws -> Response {
        let expected = try expectedRevision(request)
        let removed = try await store { try $0.remove(id: id, command: Self.command(request), expectedRevision: expected) }
        return JSONResponse.make(["removed": try Self.entityJSON(removed)], headers: try await written())
    }

    /// `POST /v1/entities/{id}/merge` `{"from": id}`: merges `from` into `id`.
    func mergeEntity(_ request: Request, id: String) async throws -> Response {
        let expected = try expectedRevision(request)
        let object = try RequestObject(try await body(request), allowed: ["from"])
        let from = try object.requiredString("from")
        let merged = try await store {
            try $0.merge(into: id, from: from, command: Self.command(request), expectedRevision: expected)
        }
        return JSONResponse.make(try Self.entityJSON(merged), headers: try await written())
    }

    /// `POST /v1/changes/{id}/revert`.
    func revert(_ request: Request, change: String) async throws -> Response {
        let expected = try expectedRevision(request)
        guard let changeID = Int64(change.hasPrefix("#") ? String(change.dropFirst()) : change) else {
            throw APIError(.badRequest, "a change id is a number (got \(change))")
        }
        let revert = try await store { try $0.revert(changeID: changeID, command: Self.command(request), expectedRevision: expected) }
        return JSONResponse.make(try Self.changeJSON(revert), headers: try await written())
    }

    /// `POST /v1/import?format=&on_conflict=`: the raw body, all or nothing;
    /// every problem with its line in one 400.
    func importEntities(_ request: Request) async throws -> Response {
        let expected = try expectedRevision(request)
        guard let format = try queryChoice(request, "format", GlossaryFormat.self) else {
            throw APIError(.badRequest, "format is missing (csv, tsv, jsonl or tbx)")
        }
        let onConflict = try queryChoice(request, "on_conflict", ConflictPolicy.self) ?? .fail
        let file = "request body"
        let parsed = format.read(try await body(request), file: file)
        if !parsed.issues.isEmpty {
            let count = parsed.issues.count == 1 ? "1 error" : "\(parsed.issues.count) errors"
            throw APIError(.badRequest, "import aborted: \(count); the glossary is unchanged", issues: parsed.issues)
        }
        let summary = try await store {
            try $0.importEntities(parsed.entities, file: file, onConflict: onConflict, expectedRevision: expected,
                                  command: Self.command(request))
        }
        return JSONResponse.make([
            "added": summary.added, "replaced": summary.replaced, "skipped": summary.skipped, "names": summary.names,
            "change": summary.changeID.map { $0 as Any } ?? NSNull(),
        ], headers: try await written())
    }
}
