import GRDB

/// Everything the detail view and `crossroads show` need about one record, with
/// the titles of what it refers to already looked up.
public struct RecordDetail: Hashable, Sendable {
    public struct Ref: Hashable, Sendable {
        public var id: String
        /// nil when the record is not in this atlas (yet).
        public var title: String?
        public var kind: RecordKind?
        public var resolved: Bool { title != nil }
    }

    public struct CitationDetail: Hashable, Sendable {
        public var source: Ref
        public var locator: String?
        public var quote: String?
    }

    public struct ActorRole: Hashable, Sendable {
        public var actor: Ref
        public var role: String
    }

    public struct FigureDetail: Hashable, Sendable {
        public var date: String?
        public var actor: Ref?
        public var category: String
        public var count: Int
        public var qualifier: Figure.Qualifier
        public var location: String?
        public var citation: CitationDetail?
        /// The dataset a figure was imported from, nil for the atlas's own.
        public var dataset: String?

        public var countText: String {
            Figure(category: category, count: count, qualifier: qualifier).countText
        }
    }

    public struct LinkDetail: Hashable, Sendable {
        public enum Direction: String, Sendable { case out, `in` }
        /// The label as seen from this record: `follows` out, `followed-by` in.
        public var label: String
        public var relation: Relation
        public var direction: Direction
        public var target: Ref
        /// For an unresolved dataset key, the dataset that would provide it.
        public var dataset: String? { target.resolved ? nil : DatasetKey.dataset(of: target.id) }
    }

    public var id: String
    public var kind: RecordKind
    public var title: String
    public var aliases: [String]
    public var summary: String?
    public var type: String?
    public var date: String?
    public var place: Place?
    public var iso3: String?
    public var acronym: String?
    public var status: String?
    public var location: String?
    public var headquarters: String?
    public var publisher: String?
    public var author: String?
    public var url: String?
    public var dataset: String?
    public var actors: [ActorRole]
    public var missions: [Ref]
    public var figures: [FigureDetail]
    public var sources: [CitationDetail]
    public var links: [LinkDetail]
    /// For actors and missions: how many events involve them (the cross-filter size).
    public var eventCount: Int
    /// For sources: how many records cite them.
    /// Records citing a source, counted up to `citedByCap` (more shows as cap + 1).
    public var citedBy: Int
    public static let citedByCap = 10_000
    /// "12 records", or "more than 10000 records" past the cap.
    public var citedByText: String {
        citedBy > Self.citedByCap ? "more than \(Self.citedByCap) records" : "\(citedBy) record\(citedBy == 1 ? "" : "s")"
    }
}

extension RecordDetail {
    /// A one-line field of a record, named as people read it.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: String
        /// The name in the detail pane's narrow label column.
        public var shortName: String { name == "headquarters" ? "HQ" : name }
    }

    /// The record's one-line fields in the one order the detail pane and `show`'s
    /// text both list them; empty ones left out.
    public var fields: [Field] {
        var out: [Field] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { out.append(Field(name: name, value: value)) }
        }
        add("place", place?.display)
        if let lat = place?.latitude, let lon = place?.longitude { add("coords", "\(lat), \(lon)") }
        add("acronym", acronym)
        add("status", status)
        add("location", location)
        add("headquarters", headquarters)
        add("iso3", iso3)
        add("aliases", aliases.joined(separator: "; "))
        add("publisher", publisher)
        add("author", author)
        add("url", url)
        return out
    }
}

extension AtlasStore {
    /// The record with this id, or nil.
    public func detail(_ id: String) throws(StoreError) -> RecordDetail? {
        guard var detail = try readDetail(id) else { return nil }
        // Counted after the read, not inside it: `count` reads on its own.
        if detail.kind == .actor {
            detail.eventCount = try count(ListFilter(kind: .event, actor: id))
        } else if detail.kind == .mission {
            detail.eventCount = try count(ListFilter(kind: .event, mission: id))
        }
        return detail
    }

    private func readDetail(_ id: String) throws(StoreError) -> RecordDetail? {
        try read { db -> RecordDetail? in
            guard let row = try SQLRequest<Row>(literal: "SELECT rowid, * FROM entity WHERE id = \(id)", cached: true).fetchOne(db)
                    ?? Self.mergedRecord(db, answeringTo: id) else { return nil }
            var d = RecordDetail(row: row)
            let id = d.id   // a merged dataset key answers with its record's id
            let rowid: Int64 = row["rowid"]
            func ref(_ id: String) throws -> RecordDetail.Ref {
                let t = try SQLRequest<Row>(literal: "SELECT title, kind FROM entity WHERE id = \(id)", cached: true).fetchOne(db)
                return RecordDetail.Ref(id: id, title: t?["title"], kind: t.flatMap { RecordKind(rawValue: $0["kind"]) })
            }
            let aliases = try SQLRequest<String>(literal: "SELECT name FROM alias WHERE entity = \(rowid) ORDER BY rowid",
                                                 cached: true).fetchAll(db)
            let citations = try SQLRequest<Row>(
                literal: "SELECT source, locator, quote FROM citation WHERE entity = \(rowid) ORDER BY ord", cached: true)
                .fetchAll(db).map { RecordDetail.CitationDetail(source: try ref($0["source"]), locator: $0["locator"], quote: $0["quote"]) }
            let actors = try SQLRequest<Row>(
                literal: "SELECT actor, role FROM participant WHERE event = \(rowid) ORDER BY ord", cached: true)
                .fetchAll(db).map { RecordDetail.ActorRole(actor: try ref($0["actor"]), role: $0["role"]) }
            let missions = try SQLRequest<String>(literal: "SELECT mission FROM event_mission WHERE event = \(rowid) ORDER BY ord",
                                                  cached: true).fetchAll(db).map(ref)
            // A figure's columns go straight into its detail, by name, its references looked up.
            let figures = try SQLRequest<Row>(literal: """
                SELECT date, actor, category, count, qualifier, location, source, locator, quote, dataset
                FROM figure WHERE entity = \(rowid) ORDER BY date_start, dataset IS NOT NULL, ord
                """, cached: true).fetchAll(db).map { f in
                RecordDetail.FigureDetail(
                    date: f["date"], actor: try (f["actor"] as String?).map(ref), category: f["category"], count: f["count"],
                    qualifier: Figure.Qualifier(rawValue: f["qualifier"]) ?? .exactly, location: f["location"],
                    citation: try (f["source"] as String?).map {
                        RecordDetail.CitationDetail(source: try ref($0), locator: f["locator"], quote: f["quote"])
                    },
                    dataset: f["dataset"])
            }
            var links: [RecordDetail.LinkDetail] = []
            // Each link seen from this end: its relation and the record at the other end.
            for l in try SQLRequest<Row>(literal: "SELECT rel, to_id AS other FROM link WHERE from_id = \(id) ORDER BY rowid",
                                         cached: true).fetchAll(db) {
                guard let rel = Relation(rawValue: l["rel"]) else { continue }
                links.append(.init(label: rel.rawValue, relation: rel, direction: .out, target: try ref(l["other"])))
            }
            for l in try SQLRequest<Row>(literal: "SELECT rel, from_id AS other FROM link WHERE to_id = \(id) ORDER BY rowid",
                                         cached: true).fetchAll(db) {
                guard let rel = Relation(rawValue: l["rel"]) else { continue }
                links.append(.init(label: rel.inverse, relation: rel, direction: .in, target: try ref(l["other"])))
            }
            if d.kind == .source {
                // A dataset's source is cited by every record imported from it:
                // counting stops past `citedByCap`.
                d.citedBy = try SQLRequest<Int>(literal: """
                    SELECT count(*) FROM (SELECT DISTINCT entity FROM citation WHERE source = \(id) LIMIT \(RecordDetail.citedByCap + 1))
                    """, cached: true).fetchOne(db) ?? 0
            }
            d.aliases = aliases
            d.actors = actors
            d.missions = missions
            d.figures = figures
            d.sources = citations
            d.links = links
            return d
        }
    }

    /// Record counts for the status line and `crossroads stats`.
    public struct Stats: Hashable, Sendable, Codable {
        public var events: Int
        public var actors: Int
        public var missions: Int
        public var sources: Int
        public var links: Int
        public var citations: Int
        public var figures: Int
    }

    public func stats() throws(StoreError) -> Stats {
        try read { db in
            func n(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return Stats(events: try n("SELECT count(*) FROM entity WHERE kind = 'event'"),
                         actors: try n("SELECT count(*) FROM entity WHERE kind = 'actor'"),
                         missions: try n("SELECT count(*) FROM entity WHERE kind = 'mission'"),
                         sources: try n("SELECT count(*) FROM entity WHERE kind = 'source'"),
                         links: try n("SELECT count(*) FROM link"),
                         citations: try n("SELECT count(*) FROM citation") + n("SELECT count(*) FROM figure WHERE source IS NOT NULL"),
                         figures: try n("SELECT count(*) FROM figure"))
        }
    }

    /// Kind and title of a record, or nil.
    public func lookup(_ id: String) throws(StoreError) -> (kind: RecordKind, title: String)? {
        try read { db in
            try (SQLRequest<Row>(literal: "SELECT kind, title FROM entity WHERE id = \(id)", cached: true).fetchOne(db)
                 ?? Self.mergedRecord(db, answeringTo: id)).map {
                (RecordKind(rawValue: $0["kind"]) ?? .event, $0["title"])
            }
        }
    }
}

extension AtlasStore {
    /// The atlas record a dataset key was merged into by an import (`show
    /// un-mission:UNDOF` is the seed atlas's `undof`); nil when none, or in a
    /// database made before imports kept that table.
    static func mergedRecord(_ db: Database, answeringTo key: String) throws -> Row? {
        guard try db.tableExists("import_record") else { return nil }
        return try SQLRequest<Row>(literal: """
            SELECT rowid, * FROM entity WHERE id = (SELECT record FROM import_record WHERE id = \(key) AND record IS NOT NULL)
            """).fetchOne(db)
    }
}

extension RecordDetail: FetchableRecord {
    /// A record's own columns from `entity`; what it refers to is read after.
    public init(row r: Row) {
        let kind = RecordKind(rawValue: r["kind"]) ?? .event
        let placeName: String? = r["place_name"]
        self.init(
            id: r["id"], kind: kind, title: r["title"], aliases: [], summary: r["summary"], type: r["type"],
            date: kind == .mission ? r["mandate"] : r["date"],
            place: placeName.map { Place(name: $0, region: r["place_region"], country: r["place_country"],
                                         latitude: r["lat"], longitude: r["lon"]) },
            iso3: r["iso3"], acronym: r["acronym"], status: r["status"], location: r["location"],
            headquarters: r["headquarters"], publisher: r["publisher"], author: r["author"], url: r["url"],
            dataset: r["dataset"], actors: [], missions: [], figures: [], sources: [], links: [], eventCount: 0, citedBy: 0)
    }
}
