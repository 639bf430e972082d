import Foundation
import NomenGlossary
import NomenModel
import NomenNormalization
import PostgresNIO

/// The primitives of `GlossaryTransaction` on one PostgreSQL transaction
/// (schema: `PostgresSchema`). Every value is bound, never spliced into SQL.
final class PostgresTransaction: GlossaryTransaction {
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Runs one statement and waits for all its rows.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> [PostgresRow] {
        try connection.query(query, logger: logger).wait().rows
    }

    // MARK: - Reading

    func revision() throws -> Int64 {
        try run("SELECT revision FROM glossary_info WHERE id = 1").first?.decode(Int64.self) ?? 0
    }

    /// The filter of `entities(ids:type:lang:)` on `entity e`; $1 ids, $2 type, $3 lang, $4 its subtag pattern.
    static let entityFilter = """
        ($1::text[] IS NULL OR e.id = ANY($1::text[])) AND ($2::text IS NULL OR e.type = $2::text)
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM name l WHERE l.entity_id = e.id AND (l.lang = $3::text OR l.lang LIKE $4::text)))
        """

    func entities(ids: [String]?, type: EntityType?, lang: String?) throws -> [Entity] {
        var binds = PostgresBindings()
        binds.append(ids)
        binds.append(type?.rawValue)
        binds.append(lang)
        binds.append(lang.map(subtagPattern))
        var namesByEntity: [String: [Name]] = [:]
        for row in try run(PostgresQuery(unsafeSQL: """
            SELECT n.entity_id, n.text, n.lang, n.status, n.kind, n.case_policy, n.note, n.source
            FROM name n JOIN entity e ON e.id = n.entity_id WHERE \(Self.entityFilter) ORDER BY n.entity_id, n.position
            """, binds: binds)) {
            let (entityID, text, lang, status, kind, casePolicy, note, source) =
                try row.decode((String, String, String, String, String, String, String?, String?).self)
            namesByEntity[entityID, default: []].append(
                try Self.name(text: text, lang: lang, status: status, kind: kind, casePolicy: casePolicy, note: note, source: source))
        }
        return try run(PostgresQuery(unsafeSQL: """
            SELECT e.id, e.type, e.description, e.external_ids, e.name_order, e.family_name, e.note, e.source
            FROM entity e WHERE \(Self.entityFilter) ORDER BY e.id
            """, binds: binds)).map { row in
            let (id, typeText, description, externalJSON, nameOrder, familyName, note, source) =
                try row.decode((String, String, String?, String, String?, String?, String?, String?).self)
            guard let type = EntityType(rawValue: typeText) else {
                throw GlossaryError(.database, "entity \(id) has an unknown type \(typeText)")
            }
            let externalIDs = (try? JSONDecoder().decode([String: String].self, from: Data(externalJSON.utf8))) ?? [:]
            return Entity(id: id, type: type, description: description, externalIDs: externalIDs,
                          nameOrder: nameOrder.flatMap(NameOrder.init(rawValue:)), familyName: familyName,
                          note: note, source: source, names: namesByEntity[id] ?? [])
        }
    }

    func entityIDs() throws -> Set<String> {
        Set(try run("SELECT id FROM entity").map { try $0.decode(String.self) })
    }

    func counts() throws -> (entities: Int, names: Int) {
        let row = try run("SELECT (SELECT count(*) FROM entity), (SELECT count(*) FROM name)").first
        return try row?.decode((Int, Int).self) ?? (0, 0)
    }

    func mergedInto(id: String) throws -> String? {
        try run("SELECT into_id FROM merged_id WHERE id = \(id)").first?.decode(String.self)
    }

    func idsMerged(into id: String) throws -> [String] {
        try run("SELECT id FROM merged_id WHERE into_id = \(id) ORDER BY id").map { try $0.decode(String.self) }
    }

    func storedNames(entityID: String) throws -> [StoredName] {
        try run("""
            SELECT text, lang, status, kind, case_policy, note, source, key_exact, key_caseless, key_folded, key_compact
            FROM name WHERE entity_id = \(entityID) ORDER BY position
            """).map { row in
            let (text, lang, status, kind, casePolicy, note, source, exact, caseless, folded, compact) =
                try row.decode((String, String, String, String, String, String?, String?, String, String, String, String).self)
            return StoredName(entityID: entityID,
                              name: try Self.name(text: text, lang: lang, status: status, kind: kind,
                                                  casePolicy: casePolicy, note: note, source: source),
                              keys: [.exact: exact, .caseless: caseless, .folded: folded, .compact: compact])
        }
    }

    func changeIDs(touching entityIDs: [String]?, limit: Int?) throws -> [Int64] {
        let rows: [PostgresRow]
        if let entityIDs {
            rows = try run("""
                SELECT DISTINCT change_id FROM change_entity WHERE entity_id = ANY(\(entityIDs))
                ORDER BY change_id DESC LIMIT \(limit)
                """)
        } else {
            rows = try run("SELECT id FROM change ORDER BY id DESC LIMIT \(limit)")
        }
        return try rows.map { try $0.decode(Int64.self) }
    }

    func changeRecord(id: Int64) throws -> ChangeRecord? {
        guard let row = try run("SELECT at, command, summary, reverts FROM change WHERE id = \(id)").first else { return nil }
        let (at, command, summary, reverts) = try row.decode((String, String, String, Int64?).self)
        let entities = try run("SELECT entity_id, before, after FROM change_entity WHERE change_id = \(id) ORDER BY entity_id")
            .map { row in
                let (entityID, before, after) = try row.decode((String, String?, String?).self)
                return ChangeRecord.EntityRecord(entityID: entityID, before: before, after: after)
            }
        return ChangeRecord(id: id, at: at, command: command, summary: summary, reverts: reverts, entities: entities)
    }

    // MARK: - Finding

    func storedKeys(exact: String) throws -> (folded: String, compact: String)? {
        try run("SELECT key_folded, key_compact FROM name WHERE key_exact = \(exact) LIMIT 1").first?
            .decode((String, String).self)
    }

    func names(matchingAnyOf keys: MatchKeys, type: EntityType?) throws -> [KeyedName] {
        try run("""
            SELECT id, entity_id, status, key_exact, key_caseless, key_folded, key_compact FROM name
            WHERE (key_exact = \(keys.exact) OR key_caseless = \(keys.caseless)
                   OR key_folded = \(keys.folded) OR key_compact = \(keys.compact))
              AND (\(type?.rawValue)::text IS NULL OR entity_id IN (SELECT id FROM entity WHERE type = \(type?.rawValue)::text))
            ORDER BY id
            """).map(Self.keyedName(from:))
    }

    func trigramCounts(_ trigrams: [String]) throws -> [(trigram: String, names: Int)] {
        try run("SELECT trigram, count(*) FROM name_trigram WHERE trigram = ANY(\(trigrams)) GROUP BY trigram")
            .map { row in
                let (trigram, names) = try row.decode((String, Int).self)
                return (trigram, names)
            }
    }

    func maxNameRowID() throws -> Int64 {
        try run("SELECT coalesce(max(id), 0) FROM name").first?.decode(Int64.self) ?? 0
    }

    func nameRowIDs(withTrigram trigram: String) throws -> [Int64] {
        try run("SELECT name_id FROM name_trigram WHERE trigram = \(trigram)").map { try $0.decode(Int64.self) }
    }

    func names(rowIDs: [Int64], type: EntityType?) throws -> [KeyedName] {
        try run("""
            SELECT id, entity_id, status, key_exact, key_caseless, key_folded, key_compact FROM name
            WHERE id = ANY(\(rowIDs))
              AND (\(type?.rawValue)::text IS NULL OR entity_id IN (SELECT id FROM entity WHERE type = \(type?.rawValue)::text))
            ORDER BY id
            """).map(Self.keyedName(from:))
    }

    func namesByRowID(_ rowIDs: [Int64]) throws -> [Int64: Name] {
        var names: [Int64: Name] = [:]
        for row in try run("""
            SELECT id, text, lang, status, kind, case_policy, note, source FROM name WHERE id = ANY(\(rowIDs))
            """) {
            let (id, text, lang, status, kind, casePolicy, note, source) =
                try row.decode((Int64, String, String, String, String, String, String?, String?).self)
            names[id] = try Self.name(text: text, lang: lang, status: status, kind: kind, casePolicy: casePolicy,
                                      note: note, source: source)
        }
        return names
    }

    // MARK: - Row mapping

    static func keyedName(from row: PostgresRow) throws -> KeyedName {
        let (id, entityID, status, exact, caseless, folded, compact) =
            try row.decode((Int64, String, String, String, String, String, String).self)
        return (rowID: id, entityID: entityID, status: NameStatus(rawValue: status) ?? .admitted,
                         keys: MatchKeys(exact: exact, caseless: caseless, folded: folded, compact: compact))
    }

    static func name(text: String, lang: String, status: String, kind: String, casePolicy: String,
                     note: String?, source: String?) throws -> Name {
        guard let status = NameStatus(rawValue: status), let kind = NameKind(rawValue: kind),
              let casePolicy = CasePolicy(rawValue: casePolicy) else {
            throw GlossaryError(.database, "name \(text) has an unknown status, kind or case policy")
        }
        return Name(text: text, lang: lang, status: status, kind: kind, casePolicy: casePolicy, note: note, source: source)
    }

    // MARK: - Writing

    func insert(_ entity: Entity, keys: [MatchKeys]) throws {
        let externalIDs = String(decoding: try Self.jsonEncoder.encode(entity.externalIDs), as: UTF8.self)
        try run("""
            INSERT INTO entity (id, type, description, external_ids, name_order, family_name, note, source)
            VALUES (\(entity.id), \(entity.type.rawValue), \(entity.description), \(externalIDs),
                    \(entity.nameOrder?.rawValue), \(entity.familyName), \(entity.note), \(entity.source))
            """)
        guard !entity.names.isEmpty else { return }
        // The names as one JSON array of rows, one statement for all.
        let rows: [[String?]] = zip(entity.names, keys).enumerated().map { position, item in
            let (name, keys) = item
            return [String(position), name.text, name.lang, name.status.rawValue, name.kind.rawValue,
                    name.casePolicy.rawValue, name.note, name.source, keys.exact, keys.caseless, keys.folded, keys.compact]
        }
        let json = String(decoding: try Self.jsonEncoder.encode(rows), as: UTF8.self)
        // In order of position, so that row ids follow it, as in SQLite.
        try run("""
            INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy, note, source,
                              key_exact, key_caseless, key_folded, key_compact)
            SELECT \(entity.id), (r->>0)::integer, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7,
                   r->>8, r->>9, r->>10, r->>11
            FROM jsonb_array_elements(\(json)::jsonb) AS r
            ORDER BY (r->>0)::integer
            """)
    }

    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func delete(id: String) throws {
        try run("DELETE FROM entity WHERE id = \(id)")
    }

    func forgetMergedID(_ id: String) throws {
        try run("DELETE FROM merged_id WHERE id = \(id)")
    }

    func recordMerge(from: String, into: String) throws {
        try run("""
            INSERT INTO merged_id (id, into_id) VALUES (\(from), \(into))
            ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id
            """)
        try run("UPDATE merged_id SET into_id = \(into) WHERE into_id = \(from)")
    }

    func appendChange(at: String, command: String, summary: String, reverts: Int64?,
                      entities: [ChangeRecord.EntityRecord]) throws -> Int64 {
        guard let changeID = try run("""
            INSERT INTO change (at, command, summary, reverts) VALUES (\(at), \(command), \(summary), \(reverts))
            RETURNING id
            """).first?.decode(Int64.self) else {
            throw GlossaryError(.database, "the change was not recorded")
        }
        let rows: [[String?]] = entities.map { [$0.entityID, $0.before, $0.after] }
        let json = String(decoding: try Self.jsonEncoder.encode(rows), as: UTF8.self)
        try run("""
            INSERT INTO change_entity (change_id, entity_id, before, after)
            SELECT \(changeID), r->>0, r->>1, r->>2 FROM jsonb_array_elements(\(json)::jsonb) AS r
            """)
        let revision = try run("UPDATE glossary_info SET revision = revision + 1 WHERE id = 1 RETURNING revision")
            .first?.decode(Int64.self) ?? 0
        // Delivered on commit only.
        try run("SELECT pg_notify(\(PostgresGlossary.notificationChannel), \(String(revision)))")
        return changeID
    }
}
