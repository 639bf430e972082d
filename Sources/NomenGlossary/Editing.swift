import GRDB
import NomenData
import NomenModel

/// What an import does with an entity whose id is already in the glossary.
public enum ConflictPolicy: String, CaseIterable, Sendable {
    /// Abort the whole import (the default).
    case fail
    /// Keep the entity in the glossary; ignore the imported one.
    case skip
    /// Replace the entity in the glossary with the imported one.
    case replace
}

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Hashable, Sendable {
    public var added = 0
    public var replaced = 0
    public var skipped = 0
    public var names = 0
    public var dryRun = false
    /// The change log entry; nil for a dry run or when nothing changed.
    public var changeID: Int64?
}

extension GlossaryStore {
    /// Adds a new entity. Its texts are normalized to NFC; throws `.conflict`
    /// if the id is taken, `.invalid` if it breaks a rule of the model.
    @discardableResult
    public func add(_ entity: Entity, command: String, expectedRevision: Int64? = nil) throws -> Entity {
        let entity = try EntityValidation.normalized(entity)
        try EntityValidation.check(entity)
        return try write(command: command, expectedRevision: expectedRevision) { db, recorder in
            if try Self.fetchEntity(db, id: entity.id) != nil {
                throw GlossaryError(.conflict, "an entity \(entity.id) exists already")
            }
            try Self.insert(db, entity)
            try db.execute(sql: "DELETE FROM merged_id WHERE id = ?", arguments: [entity.id])
            recorder.record(entity.id, before: nil, after: entity)
            recorder.summary = "add \(entity.id)"
            return entity
        }
    }

    /// Reads an entity, lets `change` edit it, checks and stores the result,
    /// all in one transaction. `change` may throw to abort.
    @discardableResult
    public func update(id: String, command: String, summary: String, expectedRevision: Int64? = nil,
                       _ change: (inout Entity) throws -> Void) throws -> Entity {
        try write(command: command, expectedRevision: expectedRevision) { db, recorder in
            guard let before = try Self.fetchEntity(db, id: id) else {
                throw try Self.notFound(db, id)
            }
            var after = before
            try change(&after)
            after = try EntityValidation.normalized(after)
            try EntityValidation.check(after)
            if after != before {
                try Self.delete(db, id: id)
                try Self.insert(db, after)
                recorder.record(id, before: before, after: after)
                if after.id != id {
                    recorder.record(after.id, before: nil, after: after)
                }
            }
            recorder.summary = summary
            return after
        }
    }

    /// Removes an entity and its names; its history stays in the change log.
    @discardableResult
    public func remove(id: String, command: String, expectedRevision: Int64? = nil) throws -> Entity {
        try write(command: command, expectedRevision: expectedRevision) { db, recorder in
            guard let before = try Self.fetchEntity(db, id: id) else {
                throw try Self.notFound(db, id)
            }
            try Self.delete(db, id: id)
            recorder.record(id, before: before, after: nil)
            recorder.summary = "remove \(id)"
            return before
        }
    }

    /// Merges entity `from` into `into`: names of `from` that `into` lacks
    /// are added (as admitted when `into` already has a preferred name in
    /// that language), missing fields are filled, `from` is removed, and its
    /// history is reachable from `into`.
    @discardableResult
    public func merge(into: String, from: String, command: String, expectedRevision: Int64? = nil) throws -> Entity {
        guard into != from else { throw GlossaryError(.invalid, "cannot merge \(into) into itself") }
        return try write(command: command, expectedRevision: expectedRevision) { db, recorder in
            guard let target = try Self.fetchEntity(db, id: into) else { throw try Self.notFound(db, into) }
            guard let source = try Self.fetchEntity(db, id: from) else { throw try Self.notFound(db, from) }
            var merged = target
            let preferredLangs = Set(target.names.filter { $0.status == .preferred }.map(\.lang))
            var texts = Set(target.names.map(\.text))
            for var name in source.names where !texts.contains(name.text) {
                if name.status == .preferred && preferredLangs.contains(name.lang) { name.status = .admitted }
                merged.names.append(name)
                texts.insert(name.text)
            }
            merged.description = target.description ?? source.description
            merged.nameOrder = target.nameOrder ?? source.nameOrder
            merged.familyName = target.familyName ?? source.familyName
            merged.note = target.note ?? source.note
            merged.source = target.source ?? source.source
            merged.externalIDs = source.externalIDs.merging(target.externalIDs) { _, targetValue in targetValue }
            try EntityValidation.check(merged)
            try Self.delete(db, id: from)
            try Self.delete(db, id: into)
            try Self.insert(db, merged)
            try db.execute(sql: "INSERT OR REPLACE INTO merged_id (id, into_id) VALUES (?, ?)", arguments: [from, into])
            try db.execute(sql: "UPDATE merged_id SET into_id = ? WHERE into_id = ?", arguments: [into, from])
            recorder.record(into, before: target, after: merged)
            recorder.record(from, before: source, after: nil)
            recorder.summary = "merge \(from) into \(into)"
            return merged
        }
    }

    static func notFound(_ db: Database, _ id: String) throws -> GlossaryError {
        if let into = try String.fetchOne(db, sql: "SELECT into_id FROM merged_id WHERE id = ?", arguments: [id]) {
            return GlossaryError(.notFound, "no entity \(id): it was merged into \(into)")
        }
        return GlossaryError(.notFound, "no entity \(id)")
    }

    // MARK: - Import

    /// Imports entities read from a file, all or nothing: every problem
    /// (broken rules, ids already present under `.fail`) is collected and
    /// thrown as one `.invalid` error listing each with its line, and the
    /// database is left unchanged. A dry run checks everything and rolls back.
    public func importEntities(_ items: [SourcedEntity], file: String?, onConflict: ConflictPolicy = .fail,
                               dryRun: Bool = false, command: String, expectedRevision: Int64? = nil) throws -> ImportSummary {
        var issues: [GlossaryIssue] = []
        var entities: [Entity] = []
        entities.reserveCapacity(items.count)
        var seen: [String: Int?] = [:]
        for item in items {
            let entity: Entity
            do {
                entity = try EntityValidation.normalized(item.entity)
            } catch {
                issues.append(GlossaryIssue(file: file, line: item.line, message: "\(item.entity.id): \(error)"))
                continue
            }
            for problem in EntityValidation.problems(entity) {
                let line = problem.nameIndex.flatMap { item.nameLines.indices.contains($0) ? item.nameLines[$0] : nil } ?? item.line
                issues.append(GlossaryIssue(file: file, line: line, message: problem.message))
            }
            if let previous = seen[entity.id] {
                let at = previous.map { " (first at line \($0))" } ?? ""
                issues.append(GlossaryIssue(file: file, line: item.line, message: "entity \(entity.id) is given twice\(at)"))
            }
            seen[entity.id] = item.line
            entities.append(entity)
        }
        if !issues.isEmpty { throw Self.importFailure(issues) }

        let lineByID = Dictionary(items.map { ($0.entity.id, $0.line) }, uniquingKeysWith: { first, _ in first })
        return try write(command: command, expectedRevision: expectedRevision) { db, recorder in
            var summary = ImportSummary(dryRun: dryRun)
            let existing = Set(try String.fetchAll(db, sql: "SELECT id FROM entity"))
            var conflicts: [GlossaryIssue] = []
            for entity in entities where existing.contains(entity.id) {
                switch onConflict {
                case .fail:
                    conflicts.append(GlossaryIssue(file: file, line: lineByID[entity.id] ?? nil,
                                                   message: "entity \(entity.id) is already in the glossary (use --on-conflict skip or replace)"))
                case .skip, .replace:
                    break
                }
            }
            if !conflicts.isEmpty { throw Self.importFailure(conflicts) }
            // The full-text index is updated in two statements at the end
            // instead of by a trigger per name: SQLite (3.40) flushes an FTS5
            // table's pending changes at every statement of a transaction
            // that has written to it, so per-row triggers make an import
            // write (and merge) one small index segment per name.
            let triggers = try Self.suspendFullTextTriggers(db)
            // An import at least as large as the glossary drops the name
            // table's indexes and builds them again at the end, by sorting,
            // rather than inserting every key at a random place of four
            // growing B-trees (three times faster at 240,000 names).
            let importedNames = entities.reduce(0) { $0 + $1.names.count }
            var indexes: [String] = []
            if importedNames >= Self.bulkImportNames,
               importedNames >= (try Int.fetchOne(db, sql: "SELECT count(*) FROM name") ?? 0) {
                indexes = try Self.suspendIndexes(db)
            }
            let keys = NameKeys()
            var replacedNames: [(Int64, String)] = []
            var written: [String] = []
            written.reserveCapacity(entities.count)
            for entity in entities {
                if existing.contains(entity.id) {
                    if onConflict == .skip {
                        summary.skipped += 1
                        continue
                    }
                    let before = try Self.fetchEntity(db, id: entity.id)
                    let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, key_folded FROM name WHERE entity_id = ?"),
                                                   arguments: [entity.id])
                    while let row = try rows.next() { replacedNames.append((row[0], row[1])) }
                    try Self.delete(db, id: entity.id)
                    try Self.insert(db, entity, keys: keys)
                    recorder.record(entity.id, before: before, after: entity)
                    summary.replaced += 1
                } else {
                    try Self.insert(db, entity, keys: keys)
                    recorder.record(entity.id, before: nil, after: entity)
                    summary.added += 1
                }
                written.append(entity.id)
                summary.names += entity.names.count
            }
            for sql in indexes { try db.execute(sql: sql) }
            recorder.summary = "import \(file ?? "entities"): \(summary.added) added, \(summary.replaced) replaced, \(summary.skipped) skipped"
            recorder.dryRun = dryRun
            if !dryRun {
                try recorder.save(db)
                summary.changeID = recorder.savedID
            }
            // In rowid order: FTS5 flushes its pending changes whenever a
            // rowid is lower than the one before.
            if !replacedNames.isEmpty {
                replacedNames.sort { $0.0 < $1.0 }
                try db.execute(sql: """
                    INSERT INTO name_fts (name_fts, rowid, key_folded)
                    SELECT 'delete', json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)
                    """, arguments: [EntityJSON.pairs(replacedNames)])
            }
            if !written.isEmpty {
                try db.execute(sql: """
                    INSERT INTO name_fts (rowid, key_folded)
                    SELECT id, key_folded FROM name WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY id
                    """, arguments: [EntityJSON.array(written)])
            }
            for sql in triggers { try db.execute(sql: sql) }
            return summary
        }
    }

    /// The number of names from which an import may drop and rebuild the
    /// name table's indexes.
    static let bulkImportNames = 10_000

    /// Drops the indexes of the name table (not those of its UNIQUE
    /// constraint) and returns the SQL that creates them again, as the
    /// schema has it.
    static func suspendIndexes(_ db: Database) throws -> [String] {
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
    static func suspendFullTextTriggers(_ db: Database) throws -> [String] {
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

    static func importFailure(_ issues: [GlossaryIssue]) -> GlossaryError {
        let count = issues.count == 1 ? "1 error" : "\(issues.count) errors"
        return GlossaryError(.invalid, "import aborted: \(count); the glossary is unchanged", issues: issues)
    }

    // MARK: - Seed

    /// The seed glossary compiled into the binary (`Data/seed/glossary.jsonl`).
    public static func bundledSeed() throws -> [SourcedEntity] {
        let result = GlossaryFormat.jsonl.read(Array(EmbeddedData.seedGlossary.utf8), file: "seed")
        if !result.issues.isEmpty {
            throw GlossaryError(.invalid, "the bundled seed is invalid", issues: result.issues)
        }
        return result.entities
    }

    /// Loads the bundled seed in one transaction; fails (changing nothing)
    /// if any of its ids is already in the glossary.
    @discardableResult
    public func loadSeed(command: String) throws -> ImportSummary {
        try importEntities(try Self.bundledSeed(), file: "seed", onConflict: .fail, command: command)
    }
}
