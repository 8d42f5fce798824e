import GRDB

/// The one SQLite schema, shared by the in-memory atlas and database files.
///
/// Every record is a row of `entity` (so search, show and links treat all kinds
/// alike); lists are ordered by `(kind, sort, rowid)`, which an index matches, so a
/// window of a million-row list is an index range scan, never a sort.
public enum Schema {
    /// Bumped whenever the layout changes; a file with a larger number was written by
    /// a newer Crossroads and is refused with a clear message.
    /// 2: the search index has a `quotes` column and derived search tables (`SearchTerms`).
    public static let version = 2
    /// "CRSR": marks a SQLite file as a Crossroads atlas.
    public static let applicationID: Int32 = 0x4352_5352

    /// One row per record a dataset import wrote: where it came from (file, line,
    /// import date), a fingerprint of its values (so a re-import counts it unchanged
    /// or names what changed), when a newer export no longer had it (withdrawn), and
    /// the atlas record a key was merged into, which answers to the key.
    /// Added by any import to a database made before it existed; readers that do not
    /// know it are not affected.
    static func addImportRecords(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS import_record (
                id TEXT PRIMARY KEY, dataset TEXT NOT NULL, kind TEXT NOT NULL, fingerprint TEXT NOT NULL,
                file TEXT NOT NULL, line INTEGER NOT NULL, imported TEXT NOT NULL,
                run INTEGER NOT NULL,   -- which import: 1, 2, ...
                withdrawn TEXT,   -- the day a newer export no longer had it
                record TEXT,      -- the atlas's own record this key was merged into (un-mission:UNDOF -> undof)
                scope TEXT,       -- what a newer export must cover to withdraw it: 'list', 'country:XXX'
                day INTEGER       -- with a country scope: the record's earliest day, yyyymmdd
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS import_record_dataset ON import_record(dataset, scope, day);
            """)
        // A dataset figure's own key (mission, year, site, country), so importing it
        // again replaces that figure and no other.
        let figureColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('figure')")
        if !figureColumns.contains("key") {
            try db.execute(sql: "ALTER TABLE figure ADD COLUMN key TEXT; CREATE INDEX figure_key ON figure(entity, key) WHERE key IS NOT NULL")
        }
    }

    /// The schema version a database was written with.
    static func version(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    /// Brings a file of an older schema up to this one before anything is written to it
    /// (an import into a file written by an earlier Crossroads). Schema 1 had no quotes
    /// in the search index: it is rebuilt with them, from the citations and figures.
    static func upgrade(_ db: Database) throws {
        guard try version(db) == 1 else { return }
        try db.execute(sql: """
            CREATE VIRTUAL TABLE search_upgraded USING fts5(
                title, aliases, summary, place, quotes,
                tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2 3'
            );
            INSERT INTO search_upgraded(rowid, title, aliases, summary, place, quotes)
                SELECT s.rowid, s.title, s.aliases, s.summary, s.place,
                       coalesce((SELECT group_concat(quote, ' ; ') FROM
                                    (SELECT quote, 0 AS k, ord FROM citation WHERE entity = s.rowid AND quote IS NOT NULL
                                     UNION ALL
                                     SELECT quote, 1, ord FROM figure WHERE entity = s.rowid AND quote IS NOT NULL
                                     ORDER BY k, ord)), '')
                FROM search s;
            DROP TABLE search;
            ALTER TABLE search_upgraded RENAME TO search;
            PRAGMA user_version = 2;
            """)
    }

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE entity (
                rowid INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                summary TEXT,
                type TEXT,
                date TEXT,
                date_start INTEGER,
                date_end INTEGER,
                sort BLOB,          -- events: yyyymmdd of the earliest day; others: folded title
                place_name TEXT, place_region TEXT, place_country TEXT, lat REAL, lon REAL,
                iso3 TEXT,
                acronym TEXT, status TEXT, location TEXT, headquarters TEXT, mandate TEXT,
                publisher TEXT, author TEXT, url TEXT, locator TEXT,
                dataset TEXT
            );
            -- Covers what a list row shows, so a window of a list is read from the
            -- index alone: rows near in a list are far apart in the table.
            CREATE INDEX entity_list ON entity(kind, sort, rowid, id, title, date, type, acronym);
            CREATE INDEX entity_iso3 ON entity(iso3) WHERE iso3 IS NOT NULL;
            CREATE INDEX entity_acronym ON entity(acronym) WHERE acronym IS NOT NULL;
            CREATE TABLE alias (entity INTEGER NOT NULL, name TEXT NOT NULL);
            CREATE INDEX alias_entity ON alias(entity);
            CREATE TABLE participant (
                event INTEGER NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
                sort INTEGER, ord INTEGER NOT NULL,
                UNIQUE(event, actor)
            );
            CREATE INDEX participant_actor ON participant(actor, sort, event);
            CREATE TABLE event_mission (
                event INTEGER NOT NULL, mission TEXT NOT NULL, sort INTEGER, ord INTEGER NOT NULL,
                UNIQUE(event, mission)
            );
            CREATE INDEX event_mission_mission ON event_mission(mission, sort, event);
            CREATE TABLE link (from_id TEXT NOT NULL, rel TEXT NOT NULL, to_id TEXT NOT NULL,
                               UNIQUE(from_id, rel, to_id));
            CREATE INDEX link_to ON link(to_id);
            CREATE TABLE citation (entity INTEGER NOT NULL, ord INTEGER NOT NULL, source TEXT NOT NULL,
                                   locator TEXT, quote TEXT);
            CREATE INDEX citation_entity ON citation(entity);
            CREATE INDEX citation_source ON citation(source);
            CREATE TABLE figure (entity INTEGER NOT NULL, ord INTEGER NOT NULL, date TEXT, date_start INTEGER,
                                 actor TEXT, category TEXT NOT NULL, count INTEGER NOT NULL, qualifier TEXT NOT NULL,
                                 location TEXT, source TEXT, locator TEXT, quote TEXT, dataset TEXT);
            CREATE INDEX figure_entity ON figure(entity);
            CREATE INDEX figure_actor ON figure(actor);
            CREATE VIRTUAL TABLE search USING fts5(
                title, aliases, summary, place, quotes,
                tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2 3'
            );
            """)
        try addImportRecords(db)
        try db.execute(sql: "PRAGMA user_version = \(version)")
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    }
}
