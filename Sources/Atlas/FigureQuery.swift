import GRDB

extension AtlasStore {
    /// The figures a record holds, and for an actor also the figures that name it on
    /// other records (its contingents in each mission), as a table; nil when there is
    /// no record with this id.
    public func figureTable(_ id: String, sortedBy column: FigureTable.Column = .date,
                            descending: Bool = false) throws(StoreError) -> FigureTable? {
        try read { db -> FigureTable? in
            guard let holder = try FigureRow.Holder.fetchOne(db, SQLRequest(literal: "SELECT rowid FROM entity WHERE id = \(id)")) else {
                return nil
            }
            // Two index lookups joined by UNION rather than one OR, which SQLite
            // would answer by scanning every figure.
            let rows = try FigureRow.fetchAll(db, SQLRequest(literal: """
                SELECT f.*, h.id AS holder_id, h.title AS holder_title, h.kind AS holder_kind,
                       a.title AS actor_title, a.kind AS actor_kind, s.title AS source_title, s.kind AS source_kind
                FROM (SELECT rowid AS figure_rowid, * FROM figure WHERE entity = \(holder.rowid)
                      UNION SELECT rowid AS figure_rowid, * FROM figure WHERE actor = \(id)) AS f
                JOIN entity h ON h.rowid = f.entity
                LEFT JOIN entity a ON a.id = f.actor
                LEFT JOIN entity s ON s.id = f.source
                ORDER BY f.date_start, f.entity, f.ord
                """))
            return FigureTable(subject: id, rows: rows.map(\.tableRow), sortedBy: column, descending: descending)
        }
    }
}

/// One figure as the query reads it, decoded by column name.
private struct FigureRow: FetchableRecord {
    struct Holder: FetchableRecord {
        var rowid: Int64
        init(row: GRDB.Row) { rowid = row["rowid"] }
    }

    var tableRow: FigureTable.Row

    init(row: GRDB.Row) {
        func ref(_ id: String?, _ title: String?, _ kind: String?) -> RecordDetail.Ref? {
            id.map { RecordDetail.Ref(id: $0, title: title, kind: kind.flatMap(RecordKind.init(rawValue:))) }
        }
        let sourceID: String? = row["source"]
        let citation = sourceID.map { id in
            RecordDetail.CitationDetail(source: ref(id, row["source_title"], row["source_kind"])!,
                                        locator: row["locator"], quote: row["quote"])
        }
        tableRow = FigureTable.Row(
            date: row["date"],
            actor: ref(row["actor"], row["actor_title"], row["actor_kind"]),
            holder: ref(row["holder_id"], row["holder_title"], row["holder_kind"])!,
            category: row["category"], count: row["count"],
            qualifier: Figure.Qualifier(rawValue: row["qualifier"]) ?? .exactly,
            location: row["location"], citation: citation, dataset: row["dataset"])
    }
}
