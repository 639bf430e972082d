import Foundation
import GRDB
import NomenModel
import NomenNormalization

/// The glossary: entities and their names in one SQLite database.
///
/// One `DatabaseQueue` per store, opened once. On disk the database is in WAL
/// mode with a busy timeout, so several nomen processes can read and write the
/// same file at once: writers wait for each other instead of failing. Every
/// public write is one `BEGIN IMMEDIATE` transaction that also bumps the
/// revision and appends to the change log.
public final class GlossaryStore: Sendable {
    let queue: DatabaseQueue
    /// The database file; nil in memory.
    public let path: String?

    /// How long a writer waits for another process's transaction.
    static let busyTimeout: TimeInterval = 30

    /// Opens the glossary at `path`, creating and migrating it as needed.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "nomen.glossary"
        configuration.prepareDatabase { db in
            // A large import touches every index at random places; SQLite's
            // default 2 MB page cache then spills to disk on every insert.
            // The cache grows only as needed.
            try db.execute(sql: "PRAGMA cache_size = -262144")  // 256 MiB
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // WAL with synchronous NORMAL cannot corrupt the database; a
            // power cut may lose the last commits, not the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw GlossaryError(.database, "\(path): cannot open the glossary: \(Self.describe(error))")
        }
        self.path = path
        try migrate()
    }

    private init(queue: DatabaseQueue) throws {
        self.queue = queue
        self.path = nil
        try migrate()
    }

    /// A fresh, empty glossary in memory.
    public static func inMemory() throws -> GlossaryStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try GlossaryStore(queue: DatabaseQueue(configuration: configuration))
    }

    private var displayPath: String { path ?? "(in memory)" }

    private func migrate() throws {
        let migrator = GlossarySchema.migrator
        do {
            try migrator.migrate(queue)
        } catch {
            // Two processes may create the same new file at once: the second
            // sees the first's migration only after waiting. Migrating again
            // finds it applied.
            do {
                try migrator.migrate(queue)
            } catch {
                throw GlossaryError(.database, "\(displayPath): not a nomen glossary or cannot be migrated: \(Self.describe(error))")
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }

    // MARK: - Transactions

    /// A read transaction; database errors become `GlossaryError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as GlossaryError {
            throw error
        } catch {
            throw GlossaryError(.database, "\(displayPath): \(Self.describe(error))")
        }
    }

    /// One write transaction (BEGIN IMMEDIATE, so that concurrent writers
    /// queue up on the busy timeout rather than deadlock), with a change log
    /// entry for what `body` recorded and a new revision when anything changed.
    ///
    /// With `expectedRevision`, the glossary's revision is compared with it
    /// inside the transaction, before `body` runs: a write made against a
    /// revision that is no longer current throws `.staleRevision` and
    /// changes nothing (optimistic concurrency, checked and written atomically).
    func write<T>(command: String, expectedRevision: Int64? = nil,
                  _ body: (Database, ChangeRecorder) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    if let expectedRevision {
                        let current = try Int64.fetchOne(db, sql: "SELECT revision FROM glossary_info WHERE id = 1") ?? 0
                        if current != expectedRevision {
                            throw GlossaryError(.staleRevision,
                                                "stale revision: the glossary is at revision \(current), not \(expectedRevision); read it again and retry")
                        }
                    }
                    let recorder = ChangeRecorder(command: command)
                    result = try body(db, recorder)
                    if recorder.dryRun { return .rollback }
                    try recorder.save(db)
                    return .commit
                }
                guard let result else { throw GlossaryError(.database, "\(displayPath): the transaction returned nothing") }
                return result
            }
        } catch let error as GlossaryError {
            throw error
        } catch {
            throw GlossaryError(.database, "\(displayPath): \(Self.describe(error))")
        }
    }

    // MARK: - Reading

    /// Changes on every write; the matcher's cache keys on it.
    public func revision() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT revision FROM glossary_info WHERE id = 1") ?? 0 }
    }

    /// Every entity with all its names, sorted by id.
    public func allEntities() throws -> [Entity] {
        try read { db in try Self.fetchEntities(db, whereSQL: nil, arguments: []) }
    }

    /// The entity with that id, or nil.
    public func entity(id: String) throws -> Entity? {
        try read { db in try Self.fetchEntity(db, id: id) }
    }

    /// Entities of a type and/or with names in a language (its base subtag
    /// matches too: zh matches zh-Hans), sorted by id.
    public func entities(type: EntityType? = nil, lang: String? = nil) throws -> [Entity] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let type {
            conditions.append("e.type = ?")
            arguments.append(type.rawValue)
        }
        if let lang {
            conditions.append("EXISTS (SELECT 1 FROM name n WHERE n.entity_id = e.id AND (n.lang = ? OR n.lang LIKE ? ESCAPE '\\'))")
            arguments.append(lang)
            arguments.append(lang.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "-%")
        }
        let whereSQL = conditions.isEmpty ? nil : conditions.joined(separator: " AND ")
        return try read { db in try Self.fetchEntities(db, whereSQL: whereSQL, arguments: arguments) }
    }

    /// The number of entities and names.
    public func counts() throws -> (entities: Int, names: Int) {
        try read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM entity") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM name") ?? 0)
        }
    }

    /// The id an entity was merged into, if `id` was merged away.
    public func mergedInto(id: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT into_id FROM merged_id WHERE id = ?", arguments: [id]) }
    }

    /// A stored name with the match keys stored for it (one per tier).
    public struct StoredName: Hashable, Sendable {
        public let entityID: String
        public let name: Name
        public let keys: [MatchTier: String]
    }

    /// The names of an entity with the keys stored for them.
    public func storedNames(entityID: String) throws -> [StoredName] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM name WHERE entity_id = ? ORDER BY position", arguments: [entityID])
                .map(Self.storedName(from:))
        }
    }

    static func storedName(from row: Row) throws -> StoredName {
        StoredName(entityID: row["entity_id"], name: try name(from: row),
                   keys: [.exact: row["key_exact"], .caseless: row["key_caseless"],
                          .folded: row["key_folded"], .compact: row["key_compact"]])
    }

    // MARK: - Row mapping

    static func fetchEntity(_ db: Database, id: String) throws -> Entity? {
        try fetchEntities(db, whereSQL: "e.id = ?", arguments: [id]).first
    }

    static func fetchEntities(_ db: Database, whereSQL: String?, arguments: [any DatabaseValueConvertible]) throws -> [Entity] {
        let condition = whereSQL.map { " WHERE \($0)" } ?? ""
        let entityRows = try Row.fetchAll(db, sql: "SELECT e.* FROM entity e\(condition) ORDER BY e.id",
                                          arguments: StatementArguments(arguments))
        var namesByEntity: [String: [Name]] = [:]
        let nameSQL = "SELECT n.* FROM name n JOIN entity e ON e.id = n.entity_id\(condition) ORDER BY n.entity_id, n.position"
        let cursor = try Row.fetchCursor(db, sql: nameSQL, arguments: StatementArguments(arguments))
        while let row = try cursor.next() {
            namesByEntity[row["entity_id"], default: []].append(try name(from: row))
        }
        return try entityRows.map { row in
            var entity = try entity(from: row)
            entity.names = namesByEntity[entity.id] ?? []
            return entity
        }
    }

    static func entity(from row: Row) throws -> Entity {
        let typeText: String = row["type"]
        guard let type = EntityType(rawValue: typeText) else {
            throw GlossaryError(.database, "entity \(row["id"] as String? ?? "?") has an unknown type \(typeText)")
        }
        let externalJSON: String = row["external_ids"]
        let externalIDs = (try? JSONDecoder().decode([String: String].self, from: Data(externalJSON.utf8))) ?? [:]
        let nameOrder = (row["name_order"] as String?).flatMap(NameOrder.init(rawValue:))
        return Entity(id: row["id"], type: type, description: row["description"], externalIDs: externalIDs,
                      nameOrder: nameOrder, familyName: row["family_name"], note: row["note"],
                      source: row["source"])
    }

    static func name(from row: Row) throws -> Name {
        guard let status = NameStatus(rawValue: row["status"]),
              let kind = NameKind(rawValue: row["kind"]),
              let casePolicy = CasePolicy(rawValue: row["case_policy"]) else {
            throw GlossaryError(.database, "name \(row["text"] as String? ?? "?") has an unknown status, kind or case policy")
        }
        return Name(text: row["text"], lang: row["lang"], status: status, kind: kind, casePolicy: casePolicy,
                    note: row["note"], source: row["source"])
    }

    // MARK: - Row writing

    /// Inserts an entity and its names with their keys. `keys` computes
    /// them; pass one to reuse it over many entities.
    static func insert(_ db: Database, _ entity: Entity, keys: NameKeys? = nil) throws {
        let keyMaker = keys ?? NameKeys()
        let externalIDs = entity.externalIDs.isEmpty ? "{}" : EntityJSON.string(entity.externalIDs)
        try db.cachedStatement(sql: """
            INSERT INTO entity (id, type, description, external_ids, name_order, family_name, note, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entity.id, entity.type.rawValue, entity.description, externalIDs,
                                     entity.nameOrder?.rawValue, entity.familyName, entity.note, entity.source])
        let statement = try db.cachedStatement(sql: """
            INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy, note, source,
                              key_exact, key_caseless, key_folded, key_compact)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, name) in entity.names.enumerated() {
            let keys = try keyMaker.keys(name.text)
            try statement.execute(arguments: [
                entity.id, position, name.text, name.lang, name.status.rawValue, name.kind.rawValue,
                name.casePolicy.rawValue, name.note, name.source,
                keys.exact, keys.caseless, keys.folded, keys.compact,
            ])
        }
    }

    static func delete(_ db: Database, id: String) throws {
        try db.cachedStatement(sql: "DELETE FROM entity WHERE id = ?").execute(arguments: [id])
    }
}
