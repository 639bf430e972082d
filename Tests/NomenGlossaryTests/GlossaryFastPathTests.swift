import Foundation
import GRDB
import NomenModel
import NomenNormalization
import Testing
@testable import NomenGlossary

/// The shortcuts that make import and find fast give the same answers as the
/// plain ways.
@Suite struct GlossaryFastPathTests {
    @Test func keyBuilderAgreesWithMatchKeysOnTheSeedAndOddWhiteSpace() throws {
        let keyMaker = MatchKeyBuilder()
        var texts = try GlossaryStore.bundledSeed().flatMap { $0.entity.names.map(\.text) }
        texts += ["  Hải \t Phòng\n", "Hải Phòng".decomposedStringWithCanonicalMapping, "ＷＡＮＧ　Ｗｅｉ", "Lý Mỹ  Kỳ",
                  "\u{00A0}Đà\u{2003}Nẵng\u{0085}", "Xi\u{200B} Jinping", "Straße", "ΟΔΥΣΣΕΥΣ", "Thủ Dầu Một"]
        for text in texts {
            #expect(try keyMaker.keys(text) == MatchKeys(text), "\(text.debugDescription)")
        }
    }

    @Test func entityJSONIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var entities = try GlossaryStore.bundledSeed().map(\.entity) + awkward
        let controls = String(String.UnicodeScalarView((1..<0x20).compactMap(UnicodeScalar.init) + ["\u{7F}"]))
        entities.append(Entity(id: "x/y", type: .person, description: "a/b \"c\" \\ \(controls)", externalIDs: ["wikidata": "Q1", "b": "x/\"y\"", "A": "é"],
                               nameOrder: .familyLast, familyName: "Ñ", note: "", source: "s",
                               names: [Name(text: "t\(controls)", lang: "und", note: "n", source: "ß")]))
        for entity in entities {
            let expected = String(decoding: try encoder.encode(entity), as: UTF8.self)
            #expect(EntityJSON.string(entity) == expected)
            #expect(try JSONDecoder().decode(Entity.self, from: Data(EntityJSON.string(entity).utf8)) == entity)
        }
    }

    /// Entities with two names each, generated.
    static func generated(_ count: Int, prefix: String, suffix: String = "") -> [SourcedEntity] {
        (0..<count).map { index in
            SourcedEntity(entity: Entity(id: "\(prefix).\(index)", type: .place, names: [
                Name(text: "Nơi \(prefix) \(index)\(suffix)", lang: "vi", status: .preferred),
                Name(text: "Place \(prefix) \(index)\(suffix)", lang: "en", status: .preferred),
            ]), line: index + 2)
        }
    }

    static func schemaObjects(_ store: GlossaryStore) throws -> [String] {
        try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT type || ' ' || name FROM sqlite_master WHERE tbl_name = 'name' ORDER BY 1")
        }
    }

    static func checkFullTextIndex(_ store: GlossaryStore) throws {
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO name_fts (name_fts) VALUES ('integrity-check')")
        }
    }

    @Test(arguments: StoreKind.sqlite)
    func importsKeepTheIndexesTriggersAndFullTextIndexInStep(kind: StoreKind) throws {
        let store = try kind.makeSQLite()
        let schema = try Self.schemaObjects(store)
        #expect(schema.filter { $0.hasPrefix("trigger") }.count == 3)
        try store.add(xiJinping, command: "test")

        // Large enough to rebuild the indexes (5,000 entities, 10,000 names).
        let bulk = try store.importEntities(Self.generated(5_000, prefix: "bulk"), file: "bulk.csv", command: "import")
        #expect(bulk.added == 5_000 && bulk.names == 10_000)
        #expect(try Self.schemaObjects(store) == schema)
        try Self.checkFullTextIndex(store)
        #expect(try store.find("Place bulk 4321").first?.entity.id == "bulk.4321")
        #expect(try store.find("Plaec bulk 4321").first?.entity.id == "bulk.4321")  // a typo: through the trigram index

        // Replacing: the old names leave the full-text index, the new ones enter it.
        let replaced = try store.importEntities(Self.generated(20, prefix: "bulk", suffix: " Mới"), file: "r.csv",
                                                onConflict: .replace, command: "import")
        #expect(replaced.replaced == 20)
        #expect(try Self.schemaObjects(store) == schema)
        try Self.checkFullTextIndex(store)
        #expect(try store.find("Place bulk 7 Moi").first?.entity.id == "bulk.7")
        #expect(try store.find("Place bulk 7 Moi").first?.tier == .folded)
        let stale = try store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM name_fts WHERE name_fts MATCH '\"ulk 7\"' AND rowid NOT IN (SELECT id FROM name)")
        }
        #expect(stale == 0)

        // A failed import and a dry run leave the schema as it was.
        #expect(throws: GlossaryError.self) {
            try store.importEntities(Self.generated(6_000, prefix: "bulk"), file: "again.csv", command: "import")
        }
        _ = try store.importEntities(Self.generated(6_000, prefix: "dry"), file: "dry.csv", dryRun: true, command: "import")
        #expect(try Self.schemaObjects(store) == schema)
        #expect(try store.counts() == (entities: 5_001, names: 10_003))

        // Reverting the import removes its entities and their index entries.
        try store.revert(changeID: try #require(replaced.changeID), command: "revert")
        let undone = try store.revert(changeID: try #require(bulk.changeID), command: "revert")
        #expect(try store.counts() == (entities: 1, names: 3))
        #expect(try Self.schemaObjects(store) == schema)
        try Self.checkFullTextIndex(store)
        #expect(try store.find("Xi Jinpign").first?.entity.id == xiJinping.id)

        // Reverting the revert writes the 10,000 names again, as a large import does
        // (indexes rebuilt, the full-text index filled once).
        try store.revert(changeID: undone.id, command: "revert")
        #expect(try store.counts() == (entities: 5_001, names: 10_003))
        #expect(try Self.schemaObjects(store) == schema)
        try Self.checkFullTextIndex(store)
        #expect(try store.find("Plaec bulk 4321").first?.entity.id == "bulk.4321")
        #expect(try store.integrityProblems().isEmpty)
    }

    /// SQLite gives a new row the highest row id plus one, so replacing the
    /// newest entity reuses the row ids of its deleted names: the import
    /// then cannot take "every row id above the old highest" as its names.
    @Test func replacingTheNewestEntityReusesItsRowIDsAndKeepsTheFullTextIndexInStep() throws {
        let store = try StoreKind.inMemory.makeSQLite()
        _ = try store.importEntities(Self.generated(3, prefix: "tail"), file: "tail.csv", command: "import")
        let newest = Self.generated(3, prefix: "tail", suffix: " Mới")[2]
        let replaced = try store.importEntities([newest] + Self.generated(10, prefix: "more").suffix(1), file: "r.csv",
                                                onConflict: .replace, command: "import")
        #expect(replaced.replaced == 1 && replaced.added == 1)
        try Self.checkFullTextIndex(store)
        #expect(try store.find("Plaec tail 2 Moi").first?.entity.id == "tail.2")  // a typo: through the trigram index
        #expect(try store.find("Plaec more 9").first?.entity.id == "more.9")
        let rows = try store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM name_fts WHERE name_fts MATCH '\"ail\"'")
        }
        #expect(rows == 6)
    }

    /// The import's row inserts bind values without GRDB: empty texts stay
    /// empty (not NULL), and a broken constraint is a `DatabaseError` that
    /// names it and leaves the statement usable for the next row.
    @Test func rowInsertsKeepEmptyTextsAndReportConstraints() throws {
        let store = try StoreKind.inMemory.makeSQLite()
        let empty = Entity(id: "x.empty", type: .term, description: "", note: "", source: "",
                           names: [Name(text: "Từ", lang: "vi", status: .preferred, note: "", source: "")])
        let keys = try empty.names.map { try MatchKeys($0.text) }
        try store.queue.write { db in
            let transaction = SQLiteTransaction(db)
            try transaction.insert(empty, keys: keys)
            do {
                try transaction.insert(empty, keys: keys)
                Issue.record("a second entity x.empty was inserted")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_CONSTRAINT)
                #expect(error.message == "UNIQUE constraint failed: entity.id")
            }
            try transaction.insert(Entity(id: "x.next", type: .term, names: [Name(text: "Next", lang: "en")]),
                                   keys: [try MatchKeys("Next")])
        }
        #expect(try store.entity(id: "x.empty") == empty)
        #expect(try store.storedNames(entityID: "x.empty").first?.keys[.folded] == "tu")
        #expect(try store.entity(id: "x.next")?.names.map(\.text) == ["Next"])
    }

    @Test func backgroundKeysAreEachEntitysKeysInOrder() throws {
        let entities = Self.generated(2 * BackgroundKeys.chunkSize + 17, prefix: "khóa").map(\.entity)
        let background = BackgroundKeys(entities)
        defer { background.cancel() }
        let keyMaker = MatchKeyBuilder()
        let made = try entities.indices.map { try background.keys(of: $0) }
        #expect(made == (try entities.map { try keyMaker.keys(of: $0) }))
        #expect(made.last?.first?.folded == "noi khoa 2016")
    }

    /// A failed import cancels the keys it no longer needs: the second
    /// thread stops making them (at most the chunk it is on is finished)
    /// and lets the entities go.
    @Test func cancelledBackgroundKeysStopAndLetGo() async throws {
        let entities = Self.generated(100 * BackgroundKeys.chunkSize, prefix: "hủy").map(\.entity)
        weak var released: BackgroundKeys?
        var (atCancel, later) = (0, 0)
        do {
            let background = BackgroundKeys(entities)
            released = background
            _ = try background.keys(of: 0)
            background.cancel()
            atCancel = background.chunksMade
            try await Task.sleep(for: .milliseconds(300))
            later = background.chunksMade
        }
        #expect(later <= atCancel + 1)
        #expect(later < 100)
        for _ in 0..<200 where released != nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(released == nil)
    }

    @Test func parallelMapKeepsTheOrderAndThrowsTheFirstErrorInItemOrder() throws {
        struct Odd: Error, Equatable { let value: Int }
        let items = Array(0..<(ParallelMap.minimumPerWorker * 3 + 7))
        #expect(ParallelMap.parts(for: items.count, workers: 3) == 3)
        #expect(ParallelMap.map(items, workers: 3) { $0 * 2 } == items.map { $0 * 2 })
        // Errors in the second and third parts: the second part's first one is thrown.
        let failing: Set = [ParallelMap.minimumPerWorker + 5, ParallelMap.minimumPerWorker + 9, items.count - 1]
        #expect(throws: Odd(value: ParallelMap.minimumPerWorker + 5)) {
            try ParallelMap.map(items, workers: 3) { (item) throws(Odd) in
                if failing.contains(item) { throw Odd(value: item) }
                return item
            }
        }
        // Too few items for a second thread: one part.
        #expect(ParallelMap.parts(for: 3, workers: 8) == 1)
        #expect(ParallelMap.parts(for: 2 * ParallelMap.minimumPerWorker - 1, workers: 8) == 1)
        #expect(ParallelMap.map([1, 2, 3], workers: 8) { $0 } == [1, 2, 3])
    }

    @Test(arguments: StoreKind.allCases)
    func findKeysNonASCIIQueriesFromAStoredExactKeyOrTheFold(kind: StoreKind) throws {
        let store = try kind.make()
        try store.add(luongCuong, command: "test")
        try store.add(xiJinping, command: "test")
        let cases: [(query: String, id: String, tier: MatchTier?)] = [
            ("习近平", xiJinping.id, .exact),             // keys from the stored name
            ("Lương Cuòng", luongCuong.id, .folded),     // no stored exact key: folded
            ("ＬＵＯＮＧ　ＣＵＯＮＧ", luongCuong.id, .caseless),
            ("Tập Cận Bìnhh", xiJinping.id, nil),
        ]
        for item in cases {
            let first = try store.find(item.query).first
            #expect(first?.entity.id == item.id, "\(item.query)")
            #expect(first?.tier == item.tier, "\(item.query)")
        }
    }

    /// A row that breaks a CHECK constraint (an entity type the schema does not know).
    static func insertBadType(_ store: GlossaryStore) throws {
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO entity (id, type) VALUES ('bad.type', 'planet')")
        }
    }

    @Test(arguments: StoreKind.sqlite)
    func importsTurnCheckConstraintsBackOnAfterwardsEvenWhenTheyFail(kind: StoreKind) throws {
        let store = try kind.makeSQLite()
        #expect(throws: DatabaseError.self) { try Self.insertBadType(store) }

        _ = try store.importEntities(Self.generated(6_000, prefix: "big"), file: "big.csv", command: "import")
        #expect(throws: DatabaseError.self) { try Self.insertBadType(store) }
        _ = try store.importEntities(Self.generated(10, prefix: "dry"), file: "dry.csv", dryRun: true, command: "import")
        #expect(throws: DatabaseError.self) { try Self.insertBadType(store) }

        // A write that fails in the middle of a bulk insert, with the checks off.
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try store.write { transaction -> (result: Void, commit: Bool) in
                try transaction.beginBulkInsert(names: 20_000)
                throw Interrupted()
            }
        }
        #expect(throws: DatabaseError.self) { try Self.insertBadType(store) }
        #expect(try store.counts() == (entities: 6_000, names: 12_000))
    }

    @Test func validationShortcutsGiveWhatTheUnicodeRulesGive() throws {
        let nfd = "Nguyễn Thị Ánh".decomposedStringWithCanonicalMapping
        let entity = Entity(id: "vn.person.x", type: .person, familyName: "Nguye\u{0302}\u{0303}n", names: [
            Name(text: "\u{00A0}\(nfd)\u{3000}", lang: " vi ", status: .preferred),
            Name(text: "\u{3000}王伟\u{2003}", lang: "zh-Hans"),
            Name(text: "Wang Wei\u{0085}", lang: "en"),
            Name(text: "Lương Cường", lang: "vi"),
        ])
        let normalized = try EntityValidation.normalized(entity)
        #expect(normalized.names.map(\.text) == ["Nguyễn Thị Ánh", "Lương Cường", "王伟", "Wang Wei"])
        #expect(normalized.names.map(\.lang) == ["vi", "vi", "zh-Hans", "en"])
        #expect(normalized.familyName == "Nguyễn")
        #expect(" \t Hải Phòng\n".trimmingWhiteSpace == "Hải Phòng")
        #expect("\u{200B}x\u{200B}".trimmingWhiteSpace == "\u{200B}x\u{200B}")  // not White_Space

        #expect(EntityValidation.idProblem("vn.person.nguyen-thi-anh") == nil)
        #expect(EntityValidation.idProblem(String(repeating: "Đ", count: 200)) == nil)  // 400 bytes, 200 characters
        #expect(EntityValidation.idProblem(String(repeating: "a", count: 201)) == "the entity id is longer than 200 characters")
        #expect(EntityValidation.idProblem("vn.person.nguyen\u{00A0}anh") != nil)
        #expect(EntityValidation.idProblem("vn.person.\u{7F}") != nil)
        #expect(EntityValidation.idProblem("vn.person.a b") != nil)
    }
}
