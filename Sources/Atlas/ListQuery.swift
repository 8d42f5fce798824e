import GRDB

/// What a list shows: one kind of record, optionally narrowed to an actor's or a
/// mission's events, a date range, or a text filter.
public struct ListFilter: Hashable, Sendable {
    public var kind: RecordKind
    public var actor: String?
    public var mission: String?
    /// yyyymmdd bounds on the earliest day (inclusive).
    public var from: Int?
    public var to: Int?
    /// Text the rows must match (the same rules as search).
    public var text: String?

    public init(kind: RecordKind, actor: String? = nil, mission: String? = nil,
                from: Int? = nil, to: Int? = nil, text: String? = nil) {
        self.kind = kind; self.actor = actor; self.mission = mission
        self.from = from; self.to = to; self.text = text
    }
}

/// The value a list is ordered by: an event's earliest day, or a folded title.
public enum SortValue: Hashable, Sendable, Comparable {
    case int(Int64)
    case text(String)

    init(_ v: DatabaseValue) {
        switch v.storage {
        case .int64(let i): self = .int(i)
        case .double(let d): self = .int(Int64(d))
        case .string(let s): self = .text(s)
        case .blob(let b): self = .text(String(decoding: b, as: UTF8.self))
        case .null: self = .int(0)
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .int(let i): return i.databaseValue
        case .text(let s): return s.databaseValue
        }
    }
}

/// Where a row stands in its list: keyset pagination goes from key to key.
public struct ListKey: Hashable, Sendable, Comparable {
    public var sort: SortValue
    public var rowid: Int64
    public static func < (a: ListKey, b: ListKey) -> Bool { (a.sort, a.rowid) < (b.sort, b.rowid) }
}

/// One row of a list or of search results.
public struct ListRow: Hashable, Sendable {
    public var rowid: Int64
    public var id: String
    public var kind: RecordKind
    public var title: String
    /// EDTF text, for events (and missions with a mandate).
    public var date: String?
    public var key: ListKey
    /// A mission's acronym, an actor's type: the short tag a list shows.
    public var tag: String?
}

extension ListRow: FetchableRecord {
    /// The one column list of a list row, named as `init(row:)` reads them; every
    /// list query selects it.
    static let columns: SQL = """
        e.rowid AS rowid, e.id AS id, e.kind AS kind, e.title AS title, e.date AS date, e.sort AS sort, \
        CASE e.kind WHEN 'mission' THEN e.acronym WHEN 'actor' THEN e.type END AS tag
        """

    public init(row r: Row) {
        let rowid: Int64 = r["rowid"]
        self.init(rowid: rowid, id: r["id"], kind: RecordKind(rawValue: r["kind"]) ?? .event, title: r["title"],
                  date: r["date"], key: ListKey(sort: SortValue(r["sort"] as DatabaseValue), rowid: rowid), tag: r["tag"])
    }
}

extension AtlasStore {
    /// How many rows the list holds (exact: a count over the list's index).
    public func count(_ filter: ListFilter) throws(StoreError) -> Int {
        if let buckets = try summary(filter) { return buckets.n.reduce(0, +) }
        let q = ListSQL(filter)
        return try read { db in try SQLRequest<Int>(literal: "SELECT count(*) \(q.fromWhere)", cached: true).fetchOne(db) ?? 0 }
    }

    /// Up to `limit` rows after `key` (from the start when nil), in list order.
    public func rows(_ filter: ListFilter, after key: ListKey?, limit: Int) throws(StoreError) -> [ListRow] {
        try window(filter, key: key, forward: true, limit: limit)
    }

    /// Up to `limit` rows before `key` (from the end when nil), in list order.
    public func rows(_ filter: ListFilter, before key: ListKey?, limit: Int) throws(StoreError) -> [ListRow] {
        try window(filter, key: key, forward: false, limit: limit).reversed()
    }

    /// Rows by position, for the command line (`list` prints from the start).
    public func rows(_ filter: ListFilter, offset: Int, limit: Int) throws(StoreError) -> [ListRow] {
        let q = ListSQL(filter)
        // With a summary, skip whole buckets and offset only inside one.
        var from: SQL = "", skip = offset
        if let s = try summary(filter) {
            var before = 0
            for (b, n) in zip(s.buckets, s.n) {
                if before + n > offset { from = " AND \(q.sort) >= \(b * s.scope.divisor)"; skip = offset - before; break }
                before += n
            }
        }
        return try read { db in
            try SQLRequest<ListRow>(literal: "\(q.select)\(from)\(q.ascending) LIMIT \(limit) OFFSET \(skip)", cached: true).fetchAll(db)
        }
    }

    /// The summary buckets that serve a list, when there is a fresh summary.
    private func summary(_ filter: ListFilter) throws(StoreError) -> (scope: ListSummary.Scope, buckets: [Int64], n: [Int])? {
        guard summarized, let scope = ListSummary.scope(for: filter) else { return nil }
        if let known = summaryCache.get(scope.key) { return (scope, known.buckets, known.n) }
        let rows = try read { db in try ListSummary.buckets(db, scope) }
        let entry = (buckets: rows.map(\.bucket), n: rows.map(\.n))
        summaryCache.set(scope.key, entry)
        return (scope, entry.buckets, entry.n)
    }

    /// How many rows come before `key` in the list: the row's position.
    public func position(of key: ListKey, in filter: ListFilter) throws(StoreError) -> Int {
        let q = ListSQL(filter)
        // With a summary, whole buckets before the key's are added up and only the
        // rows of its own bucket are counted.
        var before = 0
        var from: SQL = ""
        if let s = try summary(filter), case .int(let sort) = key.sort {
            let bucket = s.scope.bucket(of: sort)
            for (b, n) in zip(s.buckets, s.n) where b < bucket { before += n }
            from = " AND \(q.sort) >= \(bucket * s.scope.divisor)"
        }
        let inside = try read { db in
            try SQLRequest<Int>(literal: "SELECT count(*) \(q.fromWhere)\(from) AND \(q.before(key))", cached: true).fetchOne(db) ?? 0
        }
        return before + inside
    }

    /// The key of a record inside a list, or nil when the list does not hold it.
    public func key(of id: String, in filter: ListFilter) throws(StoreError) -> ListKey? {
        let q = ListSQL(filter)
        return try read { db in try SQLRequest<ListRow>(literal: "\(q.select) AND e.id = \(id)", cached: true).fetchOne(db)?.key }
    }

    /// The first key at or after a sort value (events: a yyyymmdd day), for `:goto DATE`.
    public func firstKey(atOrAfter sort: SortValue, in filter: ListFilter) throws(StoreError) -> ListKey? {
        let q = ListSQL(filter)
        return try read { db in
            try SQLRequest<ListRow>(literal: "\(q.select) AND \(q.sort) >= \(sort.databaseValue)\(q.ascending) LIMIT 1", cached: true)
                .fetchOne(db)?.key
        }
    }

    private func window(_ filter: ListFilter, key: ListKey?, forward: Bool, limit: Int) throws(StoreError) -> [ListRow] {
        let q = ListSQL(filter)
        let from: SQL = key.map { " AND \(forward ? q.after($0) : q.before($0))" } ?? ""
        return try read { db in
            try SQLRequest<ListRow>(literal: "\(q.select)\(from)\(forward ? q.ascending : q.descending) LIMIT \(limit)", cached: true)
                .fetchAll(db)
        }
    }

    /// Events per bucket (year or month) over a list, for the timeline strip.
    public func histogram(_ filter: ListFilter, byMonth: Bool) throws(StoreError) -> [(bucket: Int, count: Int)] {
        if let s = try summary(filter), byMonth == s.scope.perMonth || !byMonth {
            var out: [(bucket: Int, count: Int)] = []
            for (b, n) in zip(s.buckets, s.n) {
                // Months add up into years: floor division, as the buckets were made.
                let year = Int(s.scope.perMonth && !byMonth ? (b >= 0 ? b / 100 : -((-b + 99) / 100)) : b)
                if out.last?.bucket == year { out[out.count - 1].count += n } else { out.append((year, n)) }
            }
            return out
        }
        let q = ListSQL(filter)
        let divisor = byMonth ? 100 : 10000
        // Floor division: SQLite's `/` truncates toward zero, which would put
        // -0044 in year -43.
        let bucket: SQL = "CASE WHEN \(q.sort) >= 0 THEN \(q.sort) / \(divisor) ELSE (\(q.sort) - \(divisor - 1)) / \(divisor) END"
        return try read { db in
            try SQLRequest<Row>(literal: "SELECT \(bucket) AS b, count(*) AS n \(q.fromWhere) GROUP BY b ORDER BY b", cached: true)
                .fetchAll(db).map { (bucket: $0["b"] as Int, count: $0["n"] as Int) }
        }
    }
}

/// The SQL of one list filter, as fragments that carry their arguments. Each shape
/// orders by the columns of an index, so windows are range scans: events of an
/// actor come from `participant`'s `(actor, sort, event)` index, plain lists from
/// `entity(kind, sort, rowid)`.
struct ListSQL {
    /// `FROM ... WHERE ...` for the filter.
    let fromWhere: SQL
    /// The column the list is ordered by, and the rowid that breaks ties.
    let sort: SQL
    let rowid: SQL

    init(_ f: ListFilter) {
        var conditions: [SQL] = []
        let from: SQL
        if let actor = f.actor, f.kind == .event {
            from = "FROM participant p JOIN entity e ON e.rowid = p.event"
            sort = "p.sort"; rowid = "p.event"
            conditions.append("p.actor = \(actor)")
            if let mission = f.mission {
                conditions.append("EXISTS (SELECT 1 FROM event_mission m WHERE m.event = p.event AND m.mission = \(mission))")
            }
        } else if let mission = f.mission, f.kind == .event {
            from = "FROM event_mission m JOIN entity e ON e.rowid = m.event"
            sort = "m.sort"; rowid = "m.event"
            conditions.append("m.mission = \(mission)")
        } else {
            from = "FROM entity e"
            sort = "e.sort"; rowid = "e.rowid"
            conditions.append("e.kind = \(f.kind.rawValue)")
        }
        if let lower = f.from { conditions.append("\(sort) >= \(lower)") }
        if let upper = f.to { conditions.append("\(sort) <= \(upper)") }
        if let text = f.text, let match = SearchQuery(text).match {
            conditions.append("\(rowid) IN (SELECT rowid FROM search WHERE search MATCH \(match))")
        } else if let text = f.text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            conditions.append("0")   // text with no searchable characters matches nothing
        }
        fromWhere = "\(from) WHERE \(conditions.joined(separator: " AND "))"
    }

    /// The rows of the list, unordered: `SELECT` the one column list `FROM ... WHERE ...`.
    var select: SQL { "SELECT \(ListRow.columns) \(fromWhere)" }
    var ascending: SQL { " ORDER BY \(sort), \(rowid)" }
    var descending: SQL { " ORDER BY \(sort) DESC, \(rowid) DESC" }
    func after(_ key: ListKey) -> SQL { "(\(sort), \(rowid)) > (\(key.sort.databaseValue), \(key.rowid))" }
    func before(_ key: ListKey) -> SQL { "(\(sort), \(rowid)) < (\(key.sort.databaseValue), \(key.rowid))" }
}
