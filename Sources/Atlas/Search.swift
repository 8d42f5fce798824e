import GRDB

/// Turns what a person typed into a safe FTS5 query. Input is split into words
/// of letters and digits, each quoted and prefix-matched, so quotes, parentheses,
/// `*`, `-`, `NEAR` or `AND` are plain text and never FTS5 syntax.
public struct SearchQuery: Sendable {
    /// The words as typed (for highlighting), in order.
    public let terms: [String]
    /// The FTS5 MATCH expression, or nil when nothing searchable was typed.
    public let match: String?

    /// The tokens of each typed word; the last token of each is a prefix.
    let words: [[String]]

    public init(_ input: String) {
        var terms: [String] = []
        var parts: [String] = []
        var words: [[String]] = []
        for word in input.split(whereSeparator: { $0.isWhitespace }) {
            // A word like `S/2016/846` or `al-Assad` is several tokens for FTS5; keep
            // them together as a phrase so they match side by side.
            let tokens = word.split(whereSeparator: { !SearchQuery.isTokenCharacter($0) }).map(String.init)
            guard !tokens.isEmpty else { continue }
            terms.append(contentsOf: tokens)
            words.append(tokens)
            let phrase = tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"")
            parts.append("\"\(phrase)\"*")
        }
        self.terms = terms
        self.words = words
        self.match = parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The same query with each one-token word of four or more characters spelled
    /// out as the tokens it is a prefix of (see `SearchTerms`); `expand` answers nil
    /// when it cannot, and the word stays a prefix query.
    func expandedMatch(_ expand: (String) throws -> [String]?) rethrows -> String? {
        guard match != nil else { return nil }
        var parts: [String] = []
        for tokens in words {
            let quote = { (t: String) in "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            if tokens.count == 1, tokens[0].count > 3, let spelled = try expand(TextFold.fold(tokens[0])), !spelled.isEmpty {
                parts.append("(" + spelled.map(quote).joined(separator: " OR ") + ")")
            } else {
                parts.append(quote(tokens.joined(separator: " ")) + "*")
            }
        }
        return parts.joined(separator: " AND ")
    }

    static func isTokenCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c.unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark }
    }
}

/// A window of hits and how many there are in all.
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    public var total: Int
    /// More than `total` match; they were not all counted.
    public var totalIsAtLeast: Bool

    public init(hits: [SearchHit], total: Int, totalIsAtLeast: Bool) {
        self.hits = hits; self.total = total; self.totalIsAtLeast = totalIsAtLeast
    }

    public static let none = SearchResults(hits: [], total: 0, totalIsAtLeast: false)
}

public struct SearchHit: Hashable, Sendable {
    public var row: ListRow
    public var rank: Double
    /// The names the record is known by (aliases, acronym, ISO code), for
    /// smart-case matching beyond the title.
    public var aliases: String
}

extension AtlasStore {
    /// Column weights for bm25: a title match counts most, then aliases, places,
    /// and summaries least.
    static let rankSQL = "bm25(search, 10.0, 8.0, 1.0, 3.0)"

    /// Ranked hits, best first.
    public func search(_ text: String, kind: RecordKind? = nil, limit: Int, offset: Int = 0) throws(StoreError) -> [SearchHit] {
        guard let match = SearchQuery(text).match, limit > 0 else { return [] }
        var sql = """
            SELECT e.rowid, e.id, e.kind, e.title, e.date, e.sort, CASE e.kind WHEN 'mission' THEN e.acronym WHEN 'actor' THEN e.type END, \(Self.rankSQL) AS r, search.aliases AS aliases
            FROM search JOIN entity e ON e.rowid = search.rowid
            WHERE search MATCH ?
            """
        var args: [DatabaseValueConvertible] = [match]
        if let kind { sql += " AND e.kind = ?"; args.append(kind.rawValue) }
        // Sources are found through the records that cite them, not as hits.
        else { sql += " AND e.kind != 'source'" }
        sql += " ORDER BY r, e.sort, e.rowid LIMIT ? OFFSET ?"
        args += [limit, offset]
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(args)).map {
                SearchHit(row: ListSQL.row($0), rank: $0["r"], aliases: $0["aliases"] ?? "")
            }
        }
    }

    /// Hits for the browser, fast at any size: when at most `rankedUpTo` records
    /// match, all are ranked (bm25) and `total` is exact; when more match, ranking
    /// them all would cost a read of every match on each keystroke, so the first
    /// `limit` whose title or aliases match come first, then others, unranked, and
    /// `total` is a lower bound (`totalIsAtLeast`).
    public func searchResults(_ text: String, limit: Int, rankedUpTo cap: Int = 1000) throws(StoreError) -> SearchResults {
        let q = SearchQuery(text)
        guard q.match != nil, limit > 0 else { return SearchResults(hits: [], total: 0, totalIsAtLeast: false) }
        return try read { db in
            let match = try summarized ? q.expandedMatch { try SearchTerms.expand($0, in: db) } : q.match
            let n = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM (SELECT 1 FROM search JOIN entity e ON e.rowid = search.rowid
                                      WHERE search MATCH ? AND e.kind != 'source' LIMIT ?)
                """), arguments: [match, cap + 1]) ?? 0
            let select = """
                SELECT e.rowid, e.id, e.kind, e.title, e.date, e.sort, CASE e.kind WHEN 'mission' THEN e.acronym WHEN 'actor' THEN e.type END, 0.0 AS r, search.aliases AS aliases
                FROM search JOIN entity e ON e.rowid = search.rowid
                WHERE search MATCH ? AND e.kind != 'source'
                """
            func hits(_ sql: String, _ args: StatementArguments) throws -> [SearchHit] {
                try Row.fetchAll(db.cachedStatement(sql: sql), arguments: args).map {
                    SearchHit(row: ListSQL.row($0), rank: $0["r"], aliases: $0["aliases"] ?? "")
                }
            }
            if n <= cap {
                let ranked = select.replacingOccurrences(of: "0.0 AS r", with: "\(Self.rankSQL) AS r")
                return SearchResults(hits: try hits(ranked + " ORDER BY r, e.sort, e.rowid LIMIT ?", [match, limit]),
                                     total: n, totalIsAtLeast: false)
            }
            var found = try hits(select + " LIMIT ?", ["{title aliases} : (\(match!))", limit])
            if found.count < limit {
                let seen = Set(found.map(\.row.rowid))
                found += try hits(select + " LIMIT ?", [match, limit + seen.count]).filter { !seen.contains($0.row.rowid) }
                found = Array(found.prefix(limit))
            }
            return SearchResults(hits: found, total: cap + 1, totalIsAtLeast: true)
        }
    }

    public func searchCount(_ text: String, kind: RecordKind? = nil) throws(StoreError) -> Int {
        guard let match = SearchQuery(text).match else { return 0 }
        var sql = "SELECT count(*) FROM search JOIN entity e ON e.rowid = search.rowid WHERE search MATCH ?"
        var args: [DatabaseValueConvertible] = [match]
        if let kind { sql += " AND e.kind = ?"; args.append(kind.rawValue) } else { sql += " AND e.kind != 'source'" }
        return try read { db in try Int.fetchOne(db.cachedStatement(sql: sql), arguments: StatementArguments(args)) ?? 0 }
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
