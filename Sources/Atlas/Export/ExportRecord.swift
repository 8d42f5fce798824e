import GRDB

/// One record as an export writes it: the fields a list row has, and what a reader
/// of the file needs to use it without the atlas (place, country, the actors and
/// missions by name, the sources).
public struct ExportRecord: Hashable, Sendable {
    public struct Named: Hashable, Sendable {
        public var id: String
        /// nil when the record named is not in the atlas.
        public var title: String?
        /// An actor's role in an event.
        public var role: String?
    }

    public var id: String
    public var kind: RecordKind
    public var title: String
    /// EDTF as written.
    public var date: String?
    /// An event's type, an actor's type, a mission's type, a source's kind.
    public var type: String?
    public var place: String?
    /// ISO alpha-3 of the place, or of a state.
    public var country: String?
    public var acronym: String?
    public var status: String?
    public var actors: [Named] = []
    public var missions: [Named] = []
    public var sources: [Named] = []
    /// The dataset the record was imported from, nil for an atlas's own.
    public var dataset: String?
}

extension AtlasStore {
    /// The export records of list rows, in the same order, read in a few queries
    /// for the whole window rather than one per row.
    public func exportRecords(_ rows: [ListRow]) throws(StoreError) -> [ExportRecord] {
        guard !rows.isEmpty else { return [] }
        let rowids = rows.map(\.rowid)
        return try read { db -> [ExportRecord] in
            var byRowid: [Int64: ExportRecord] = [:]
            for r in try Row.fetchAll(db, SQLRequest<Row>(literal: """
                SELECT rowid, id, kind, title, date, type, place_name, place_region, place_country, iso3, acronym,
                       status, dataset
                FROM entity WHERE rowid IN \(rowids)
                """)) {
                let kind = RecordKind(rawValue: r["kind"]) ?? .event
                let name: String? = r["place_name"], region: String? = r["place_region"]
                let place = [name, region].compactMap { $0 }.filter { !$0.isEmpty }
                var e = ExportRecord(id: r["id"], kind: kind, title: r["title"], date: r["date"], type: r["type"],
                                     place: place.isEmpty ? nil : place.joined(separator: ", "),
                                     country: r["place_country"] ?? r["iso3"], acronym: r["acronym"], status: r["status"])
                e.dataset = r["dataset"]
                byRowid[r["rowid"]] = e
            }
            for r in try Row.fetchAll(db, SQLRequest<Row>(literal: """
                SELECT p.event, p.actor, p.role, a.title FROM participant p LEFT JOIN entity a ON a.id = p.actor
                WHERE p.event IN \(rowids) ORDER BY p.event, p.ord
                """)) {
                byRowid[r["event"]]?.actors.append(.init(id: r["actor"], title: r["title"], role: r["role"]))
            }
            for r in try Row.fetchAll(db, SQLRequest<Row>(literal: """
                SELECT m.event, m.mission, e.title FROM event_mission m LEFT JOIN entity e ON e.id = m.mission
                WHERE m.event IN \(rowids) ORDER BY m.event, m.ord
                """)) {
                byRowid[r["event"]]?.missions.append(.init(id: r["mission"], title: r["title"]))
            }
            for r in try Row.fetchAll(db, SQLRequest<Row>(literal: """
                SELECT c.entity, c.source, min(c.ord) AS first, s.title FROM citation c LEFT JOIN entity s ON s.id = c.source
                WHERE c.entity IN \(rowids) GROUP BY c.entity, c.source ORDER BY c.entity, first
                """)) {
                byRowid[r["entity"]]?.sources.append(.init(id: r["source"], title: r["title"]))
            }
            return rowids.compactMap { byRowid[$0] }
        }
    }
}
