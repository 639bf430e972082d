import GRDB

extension GlossaryStore {
    /// What is wrong with the database, none when it is sound: SQLite's
    /// `PRAGMA integrity_check`, the full-text index checked against the
    /// names, and the schema against the one the migrations make (a bulk
    /// import drops the name indexes and triggers and builds them again in
    /// its transaction; a crash must not lose them). Used after a crash.
    public func integrityProblems() throws -> [String] {
        let expected = try GlossaryStore.inMemory().schema()
        do {
            // Not `read`: FTS5's check is an INSERT, which a read-only transaction refuses.
            return try queue.inDatabase { db in
                var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                do {
                    try db.execute(sql: "INSERT INTO name_fts (name_fts, rank) VALUES ('integrity-check', 1)")
                } catch {
                    problems.append("full-text index: \(Self.describe(error))")
                }
                let schema = try Self.schema(db)
                for (name, sql) in expected where schema[name] != sql {
                    problems.append(schema[name] == nil ? "schema: \(name) is missing" : "schema: \(name) differs")
                }
                for name in schema.keys where expected[name] == nil { problems.append("schema: unexpected \(name)") }
                return problems.sorted()
            }
        } catch {
            throw GlossaryError(.database, "\(location): \(Self.describe(error))")
        }
    }

    /// Every table, index and trigger by name, with its SQL.
    private func schema() throws -> [String: String] {
        try queue.read { db in try Self.schema(db) }
    }

    private static func schema(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: "SELECT name, coalesce(sql, '') AS sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        return Dictionary(rows.map { ($0["name"] as String, $0["sql"] as String) }, uniquingKeysWith: { first, _ in first })
    }
}
