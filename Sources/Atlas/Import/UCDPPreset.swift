import Foundation

/// ucdp-ged: the UCDP Georeferenced Event Dataset, any version's column set
/// (19.1 and 23.1 differ in order and in a few columns; fields are read by name).
extension ImportSession {
    static let ucdpSource = Source(id: "ucdp-ged-dataset", title: "UCDP Georeferenced Event Dataset (GED)", kind: "dataset",
                                   publisher: "Uppsala Conflict Data Program", url: "https://ucdp.uu.se/downloads/", locator: "id")

    static let violence = ["1": "State-based violence", "2": "Non-state violence", "3": "One-sided violence"]

    /// A UCDP row's event, built on the reading thread (see `RowPipeline`): its
    /// sides stay names until the writer resolves them to actors.
    static func ucdpPrepare(_ row: Row, _ context: RowContext) -> PreparedRow {
        let id = row["id"]
        guard !id.isEmpty, Int(id) != nil else { return .skip("id '\(id)' is not a number") }
        guard let date = Self.ucdpDate(start: row["date_start"], end: row["date_end"], precision: row["date_prec"]) else {
            return .skip("date_start '\(row["date_start"])' / date_end '\(row["date_end"])' are not dates")
        }
        let cite = context.citation(Self.ucdpSource.id, key: "id \(id)", quote: row["source_headline"])
        var sides: [PreparedEvent.Side] = []
        for (side, idColumn, role) in [("side_a", "side_a_new_id", "side A"), ("side_b", "side_b_new_id", "side B")] {
            let name = row[side]
            guard !name.isEmpty else { continue }
            let key = row[idColumn].isEmpty ? Self.slug(name) : row[idColumn]
            sides.append(.init(name: name, role: role, namespace: "ucdp-ged", key: key, state: context.countries.iso3(forcesOf: name)))
        }
        var figures: [Figure] = []
        if let best = Int(row["best"]) {
            let low = Int(row["low"]), high = Int(row["high"])
            figures.append(Figure(category: "deaths", count: best, qualifier: low != nil && low != high ? .about : .exactly))
        }
        if let civilians = Int(row["deaths_civilians"]), civilians > 0 { figures.append(Figure(category: "civilian deaths", count: civilians)) }
        let whereName = row["where_coordinates"].isEmpty ? row["adm_1"] : row["where_coordinates"]
        let country = row["country"]
        let place = Place(name: whereName.isEmpty ? country : whereName, region: row["adm_1"].isEmpty ? nil : row["adm_1"],
                          country: context.countries.iso3(country), latitude: Double(row["latitude"]), longitude: Double(row["longitude"]))
        let kind = Self.violence[row["type_of_violence"]] ?? "Violence"
        let dyad = row["dyad_name"].isEmpty ? [row["side_a"], row["side_b"]].joined(separator: " – ") : row["dyad_name"]
        let event = Event(id: "ucdp-ged:" + id, title: "\(kind): \(dyad), \(place.name)", date: date,
                          type: EventTypes.ucdp(typeOfViolence: row["type_of_violence"]), place: place,
                          actors: [], figures: figures,
                          summary: "\(kind) in \(row["conflict_name"].isEmpty ? country : row["conflict_name"]). \(row["where_description"])",
                          sources: [cite])
        return .event(PreparedEvent(event: event, sides: sides, citation: cite, source: Self.ucdpSource, figures: figures.count))
    }

    /// UCDP dates: date_start and date_end (YYYY-MM-DD, sometimes with a time) at
    /// the precision date_prec gives: 1 day, 2–3 a few days or a week, 4 month,
    /// 5 year or longer.
    static func ucdpDate(start: String, end: String, precision: String) -> EDTFDate? {
        let s = String(start.prefix(10)), e = String(end.prefix(10))
        guard let first = try? EDTFDate(parsing: s) else { return nil }
        switch precision {
        case "4": return try? EDTFDate(parsing: String(s.prefix(7)))
        case "5": return try? EDTFDate(parsing: String(s.prefix(4)))
        default:
            if e.isEmpty || e == s { return first }
            return (try? EDTFDate(parsing: s + "/" + e)) ?? first
        }
    }
}
