import NomenGlossary

/// The PostgreSQL glossary's schema, as a list of named migrations.
///
/// The same tables as the SQLite store's (`GlossarySchema`; the columns of
/// the model are `GlossaryColumnsV1`, shared with it), with two
/// differences: ids sort byte-wise (`COLLATE "C"`, as SQLite sorts), and
/// typo-tolerant search reads a table of the folded keys' trigrams, filled
/// by a trigger, where SQLite has an FTS5 trigram index: the same trigrams
/// (three consecutive code points), so that `find` ranks alike on both.
///
/// Migrations are applied in order, each recorded by name in
/// `nomen_migration`, and never edited once shipped: a change to the schema
/// is a new migration appended here. Each is a list of statements (the
/// extended query protocol takes one statement at a time).
enum PostgresSchema {
    static let migrations: [(name: String, statements: [String])] = [
        ("v1 entities, names, keys, change log", [
            """
            CREATE TABLE entity (
                id TEXT COLLATE "C" PRIMARY KEY,
                \(GlossaryColumnsV1.entity)
            )
            """,
            """
            CREATE TABLE name (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                entity_id TEXT COLLATE "C" NOT NULL REFERENCES entity(id) ON DELETE CASCADE ON UPDATE CASCADE,
                \(GlossaryColumnsV1.name)
            )
            """,
            "CREATE UNIQUE INDEX name_one_preferred ON name(entity_id, lang) WHERE status = 'preferred'",
            "CREATE INDEX name_key_exact ON name(key_exact)",
            "CREATE INDEX name_key_caseless ON name(key_caseless)",
            "CREATE INDEX name_key_folded ON name(key_folded)",
            "CREATE INDEX name_key_compact ON name(key_compact)",

            // Typo-tolerant search: the trigrams of each name's folded key.
            """
            CREATE TABLE name_trigram (
                trigram TEXT NOT NULL,
                name_id BIGINT NOT NULL REFERENCES name(id) ON DELETE CASCADE,
                PRIMARY KEY (trigram, name_id)
            )
            """,
            "CREATE INDEX name_trigram_name ON name_trigram(name_id)",
            """
            CREATE FUNCTION name_trigram_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO name_trigram (trigram, name_id)
                SELECT DISTINCT substr(NEW.key_folded, i, 3), NEW.id
                FROM generate_series(1, char_length(NEW.key_folded) - 2) AS i;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER name_trigram_insert AFTER INSERT ON name
            FOR EACH ROW EXECUTE FUNCTION name_trigram_insert()
            """,

            // One row; bumped by every write transaction that changes anything.
            """
            CREATE TABLE glossary_info (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                revision BIGINT NOT NULL
            )
            """,
            "INSERT INTO glossary_info (id, revision) VALUES (1, 0)",

            // The change log: one change per command, one row per entity it touched,
            // with the entity's JSON before and after (NULL: did not exist).
            """
            CREATE TABLE change (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at TEXT NOT NULL,                          -- ISO 8601, UTC
                command TEXT NOT NULL,
                summary TEXT NOT NULL,
                reverts BIGINT REFERENCES change(id)
            )
            """,
            """
            CREATE TABLE change_entity (
                change_id BIGINT NOT NULL REFERENCES change(id) ON DELETE CASCADE,
                entity_id TEXT COLLATE "C" NOT NULL,
                before TEXT,
                after TEXT,
                PRIMARY KEY (change_id, entity_id)
            )
            """,
            "CREATE INDEX change_entity_entity ON change_entity(entity_id)",

            // Ids merged away, so that their history stays reachable from the survivor.
            """
            CREATE TABLE merged_id (
                id TEXT COLLATE "C" PRIMARY KEY,
                into_id TEXT COLLATE "C" NOT NULL
            )
            """,
        ]),
        // One text per language rather than per entity ("Giang" in vi and in en),
        // as in SQLite's migration v2. The v1 constraint has PostgreSQL's default name.
        ("v2 one text per entity and language", [
            "ALTER TABLE name DROP CONSTRAINT name_entity_id_text_key",
            "ALTER TABLE name ADD CONSTRAINT name_entity_id_lang_text_key UNIQUE (entity_id, lang, text)",
        ]),
    ]
}
