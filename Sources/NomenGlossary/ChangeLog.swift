import Foundation
import NomenModel
import NomenNormalization

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

    /// Room for `count` more entities (an import knows how many).
    func reserveCapacity(_ count: Int) {
        changes.reserveCapacity(changes.count + count)
        indexByID.reserveCapacity(indexByID.count + count)
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
    func save(_ transaction: any GlossaryTransaction) throws {
        guard !saved else { return }
        saved = true
        let effective = changes.filter { $0.before != $0.after }
        guard !effective.isEmpty else { return }
        savedID = try transaction.appendChange(
            at: Self.timestampFormat.format(Date()), command: command, summary: summary, reverts: reverts,
            entities: ParallelMap.map(effective) { change in
                ChangeRecord.EntityRecord(entityID: change.id, before: change.before.map(EntityJSON.string),
                                          after: change.after.map(EntityJSON.string))
            })
    }
}

extension GlossaryBackend {
    /// The change log, newest first: every change, or those that touched
    /// `entityID` (and the ids merged into it).
    public func history(entityID: String? = nil, limit: Int? = nil) throws -> [GlossaryChange] {
        try read { transaction in
            var entityIDs: [String]?
            if let entityID {
                entityIDs = try [entityID] + transaction.idsMerged(into: entityID)
            }
            return try transaction.changeIDs(touching: entityIDs, limit: limit)
                .compactMap { try transaction.change(id: $0) }
        }
    }

    /// One change with every entity it touched.
    public func change(id: Int64) throws -> GlossaryChange? {
        try read { try $0.change(id: id) }
    }

    /// Undoes a change: every entity it touched goes back to how it was
    /// before. Refused when an entity has changed since (revert the later
    /// change first). The revert is itself a change.
    @discardableResult
    public func revert(changeID: Int64, command: String, expectedRevision: Int64? = nil) throws -> GlossaryChange {
        let newID: Int64 = try write(command: command, expectedRevision: expectedRevision) { transaction, recorder in
            guard let change = try transaction.change(id: changeID) else {
                throw GlossaryError(.notFound, "no change \(changeID) (see `nomen glossary history`)")
            }
            // The entities as they are now, read in one query (a revert of an import touches
            // every entity it added).
            let current = try Dictionary(transaction.entities(ids: change.entities.map(\.entityID), type: nil, lang: nil)
                .map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let stale = change.entities.filter { current[$0.entityID] != $0.after }.map(\.entityID)
            if !stale.isEmpty {
                throw GlossaryError(.conflict, "cannot revert change \(changeID): changed since: \(stale.joined(separator: ", ")) (revert the later changes first)")
            }
            // As an import writes: the full-text index updated once at the end, the indexes
            // rebuilt when most of the names are written again.
            try transaction.beginBulkInsert(names: change.entities.reduce(0) { $0 + ($1.before?.names.count ?? 0) })
            // Remove first, then restore, so that ids freed by one entity can be taken by another.
            for item in change.entities where item.after != nil {
                try transaction.delete(id: item.entityID)
            }
            let keyMaker = MatchKeyBuilder()
            for item in change.entities {
                if let before = item.before {
                    try transaction.insert(before, keyMaker: keyMaker)
                    try transaction.forgetMergedID(before.id)
                }
                recorder.record(item.entityID, before: item.after, after: item.before)
            }
            try transaction.endBulkInsert()
            recorder.reverts = changeID
            recorder.summary = "revert change \(changeID) (\(change.summary))"
            try recorder.save(transaction)
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

extension GlossaryTransaction {
    /// One change with its entities decoded.
    func change(id: Int64) throws -> GlossaryChange? {
        guard let record = try changeRecord(id: id) else { return nil }
        let decoder = JSONDecoder()
        func decode(_ text: String?) throws -> Entity? {
            guard let text else { return nil }
            return try decoder.decode(Entity.self, from: Data(text.utf8))
        }
        let entities = try record.entities.map { item in
            GlossaryChange.EntityChange(entityID: item.entityID, before: try decode(item.before), after: try decode(item.after))
        }
        return GlossaryChange(id: record.id, at: record.at, command: record.command, summary: record.summary,
                              reverts: record.reverts, entities: entities)
    }
}
