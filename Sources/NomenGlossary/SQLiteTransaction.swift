import Foundation
import GRDB
import NomenModel
import NomenNormalization

/// The primitives of `GlossaryTransaction` on one SQLite transaction of a
/// `GlossaryStore` (schema: `GlossarySchema`).
final class SQLiteTransaction: GlossaryTransaction {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    // MARK: - Reading

    func revision() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT revision FROM glossary_info WHERE id = 1") ?? 0
    }

    func entities(ids: [String]?, type: EntityType?, lang: String?) throws -> [Entity] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let ids {
            conditions.append(ids.count == 1 ? "e.id = ?" : "e.id IN (SELECT value FROM json_each(?))")
            arguments.append(ids.count == 1 ? ids[0] : EntityJSON.array(ids))
        }
        if let type {
            conditions.append("e.type = ?")
            arguments.append(type.rawValue)
        }
        if let lang {
            conditions.append("EXISTS (SELECT 1 FROM name n WHERE n.entity_id = e.id AND (n.lang = ? OR n.lang LIKE ? ESCAPE '\\'))")
            arguments.append(lang)
            arguments.append(subtagPattern(lang))
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        // Cached statements (a handful of shapes): compiling one per call, with GRDB's
        // authorizer called for every column, was most of reading one entity at a time
        // (a revert of a 100,000-entity import reads each).
        let entityRows = try Row.fetchAll(db.cachedStatement(sql: "SELECT e.* FROM entity e\(condition) ORDER BY e.id"),
                                          arguments: StatementArguments(arguments))
        var namesByEntity: [String: [Name]] = [:]
        let nameSQL = "SELECT n.* FROM name n JOIN entity e ON e.id = n.entity_id\(condition) ORDER BY n.entity_id, n.position"
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: nameSQL), arguments: StatementArguments(arguments))
        while let row = try cursor.next() {
            namesByEntity[row["entity_id"], default: []].append(try Self.name(from: row))
        }
        return try entityRows.map { row in
            var entity = try Self.entity(from: row)
            entity.names = namesByEntity[entity.id] ?? []
            return entity
        }
    }

    func entityIDs() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM entity"))
    }

    func counts() throws -> (entities: Int, names: Int) {
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM entity") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM name") ?? 0)
    }

    func mergedInto(id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT into_id FROM merged_id WHERE id = ?", arguments: [id])
    }

    func idsMerged(into id: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM merged_id WHERE into_id = ?", arguments: [id])
    }

    func storedNames(entityID: String) throws -> [StoredName] {
        try Row.fetchAll(db, sql: "SELECT * FROM name WHERE entity_id = ? ORDER BY position", arguments: [entityID])
            .map { row in
                StoredName(entityID: row["entity_id"], name: try Self.name(from: row),
                           keys: [.exact: row["key_exact"], .caseless: row["key_caseless"],
                                  .folded: row["key_folded"], .compact: row["key_compact"]])
            }
    }

    func changeIDs(touching entityIDs: [String]?, limit: Int?) throws -> [Int64] {
        let limitSQL = limit.map { " LIMIT \($0)" } ?? ""
        guard let entityIDs else {
            return try Int64.fetchAll(db, sql: "SELECT id FROM change ORDER BY id DESC\(limitSQL)")
        }
        return try Int64.fetchAll(db, sql: """
            SELECT DISTINCT change_id FROM change_entity WHERE entity_id IN (SELECT value FROM json_each(?))
            ORDER BY change_id DESC\(limitSQL)
            """, arguments: [EntityJSON.array(entityIDs)])
    }

    func changeRecord(id: Int64) throws -> ChangeRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM change WHERE id = ?", arguments: [id]) else { return nil }
        let entities = try Row.fetchAll(db, sql: "SELECT * FROM change_entity WHERE change_id = ? ORDER BY entity_id",
                                        arguments: [id])
            .map { ChangeRecord.EntityRecord(entityID: $0["entity_id"], before: $0["before"], after: $0["after"]) }
        return ChangeRecord(id: row["id"], at: row["at"], command: row["command"], summary: row["summary"],
                            reverts: row["reverts"], entities: entities)
    }

    // MARK: - Finding

    func storedKeys(exact: String) throws -> (folded: String, compact: String)? {
        try Row.fetchOne(db, sql: "SELECT key_folded, key_compact FROM name WHERE key_exact = ? LIMIT 1", arguments: [exact])
            .map { ($0[0], $0[1]) }
    }

    static let typeCondition = " AND entity_id IN (SELECT id FROM entity WHERE type = ?)"

    func names(matchingAnyOf keys: MatchKeys, type: EntityType?) throws -> [KeyedName] {
        try Row.fetchAll(db, sql: """
            SELECT id, entity_id, status, key_exact, key_caseless, key_folded, key_compact FROM name
            WHERE (key_exact = ? OR key_caseless = ? OR key_folded = ? OR key_compact = ?)\(type == nil ? "" : Self.typeCondition)
            """, arguments: StatementArguments([keys.exact, keys.caseless, keys.folded, keys.compact] + (type.map { [$0.rawValue] } ?? [])))
            .map(Self.keyedName(from:))
    }

    func trigramCounts(_ trigrams: [String]) throws -> [(trigram: String, names: Int)] {
        try Row.fetchAll(db, sql: "SELECT term, doc FROM name_fts_vocab WHERE term IN (SELECT value FROM json_each(?))",
                         arguments: [EntityJSON.array(trigrams)])
            .map { (trigram: $0["term"] as String, names: $0["doc"] as Int) }
    }

    func maxNameRowID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM name") ?? 0
    }

    func nameRowIDs(withTrigram trigram: String) throws -> [Int64] {
        let phrase = "\"" + trigram.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return try Int64.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM name_fts WHERE name_fts MATCH ?"), arguments: [phrase])
    }

    func names(rowIDs: [Int64], type: EntityType?) throws -> [KeyedName] {
        try Row.fetchAll(db, sql: """
            SELECT id, entity_id, status, key_exact, key_caseless, key_folded, key_compact FROM name
            WHERE id IN (SELECT value FROM json_each(?))\(type == nil ? "" : Self.typeCondition)
            """, arguments: StatementArguments([Self.jsonArray(rowIDs)] + (type.map { [$0.rawValue] } ?? [])))
            .map(Self.keyedName(from:))
    }

    func namesByRowID(_ rowIDs: [Int64]) throws -> [Int64: Name] {
        var names: [Int64: Name] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM name WHERE id IN (SELECT value FROM json_each(?))",
                                    arguments: [Self.jsonArray(rowIDs)]) {
            names[row["id"]] = try Self.name(from: row)
        }
        return names
    }

    static func jsonArray(_ rowIDs: [Int64]) -> String {
        "[" + rowIDs.map(String.init).joined(separator: ",") + "]"
    }

    // MARK: - Row mapping

    static func keyedName(from row: Row) -> KeyedName {
        (rowID: row["id"], entityID: row["entity_id"], status: NameStatus(rawValue: row["status"]) ?? .admitted,
                  keys: MatchKeys(exact: row["key_exact"], caseless: row["key_caseless"],
                                  folded: row["key_folded"], compact: row["key_compact"]))
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

    // MARK: - Writing

    func insert(_ entity: Entity, keys: [MatchKeys]) throws {
        let externalIDs = entity.externalIDs.isEmpty ? "{}" : EntityJSON.string(entity.externalIDs)
        var row = SQLiteRowInsert(try db.cachedStatement(sql: """
            INSERT INTO entity (id, type, description, external_ids, name_order, family_name, note, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """), in: db)
        try row.bind(entity.id)
        try row.bind(entity.type.rawValue)
        try row.bind(entity.description)
        try row.bind(externalIDs)
        try row.bind(entity.nameOrder?.rawValue)
        try row.bind(entity.familyName)
        try row.bind(entity.note)
        try row.bind(entity.source)
        try row.run()
        let statement = try db.cachedStatement(sql: """
            INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy, note, source,
                              key_exact, key_caseless, key_folded, key_compact)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, (name, keys)) in zip(entity.names, keys).enumerated() {
            var row = SQLiteRowInsert(statement, in: db)
            try row.bind(entity.id)
            try row.bind(position)
            try row.bind(name.text)
            try row.bind(name.lang)
            try row.bind(name.status.rawValue)
            try row.bind(name.kind.rawValue)
            try row.bind(name.casePolicy.rawValue)
            try row.bind(name.note)
            try row.bind(name.source)
            try row.bind(keys.exact)
            try row.bind(keys.caseless)
            try row.bind(keys.folded)
            try row.bind(keys.compact)
            try row.run()
            if let bulk, db.lastInsertedRowID <= bulk.rowIDsBefore { bulk.insertedAboveOnly = false }
        }
        if let bulk { bulk.written.append(entity.id) }
    }

    func delete(id: String) throws {
        if let bulk {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, key_folded FROM name WHERE entity_id = ?"),
                                           arguments: [id])
            while let row = try rows.next() { bulk.deletedNames.append((row[0], row[1])) }
        }
        try db.cachedStatement(sql: "DELETE FROM entity WHERE id = ?").execute(arguments: [id])
    }

    func forgetMergedID(_ id: String) throws {
        try db.execute(sql: "DELETE FROM merged_id WHERE id = ?", arguments: [id])
    }

    func recordMerge(from: String, into: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO merged_id (id, into_id) VALUES (?, ?)", arguments: [from, into])
        try db.execute(sql: "UPDATE merged_id SET into_id = ? WHERE into_id = ?", arguments: [into, from])
    }

    func appendChange(at: String, command: String, summary: String, reverts: Int64?,
                      entities: [ChangeRecord.EntityRecord]) throws -> Int64 {
        try db.execute(sql: "INSERT INTO change (at, command, summary, reverts) VALUES (?, ?, ?, ?)",
                       arguments: [at, command, summary, reverts])
        let changeID = db.lastInsertedRowID
        let statement = try db.cachedStatement(sql: "INSERT INTO change_entity (change_id, entity_id, before, after) VALUES (?, ?, ?, ?)")
        for entity in entities {
            try statement.execute(arguments: [changeID, entity.entityID, entity.before, entity.after])
        }
        try db.execute(sql: "UPDATE glossary_info SET revision = revision + 1 WHERE id = 1")
        return changeID
    }

    // MARK: - Bulk inserts (imports)

    /// What an import has done that the full-text index does not know yet.
    final class BulkInsert {
        var triggers: [String] = []
        var indexes: [String] = []
        /// Names deleted (row id, folded key), to delete from the full-text index.
        var deletedNames: [(Int64, String)] = []
        /// Entities inserted, whose names go into the full-text index.
        var written: [String] = []
        /// The names the import will insert.
        var names = 0
        /// The highest name row id before the import.
        var rowIDsBefore: Int64 = 0
        /// Every name inserted got a row id above `rowIDsBefore` (SQLite may
        /// reuse the highest id once its row is deleted), so the names above
        /// it are exactly the inserted ones.
        var insertedAboveOnly = true
    }

    private var bulk: BulkInsert?

    /// The number of names from which an import may drop and rebuild the
    /// name table's indexes.
    static let bulkImportNames = 10_000

    func beginBulkInsert(names: Int) throws {
        let bulk = BulkInsert()
        bulk.names = names
        bulk.rowIDsBefore = try maxNameRowID()
        // The full-text index is updated in two statements at the end
        // instead of by a trigger per name: SQLite (3.40) flushes an FTS5
        // table's pending changes at every statement of a transaction
        // that has written to it, so per-row triggers make an import
        // write (and merge) one small index segment per name.
        bulk.triggers = try suspendFullTextTriggers()
        // The CHECK constraints of the entity and name tables hold values
        // that an import takes from the model's enums (type, status, kind,
        // case policy, name order) and texts it has checked are not empty,
        // so they cannot fail here; SQLite would still build a small table
        // for each `IN (…)` list of every row (a third of the time of the
        // inserts). The flag belongs to the connection, not the transaction:
        // `endBulkInsert` or `restoreChecks` (after a failure) clears it.
        try setCheckConstraints(enabled: false)
        // An import at least as large as the glossary drops the name
        // table's indexes and builds them again at the end, by sorting,
        // rather than inserting every key at a random place of four
        // growing B-trees (three times faster at 240,000 names).
        if names >= Self.bulkImportNames, names >= (try Int.fetchOne(db, sql: "SELECT count(*) FROM name") ?? 0) {
            bulk.indexes = try suspendIndexes()
        }
        self.bulk = bulk
    }

    func endBulkInsert() throws {
        guard let bulk else { return }
        self.bulk = nil
        for sql in bulk.indexes { try db.execute(sql: sql) }
        // In rowid order: FTS5 flushes its pending changes whenever a
        // rowid is lower than the one before.
        if !bulk.deletedNames.isEmpty {
            bulk.deletedNames.sort { $0.0 < $1.0 }
            try db.execute(sql: """
                INSERT INTO name_fts (name_fts, rowid, key_folded)
                SELECT 'delete', json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)
                """, arguments: [EntityJSON.pairs(bulk.deletedNames)])
        }
        // FTS5 writes its pending terms out as a new segment each time they
        // pass the hash size (1 MiB by default) and merges the segments as
        // it goes: a large import's terms are gathered in one hash instead
        // (40% less time for 240,000 names), then the default is set back.
        // The setting is stored in the index's config table, and the
        // rollback of a failed import takes it back too.
        let largeHash = bulk.names >= Self.bulkImportNames
        if largeHash { try setFullTextHashSize(Self.bulkFullTextHashSize) }
        if !bulk.written.isEmpty && bulk.insertedAboveOnly {
            // A range of row ids rather than 100,000 entity ids read from JSON.
            try db.execute(sql: "INSERT INTO name_fts (rowid, key_folded) SELECT id, key_folded FROM name WHERE id > ? ORDER BY id",
                           arguments: [bulk.rowIDsBefore])
        } else if !bulk.written.isEmpty {
            try db.execute(sql: """
                INSERT INTO name_fts (rowid, key_folded)
                SELECT id, key_folded FROM name WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY id
                """, arguments: [EntityJSON.array(bulk.written)])
        }
        if largeHash { try setFullTextHashSize(Self.defaultFullTextHashSize) }
        for sql in bulk.triggers { try db.execute(sql: sql) }
        try setCheckConstraints(enabled: true)
    }

    /// FTS5's default `hashsize`, and the one of a large import (the terms
    /// of 240,000 names take about 30 MiB).
    static let defaultFullTextHashSize = 1 << 20
    static let bulkFullTextHashSize = 64 << 20

    private func setFullTextHashSize(_ bytes: Int) throws {
        try db.execute(sql: "INSERT INTO name_fts (name_fts, rank) VALUES ('hashsize', ?)", arguments: [bytes])
    }

    private var checksSuspended = false

    private func setCheckConstraints(enabled: Bool) throws {
        try db.execute(sql: "PRAGMA ignore_check_constraints = \(enabled ? "OFF" : "ON")")
        checksSuspended = !enabled
    }

    /// Turns the CHECK constraints back on if an import failed with them
    /// off; the store calls it after every write transaction.
    func restoreChecks() throws {
        if checksSuspended { try setCheckConstraints(enabled: true) }
    }

    /// Drops the indexes of the name table (not those of its UNIQUE
    /// constraint) and returns the SQL that creates them again, as the
    /// schema has it.
    func suspendIndexes() throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name = 'name' AND sql IS NOT NULL ORDER BY name
            """)
        for row in rows {
            let name: String = row["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        }
        return rows.map { $0["sql"] }
    }

    /// Drops the triggers that keep the full-text index up to date on
    /// inserts and deletes of names, and returns the SQL that creates them
    /// again, as the schema has it. Only inside a transaction that updates
    /// the index itself and then runs the SQL.
    func suspendFullTextTriggers() throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'trigger' AND tbl_name = 'name' AND name IN ('name_fts_insert', 'name_fts_delete')
            ORDER BY name
            """)
        guard rows.count == 2 else {
            throw GlossaryError(.database, "the full-text triggers of the name table are missing")
        }
        for row in rows {
            let name: String = row["name"]
            try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
        }
        return rows.map { $0["sql"] }
    }
}
