import Foundation

/// ucdp-ged: the UCDP Georeferenced Event Dataset, any version's column set
/// (19.1 and 23.1 differ in order and in a few columns; fields are read by name).
extension ImportSession {
    static let ucdpSource = Source(id: "ucdp-ged-dataset", title: "UCDP Georeferenced Event Dataset (GED)", kind: "dataset",
                                   publisher: "Uppsala Conflict Data Program", url: "https://ucdp.uu.se/downloads/", locator: "id")

    static let violence = ["1": "State-based violence", "2": "Non-state violence", "3": "One-sided violence"]

    func ucdpEvent(_ row: Row) throws {
        let id = row["id"]
        guard !id.isEmpty, Int(id) != nil else { return try skip("id '\(id)' is not a number") }
        guard let date = Self.ucdpDate(start: row["date_start"], end: row["date_end"], precision: row["date_prec"]) else {
            return try skip("date_start '\(row["date_start"])' / date_end '\(row["date_end"])' are not dates")
        }
        try ensureSource(Self.ucdpSource)
        let cite = citation(Self.ucdpSource.id, key: "id \(id)", quote: row["source_headline"])
        var actors: [Participant] = []
        for (side, idColumn, role) in [("side_a", "side_a_new_id", "side A"), ("side_b", "side_b_new_id", "side B")] {
            let name = row[side]
            guard !name.isEmpty else { continue }
            let key = row[idColumn].isEmpty ? Self.slug(name) : row[idColumn]
            for p in try namedActor(name, role: role, namespace: "ucdp-ged", cite: cite, state: countries.iso3(forcesOf: name), key: key)
            where !actors.contains(where: { $0.actor == p.actor }) { actors.append(p) }
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
                          country: countries.iso3(country), latitude: Double(row["latitude"]), longitude: Double(row["longitude"]))
        let kind = Self.violence[row["type_of_violence"]] ?? "Violence"
        let dyad = row["dyad_name"].isEmpty ? [row["side_a"], row["side_b"]].joined(separator: " – ") : row["dyad_name"]
        var c = AtlasContent()
        c.events = [Event(id: "ucdp-ged:" + id, title: "\(kind): \(dyad), \(place.name)", date: date,
                          type: EventTypes.ucdp(typeOfViolence: row["type_of_violence"]), place: place,
                          actors: actors, figures: figures,
                          summary: "\(kind) in \(row["conflict_name"].isEmpty ? country : row["conflict_name"]). \(row["where_description"])",
                          sources: [cite])]
        try upsert(c, kind: .events, dataset: Self.ucdpSource.id, figures: figures.count, scope: countryDay(c.events[0]))
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
