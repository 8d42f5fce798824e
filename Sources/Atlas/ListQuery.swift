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

extension AtlasStore {
    /// How many rows the list holds (exact: a count over the list's index).
    public func count(_ filter: ListFilter) throws(StoreError) -> Int {
        if let buckets = try summary(filter) { return buckets.n.reduce(0, +) }
        let q = ListSQL(filter)
        return try read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) " + q.from + q.whereClause),
                             arguments: q.arguments) ?? 0
        }
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
        var start: Int64? = nil, skip = offset
        if let s = try summary(filter) {
            var before = 0
            for (b, n) in zip(s.buckets, s.n) {
                if before + n > offset { start = b * s.scope.divisor; skip = offset - before; break }
                before += n
            }
        }
        let from = start.map { _ in " AND \(q.sortColumn) >= ?" } ?? ""
        let args = q.arguments + (start.map { StatementArguments([$0]) } ?? []) + [limit, skip]
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: q.select + q.from + q.whereClause + from + q.orderAscending + " LIMIT ? OFFSET ?"),
                             arguments: args).map(ListSQL.row)
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
        var before = 0, from = ""
        var args = q.arguments
        if let s = try summary(filter), case .int(let sort) = key.sort {
            let bucket = s.scope.bucket(of: sort)
            for (b, n) in zip(s.buckets, s.n) where b < bucket { before += n }
            from = " AND \(q.sortColumn) >= ?"
            args += [bucket * s.scope.divisor]
        }
        let inside = try read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) " + q.from + q.whereClause + from + " AND (\(q.sortColumn), \(q.rowidColumn)) < (?, ?)"),
                             arguments: args + [key.sort.databaseValue, key.rowid]) ?? 0
        }
        return before + inside
    }

    /// The key of a record inside a list, or nil when the list does not hold it.
    public func key(of id: String, in filter: ListFilter) throws(StoreError) -> ListKey? {
        let q = ListSQL(filter)
        return try read { db in
            try Row.fetchOne(db.cachedStatement(sql: q.select + q.from + q.whereClause + " AND e.id = ?"),
                             arguments: q.arguments + [id]).map(ListSQL.row)?.key
        }
    }

    /// The first key at or after a sort value (events: a yyyymmdd day), for `:goto DATE`.
    public func firstKey(atOrAfter sort: SortValue, in filter: ListFilter) throws(StoreError) -> ListKey? {
        let q = ListSQL(filter)
        return try read { db in
            try Row.fetchOne(db.cachedStatement(sql: q.select + q.from + q.whereClause + " AND \(q.sortColumn) >= ?" + q.orderAscending + " LIMIT 1"),
                             arguments: q.arguments + [sort.databaseValue]).map(ListSQL.row)?.key
        }
    }

    private func window(_ filter: ListFilter, key: ListKey?, forward: Bool, limit: Int) throws(StoreError) -> [ListRow] {
        let q = ListSQL(filter)
        var sql = q.select + q.from + q.whereClause
        var args = q.arguments
        if let key {
            sql += " AND (\(q.sortColumn), \(q.rowidColumn)) \(forward ? ">" : "<") (?, ?)"
            args += [key.sort.databaseValue, key.rowid]
        }
        sql += (forward ? q.orderAscending : q.orderDescending) + " LIMIT ?"
        args += [limit]
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: args).map(ListSQL.row)
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
        return try read { db in
            // Floor division: SQLite's `/` truncates toward zero, which would put
            // -0044 in year -43.
            let bucket = "CASE WHEN \(q.sortColumn) >= 0 THEN \(q.sortColumn) / \(divisor) ELSE (\(q.sortColumn) - \(divisor - 1)) / \(divisor) END"
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT \(bucket) AS b, count(*) AS n " + q.from + q.whereClause + " GROUP BY b ORDER BY b"),
                             arguments: q.arguments).map { (bucket: $0["b"] as Int, count: $0["n"] as Int) }
        }
    }
}

/// The SQL of one list filter. Each shape orders by the columns of an index, so
/// windows are range scans: events of an actor come from `participant`'s
/// `(actor, sort, event)` index, plain lists from `entity(kind, sort, rowid)`.
struct ListSQL {
    let select = "SELECT e.rowid, e.id, e.kind, e.title, e.date, e.sort, CASE e.kind WHEN 'mission' THEN e.acronym WHEN 'actor' THEN e.type END "
    var from: String
    var whereClause: String
    var arguments: StatementArguments
    var sortColumn: String
    var rowidColumn: String

    init(_ f: ListFilter) {
        var conditions: [String] = []
        var args: [DatabaseValueConvertible] = []
        if let actor = f.actor, f.kind == .event {
            from = "FROM participant p JOIN entity e ON e.rowid = p.event "
            sortColumn = "p.sort"; rowidColumn = "p.event"
            conditions.append("p.actor = ?"); args.append(actor)
            if let mission = f.mission {
                conditions.append("EXISTS (SELECT 1 FROM event_mission m WHERE m.event = p.event AND m.mission = ?)")
                args.append(mission)
            }
        } else if let mission = f.mission, f.kind == .event {
            from = "FROM event_mission m JOIN entity e ON e.rowid = m.event "
            sortColumn = "m.sort"; rowidColumn = "m.event"
            conditions.append("m.mission = ?"); args.append(mission)
        } else {
            from = "FROM entity e "
            sortColumn = "e.sort"; rowidColumn = "e.rowid"
            conditions.append("e.kind = ?"); args.append(f.kind.rawValue)
        }
        if let from = f.from { conditions.append("\(sortColumn) >= ?"); args.append(from) }
        if let to = f.to { conditions.append("\(sortColumn) <= ?"); args.append(to) }
        if let text = f.text, let match = SearchQuery(text).match {
            conditions.append("\(rowidColumn) IN (SELECT rowid FROM search WHERE search MATCH ?)")
            args.append(match)
        } else if let text = f.text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            conditions.append("0")   // text with no searchable characters matches nothing
        }
        whereClause = "WHERE " + conditions.joined(separator: " AND ")
        arguments = StatementArguments(args)
    }

    var orderAscending: String { " ORDER BY \(sortColumn), \(rowidColumn)" }
    var orderDescending: String { " ORDER BY \(sortColumn) DESC, \(rowidColumn) DESC" }

    static func row(_ r: Row) -> ListRow {
        let rowid: Int64 = r[0]
        return ListRow(rowid: rowid, id: r[1], kind: RecordKind(rawValue: r[2]) ?? .event, title: r[3], date: r[4],
                       key: ListKey(sort: SortValue(r[5] as DatabaseValue), rowid: rowid), tag: r[6])
    }
}
