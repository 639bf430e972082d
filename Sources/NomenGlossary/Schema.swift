import GRDB

/// The glossary's schema, as a list of named migrations.
///
/// Migrations are SQL with string table names, registered by name, and never
/// edited once shipped: a change to the schema is a new migration appended
/// here.
enum GlossarySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1 entities, names, keys, change log") { db in
            try db.execute(sql: """
                CREATE TABLE entity (
                    id TEXT PRIMARY KEY NOT NULL,
                    \(GlossaryColumnsV1.entity)
                ) STRICT;

                CREATE TABLE name (
                    id INTEGER PRIMARY KEY,
                    entity_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE ON UPDATE CASCADE,
                    \(GlossaryColumnsV1.name)
                ) STRICT;
                CREATE UNIQUE INDEX name_one_preferred ON name(entity_id, lang) WHERE status = 'preferred';
                CREATE INDEX name_key_exact ON name(key_exact);
                CREATE INDEX name_key_caseless ON name(key_caseless);
                CREATE INDEX name_key_folded ON name(key_folded);
                CREATE INDEX name_key_compact ON name(key_compact);

                -- Typo-tolerant search: trigrams of the folded key.
                CREATE VIRTUAL TABLE name_fts USING fts5(
                    key_folded, content = 'name', content_rowid = 'id', tokenize = 'trigram');
                CREATE VIRTUAL TABLE name_fts_vocab USING fts5vocab(name_fts, 'row');
                CREATE TRIGGER name_fts_insert AFTER INSERT ON name BEGIN
                    INSERT INTO name_fts(rowid, key_folded) VALUES (new.id, new.key_folded);
                END;
                CREATE TRIGGER name_fts_delete AFTER DELETE ON name BEGIN
                    INSERT INTO name_fts(name_fts, rowid, key_folded) VALUES ('delete', old.id, old.key_folded);
                END;
                CREATE TRIGGER name_fts_update AFTER UPDATE OF key_folded ON name BEGIN
                    INSERT INTO name_fts(name_fts, rowid, key_folded) VALUES ('delete', old.id, old.key_folded);
                    INSERT INTO name_fts(rowid, key_folded) VALUES (new.id, new.key_folded);
                END;

                -- One row; bumped by every write transaction.
                CREATE TABLE glossary_info (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    revision INTEGER NOT NULL
                ) STRICT;
                INSERT INTO glossary_info (id, revision) VALUES (1, 0);

                -- The change log: one change per command, one row per entity it touched,
                -- with the entity's JSON before and after (NULL: did not exist).
                CREATE TABLE change (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,                          -- ISO 8601, UTC
                    command TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    reverts INTEGER REFERENCES change(id)
                ) STRICT;
                CREATE TABLE change_entity (
                    change_id INTEGER NOT NULL REFERENCES change(id) ON DELETE CASCADE,
                    entity_id TEXT NOT NULL,
                    before TEXT,
                    after TEXT,
                    PRIMARY KEY (change_id, entity_id)
                ) STRICT;
                CREATE INDEX change_entity_entity ON change_entity(entity_id);

                -- Ids merged away, so that their history stays reachable from the survivor.
                CREATE TABLE merged_id (
                    id TEXT PRIMARY KEY NOT NULL,
                    into_id TEXT NOT NULL
                ) STRICT;
                """)
        }

        // One text per language rather than per entity: "Giang" may be a
        // Vietnamese and an English name of one entity, as in termbases.
        // SQLite cannot drop a table constraint, so the name table is built
        // again (ids kept, so the full-text index stays valid) with its
        // indexes and triggers as v1 made them.
        migrator.registerMigration("v2 one text per entity and language") { db in
            try db.execute(sql: """
                CREATE TABLE name_v2 (
                    id INTEGER PRIMARY KEY,
                    entity_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE ON UPDATE CASCADE,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL CHECK (text <> ''),
                    lang TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated', 'forbidden')),
                    kind TEXT NOT NULL CHECK (kind IN ('full', 'short', 'abbreviation', 'alias', 'misspelling', 'generated')),
                    case_policy TEXT NOT NULL CHECK (case_policy IN ('sensitive', 'insensitive', 'auto')),
                    note TEXT,
                    source TEXT,
                    key_exact TEXT NOT NULL,
                    key_caseless TEXT NOT NULL,
                    key_folded TEXT NOT NULL,
                    key_compact TEXT NOT NULL,
                    UNIQUE (entity_id, lang, text)
                ) STRICT;
                INSERT INTO name_v2 (id, entity_id, position, text, lang, status, kind, case_policy, note, source,
                                     key_exact, key_caseless, key_folded, key_compact)
                SELECT id, entity_id, position, text, lang, status, kind, case_policy, note, source,
                       key_exact, key_caseless, key_folded, key_compact FROM name;
                DROP TABLE name;
                ALTER TABLE name_v2 RENAME TO name;

                CREATE UNIQUE INDEX name_one_preferred ON name(entity_id, lang) WHERE status = 'preferred';
                CREATE INDEX name_key_exact ON name(key_exact);
                CREATE INDEX name_key_caseless ON name(key_caseless);
                CREATE INDEX name_key_folded ON name(key_folded);
                CREATE INDEX name_key_compact ON name(key_compact);
                CREATE TRIGGER name_fts_insert AFTER INSERT ON name BEGIN
                    INSERT INTO name_fts(rowid, key_folded) VALUES (new.id, new.key_folded);
                END;
                CREATE TRIGGER name_fts_delete AFTER DELETE ON name BEGIN
                    INSERT INTO name_fts(name_fts, rowid, key_folded) VALUES ('delete', old.id, old.key_folded);
                END;
                CREATE TRIGGER name_fts_update AFTER UPDATE OF key_folded ON name BEGIN
                    INSERT INTO name_fts(name_fts, rowid, key_folded) VALUES ('delete', old.id, old.key_folded);
                    INSERT INTO name_fts(rowid, key_folded) VALUES (new.id, new.key_folded);
                END;
                """)
        }
        return migrator
    }
}

/// The columns of migration v1 that the SQLite schema and PostgreSQL's
/// (`PostgresSchema` in NomenPostgres) share: the model's fields and their
/// rules, after each table's id columns. Part of migration v1 of both: never
/// edited; a change to the schema is a new migration in each.
package enum GlossaryColumnsV1 {
    /// The `entity` table's columns after `id`.
    package static let entity = """
        type TEXT NOT NULL CHECK (type IN ('person', 'place', 'organization', 'term', 'other')),
        description TEXT,
        external_ids TEXT NOT NULL DEFAULT '{}',   -- JSON object: scheme → id
        name_order TEXT CHECK (name_order IN ('family_first', 'family_last')),
        family_name TEXT,
        note TEXT,
        source TEXT
        """

    /// The `name` table's columns after `id` and `entity_id`.
    package static let name = """
        position INTEGER NOT NULL,                 -- order of the names within the entity
        text TEXT NOT NULL CHECK (text <> ''),
        lang TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated', 'forbidden')),
        kind TEXT NOT NULL CHECK (kind IN ('full', 'short', 'abbreviation', 'alias', 'misspelling', 'generated')),
        case_policy TEXT NOT NULL CHECK (case_policy IN ('sensitive', 'insensitive', 'auto')),
        note TEXT,
        source TEXT,
        key_exact TEXT NOT NULL,
        key_caseless TEXT NOT NULL,
        key_folded TEXT NOT NULL,
        key_compact TEXT NOT NULL,
        UNIQUE (entity_id, text)
        """
}
