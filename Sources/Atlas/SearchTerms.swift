import GRDB

/// The search index's derived tables, rebuilt with the list summary after every
/// write, and the look-ups that turn one typed word into the tokens it stands for.
///
/// - `search_term`: every token of the index, so the tokens starting with a typed
///   prefix are an index range away. FTS5 answers a prefix query longer than its
///   prefix indexes (1 to 3 characters) by merging the whole posting list of every
///   matching token before it returns a row, 20–30 ms per keystroke on a million
///   events; the same query with its prefix spelled out as the few tokens it stands
///   for is read lazily. FTS5's own vocabulary table (fts5vocab) cannot serve here: it
///   counts documents for every term it lists.
/// - `search_stem`: the same tokens in an FTS5 table with SQLite's own `porter`
///   tokenizer, so `MATCH 'evacuation'` answers the tokens with the same English stem
///   (evacuating, evacuated). The Porter stemmer is SQLite's: no Swift package here
///   has one, and this way the index and the query stem alike.
/// - `search_typo`: each token of 4+ characters with one character deleted, in every
///   position (symmetric deletion, as SymSpell does): the tokens one or two edits from
///   a typed word are a few index look-ups away, never a scan of the vocabulary.
/// - `search_name`: every title, alias, acronym and ISO code, folded, so the record
///   whose name *is* the query, or begins with it, is found at any size.
enum SearchTerms {
    /// A prefix that stands for more tokens than this is left to FTS5.
    static let maxExpansion = 40
    /// At most this many other forms of one word (stems, typos) are searched.
    static let maxForms = 24

    static func refresh(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS search_term (term TEXT PRIMARY KEY) WITHOUT ROWID;
            DELETE FROM search_term;
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, 'search', 'row');
            INSERT INTO search_term SELECT term FROM temp.search_vocabulary;
            DROP TABLE temp.search_vocabulary;
            DROP TABLE IF EXISTS search_stem;
            CREATE VIRTUAL TABLE search_stem USING fts5(term, tokenize = 'porter unicode61 remove_diacritics 2', detail = none);
            INSERT INTO search_stem(term) SELECT term FROM search_term WHERE term GLOB '*[^0-9]*';
            CREATE TABLE IF NOT EXISTS search_typo (variant TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (variant, term)) WITHOUT ROWID;
            DELETE FROM search_typo;
            CREATE TABLE IF NOT EXISTS search_name (name TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (name, entity)) WITHOUT ROWID;
            DELETE FROM search_name;
            """)
        try fillTypos(db)
        try fillNames(db)
    }

    private static func fillTypos(_ db: Database) throws {
        var rows: [(String, String)] = []
        // Words only: a token with a digit (a year, "topic2") has no typos worth guessing.
        let terms = try String.fetchCursor(db, sql: "SELECT term FROM search_term WHERE term NOT GLOB '*[0-9]*'")
        while let term = try terms.next() {
            guard term.count >= 4, term.count <= Typo.longestWord else { continue }
            var variants = Typo.deletions(of: term)
            // Two letters dropped as well where two typos are forgiven: a typed word of
            // 9+ letters is compared with these by its own one or two dropped letters.
            if term.count >= 9 { variants.formUnion(variants.flatMap { Typo.deletions(of: $0) }) }
            for v in variants { rows.append((v, term)) }
        }
        rows.sort { $0 < $1 }
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO search_typo(variant, term) VALUES (?, ?)")
        for (v, t) in rows { try insert.execute(arguments: [v, t]) }
    }

    private static func fillNames(_ db: Database) throws {
        var rows: [(String, Int64)] = []
        let named = try Row.fetchCursor(db, sql: """
            SELECT rowid, title AS name FROM entity WHERE kind != 'source'
            UNION ALL SELECT rowid, acronym FROM entity WHERE acronym IS NOT NULL
            UNION ALL SELECT rowid, iso3 FROM entity WHERE iso3 IS NOT NULL
            UNION ALL SELECT entity, name FROM alias
            """)
        while let row = try named.next() {
            let name = SearchQuery.foldedTokens(row["name"] as String).joined(separator: " ")
            if !name.isEmpty { rows.append((name, row["rowid"])) }
        }
        rows.sort { $0 < $1 }
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO search_name(name, entity) VALUES (?, ?)")
        for (n, e) in rows { try insert.execute(arguments: [n, e]) }
    }

    /// Which derived tables a database has (a file of schema 1 has only `search_term`).
    struct Tables: Sendable {
        var terms = false, stems = false, typos = false, names = false, quotes = false

        init(_ db: Database) throws {
            let names = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'search%'"))
            terms = names.contains("search_term")
            stems = names.contains("search_stem")
            typos = names.contains("search_typo")
            self.names = names.contains("search_name")
            quotes = try Schema.version(db) >= 2
        }
    }

    /// The tokens that begin with `prefix` (already folded as the index folds), or
    /// nil when there are too many to spell out.
    static func expand(_ prefix: String, in db: Database) throws -> [String]? {
        let terms = try String.fetchAll(
            db.cachedStatement(sql: "SELECT term FROM search_term WHERE term >= ? AND term < ? LIMIT ?"),
            arguments: [prefix, prefix + "\u{10FFFF}", maxExpansion + 1])
        return terms.count > maxExpansion ? nil : terms
    }

    /// The tokens of the index with the same English stem as `word`.
    static func stems(of word: String, in db: Database) throws -> [String] {
        guard word.count >= 3, word.contains(where: \.isLetter) else { return [] }
        return try String.fetchAll(db.cachedStatement(sql: "SELECT term FROM search_stem WHERE search_stem MATCH ? LIMIT ?"),
                                   arguments: ["\"" + word + "\"", maxForms])
    }

    /// The tokens of the index within the typos allowed for `word` (see `Typo`),
    /// nearest first.
    static func typos(of word: String, in db: Database) throws -> [String] {
        let allowed = Typo.allowed(in: word)
        guard allowed > 0, word.allSatisfy(\.isLetter) else { return [] }
        var variants = Typo.deletions(of: word)
        if allowed > 1 { variants.formUnion(variants.flatMap { Typo.deletions(of: $0) }) }
        let probes = Array(variants) + [word]
        let request: SQLRequest<String> = """
            SELECT term FROM search_typo WHERE variant IN \(probes)
            UNION SELECT term FROM search_term WHERE term IN \(Array(variants))
            """
        let found = try request.fetchAll(db)
        return found.compactMap { t -> (String, Int)? in
            guard t != word, let d = Typo.distance(word, t, max: allowed) else { return nil }
            return (t, d)
        }
        .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        .prefix(maxForms).map(\.0)
    }

    /// Records whose title, alias, acronym or ISO code is one of `names` (folded
    /// tokens joined by a space).
    static func named(_ names: [String], in db: Database, limit: Int) throws -> [Int64] {
        guard !names.isEmpty else { return [] }
        let request: SQLRequest<Int64> = "SELECT entity FROM search_name WHERE name IN \(names) LIMIT \(limit)"
        return try request.fetchAll(db)
    }

    /// Records with a name that begins with `prefix`, in name order.
    static func named(startingWith prefix: String, in db: Database, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: "SELECT entity FROM search_name WHERE name >= ? AND name < ? LIMIT ?"),
                           arguments: [prefix, prefix + "\u{10FFFF}", limit])
    }
}
