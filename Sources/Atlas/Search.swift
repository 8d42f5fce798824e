import GRDB

/// Turns what a person typed into a safe FTS5 query. Input is split into words
/// of letters and digits, each quoted and prefix-matched, so quotes, parentheses,
/// `*`, `-`, `NEAR` or `AND` are plain text and never FTS5 syntax.
public struct SearchQuery: Sendable {
    /// The words as typed (for highlighting), in order.
    public let terms: [String]
    /// The FTS5 MATCH expression, or nil when nothing searchable was typed.
    public let match: String?

    public init(_ input: String) {
        var terms: [String] = []
        var parts: [String] = []
        for word in input.split(whereSeparator: { $0.isWhitespace }) {
            // A word like `S/2016/846` or `al-Assad` is several tokens for FTS5; keep
            // them together as a phrase so they match side by side.
            let tokens = word.split(whereSeparator: { !SearchQuery.isTokenCharacter($0) }).map(String.init)
            guard !tokens.isEmpty else { continue }
            terms.append(contentsOf: tokens)
            let phrase = tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"")
            parts.append("\"\(phrase)\"*")
        }
        self.terms = terms
        self.match = parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func isTokenCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c.unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark }
    }
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
