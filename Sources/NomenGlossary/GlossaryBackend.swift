import NomenModel
import NomenNormalization

/// A database that holds a glossary: SQLite (`GlossaryStore`) or
/// PostgreSQL (`PostgresGlossary` in NomenPostgres).
///
/// A back end provides transactions and, inside them, the primitive reads
/// and writes of `GlossaryTransaction`. Every glossary operation (add,
/// update, remove, merge, import, revert, expand, find, history, lint) is
/// written once, in extensions of this protocol, on top of those
/// primitives, so that both back ends validate, key, log and rank alike.
///
/// Revisions: every write that changes anything appends one change to the
/// change log and adds one to the glossary's revision, in the same
/// transaction, so the revision is monotonic and cheap to read. A write
/// given `expectedRevision` fails with `GlossaryError.Kind.stale`, changing
/// nothing, when the revision is no longer that one (optimistic concurrency).
public protocol GlossaryBackend: AnyObject, Sendable {
    /// Where the glossary is, for messages and cache keys: a file path,
    /// "(in memory)", or a `postgres://` URL without its password.
    var location: String { get }

    /// Runs `body` in one read transaction: it sees one consistent state of
    /// the glossary. Errors of the database become `GlossaryError`.
    func read<T>(_ body: (any GlossaryTransaction) throws -> T) throws -> T

    /// Runs `body` in one write transaction, serialized with every other
    /// writer of the same glossary (in this process or another); commits
    /// when `body` returns `commit: true`, else rolls back. Errors of the
    /// database become `GlossaryError`.
    func write<T>(_ body: (any GlossaryTransaction) throws -> (result: T, commit: Bool)) throws -> T
}

/// The primitive reads and writes of one transaction, which a back end
/// implements; the glossary operations of `GlossaryBackend` are built on
/// them. Writes here keep no change log and do not check the model's rules:
/// use the operations (`add`, `update`…), not these.
public protocol GlossaryTransaction: AnyObject {
    // MARK: Reading

    /// The glossary's revision (0 for a new glossary).
    func revision() throws -> Int64
    /// Entities with all their names, sorted by id: those with an id in
    /// `ids` (all when nil), of `type`, with a name in `lang` or in a
    /// language of which `lang` is the base (zh matches zh-Hans).
    func entities(ids: [String]?, type: EntityType?, lang: String?) throws -> [Entity]
    /// The ids of every entity.
    func entityIDs() throws -> Set<String>
    func counts() throws -> (entities: Int, names: Int)
    /// The id an entity was merged into, if `id` was merged away.
    func mergedInto(id: String) throws -> String?
    /// The ids merged into `id`.
    func idsMerged(into id: String) throws -> [String]
    /// An entity's names with their stored keys, in order.
    func storedNames(entityID: String) throws -> [StoredName]
    /// Ids of the changes that touched any of `entityIDs` (every change when
    /// nil), newest first, at most `limit`.
    func changeIDs(touching entityIDs: [String]?, limit: Int?) throws -> [Int64]
    /// One change as stored, entities sorted by id.
    func changeRecord(id: Int64) throws -> ChangeRecord?

    // MARK: Finding

    /// The folded and compact keys stored for a name whose exact key is `exact`.
    func storedKeys(exact: String) throws -> (folded: String, compact: String)?
    /// Names with a key equal to the key of `keys` at the same tier, of entities of `type`.
    func names(matchingAnyOf keys: MatchKeys, type: EntityType?) throws -> [KeyedName]
    /// How many names have each trigram of `trigrams` in their folded key
    /// (trigrams no name has are left out).
    func trigramCounts(_ trigrams: [String]) throws -> [(trigram: String, names: Int)]
    /// The largest row id of a name (0 when there are none).
    func maxNameRowID() throws -> Int64
    /// The row ids of the names with `trigram` in their folded key.
    func nameRowIDs(withTrigram trigram: String) throws -> [Int64]
    /// The names with these row ids, of entities of `type`.
    func names(rowIDs: [Int64], type: EntityType?) throws -> [KeyedName]
    /// The names with these row ids.
    func namesByRowID(_ rowIDs: [Int64]) throws -> [Int64: Name]

    // MARK: Writing

    /// Inserts an entity and its names with their keys (`keys[i]` for `names[i]`).
    func insert(_ entity: Entity, keys: [MatchKeys]) throws
    /// Deletes an entity and its names.
    func delete(id: String) throws
    /// Forgets that `id` was merged away (it is an entity again).
    func forgetMergedID(_ id: String) throws
    /// Records that `from` was merged into `into`, and so were the ids merged into `from`.
    func recordMerge(from: String, into: String) throws
    /// Appends a change to the change log, adds one to the revision, and
    /// returns the change's id.
    func appendChange(at: String, command: String, summary: String, reverts: Int64?,
                      entities: [ChangeRecord.EntityRecord]) throws -> Int64
    /// Called before an import inserts `names` names, and after it
    /// (`endBulkInsert`), so that a back end can build its indexes once.
    func beginBulkInsert(names: Int) throws
    func endBulkInsert() throws
}

extension GlossaryTransaction {
    public func beginBulkInsert(names: Int) throws {}
    public func endBulkInsert() throws {}
}

/// A stored name with the match keys stored for it (one per tier).
public struct StoredName: Hashable, Sendable {
    public let entityID: String
    public let name: Name
    public let keys: [MatchTier: String]

    public init(entityID: String, name: Name, keys: [MatchTier: String]) {
        self.entityID = entityID
        self.name = name
        self.keys = keys
    }
}

/// A name's row as `find` ranks it: its row id, entity, status and keys.
public typealias KeyedName = (rowID: Int64, entityID: String, status: NameStatus, keys: MatchKeys)

/// A change as the change log stores it: entities as JSON.
public struct ChangeRecord: Sendable {
    public struct EntityRecord: Sendable {
        public let entityID: String
        /// The entity before, as JSON; nil when it did not exist.
        public let before: String?
        /// The entity after, as JSON; nil when it does not exist.
        public let after: String?

        public init(entityID: String, before: String?, after: String?) {
            self.entityID = entityID
            self.before = before
            self.after = after
        }
    }

    public let id: Int64
    public let at: String
    public let command: String
    public let summary: String
    public let reverts: Int64?
    public let entities: [EntityRecord]

    public init(id: Int64, at: String, command: String, summary: String, reverts: Int64?, entities: [EntityRecord]) {
        self.id = id
        self.at = at
        self.command = command
        self.summary = summary
        self.reverts = reverts
        self.entities = entities
    }
}

extension GlossaryBackend {
    /// One write of a glossary operation: checks `expectedRevision`, runs
    /// `body`, and writes the change log entry for what it recorded (which
    /// adds one to the revision when anything changed). A dry run rolls back.
    func write<T>(command: String, expectedRevision: Int64?,
                  _ body: (any GlossaryTransaction, ChangeRecorder) throws -> T) throws -> T {
        try write { transaction in
            if let expectedRevision {
                let current = try transaction.revision()
                if current != expectedRevision {
                    throw GlossaryError(.stale, "\(location): the glossary is at revision \(current), not \(expectedRevision) as read; nothing was written (read it again and retry)")
                }
            }
            let recorder = ChangeRecorder(command: command)
            let result = try body(transaction, recorder)
            if recorder.dryRun { return (result, false) }
            try recorder.save(transaction)
            return (result, true)
        }
    }

    // MARK: - Reading

    /// Changes on every write; the matcher's cache keys on it.
    public func revision() throws -> Int64 {
        try read { try $0.revision() }
    }

    /// Every entity with all its names, sorted by id.
    public func allEntities() throws -> [Entity] {
        try read { try $0.entities(ids: nil, type: nil, lang: nil) }
    }

    /// The entity with that id, or nil.
    public func entity(id: String) throws -> Entity? {
        try read { try $0.entities(ids: [id], type: nil, lang: nil).first }
    }

    /// Entities of a type and/or with names in a language (its base subtag
    /// matches too: zh matches zh-Hans), sorted by id.
    public func entities(type: EntityType? = nil, lang: String? = nil) throws -> [Entity] {
        try read { try $0.entities(ids: nil, type: type, lang: lang) }
    }

    /// The number of entities and names.
    public func counts() throws -> (entities: Int, names: Int) {
        try read { try $0.counts() }
    }

    /// The id an entity was merged into, if `id` was merged away.
    public func mergedInto(id: String) throws -> String? {
        try read { try $0.mergedInto(id: id) }
    }

    /// The names of an entity with the keys stored for them.
    public func storedNames(entityID: String) throws -> [StoredName] {
        try read { try $0.storedNames(entityID: entityID) }
    }
}

extension GlossaryTransaction {
    /// The entity with that id, or nil.
    func entity(id: String) throws -> Entity? {
        try entities(ids: [id], type: nil, lang: nil).first
    }

    /// Inserts an entity, computing its names' keys with `keyMaker`.
    func insert(_ entity: Entity, keyMaker: MatchKeyBuilder) throws {
        try insert(entity, keys: keyMaker.keys(of: entity))
    }

    /// The error for an id that is not in the glossary, naming the entity it was merged into.
    func notFound(_ id: String) throws -> GlossaryError {
        if let into = try mergedInto(id: id) {
            return GlossaryError(.notFound, "no entity \(id): it was merged into \(into)")
        }
        return GlossaryError(.notFound, "no entity \(id)")
    }
}

/// The pattern of `LIKE … ESCAPE '\'` for the language tags of which `lang`
/// is the base: "zh" gives "zh-%".
package func subtagPattern(_ lang: String) -> String {
    lang.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "-%"
}

extension MatchKeyBuilder {
    /// The keys of each of an entity's names, in order.
    func keys(of entity: Entity) throws(ICUError) -> [MatchKeys] {
        var keys: [MatchKeys] = []
        keys.reserveCapacity(entity.names.count)
        for name in entity.names { keys.append(try self.keys(name.text)) }
        return keys
    }
}
