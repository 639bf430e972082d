import Foundation
import NomenModel
import NomenNormalization
import Testing
@testable import NomenGlossary
@testable import NomenPostgres
import NomenPostgresTesting
import PostgresNIO

/// What both back ends must do alike beyond the store suite: optimistic
/// concurrency, and the same find ranking on the same data.
@Suite struct GlossaryBackendTests {
    @Test(arguments: StoreKind.allCases)
    func aWriteGivenAStaleRevisionFailsAndChangesNothing(kind: StoreKind) throws {
        let store = try kind.make()
        try store.add(xiJinping, command: "test", expectedRevision: 0)
        let read = try store.revision()
        try store.add(luongCuong, command: "test", expectedRevision: read)
        let current = try store.revision()
        #expect(current == read + 1)

        let writes: [(String, () throws -> Void)] = [
            ("add", { try store.add(Entity(id: "x", type: .term, names: [Name(text: "X", lang: "en", status: .preferred)]),
                                    command: "test", expectedRevision: read) }),
            ("update", { try store.update(id: xiJinping.id, command: "test", summary: "note", expectedRevision: read) { $0.note = "n" } }),
            ("remove", { try store.remove(id: xiJinping.id, command: "test", expectedRevision: read) }),
            ("merge", { try store.merge(into: xiJinping.id, from: luongCuong.id, command: "test", expectedRevision: read) }),
            ("import", { _ = try store.importEntities([SourcedEntity(entity: Entity(id: "y", type: .term, names: [Name(text: "Y", lang: "en", status: .preferred)]))],
                                                      file: nil, expectedRevision: read, command: "test") }),
            ("revert", { try store.revert(changeID: 1, command: "test", expectedRevision: read) }),
            ("expand", { _ = try store.expand(ids: nil, apply: true, command: "test", expectedRevision: read) }),
        ]
        for (name, write) in writes {
            let error = try #require(throws: GlossaryError.self, "\(name)") { try write() }
            #expect(error.kind == .stale, "\(name)")
            #expect(error.message.hasSuffix("the glossary is at revision \(current), not \(read) as read; nothing was written (read it again and retry)"), "\(name): \(error.message)")
        }
        #expect(try store.revision() == current)
        #expect(try store.allEntities() == [xiJinping, luongCuong])
        #expect(try store.history().count == 2)

        // With the revision read now, the write goes through.
        try store.remove(id: xiJinping.id, command: "test", expectedRevision: current)
        #expect(try store.revision() == current + 1)
    }

    /// Two stores on one glossary (two processes, as servers would be)
    /// writing at once: every write lands, each in a revision of its own.
    @Test(arguments: [StoreKind.onDisk, .postgres])
    func concurrentWritersOnOneGlossaryAllLand(kind: StoreKind) throws {
        let first = try kind.make()
        let second: any GlossaryBackend = if let sqlite = first as? GlossaryStore, let path = sqlite.path {
            try GlossaryStore(path: path)
        } else {
            try PostgresGlossary(url: try #require(Self.url(of: first)))
        }
        let stores = [first, second]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            for index in 0..<20 {
                do {
                    try stores[writer].add(Entity(id: "w\(writer).\(index)", type: .term, names: [
                        Name(text: "Term \(writer) \(index)", lang: "en", status: .preferred)]), command: "test")
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try first.counts() == (entities: 40, names: 40))
        #expect(try second.revision() == 40)
        #expect(try first.history().map(\.id) == Array((1...40).reversed()))
    }

    /// The URL a PostgreSQL store was opened with (its location; the test server takes no password).
    static func url(of store: any GlossaryBackend) -> String? {
        store is PostgresGlossary ? store.location : nil
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func append(_ message: String) { lock.withLock { messages.append(message) } }
        var all: [String] { lock.withLock { messages } }
    }

    /// The seed in SQLite and in PostgreSQL: the same top results, names,
    /// tiers and scores for queries in Vietnamese, English, pinyin and Han,
    /// exact and with typos.
    @Test func findRanksTheSameOnSQLiteAndPostgres() throws {
        let sqlite = try StoreKind.inMemory.make()
        let postgres = try StoreKind.postgres.make()
        try sqlite.loadSeed(command: "seed")
        try postgres.loadSeed(command: "seed")
        let queries = [
            "Lương Cường", "luong cuong", "Hồ Chí Minh", "thanh pho ho chi minh", "Nguyễn Phú Trọng", "Ha Nôi",
            "Hanoi", "Ho Chi Minh City", "Uncle Ho", "Saigon", "Xi Jingping", "Beijin", "minister",
            "Xi Jinping", "Xí Jìnpíng", "beijing", "Li Qiang",
            "习近平", "北京", "河內", "胡志明市",
        ]
        for query in queries {
            let expected = try sqlite.find(query, limit: 5).map(Self.describe)
            let actual = try postgres.find(query, limit: 5).map(Self.describe)
            #expect(!expected.isEmpty, "\(query)")
            #expect(actual == expected, "\(query)")
        }
        let typed = try postgres.find("Beijin", limit: 3, type: .person).map(Self.describe)
        #expect(typed == (try sqlite.find("Beijin", limit: 3, type: .person).map(Self.describe)))
    }

    static func describe(_ result: FindResult) -> String {
        "\(result.entity.id) \(result.matchedName.text) \(result.tier?.rawValue ?? "fuzzy") \(result.score)"
    }
}

/// PostgreSQL's own schema, connection and sharing.
@Suite struct PostgresGlossaryTests {
    @Test func theSchemaEnforcesTheModelAndRecordsItsMigrations() throws {
        let url = try PostgresTestServer.shared().createDatabase()
        let store = try PostgresGlossary(url: url)
        try store.add(xiJinping, command: "test")
        func execute(_ sql: String) throws {
            try store.write { transaction in
                try #require(transaction as? PostgresTransaction).run(PostgresQuery(unsafeSQL: sql))
                return ((), true)
            }
        }
        let secondPreferred = try #require(throws: GlossaryError.self) {
            try execute("""
                INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy, key_exact, key_caseless, key_folded, key_compact)
                VALUES ('cn.person.xi-jinping', 9, 'Xi', 'en', 'preferred', 'short', 'auto', 'Xi', 'xi', 'xi', 'xi')
                """)
        }
        #expect(secondPreferred.kind == .database)
        #expect(secondPreferred.message.contains("name_one_preferred"), "\(secondPreferred.message)")
        #expect(throws: GlossaryError.self) {
            try execute("""
                INSERT INTO name (entity_id, position, text, lang, status, kind, case_policy, key_exact, key_caseless, key_folded, key_compact)
                VALUES ('nobody', 0, 'X', 'en', 'admitted', 'short', 'auto', 'X', 'x', 'x', 'x')
                """)
        }
        // A failed statement rolls its transaction back; the store goes on.
        #expect(try store.counts() == (entities: 1, names: 3))

        let migrations = try store.read { transaction in
            try #require(transaction as? PostgresTransaction).run("SELECT name FROM nomen_migration ORDER BY applied_at, name")
                .map { try $0.decode(String.self) }
        }
        #expect(migrations == PostgresSchema.migrations.map(\.name))
        // Opening it again migrates nothing and sees the same glossary.
        let again = try PostgresGlossary(url: url)
        #expect(try again.allEntities() == [xiJinping])
        #expect(again.location == store.location)
        #expect(!store.location.contains(":secret@"))
    }

    @Test func twoStoresOnOneDatabaseSeeEachOthersWrites() throws {
        let url = try PostgresTestServer.shared().createDatabase()
        let first = try PostgresGlossary(url: url)
        let second = try PostgresGlossary(url: url)
        let read = try second.revision()
        try first.add(xiJinping, command: "test")
        #expect(try second.revision() == read + 1)
        #expect(try second.entity(id: xiJinping.id) == xiJinping)
        let stale = try #require(throws: GlossaryError.self) {
            try second.update(id: xiJinping.id, command: "test", summary: "note", expectedRevision: read) { $0.note = "n" }
        }
        #expect(stale.kind == .stale)
        first.close()
        let closed = try #require(throws: GlossaryError.self) { try first.revision() }
        #expect(closed.message == "\(first.location): the connection is closed")
    }

    /// A server caching what it compiled from the glossary learns of
    /// another's write from NOTIFY: the payload is the new revision, sent
    /// on commit only (not for a write that failed).
    @Test func aCommitNotifiesItsRevision() async throws {
        let url = try PostgresTestServer.shared().createDatabase()
        let store = try PostgresGlossary(url: url)
        var logger = Logger(label: "nomen.test")
        logger.logLevel = .critical
        let listener = try await PostgresConnection.connect(configuration: PostgresGlossary.configuration(url: url),
                                                            id: 2, logger: logger)
        let payloads = try await listener.listen(on: PostgresGlossary.notificationChannel) { notifications in
            #expect(throws: GlossaryError.self) {
                try store.add(xiJinping, command: "test", expectedRevision: 7)
            }
            try store.add(xiJinping, command: "test")
            try store.add(luongCuong, command: "test")
            return try await withThrowingTaskGroup(of: [String].self) { group in
                group.addTask {
                    var payloads: [String] = []
                    for try await notification in notifications {
                        payloads.append(notification.payload)
                        if payloads.count == 2 { break }
                    }
                    return payloads
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(10))
                    return ["no notification within 10 s"]
                }
                let first = try await group.next() ?? []
                group.cancelAll()
                return first
            }
        }
        try await listener.close()
        #expect(payloads == ["1", "2"])
    }

    @Test func aServerThatIsNotThereIsNamedInTheError() throws {
        let port = try PostgresTestServer.freePort()
        let error = try #require(throws: GlossaryError.self) {
            try PostgresGlossary(url: "postgres://nomen:secret@127.0.0.1:\(port)/glossary")
        }
        #expect(error.message == "cannot connect to PostgreSQL at 127.0.0.1:\(port) (database glossary, user nomen): Connection refused")
        let server = try PostgresTestServer.shared()
        let wrongUser = try #require(throws: GlossaryError.self) {
            try PostgresGlossary(url: "postgres://nobody@127.0.0.1:\(server.port)/glossary")
        }
        #expect(wrongUser.message == "cannot connect to PostgreSQL at 127.0.0.1:\(server.port) (database glossary, user nobody): role \"nobody\" does not exist")
        let notAURL = try #require(throws: GlossaryError.self) { try PostgresGlossary(url: "mysql://a:secret@b/c") }
        #expect(notAURL.message == "not a PostgreSQL URL: mysql://a:***@b/c (expected postgres://USER@HOST:PORT/DATABASE)")
    }
}
