import Foundation

/// Event datasets beside UCDP: ACLED (current and legacy exports) and GDELT 1.0.
extension ImportSession {
    static let acledSource = Source(id: "acled-dataset", title: "ACLED: Armed Conflict Location & Event Data", kind: "dataset",
                                    publisher: "ACLED", url: "https://acleddata.com", locator: "event_id_cnty")
    static let gdeltSource = Source(id: "gdelt-dataset", title: "GDELT 1.0 event database", kind: "dataset",
                                    publisher: "The GDELT Project", url: "https://www.gdeltproject.org", locator: "GLOBALEVENTID")

    /// acled: `event_id_cnty`, `event_date` (`21 March 2020`, `8-May-20`, dd/mm/yyyy
    /// or ISO), `time_precision`, `event_type`, `actor1`, `actor2`, `country`,
    /// `admin1`, `location`, `latitude`, `longitude`, `fatalities`, `notes` → an
    /// event `acled:ID`. Legacy exports write the same columns in capitals.
    func acledEvent(_ row: Row) throws {
        // event_id_cnty is ACLED's key; exports without it key rows by data_id.
        let id: String
        if !row["event_id_cnty"].isEmpty { id = row["event_id_cnty"] }
        else if !row["data_id"].isEmpty { id = "data_id-" + row["data_id"] }
        else { return try skip(row.has("event_id_cnty") ? "no event_id_cnty" : "no data_id") }
        let keyName = row["event_id_cnty"].isEmpty ? "data_id \(row["data_id"])" : "event_id_cnty \(id)"
        let dateText = row["event_date"]
        guard var date = Self.acledDate(dateText) else { return try skip("event_date '\(dateText)' is not a date") }
        if row["time_precision"] == "3", let month = try? EDTFDate(parsing: String(date.text.prefix(7))) { date = month }
        try ensureSource(Self.acledSource)
        let notes = row["notes"]
        let cite = citation(Self.acledSource.id, key: keyName, quote: notes)
        var actors: [Participant] = []
        for (column, role) in [("actor1", "actor 1"), ("actor2", "actor 2")] {
            let name = row[column]
            guard !name.isEmpty else { continue }
            for p in try namedActor(name, role: role, namespace: "acled", cite: cite, state: countries.iso3(forcesOf: name))
            where !actors.contains(where: { $0.actor == p.actor }) { actors.append(p) }
        }
        let country = row["country"]
        let place = Place(name: row["location"].isEmpty ? country : row["location"], region: row["admin1"].isEmpty ? nil : row["admin1"],
                          country: countries.iso3(country), latitude: Double(row["latitude"]), longitude: Double(row["longitude"]))
        var figures: [Figure] = []
        if let deaths = Int(row["fatalities"]) { figures.append(Figure(category: "fatalities", count: deaths)) }
        let label = [row["event_type"], row["sub_event_type"]].filter { !$0.isEmpty }.joined(separator: " / ")
        let type = row["event_type"].isEmpty ? "Event" : row["event_type"]
        var c = AtlasContent()
        c.events = [Event(id: "acled:" + id, title: "\(type): \(actors.isEmpty ? place.name : row["actor1"]), \(place.name)", date: date,
                          type: EventTypes.acled(eventType: row["event_type"], subEventType: row["sub_event_type"]), place: place,
                          actors: actors, figures: figures,
                          summary: ["ACLED: " + (label.isEmpty ? "no event_type" : label), notes].filter { !$0.isEmpty }.joined(separator: ". "),
                          sources: [cite])]
        try upsert(c, kind: .events, dataset: Self.acledSource.id, figures: figures.count, scope: countryDay(c.events[0]))
    }

    /// A dataset's named actor stays itself: its own record, linked to its state
    /// (part-of) when it names one ("Military Forces of Yemen (2016-) Supreme
    /// Political Council", "Government of Afghanistan"), and the state joins the
    /// event beside it, so narrowing to the state finds its forces' events and two
    /// rival forces of one state both show.
    func namedActor(_ name: String, role: String, namespace: String, cite: Citation, state iso3: String?,
                    key: String? = nil) throws -> [Participant] {
        let id = "\(namespace):actor-" + (key ?? Self.slug(name))
        let known = actorIDs[id] != nil
        _ = try datasetActor(id: id, title: name, type: .organization, source: cite)
        guard let iso3 else { return [Participant(actor: id, role: role)] }
        let state = try stateActor(iso3: iso3)
        if !known {
            var link = AtlasContent()
            link.links = [Link(from: id, relation: .partOf, to: state)]
            try writer.insert(link, dataset: nil)
        }
        return [Participant(actor: id, role: role), Participant(actor: state, role: "state of \(role)")]
    }

    /// ACLED's date spellings: `21 March 2020`, `8-May-20`, `21/03/2020`, `2020-03-21`.
    static func acledDate(_ s: String) -> EDTFDate? {
        if let iso = try? EDTFDate(parsing: s), iso.text.count == 10 { return iso }
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 3, let day = Int(parts[0]) else { return nil }
        var month = Int(parts[1])
        if month == nil {
            let name = parts[1].prefix(3).lowercased()
            month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].firstIndex(of: name).map { $0 + 1 }
        }
        guard let m = month, var year = Int(parts[2]) else { return nil }
        if parts[2].count == 2 { year += year < 70 ? 2000 : 1900 }   // ACLED starts in 1997
        return try? EDTFDate(parsing: String(format: "%04d-%02d-%02d", year, m, day))
    }

    static func slug(_ s: String) -> String {
        let folded = TextFold.fold(s)
        return String(folded.map { $0.isLetter || $0.isNumber ? $0 : "-" }).split(separator: "-").joined(separator: "-")
    }

    /// GDELT 1.0 columns by position (the exports have no header): 58 since April
    /// 2013, 57 before (no SOURCEURL).
    static let gdeltColumns = [
        "globaleventid", "sqldate", "monthyear", "year", "fractiondate",
        "actor1code", "actor1name", "actor1countrycode", "actor1knowngroupcode", "actor1ethniccode", "actor1religion1code",
        "actor1religion2code", "actor1type1code", "actor1type2code", "actor1type3code",
        "actor2code", "actor2name", "actor2countrycode", "actor2knowngroupcode", "actor2ethniccode", "actor2religion1code",
        "actor2religion2code", "actor2type1code", "actor2type2code", "actor2type3code",
        "isrootevent", "eventcode", "eventbasecode", "eventrootcode", "quadclass", "goldsteinscale", "nummentions",
        "numsources", "numarticles", "avgtone",
        "actor1geo_type", "actor1geo_fullname", "actor1geo_countrycode", "actor1geo_adm1code", "actor1geo_lat", "actor1geo_long", "actor1geo_featureid",
        "actor2geo_type", "actor2geo_fullname", "actor2geo_countrycode", "actor2geo_adm1code", "actor2geo_lat", "actor2geo_long", "actor2geo_featureid",
        "actiongeo_type", "actiongeo_fullname", "actiongeo_countrycode", "actiongeo_adm1code", "actiongeo_lat", "actiongeo_long", "actiongeo_featureid",
        "dateadded", "sourceurl",
    ]

    /// CAMEO's twenty root event codes.
    static let cameoRoots = ["01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
                             "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
                             "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
                             "14": "Protest", "15": "Exhibit military posture", "16": "Reduce relations", "17": "Coerce",
                             "18": "Assault", "19": "Fight", "20": "Use unconventional mass violence"]

    /// gdelt1: an event `gdelt:GLOBALEVENTID` dated SQLDATE, titled by its CAMEO root
    /// code, with Actor1 and Actor2 (states by their CAMEO country code, which is
    /// ISO alpha-3 for states) and the action's place.
    func gdeltEvent(_ row: Row) throws {
        let id = row["globaleventid"]
        guard !id.isEmpty, Int(id) != nil else { return try skip("GLOBALEVENTID '\(id)' is not a number") }
        let day = row["sqldate"]
        guard day.count == 8, let date = try? EDTFDate(parsing: "\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))") else {
            return try skip("SQLDATE '\(day)' is not yyyymmdd")
        }
        try ensureSource(Self.gdeltSource)
        // GDELT rows carry no text of their own beyond names: the quote is the
        // article's address where the row gives one.
        let cite = citation(Self.gdeltSource.id, key: "GLOBALEVENTID \(id)", quote: row["sourceurl"])
        var actors: [Participant] = []
        var names: [String] = []
        for n in ["1", "2"] {
            let code = row["actor\(n)code"], name = row["actor\(n)name"], country = row["actor\(n)countrycode"]
            guard !code.isEmpty else { continue }
            names.append(name.isEmpty ? code : Self.titleCase(name))
            // A code that is a country code is the state; any other is its own actor
            // titled by its CAMEO parts and linked to the state it names.
            if code == country, let iso3 = countries.iso3(country), countries.names[iso3] != nil {
                let state = try stateActor(iso3: iso3)
                if !actors.contains(where: { $0.actor == state }) { actors.append(Participant(actor: state, role: "actor \(n)")) }
                continue
            }
            let parts = CAMEOActorCode(code, countries: countries)
            for p in try namedActor(parts.title, role: "actor \(n)", namespace: "gdelt", cite: cite, state: parts.iso3, key: code)
            where !actors.contains(where: { $0.actor == p.actor }) { actors.append(p) }
        }
        let root = row["eventrootcode"]
        let action = Self.cameoRoots[root.count == 1 ? "0" + root : root] ?? "Event"
        let placeName = row["actiongeo_fullname"]
        let place = placeName.isEmpty ? nil : Place(name: placeName, latitude: Double(row["actiongeo_lat"]), longitude: Double(row["actiongeo_long"]))
        var c = AtlasContent()
        c.events = [Event(id: "gdelt:" + id, title: "\(names.joined(separator: " → ")): \(action)" + (placeName.isEmpty ? "" : ", \(placeName)"),
                          date: date, type: EventTypes.cameo(root: root), place: place, actors: actors,
                          summary: "GDELT event, CAMEO code \(row["eventcode"]) (\(action); CAMEO \(row["eventcode"])), Goldstein \(row["goldsteinscale"]), \(row["nummentions"]) mentions.",
                          sources: [cite])]
        try upsert(c, kind: .events, dataset: Self.gdeltSource.id)
    }

    static func titleCase(_ s: String) -> String { s.lowercased().split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") }
}
