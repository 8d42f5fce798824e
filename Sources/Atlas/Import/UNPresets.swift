import Foundation
import GRDB

/// The UN presets: the Peace and Security Data Hub mission list, Geo-PKO
/// deployments and the Security Council veto list.
extension ImportSession {
    static let unMissionsSource = Source(id: "un-psdata-missions", title: "UN Peace and Security Data Hub: peacekeeping missions",
                                         kind: "dataset", publisher: "United Nations DPPA/DPO", locator: "acronym")
    static let geoPKOSource = Source(id: "geo-pko", title: "Geo-PKO: Georeferenced Peacekeeping Operations dataset",
                                     kind: "dataset", publisher: "Uppsala University (Geo-PKO project)", locator: "line")

    /// un-missions: acronym, name, dates, status, location and coordinates
    /// (written with decimal commas) → a mission.
    func unMission(_ row: Row) throws {
        let acronym = row["mission_acronym"]
        guard !acronym.isEmpty else { return try skip("no mission_acronym") }
        let name = row["mission_name"]
        guard !name.isEmpty else { return try skip("no mission_name") }
        let startText = row["start_date"], endText = row["end_date"]
        guard let start = try? EDTFDate(parsing: startText) else { return try skip("start_date '\(startText)' is not a date") }
        let end = endText.isEmpty ? nil : try? EDTFDate(parsing: endText)
        if !endText.isEmpty && end == nil { return try skip("end_date '\(endText)' is not a date") }
        // The mandate is the interval from start to end: an end before the start, or
        // a date that is already an interval, is a bad row, not a failed import.
        guard !start.isInterval, end?.isInterval != true,
              let mandate = try? EDTFDate(parsing: start.text + "/" + (end?.text ?? "..")) else {
            return try skip("start_date '\(startText)' to end_date '\(endText)' is not a mandate interval (the end before the start, or an interval for a date)")
        }
        try ensureSource(Self.unMissionsSource)
        if let existing = try missionID(acronym: acronym), !existing.hasPrefix("un-mission:") {
            // The atlas has its own, cited record of this mission: it stays as it is.
            summary.kept += 1
            return
        }
        let active = row["mission_isactive"].lowercased() == "yes"
        let quote = [acronym, name, startText, endText].joined(separator: ",")
        var c = AtlasContent()
        c.missions = [Mission(id: "un-mission:" + acronym, title: name, acronym: acronym, type: "peacekeeping",
                              status: active ? .active : .closed, location: row["mission_location"].isEmpty ? nil : row["mission_location"],
                              mandate: mandate,
                              sources: [Citation(source: Self.unMissionsSource.id, locator: "acronym \(acronym)", quote: quote)])]
        try upsert(c)
        missionIDs[acronym] = "un-mission:" + acronym
        // Coordinates come as "35,9211": a decimal comma.
        if let lon = Double(row["mission_longitude"].replacingOccurrences(of: ",", with: ".")),
           let lat = Double(row["mission_latitude"].replacingOccurrences(of: ",", with: ".")) {
            try db.cachedStatement(sql: "UPDATE entity SET lat = ?, lon = ? WHERE id = ?").execute(arguments: [lat, lon, "un-mission:" + acronym])
        }
    }

    /// geo-pko: one row per mission, year and location, with the contingents there
    /// as "India (145), Ireland (150)" → a troop figure per country on the mission.
    func geoPKO(_ row: Row) throws {
        let acronym = row["mission"], yearText = row["year"], location = row["location"]
        guard !acronym.isEmpty else { return try skip("no mission") }
        guard let year = Int(yearText), (1900...2100).contains(year), let date = try? EDTFDate(parsing: yearText) else {
            return try skip("year '\(yearText)' is not a year")
        }
        try ensureSource(Self.geoPKOSource)
        var missionID = try missionID(acronym: acronym)
        if missionID == nil {
            var c = AtlasContent()
            c.missions = [Mission(id: "un-mission:" + acronym, title: acronym, acronym: acronym, type: "peacekeeping", status: .closed,
                                  sources: [Citation(source: Self.geoPKOSource.id, locator: "line \(line)", quote: acronym)])]
            try upsert(c)
            missionIDs[acronym] = "un-mission:" + acronym
            missionID = "un-mission:" + acronym
        }
        guard let missionID, let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM entity WHERE id = ?"),
                                                            arguments: [missionID]) else { return }
        let overview = row["year.overview"]
        var figures = 0
        for part in overview.split(separator: ",") {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let open = text.lastIndex(of: "("), text.hasSuffix(")") else { continue }
            let name = text[..<open].trimmingCharacters(in: .whitespaces)
            let size = text[text.index(after: open)..<text.index(before: text.endIndex)]
            guard let count = Int(size) else { continue }     // "size unknown"
            guard let iso3 = countries.iso3(name) else { continue }   // "Multinational", "TCC name unknown"
            let actor = try stateActor(iso3: iso3)
            // Replace this dataset's figure for the same mission, year, place and country.
            try db.cachedStatement(sql: """
                DELETE FROM figure WHERE entity = ? AND dataset = 'geo-pko' AND date = ? AND location IS ? AND actor = ?
                """).execute(arguments: [rowid, date.text, location, actor])
            let replaced = db.changesCount > 0
            let ord = try Int.fetchOne(db.cachedStatement(sql: "SELECT ifnull(max(ord), -1) + 1 FROM figure WHERE entity = ?"),
                                       arguments: [rowid]) ?? 0
            try db.cachedStatement(sql: """
                INSERT INTO figure(entity, ord, date, date_start, actor, category, count, qualifier, location,
                                   source, locator, quote, dataset)
                VALUES (?, ?, ?, ?, ?, 'troops', ?, 'exactly', ?, 'geo-pko', ?, ?, 'geo-pko')
                """).execute(arguments: [rowid, ord, date.text, date.sortKey, actor, count, location,
                                         "\(URL(fileURLWithPath: file).lastPathComponent) line \(line)", text])
            if replaced { summary.updated += 1 } else { summary.imported += 1 }
            figures += 1
        }
        if figures == 0 { try skip("no contingent with a known country and size") }
    }

    /// unsc-vetoes: one row per vetoed draft → a vote event keyed by the draft's
    /// symbol, with the vetoing members as actors.
    func unscVeto(_ row: Row) throws {
        let draft = row["draft"]
        guard !draft.isEmpty else { return try skip("no draft symbol") }
        let dateText = row["date"]
        guard let date = Self.monthDayYear(dateText) else { return try skip("date '\(dateText)' is not m/d/yyyy") }
        let source = try ensureVetoSource()
        let agenda = row["agenda_item"], topic = row["crisis_topic"], meeting = row["meeting_record"]
        var actors: [Participant] = []
        var members: [String] = []
        for column in ["member_veto1", "member_veto2", "member_veto3"] {
            let member = row[column]
            guard !member.isEmpty else { continue }
            guard let iso3 = countries.iso3(member) else { return try skip("\(column) '\(member)' is not a known state") }
            actors.append(Participant(actor: try stateActor(iso3: iso3), role: "vetoed"))
            members.append(member)
        }
        guard !actors.isEmpty else { return try skip("no vetoing member") }
        let subject = topic.isEmpty ? agenda : topic
        var c = AtlasContent()
        c.events = [Event(id: "unsc-veto:" + draft, title: "\(members.joined(separator: " and ")) veto\(members.count == 1 ? "es" : "") draft \(draft) on \(subject)",
                          date: date, type: "vote", place: Place(name: "UN Security Council", region: "New York"),
                          actors: actors,
                          summary: "Security Council draft resolution \(draft) (agenda: \(agenda)) was not adopted: vetoed by \(members.joined(separator: ", ")) at meeting \(meeting).",
                          sources: [Citation(source: source, locator: "key \(draft)", quote: [dateText, draft, meeting, agenda].joined(separator: ","))])]
        try upsert(c)
    }

    /// The seed atlas cites this very dataset; its record is used when present.
    func ensureVetoSource() throws -> String {
        let s = Source(id: "unsc-vetoes-dataset", title: "UN Security Council vetoes 1946 to Sept 2022", kind: "dataset",
                       publisher: "World Politics Datalab", url: "https://github.com/world-politics-datalab/vetoes-un-security-council",
                       locator: "key")
        try ensureSource(s)
        return s.id
    }

    /// "2/28/2017" → 2017-02-28.
    static func monthDayYear(_ s: String) -> EDTFDate? {
        let p = s.split(separator: "/")
        guard p.count == 3, let m = Int(p[0]), let d = Int(p[1]), let y = Int(p[2]), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return try? EDTFDate(parsing: String(format: "%04d-%02d-%02d", y, m, d))
    }
}
