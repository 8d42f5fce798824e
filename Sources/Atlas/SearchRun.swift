import GRDB

/// One search against an open database: the query's forms looked up once, the
/// matches counted, ranked (`SearchRanking`) and windowed.
struct SearchRun {
    let db: Database
    let query: SearchQuery
    /// As typed, for ids.
    let text: String
    let kind: RecordKind?
    let forms: SearchForms
    /// The derived tables, when they can be trusted (the summary is fresh).
    let tables: SearchTerms.Tables?
    let hasQuotes: Bool
    /// The MATCH expression with every form: what a hit must match.
    let full: String

    init(db: Database, text: String, query: SearchQuery, kind: RecordKind?, summarized: Bool) throws {
        self.db = db
        self.text = text
        self.query = query
        self.kind = kind
        tables = summarized ? try SearchTerms.Tables(db) : nil
        hasQuotes = try Schema.version(db) >= 2
        forms = try SearchForms.lookUp(query, in: db, tables: tables)
        full = SearchExpression.build(query, forms: forms, upTo: .typo)
    }

    private var kindFilter: SQL {
        if let kind { return "AND e.kind = \(kind.rawValue)" }
        // Sources are found through the records that cite them, not as hits.
        return "AND e.kind != 'source'"
    }

    private var rankSQL: String { hasQuotes ? AtlasStore.rankSQL : "bm25(search, 10.0, 8.0, 1.0, 3.0)" }

    /// How many records match, up to `cap` (all when nil), a record named by its id
    /// included.
    func count(upTo cap: Int?) throws -> Int {
        try ftsCount(upTo: cap) + (try byIDOnly()).count
    }

    /// Records whose id is the query (`abdrakhmanov-denial-2017`, `unsc-veto:S/2016/846`)
    /// but whose text does not match it: ids are not in the text index.
    private func byIDOnly() throws -> [Int64] {
        guard let seq = query.sequence, query.excluded.isEmpty else { return [] }
        let trimmed = TextFold.trimSpaces(text)
        let forms = Array(Set([trimmed, trimmed.lowercased(), seq.flatMap(\.tokens).joined(separator: "-")]))
        let named = try Int64.fetchAll(db, SQLRequest<Int64>(literal: "SELECT e.rowid FROM entity e WHERE e.id IN \(forms) \(literal: kindFilter)"))
        guard !named.isEmpty else { return [] }
        let matched = Set(try Int64.fetchAll(db, SQLRequest<Int64>(literal: "SELECT rowid FROM search WHERE search MATCH \(full) AND rowid IN \(named)")))
        return named.filter { !matched.contains($0) }
    }

    private func ftsCount(upTo cap: Int?) throws -> Int {
        let limit: SQL = cap.map { "LIMIT \($0)" } ?? ""
        let sql: SQL = """
            SELECT count(*) FROM (SELECT 1 FROM search JOIN entity e ON e.rowid = search.rowid
                                  WHERE search MATCH \(full) \(literal: kindFilter) \(literal: limit))
            """
        return try Int.fetchOne(db, SQLRequest<Int>(literal: sql, cached: true)) ?? 0
    }

    func results(limit: Int, offset: Int, cap: Int) throws -> SearchResults {
        let byID = try byIDOnly()
        let n = try ftsCount(upTo: cap + 1)
        guard n + byID.count > 0 else { return .none }
        let bounded = n > cap
        let sample: [Int64]? = bounded ? try self.sample(max(AtlasStore.searchSample, offset + limit)) : nil
        var ranked = try candidates(among: sample) + (byID.isEmpty ? [] : try candidates(among: byID))
        ranked.sort(by: SearchRanking.precedes)
        var window = Array(ranked.dropFirst(offset).prefix(limit))
        try locateElsewhere(&window)
        return SearchResults(hits: window.map(\.hit), total: (bounded ? cap + 1 : n) + byID.count, totalIsAtLeast: bounded)
    }

    // MARK: candidates

    /// The matching records (all, or those of a sample) with what ranks them; records
    /// given by rowid (a sample, ids) are known to match and are read without BM25:
    /// FTS5 recomputes BM25's statistics over every match for each rowid looked up
    /// (6 ms a record for a word in a fifth of a million events).
    private func candidates(among sample: [Int64]?) throws -> [SearchRanking.Candidate] {
        let ranked = sample == nil
        // The names come from the alias table and the entity's own columns (an index
        // away), not from the text index, which a look-up by rowid makes slow.
        let names: SQL = """
            (SELECT group_concat(name, ' ; ') FROM alias WHERE alias.entity = e.rowid) AS aliases,
            e.acronym AS acronym, e.iso3 AS iso3
            """
        let sql: SQL
        if let sample {
            sql = """
                SELECT \(ListRow.columns),
                       0.0 AS r, \(literal: names), e.date_start AS recency
                FROM entity e WHERE e.rowid IN \(sample) \(literal: kindFilter)
                """
        } else {
            sql = """
                SELECT \(ListRow.columns),
                       \(literal: SQL(sql: rankSQL)) AS r, \(literal: names), e.date_start AS recency
                FROM search JOIN entity e ON e.rowid = search.rowid
                WHERE search MATCH \(full) \(literal: kindFilter)
                """
        }
        let rows = try Row.fetchAll(db, SQLRequest<Row>(literal: sql))
        // Records that match with the words as typed, or without typos: the level of a
        // match outside the names. Counted in full when all matches are ranked (they are
        // fewer than the cap); unknown for a sample.
        let exact = ranked ? try matchingForms(upTo: .exact) : nil
        let noTypos = ranked ? try matchingForms(upTo: .stem) : nil
        return rows.map { r in
            let row = ListRow(row: r)
            let names = ([r["aliases"] as String?] + [r["acronym"], r["iso3"]]).compactMap { $0 }.filter { !$0.isEmpty }
            let aliases = names.joined(separator: " ; ")
            let hit = SearchHit(row: row, rank: r["r"], aliases: aliases)
            var c = SearchRanking.Candidate(hit: hit, bm25: r["r"], recency: r["recency"], tier: .elsewhere,
                                            level: exact?.contains(row.rowid) ?? true ? .exact
                                                : noTypos?.contains(row.rowid) ?? true ? .stem : .typo,
                                            step: SearchRanking.bucket(r["r"]))
            if let m = SearchRanking.nameMatch(title: row.title, aliases: aliases.isEmpty ? [] : aliases.components(separatedBy: " ; "),
                                               id: row.id, query: query, forms: forms) {
                c.tier = m.tier
                c.level = m.level
                c.hit.matchedIn = m.field
                c.nameLength = m.nameLength
            }
            return c
        }
    }

    /// The records that match with forms up to `level`, or nil when the query has no
    /// other forms (all do). Only called with fewer matches than the cap.
    private func matchingForms(upTo level: FormLevel) throws -> Set<Int64>? {
        guard SearchExpression.hasForms(forms, beyond: level) else { return nil }
        let expr = SearchExpression.build(query, forms: forms, upTo: level)
        return Set(try Int64.fetchAll(db, SQLRequest<Int64>(literal: "SELECT rowid FROM search WHERE search MATCH \(expr)")))
    }

    /// A bounded sample of the matches, when there are too many to rank: records named
    /// by the query (never missed), names that begin with it, records with the words in
    /// their names, then any others.
    private func sample(_ size: Int) throws -> [Int64] {
        var picked: [Int64] = []
        var seen = Set<Int64>()
        func add(_ ids: [Int64], upTo cap: Int = .max) {
            for id in ids where picked.count < cap && seen.insert(id).inserted { picked.append(id) }
        }
        if let seq = query.sequence, let t = tables, t.names {
            // A name holds the words, so it matches, unless an excluded word is there too.
            var named = try SearchTerms.named(nameForms(seq), in: db, limit: size)
            // Names that begin with the query come in name order, scattered over the
            // file: a third of the window of them (each a page read when cold).
            named += try SearchTerms.named(startingWith: seq.flatMap(\.tokens).joined(separator: " "), in: db,
                                           limit: max(1, size / 3))
            if !query.excluded.isEmpty, !named.isEmpty {
                named = try Int64.fetchAll(db, SQLRequest<Int64>(literal: "SELECT rowid FROM search WHERE search MATCH \(full) AND rowid IN \(named)"))
            }
            add(named)
        }
        // Title matches fill what names left of the window: with a full window of names
        // that begin with the query, none of them could rank above those.
        let inNames = "{title aliases} : (" + full + ")"
        if picked.count < size {
            add(try Int64.fetchAll(db, SQLRequest<Int64>(literal: "SELECT rowid FROM search WHERE search MATCH \(inNames) LIMIT \(size)")),
                upTo: size)
        }
        if picked.count < size {
            add(try Int64.fetchAll(db, SQLRequest<Int64>(literal: "SELECT rowid FROM search WHERE search MATCH \(full) LIMIT \(size)")),
                upTo: size)
        }
        return picked
    }

    /// The names a record would have to bear to be named by the query: each word in
    /// each of its forms (a bounded number of combinations).
    private func nameForms(_ seq: [SearchQuery.Item]) -> [String] {
        var out: [[String]] = [[]]
        for item in seq {
            var options: [[String]] = [item.tokens]
            if let w = item.word, let f = forms.words[w] {
                options += f.tokens(upTo: .typo).dropFirst().map { [$0.0] } + f.states.filter { $0.count > 1 }
            }
            out = out.flatMap { prefix in options.map { prefix + $0 } }
            if out.count > 64 { out = Array(out.prefix(64)) }
        }
        return out.map { $0.joined(separator: " ") }
    }

    /// Says where the hits that did not match by name matched: summary, place or quote.
    private func locateElsewhere(_ window: inout [SearchRanking.Candidate]) throws {
        let rowids = window.filter { $0.tier == .elsewhere }.map(\.hit.row.rowid)
        guard !rowids.isEmpty else { return }
        let quotes: SQL = hasQuotes ? "quotes" : "''"
        let sql: SQL = "SELECT rowid, summary, place, \(literal: quotes) AS quotes FROM search WHERE rowid IN \(rowids)"
        var fields: [Int64: SearchField] = [:]
        for r in try Row.fetchAll(db, SQLRequest<Row>(literal: sql)) {
            fields[r["rowid"]] = SearchRanking.field(summary: r["summary"] ?? "", place: r["place"] ?? "",
                                                     quotes: r["quotes"] ?? "", query: query, forms: forms)
        }
        for i in window.indices where window[i].tier == .elsewhere {
            window[i].hit.matchedIn = fields[window[i].hit.row.rowid] ?? .summary
        }
    }
}
