import GRDB

/// Every token of the search index, in a table of its own so that the tokens
/// starting with a typed prefix are an index range away.
///
/// Why: FTS5 answers a prefix query longer than its prefix indexes (1 to 3
/// characters) by merging the whole posting list of every matching token before it
/// returns a row, 20–30 ms per keystroke on a million events. The same query with
/// its prefix spelled out as the few tokens it stands for (`"conting"*` becomes
/// `"contingent" OR "contingents"`) is read lazily, and a capped count or a first
/// page stops after what it needs. FTS5's own vocabulary table (fts5vocab) cannot
/// serve here: it counts documents for every term it lists.
enum SearchTerms {
    /// A prefix that stands for more tokens than this is left to FTS5.
    static let maxExpansion = 40

    static func refresh(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS search_term (term TEXT PRIMARY KEY) WITHOUT ROWID;
            DELETE FROM search_term;
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, 'search', 'row');
            INSERT INTO search_term SELECT term FROM temp.search_vocabulary;
            DROP TABLE temp.search_vocabulary;
            """)
    }

    /// The tokens that begin with `prefix` (already folded as the index folds), or
    /// nil when there are too many to spell out.
    static func expand(_ prefix: String, in db: Database) throws -> [String]? {
        let terms = try String.fetchAll(
            db.cachedStatement(sql: "SELECT term FROM search_term WHERE term >= ? AND term < ? LIMIT ?"),
            arguments: [prefix, prefix + "\u{10FFFF}", maxExpansion + 1])
        return terms.count > maxExpansion ? nil : terms
    }
}
