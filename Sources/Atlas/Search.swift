import GRDB

/// A window of hits and how many there are in all.
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    public var total: Int
    /// More than `total` match; they were not all counted, and the hits are the best of
    /// a bounded sample (names equal to the query are never missed).
    public var totalIsAtLeast: Bool

    public init(hits: [SearchHit], total: Int, totalIsAtLeast: Bool) {
        self.hits = hits; self.total = total; self.totalIsAtLeast = totalIsAtLeast
    }

    public static let none = SearchResults(hits: [], total: 0, totalIsAtLeast: false)
}

public struct SearchHit: Hashable, Sendable {
    public var row: ListRow
    /// BM25 with field weights (lower is better), as FTS5 gives it.
    public var rank: Double
    /// The names the record is known by (aliases, acronym, ISO code), separated by " ; ".
    public var aliases: String
    /// Where it matched: `.title` unless the words are only in an alias, the id, the
    /// summary, the place or a citation quote ("in quote").
    public var matchedIn: SearchField

    public init(row: ListRow, rank: Double, aliases: String, matchedIn: SearchField = .title) {
        self.row = row; self.rank = rank; self.aliases = aliases; self.matchedIn = matchedIn
    }
}

extension AtlasStore {
    /// Column weights for bm25: title, aliases, summary, place, quotes.
    static let rankSQL = "bm25(search, 10.0, 8.0, 1.0, 3.0, 1.0)"
    /// Over this many matches, ranking all of them would cost a read of every match on
    /// each keystroke: the hits are ranked from a bounded sample instead.
    public static let searchRankCap = 1000
    /// How many records from each source the bounded sample takes (at least).
    static let searchSample = 300

    /// Ranked hits, best first (see `SearchRanking`): the command line's search.
    public func search(_ text: String, kind: RecordKind? = nil, limit: Int, offset: Int = 0) throws(StoreError) -> [SearchHit] {
        try searchResults(text, kind: kind, limit: limit, offset: offset).hits
    }

    /// Ranked hits and how many match, for the command line and the browser alike.
    /// When at most `rankedUpTo` records match, all are ranked and `total` is exact;
    /// when more match, the hits are ranked from a bounded sample (records named by the
    /// query, names beginning with it, then title and other matches) and `total` is a
    /// lower bound (`totalIsAtLeast`).
    public func searchResults(_ text: String, kind: RecordKind? = nil, limit: Int, offset: Int = 0,
                              rankedUpTo cap: Int = AtlasStore.searchRankCap) throws(StoreError) -> SearchResults {
        let q = SearchQuery(text)
        guard !q.clauses.isEmpty, limit > 0, offset >= 0 else { return .none }
        return try read { db in try SearchRun(db: db, text: text, query: q, kind: kind, summarized: summarized).results(limit: limit, offset: offset, cap: cap) }
    }

    /// How many records match, counted in full (the same matching as `searchResults`).
    public func searchCount(_ text: String, kind: RecordKind? = nil) throws(StoreError) -> Int {
        let q = SearchQuery(text)
        guard !q.clauses.isEmpty else { return 0 }
        return try read { db in try SearchRun(db: db, text: text, query: q, kind: kind, summarized: summarized).count(upTo: nil) }
    }

    /// Ids close to one that does not exist, for "did you mean" hints.
    public func suggestions(for id: String, limit: Int = 3) throws(StoreError) -> [String] {
        var candidates: [String] = []
        let words = id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
        candidates += try search(words, limit: 20).map(\.row.id)
        let prefix = String(id.prefix(3))
        candidates += try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM entity WHERE id >= ? AND id < ? LIMIT 200"),
                                arguments: [prefix, prefix + "\u{10FFFF}"])
        }
        let unique = Array(Set(candidates))
        let near = NearMatch.best(id, among: unique, limit: limit)
        if !near.isEmpty { return near }
        return Array(candidates.prefix(limit))
    }
}

extension AtlasStore {
    /// Ids that start with a prefix, in order (for completion in the `:` prompt).
    public func idCompletions(prefix: String, limit: Int) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM entity WHERE id >= ? AND id < ? AND kind != 'source' ORDER BY id LIMIT ?"),
                                arguments: [prefix, prefix + "\u{10FFFF}", limit])
        }
    }
}
