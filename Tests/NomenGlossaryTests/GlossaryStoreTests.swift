import Foundation
import GRDB
import NomenModel
import NomenNormalization
import Testing
@testable import NomenGlossary
import NomenPostgres
import NomenPostgresTesting

/// Where a test's store lives: the same checks run on SQLite in memory and
/// on disk, and on PostgreSQL (a fresh database of the test process's
/// server, `PostgresTestServer`).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case inMemory, onDisk, postgres
    var testDescription: String { rawValue }

    /// The SQLite kinds, for tests of SQLite's own schema.
    static let sqlite: [StoreKind] = [.inMemory, .onDisk]

    func make() throws -> any GlossaryBackend {
        switch self {
        case .inMemory, .onDisk:
            return try makeSQLite()
        case .postgres:
            return try PostgresGlossary(url: PostgresTestServer.shared().createDatabase())
        }
    }

    func makeSQLite() throws -> GlossaryStore {
        switch self {
        case .inMemory:
            return try GlossaryStore.inMemory()
        case .onDisk:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try GlossaryStore(path: directory.appendingPathComponent("glossary.sqlite").path)
        case .postgres:
            throw GlossaryError(.invalid, "not a SQLite store kind")
        }
    }
}

let luongCuong = Entity(
    id: "vn.person.luong-cuong", type: .person, description: "President of Vietnam",
    externalIDs: ["wikidata": "Q16218914"], nameOrder: .familyFirst, familyName: "Lương",
    names: [
        Name(text: "Lương Cường", lang: "vi", status: .preferred),
        Name(text: "Lương Cuờng", lang: "vi", status: .forbidden, kind: .misspelling),
        Name(text: "Luong Cuong", lang: "en", status: .preferred),
        Name(text: "梁强", lang: "zh-Hans", status: .preferred),
    ])

let xiJinping = Entity(
    id: "cn.person.xi-jinping", type: .person, nameOrder: .familyFirst, familyName: "习",
    names: [
        Name(text: "Tập Cận Bình", lang: "vi", status: .preferred),
        Name(text: "Xi Jinping", lang: "en", status: .preferred),
        Name(text: "习近平", lang: "zh-Hans", status: .preferred),
    ])

@Suite struct GlossaryStoreTests {
    @Test(arguments: StoreKind.allCases)
    func addsAndReadsBackEntitiesWithAllTheirNames(kind: StoreKind) throws {
        let store = try kind.make()
        try store.add(xiJinping, command: "test")
        try store.add(luongCuong, command: "test")
        #expect(try store.allEntities() == [xiJinping, luongCuong])  // sorted by id
        #expect(try store.entity(id: "vn.person.luong-cuong") == luongCuong)
        #expect(try store.entity(id: "nobody") == nil)
        #expect(try store.counts() == (entities: 2, names: 7))
    }

    @Test(arguments: StoreKind.allCases)
    func storesTextInNFCAndEveryKey(kind: StoreKind) throws {
        let store = try kind.make()
        let nfd = "Hải Phòng".decomposedStringWithCanonicalMapping
        try store.add(Entity(id: "vn.place.hai-phong", type: .place, names: [Name(text: " \(nfd) ", lang: "vi", status: .preferred)]),
                      command: "test")
        let stored = try store.storedNames(entityID: "vn.place.hai-phong")
        #expect(stored.map(\.name.text) == ["Hải Phòng"])
        #expect(stored.first?.name.text.unicodeScalars.count == 9)
        #expect(stored.first?.keys == [.exact: "Hải Phòng", .caseless: "hải phòng", .folded: "hai phong", .compact: "haiphong"])
    }

    @Test(arguments: StoreKind.allCases)
    func revisionChangesOnEveryWrite(kind: StoreKind) throws {
        let store = try kind.make()
        let r0 = try store.revision()
        try store.add(xiJinping, command: "test")
        let r1 = try store.revision()
        try store.update(id: xiJinping.id, command: "test", summary: "note") { $0.note = "n" }
        let r2 = try store.revision()
        try store.remove(id: xiJinping.id, command: "test")
        let r3 = try store.revision()
        #expect(r0 < r1 && r1 < r2 && r2 < r3)
        #expect(throws: GlossaryError.self) { try store.remove(id: xiJinping.id, command: "test") }
        #expect(try store.revision() == r3)  // a failed write changes nothing
    }

    @Test(arguments: StoreKind.allCases)
    func enforcesTheModelsRules(kind: StoreKind) throws {
        let store = try kind.make()
        var twoPreferred = xiJinping
        twoPreferred.names.append(Name(text: "Xi", lang: "en", status: .preferred, kind: .short))
        let error = try #require(throws: GlossaryError.self) { try store.add(twoPreferred, command: "test") }
        #expect(error.kind == .invalid)
        #expect(error.message == "a second preferred name in en for cn.person.xi-jinping: \"Xi\" (\"Xi Jinping\" is preferred)")

        var duplicate = xiJinping
        duplicate.names.append(Name(text: "Xi Jinping", lang: "en", kind: .alias))
        let twice = try #require(throws: GlossaryError.self) { try store.add(duplicate, command: "test") }
        #expect(twice.message == "\"Xi Jinping\" is listed twice in en for cn.person.xi-jinping")
        var badLang = xiJinping
        badLang.names[0].lang = "vietnamese!"
        #expect(throws: GlossaryError.self) { try store.add(badLang, command: "test") }
        var empty = xiJinping
        empty.names[0].text = "  "
        #expect(throws: GlossaryError.self) { try store.add(empty, command: "test") }

        try store.add(xiJinping, command: "test")
        let conflict = try #require(throws: GlossaryError.self) { try store.add(xiJinping, command: "test") }
        #expect(conflict.kind == .conflict)
        #expect(try store.allEntities() == [xiJinping])
    }

    @Test(arguments: StoreKind.sqlite)
    func theSchemaEnforcesOnePreferredNameAndForeignKeys(kind: StoreKind) throws {
        let store = try kind.makeSQLite()
        try store.add(xiJinping, command: "test")
        #expect(throws: DatabaseError.self) {
            try store.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy, key_exact, key_caseless, key_folded, key_compact)
                    VALUES ('cn.person.xi-jinping', 9, 'Xi', 'en', 'preferred', 'short', 'auto', 'Xi', 'xi', 'xi', 'xi')
                    """)
            }
        }
        #expect(throws: DatabaseError.self) {
            try store.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy, key_exact, key_caseless, key_folded, key_compact)
                    VALUES ('nobody', 0, 'X', 'en', 'admitted', 'short', 'auto', 'X', 'x', 'x', 'x')
                    """)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func oneTextMayStandUnderSeveralLanguages(kind: StoreKind) throws {
        let store = try kind.make()
        var xi = xiJinping
        xi.names.append(Name(text: "Xi Jinping", lang: "en-GB", status: .preferred))
        xi.names.append(Name(text: "Xi Jinping", lang: "vi", status: .admitted))
        try store.add(xi, command: "test")
        let stored = try #require(try store.entity(id: xi.id))
        #expect(stored.names.map { "\($0.text)@\($0.lang)" } == [
            "Tập Cận Bình@vi", "Xi Jinping@vi", "Xi Jinping@en", "习近平@zh-Hans", "Xi Jinping@en-GB"])
        // Found once, not once per language.
        #expect(try store.find("Xi Jinping").map(\.entity.id) == [xi.id])
        // Merging keeps one text per language.
        try store.add(Entity(id: "dup.xi", type: .person, names: [
            Name(text: "Xi Jinping", lang: "en", status: .preferred),
            Name(text: "Xi Jinping", lang: "fr", status: .preferred),
        ]), command: "test")
        let merged = try store.merge(into: xi.id, from: "dup.xi", command: "test")
        #expect(merged.names.filter { $0.text == "Xi Jinping" }.map(\.lang) == ["vi", "en", "en-GB", "fr"])
    }

    /// A glossary made before migration v2 (one text per entity) opens, keeps
    /// its names, their ids and search, and then takes a text in two languages.
    @Test func aVersion1GlossaryIsMigrated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("glossary.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try GlossarySchema.migrator.migrate(queue, upTo: "v1 entities, names, keys, change log")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO entity (id, type, name_order, family_name, description, external_ids) VALUES (?, 'person', 'family_first', 'Lương', 'President of Vietnam', '{\"wikidata\":\"Q16218914\"}')",
                               arguments: [luongCuong.id])
                for (position, name) in luongCuong.names.enumerated() {
                    let keys = try MatchKeys(name.text)
                    try db.execute(sql: """
                        INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy,
                                          key_exact, key_caseless, key_folded, key_compact)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [luongCuong.id, position, name.text, name.lang, name.status.rawValue, name.kind.rawValue,
                                         name.casePolicy.rawValue, keys.exact, keys.caseless, keys.folded, keys.compact])
                }
            }
        }
        let store = try GlossaryStore(path: path)
        let applied = try store.queue.read { db in try GlossarySchema.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v2 one text per entity and language"))
        #expect(try store.entity(id: luongCuong.id) == luongCuong)
        #expect(try store.find("Luong Cuongg").first?.entity.id == luongCuong.id)
        try store.update(id: luongCuong.id, command: "test", summary: "fr") {
            $0.names.append(Name(text: "Luong Cuong", lang: "fr", status: .preferred))
        }
        #expect(try store.entity(id: luongCuong.id)?.names.filter { $0.text == "Luong Cuong" }.count == 2)
        let indexes = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'name' AND type IN ('index', 'trigger') ORDER BY name")
        }
        #expect(indexes == ["name_fts_delete", "name_fts_insert", "name_fts_update", "name_key_caseless", "name_key_compact",
                            "name_key_exact", "name_key_folded", "name_one_preferred", "sqlite_autoindex_name_1"])
    }

    @Test(arguments: StoreKind.sqlite)
    func keysAreIndexedSoALookupIsOneIndexHit(kind: StoreKind) throws {
        let store = try kind.makeSQLite()
        for tier in ["key_exact", "key_caseless", "key_folded", "key_compact"] {
            let plan = try store.queue.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM name WHERE \(tier) = ?", arguments: ["x"])
                    .map { $0["detail"] as String }.joined()
            }
            #expect(plan.contains("USING INDEX name_\(tier)"), "\(tier): \(plan)")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func findsByAnyTierAndToleratesTypos(kind: StoreKind) throws {
        let store = try kind.make()
        try store.add(luongCuong, command: "test")
        try store.add(xiJinping, command: "test")
        try store.add(Entity(id: "vn.place.hai-phong", type: .place, names: [
            Name(text: "Hải Phòng", lang: "vi", status: .preferred), Name(text: "Haiphong", lang: "en", status: .preferred)]),
                      command: "test")
        let cases: [(query: String, id: String, tier: String)] = [
            ("luong cuong", "vn.person.luong-cuong", "caseless"),
            ("Lương Cuờng", "vn.person.luong-cuong", "exact"),
            ("LUONG CƯƠNG", "vn.person.luong-cuong", "folded"),
            ("Xi Jingping", "cn.person.xi-jinping", "fuzzy"),
            ("Tap Can Binh", "cn.person.xi-jinping", "folded"),
            ("习近平", "cn.person.xi-jinping", "exact"),
            ("Hai-Phong", "vn.place.hai-phong", "compact"),
            ("Hải Phong", "vn.place.hai-phong", "folded"),
        ]
        for item in cases {
            let results = try store.find(item.query)
            #expect(results.first?.entity.id == item.id, "\(item.query)")
            #expect((results.first?.tier?.rawValue ?? "fuzzy") == item.tier, "\(item.query)")
        }
        #expect(try store.find("zzzz qqqq").isEmpty)
        #expect(try store.find("x", type: .place).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func logsEveryWriteAndReverts(kind: StoreKind) throws {
        let store = try kind.make()
        try store.add(xiJinping, command: "glossary add")
        try store.update(id: xiJinping.id, command: "glossary name add", summary: "add Xi") {
            $0.names.append(Name(text: "Xi", lang: "en", kind: .short))
        }
        try store.remove(id: xiJinping.id, command: "glossary rm")
        let history = try store.history(entityID: xiJinping.id)
        #expect(history.map(\.summary) == ["remove cn.person.xi-jinping", "add Xi", "add cn.person.xi-jinping"])
        #expect(history[0].entities.first?.after == nil)
        #expect(history[2].entities.first?.before == nil)
        #expect(history[2].entities.first?.after == xiJinping)
        #expect(history[0].at.hasSuffix("Z") && history[0].at.count == 24)

        // Revert the removal: back as it was; the older change cannot be reverted past it.
        let revert = try store.revert(changeID: history[0].id, command: "glossary revert")
        #expect(revert.reverts == history[0].id)
        #expect(try store.entity(id: xiJinping.id)?.names.count == 4)
        let stale = try #require(throws: GlossaryError.self) { try store.revert(changeID: history[2].id, command: "x") }
        #expect(stale.kind == .conflict)
        try store.revert(changeID: history[1].id, command: "glossary revert")
        #expect(try store.entity(id: xiJinping.id) == xiJinping)
        #expect(throws: GlossaryError.self) { try store.revert(changeID: 999, command: "x") }
    }

    @Test(arguments: StoreKind.allCases)
    func mergeMovesNamesAndHistory(kind: StoreKind) throws {
        let store = try kind.make()
        try store.add(xiJinping, command: "test")
        try store.add(Entity(id: "dup.xi", type: .person, description: "duplicate", names: [
            Name(text: "Xi Jinping", lang: "en", status: .preferred),
            Name(text: "Chairman Xi", lang: "en", status: .admitted, kind: .alias),
            Name(text: "習近平", lang: "zh-Hant", status: .preferred),
        ]), command: "test")
        let merged = try store.merge(into: xiJinping.id, from: "dup.xi", command: "glossary merge")
        #expect(merged.names.map(\.text) == ["Tập Cận Bình", "Xi Jinping", "习近平", "Chairman Xi", "習近平"])
        #expect(merged.preferredName(in: "zh-Hant")?.text == "習近平")
        #expect(merged.description == "duplicate")
        #expect(try store.entity(id: "dup.xi") == nil)
        #expect(try store.mergedInto(id: "dup.xi") == xiJinping.id)
        let history = try store.history(entityID: xiJinping.id)
        #expect(history.map(\.summary) == ["merge dup.xi into cn.person.xi-jinping", "add dup.xi", "add cn.person.xi-jinping"])
        // Reverting the merge restores both.
        try store.revert(changeID: history[0].id, command: "glossary revert")
        #expect(try store.entity(id: "dup.xi")?.names.count == 3)
        #expect(try store.entity(id: xiJinping.id) == xiJinping)
    }

    @Test(arguments: StoreKind.allCases)
    func importIsAllOrNothing(kind: StoreKind) throws {
        let store = try kind.make()
        try store.add(xiJinping, command: "test")
        let revision = try store.revision()
        let items = [SourcedEntity(entity: luongCuong, line: 2), SourcedEntity(entity: xiJinping, line: 7)]
        let error = try #require(throws: GlossaryError.self) {
            try store.importEntities(items, file: "f.jsonl", command: "import")
        }
        #expect(error.issues.map(\.description) == [
            "f.jsonl:7: entity cn.person.xi-jinping is already in the glossary (use --on-conflict skip or replace)"])
        #expect(try store.allEntities() == [xiJinping])
        #expect(try store.revision() == revision)

        let dry = try store.importEntities(items, file: "f.jsonl", onConflict: .replace, dryRun: true, command: "import")
        #expect(dry.added == 1 && dry.replaced == 1 && dry.dryRun)
        #expect(try store.allEntities() == [xiJinping])
        #expect(try store.revision() == revision)

        let skip = try store.importEntities(items, file: "f.jsonl", onConflict: .skip, command: "import")
        #expect(skip.added == 1 && skip.skipped == 1 && skip.names == 4)
        #expect(try store.allEntities() == [xiJinping, luongCuong])
    }

    @Test(arguments: StoreKind.allCases)
    func theSeedLoadsAndLintsClean(kind: StoreKind) throws {
        let store = try kind.make()
        let summary = try store.loadSeed(command: "seed")
        #expect(summary.added == 1045)
        #expect(try store.counts() == (entities: 1045, names: 5172))
        let findings = try store.lint()
        #expect(findings.isEmpty, "\(findings.prefix(5).map(\.line))")
        #expect(try store.find("luong cuong").first?.entity.id == "vn.person.luong-cuong")
        #expect(try store.find("Tap Can Binh").first?.entity.id == "cn.person.xi-jinping")
        #expect(try store.find("Xi Jingping").first?.entity.id == "cn.person.xi-jinping")
    }
}

@Suite struct GlossaryLocationTests {
    @Test func optionThenEnvironmentThenDefault() {
        #expect(GlossaryLocation.resolve(option: "/a.sqlite", environment: ["NOMEN_GLOSSARY": "/b.sqlite"]) == "/a.sqlite")
        #expect(GlossaryLocation.resolve(option: nil, environment: ["NOMEN_GLOSSARY": "/b.sqlite"]) == "/b.sqlite")
        #expect(GlossaryLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/nomen/glossary.sqlite")
        #expect(GlossaryLocation.resolve(option: nil, environment: ["HOME": "/h"]) == "/h/.local/share/nomen/glossary.sqlite")
        #expect(GlossaryLocation.isDefault(option: nil, environment: ["HOME": "/h"]))
        #expect(!GlossaryLocation.isDefault(option: nil, environment: ["NOMEN_GLOSSARY": "/b"]))
    }
}
