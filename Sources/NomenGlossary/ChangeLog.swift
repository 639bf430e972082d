import Foundation
import GRDB
import NomenModel

/// One write to the glossary, as the change log keeps it: when, which
/// command, and every entity it touched as it was before and after.
public struct GlossaryChange: Hashable, Sendable {
    public struct EntityChange: Hashable, Sendable {
        public let entityID: String
        /// nil: the entity did not exist before (added).
        public let before: Entity?
        /// nil: the entity does not exist after (removed or merged away).
        public let after: Entity?
    }

    public let id: Int64
    /// ISO 8601, UTC, to the millisecond.
    public let at: String
    public let command: String
    public let summary: String
    /// The change this one reverted, if it is a revert.
    public let reverts: Int64?
    public let entities: [EntityChange]
}

/// Collects what a write transaction did, then writes it to the change log.
final class ChangeRecorder {
    let command: String
    var summary = ""
    var reverts: Int64?
    /// Roll back instead of committing (import --dry-run).
    var dryRun = false
    private(set) var changes: [(id: String, before: Entity?, after: Entity?)] = []
    private var indexByID: [String: Int] = [:]

    init(command: String) {
        self.command = command
    }

    /// Records that `id` went from `before` to `after`; several records for
    /// one id in a transaction keep the first `before` and the last `after`.
    func record(_ id: String, before: Entity?, after: Entity?) {
        if let index = indexByID[id] {
            changes[index].after = after
        } else {
            indexByID[id] = changes.count
            changes.append((id, before, after))
        }
    }

    /// 2026-01-31T12:34:56.789Z
    static let timestampFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The change's id once saved; nil before, or when nothing changed.
    private(set) var savedID: Int64?
    private var saved = false

    /// Writes the change log entry and bumps the revision (once; later calls do nothing).
    func save(_ db: Database) throws {
        guard !saved else { return }
        saved = true
        let effective = changes.filter { $0.before != $0.after }
        guard !effective.isEmpty else { return }
        let at = Self.timestampFormat.format(Date())
        try db.execute(sql: "INSERT INTO change (at, command, summary, reverts) VALUES (?, ?, ?, ?)",
                       arguments: [at, command, summary, reverts])
        let changeID = db.lastInsertedRowID
        savedID = changeID
        let statement = try db.cachedStatement(sql: "INSERT INTO change_entity (change_id, entity_id, before, after) VALUES (?, ?, ?, ?)")
        for change in effective {
            try statement.execute(arguments: [changeID, change.id,
                                              change.before.map(EntityJSON.string),
                                              change.after.map(EntityJSON.string)])
        }
        try db.execute(sql: "UPDATE glossary_info SET revision = revision + 1 WHERE id = 1")
    }
}

extension GlossaryStore {
    /// The change log, newest first: every change, or those that touched
    /// `entityID` (and the ids merged into it).
    public func history(entityID: String? = nil, limit: Int? = nil) throws -> [GlossaryChange] {
        try read { db in
            var ids: [Int64]
            let limitSQL = limit.map { " LIMIT \($0)" } ?? ""
            if let entityID {
                var entityIDs = [entityID]
                entityIDs += try String.fetchAll(db, sql: "SELECT id FROM merged_id WHERE into_id = ?", arguments: [entityID])
                let marks = entityIDs.map { _ in "?" }.joined(separator: ", ")
                ids = try Int64.fetchAll(db, sql: """
                    SELECT DISTINCT change_id FROM change_entity WHERE entity_id IN (\(marks)) ORDER BY change_id DESC\(limitSQL)
                    """, arguments: StatementArguments(entityIDs))
            } else {
                ids = try Int64.fetchAll(db, sql: "SELECT id FROM change ORDER BY id DESC\(limitSQL)")
            }
            return try ids.compactMap { try Self.fetchChange(db, id: $0, entityID: nil) }
        }
    }

    /// One change with every entity it touched.
    public func change(id: Int64) throws -> GlossaryChange? {
        try read { db in try Self.fetchChange(db, id: id, entityID: nil) }
    }

    static func fetchChange(_ db: Database, id: Int64, entityID: String?) throws -> GlossaryChange? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM change WHERE id = ?", arguments: [id]) else { return nil }
        let decoder = JSONDecoder()
        func decode(_ text: String?) throws -> Entity? {
            guard let text else { return nil }
            return try decoder.decode(Entity.self, from: Data(text.utf8))
        }
        let entityRows = try Row.fetchAll(db, sql: "SELECT * FROM change_entity WHERE change_id = ? ORDER BY entity_id", arguments: [id])
        let entities = try entityRows.map { row in
            GlossaryChange.EntityChange(entityID: row["entity_id"], before: try decode(row["before"]), after: try decode(row["after"]))
        }
        return GlossaryChange(id: row["id"], at: row["at"], command: row["command"], summary: row["summary"],
                              reverts: row["reverts"], entities: entities)
    }

    /// Undoes a change: every entity it touched goes back to how it was
    /// before. Refused when an entity has changed since (revert the later
    /// change first). The revert is itself a change.
    @discardableResult
    public func revert(changeID: Int64, command: String, expectedRevision: Int64? = nil) throws -> GlossaryChange {
        let newID: Int64 = try write(command: command, expectedRevision: expectedRevision) { db, recorder in
            guard let change = try Self.fetchChange(db, id: changeID, entityID: nil) else {
                throw GlossaryError(.notFound, "no change \(changeID) (see `nomen glossary history`)")
            }
            var stale: [String] = []
            for item in change.entities where try Self.fetchEntity(db, id: item.entityID) != item.after {
                stale.append(item.entityID)
            }
            if !stale.isEmpty {
                throw GlossaryError(.conflict, "cannot revert change \(changeID): changed since: \(stale.joined(separator: ", ")) (revert the later changes first)")
            }
            // Remove first, then restore, so that ids freed by one entity can be taken by another.
            for item in change.entities where item.after != nil {
                try Self.delete(db, id: item.entityID)
            }
            for item in change.entities {
                if let before = item.before {
                    try Self.insert(db, before)
                    try db.execute(sql: "DELETE FROM merged_id WHERE id = ?", arguments: [before.id])
                }
                recorder.record(item.entityID, before: item.after, after: item.before)
            }
            recorder.reverts = changeID
            recorder.summary = "revert change \(changeID) (\(change.summary))"
            try recorder.save(db)
            guard let id = recorder.savedID else {
                throw GlossaryError(.conflict, "change \(changeID) changed nothing to revert")
            }
            return id
        }
        guard let change = try change(id: newID) else {
            throw GlossaryError(.database, "the revert was not recorded")
        }
        return change
    }
}
