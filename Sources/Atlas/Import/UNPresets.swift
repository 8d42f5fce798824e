import Foundation
import GRDB

/// The UN presets: the Peace and Security Data Hub mission list, Geo-PKO
/// deployments and the Security Council veto list.
extension ImportSession {
    static let unMissionsSource = Source(id: "un-psdata-missions", title: "UN Peace and Security Data Hub: peacekeeping missions",
                                         kind: "dataset", publisher: "United Nations DPPA/DPO", locator: "line and key")
    static let geoPKOSource = Source(id: "geo-pko", title: "Geo-PKO: Georeferenced Peacekeeping Operations dataset",
                                     kind: "dataset", publisher: "Uppsala University (Geo-PKO project)", locator: "line and key")

    /// un-missions: acronym, name, dates, status, location and coordinates
    /// (written with decimal commas) → a mission. A date the list leaves empty is
    /// unknown, not a reason to leave the mission out (UNOHCI, UNFOR, UNSCOB).
    func unMission(_ row: Row) throws {
        let acronym = row["mission_acronym"]
        guard !acronym.isEmpty else { return try skip("no mission_acronym") }
        let name = row["mission_name"]
        guard !name.isEmpty else { return try skip("no mission_name") }
        let startText = row["start_date"], endText = row["end_date"]
        let start = startText.isEmpty ? nil : try? EDTFDate(parsing: startText)
        if !startText.isEmpty && start == nil { return try skip("start_date '\(startText)' is not a date") }
        let end = endText.isEmpty ? nil : try? EDTFDate(parsing: endText)
        if !endText.isEmpty && end == nil { return try skip("end_date '\(endText)' is not a date") }
        // The mandate is the interval from start to end (an empty start is unknown,
        // an empty end open): an end before the start, or a date that is already an
        // interval, is a bad row, not a failed import.
        var mandate: EDTFDate?
        if start != nil || end != nil {
            guard start?.isInterval != true, end?.isInterval != true,
                  let m = try? EDTFDate(parsing: (start?.text ?? "") + "/" + (end?.text ?? "..")) else {
                return try skip("start_date '\(startText)' to end_date '\(endText)' is not a mandate interval (the end before the start, or an interval for a date)")
            }
            mandate = m
        }
        try ensureSource(Self.unMissionsSource)
        let active = row["mission_isactive"].lowercased() == "yes"
        var c = AtlasContent()
        c.missions = [Mission(id: "un-mission:" + acronym, title: name, acronym: acronym, type: "peacekeeping",
                              status: active ? .active : .closed, location: row["mission_location"].isEmpty ? nil : row["mission_location"],
                              mandate: mandate,
                              sources: [citation(Self.unMissionsSource.id, key: "mission_acronym \(acronym)", quote: name)])]
        // Coordinates come as "35,9211": a decimal comma.
        let lon = Double(row["mission_longitude"].replacingOccurrences(of: ",", with: "."))
        let lat = Double(row["mission_latitude"].replacingOccurrences(of: ",", with: "."))
        if let existing = try missionID(acronym: acronym), !existing.hasPrefix("un-mission:") {
            return try merge(c.missions[0], into: existing, lat: lat, lon: lon)
        }
        try upsert(c, kind: .missions, dataset: Self.unMissionsSource.id, scope: .list)
        missionIDs[acronym] = "un-mission:" + acronym
        if let lon, let lat {
            try db.cachedStatement(sql: "UPDATE entity SET lat = ?, lon = ? WHERE id = ?").execute(arguments: [lat, lon, "un-mission:" + acronym])
        }
    }

    /// The atlas has its own, cited record of this mission (the seed atlas's UNDOF):
    /// it keeps its facts, gains the dataset's where it has none (mandate dates,
    /// location, coordinates) and the dataset's citation, and answers to the
    /// dataset's key (`un-mission:UNDOF`, through `import_record.record`).
    func merge(_ mission: Mission, into existing: String, lat: Double?, lon: Double?) throws {
        let key = mission.id
        var content = AtlasContent()
        content.missions = [mission]
        let fingerprint = RecordFingerprint(content).stored + ";lat=\(lat.map { "\($0)" } ?? "");lon=\(lon.map { "\($0)" } ?? "")"
        let previous = try previousImport(key)
        // Unchanged only while the record still carries what the last import gave it
        // (the built-in atlas put in again has lost it).
        let carries = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM citation c JOIN entity e ON e.rowid = c.entity WHERE e.id = ? AND c.source = ?
            """, arguments: [existing, Self.unMissionsSource.id]) ?? 0 > 0
        if let previous, carries, previous.withdrawn == nil, previous.fingerprint == fingerprint, previous.record == existing {
            if previous.sameRun {
                rowMerged = "the same record as line \(previous.line) (a repeated row)"
            } else {
                try recordImport(key, dataset: Self.unMissionsSource.id, kind: .missions, fingerprint: fingerprint, scope: .list, record: existing)
                summary.count(.missions, .unchanged)
            }
            return
        }
        guard let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM entity WHERE id = ?"), arguments: [existing]) else { return }
        var gained: [String] = []
        if let mandate = mission.mandate,
           try Int.fetchOne(db, sql: "SELECT mandate IS NULL FROM entity WHERE rowid = ?", arguments: [rowid]) == 1 {
            try db.execute(sql: "UPDATE entity SET mandate = ?, date = ?, date_start = ?, date_end = ? WHERE rowid = ?",
                           arguments: [mandate.text, mandate.text, mandate.sortKey, mandate.endKey, rowid])
            gained.append("mandate")
        }
        if let location = mission.location,
           try Int.fetchOne(db, sql: "SELECT location IS NULL FROM entity WHERE rowid = ?", arguments: [rowid]) == 1 {
            try db.execute(sql: "UPDATE entity SET location = ? WHERE rowid = ?", arguments: [location, rowid])
            gained.append("location")
        }
        if let lat, let lon, try Int.fetchOne(db, sql: "SELECT lat IS NULL FROM entity WHERE rowid = ?", arguments: [rowid]) == 1 {
            try db.execute(sql: "UPDATE entity SET lat = ?, lon = ? WHERE rowid = ?", arguments: [lat, lon, rowid])
            gained.append("coordinates")
        }
        // The dataset's citation replaces the one an earlier import of it added.
        try db.execute(sql: "DELETE FROM citation WHERE entity = ? AND source = ?", arguments: [rowid, Self.unMissionsSource.id])
        let cite = mission.sources[0]
        try db.execute(sql: "INSERT INTO citation(entity, ord, source, locator, quote) VALUES (?, (SELECT ifnull(max(ord), -1) + 1 FROM citation WHERE entity = ?), ?, ?, ?)",
                       arguments: [rowid, rowid, cite.source, cite.locator, cite.quote])
        try recordImport(key, dataset: Self.unMissionsSource.id, kind: .missions, fingerprint: fingerprint, scope: .list, record: existing)
        let what = (gained + ["citation"]).joined(separator: ", ")
        summary.count(.missions, .updated("the atlas's own record keeps its facts and gains the dataset's \(what)"))
    }

    /// geo-pko: one row per mission, year and site, with the contingents there as
    /// "India (145), Korea (ROK) (150), China (size unknown)" → a troop figure per
    /// country on the mission. A figure is keyed by mission, year, site (name and
    /// coordinates: two sites may share a name) and country. A contingent without a
    /// size or a state is a skipped item with its line, never a silent drop.
    func geoPKO(_ row: Row) throws {
        let acronym = row["mission"], yearText = row["year"], location = row["location"]
        guard !acronym.isEmpty else { return try skip("no mission") }
        guard let year = Int(yearText), (1900...2100).contains(year), let date = try? EDTFDate(parsing: yearText) else {
            return try skip("year '\(yearText)' is not a year")
        }
        // The contingents first: a row none of which can be a figure is skipped
        // before it makes anything (not even its mission).
        let overview = row["year.overview"]
        var figures: [(contingent: Contingent, iso3: String, count: Int)] = []
        for contingent in Self.contingents(overview) {
            guard let count = contingent.size else {
                skipItem("contingent '\(contingent.text)': size unknown", reason: "contingent of unknown size")
                continue
            }
            guard let iso3 = countries.iso3(contingent.name) else {
                skipItem("contingent '\(contingent.text)': '\(contingent.name)' is not a state in the country table",
                         reason: "contingent that is not a state (\(contingent.name))")
                continue
            }
            figures.append((contingent, iso3, count))
        }
        guard !figures.isEmpty else { return try skip("no contingent with a known state and size") }
        try ensureSource(Self.geoPKOSource)
        var missionID = try missionID(acronym: acronym)
        if missionID == nil {
            var c = AtlasContent()
            c.missions = [Mission(id: "un-mission:" + acronym, title: acronym, acronym: acronym, type: "peacekeeping", status: .closed,
                                  sources: [citation(Self.geoPKOSource.id, key: "mission \(acronym)", quote: acronym)])]
            try upsert(c, kind: .missions, dataset: Self.geoPKOSource.id, scope: .list)
            rowMerged = nil
            missionIDs[acronym] = "un-mission:" + acronym
            missionID = "un-mission:" + acronym
        }
        // A mission this dataset made is in this export too.
        if let missionID { try touchImport(missionID, dataset: Self.geoPKOSource.id) }
        guard let missionID, let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM entity WHERE id = ?"),
                                                            arguments: [missionID]) else { return }
        let site = "\(location)@\(row["latitude"]),\(row["longitude"])"
        var written = 0
        var repeats: [Int] = []
        for (_, iso3, count) in figures {
            let actor = try stateActor(iso3: iso3)
            let key = "geo-pko:\(acronym)/\(yearText)/\(site)/\(iso3)"
            switch try upsertFigure(entity: rowid, key: key, date: date, actor: actor, count: count, location: location,
                                    quote: overview, dataset: Self.geoPKOSource.id) {
            case .repeated(let earlier): repeats.append(earlier)
            case .written: written += 1
            }
        }
        if written == 0, let first = repeats.first {
            rowMerged = "the same site, year and contingents as line \(first) (a repeated row)"
        }
    }

    /// One contingent of Geo-PKO's `year.overview`: "Korea (ROK) (150)" is Korea
    /// (ROK), 150; "China (size unknown)" has no size.
    struct Contingent {
        var text: String
        var name: String
        var size: Int?
    }

    static func contingents(_ overview: String) -> [Contingent] {
        overview.split(separator: ",").compactMap { part in
            let text = TextFold.trimSpaces(String(part)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return nil }
            // The size is in the last parentheses; a name may have its own ("Korea (ROK)").
            guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return Contingent(text: text, name: text, size: nil) }
            let name = text[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
            let size = Int(text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces))
            return Contingent(text: text, name: name, size: size)
        }
    }

    enum FigureWrite {
        case written
        /// The same key was written by an earlier line of this import, with the same count.
        case repeated(line: Int)
    }

    /// Writes one dataset figure keyed by `key` on a record, and counts it like a
    /// record: new, unchanged, or updated with why.
    func upsertFigure(entity rowid: Int64, key: String, date: EDTFDate, actor: String, count: Int, location: String,
                      quote: String, dataset: String, category: String = "troops", scope: Scope = .list) throws -> FigureWrite {
        let fingerprint = "count=\(count);location=\(location)"
        var outcome = RecordOutcome.new
        if let previous = try previousImport(key) {
            if let day = previous.withdrawn {
                outcome = .updated("back in this export after being withdrawn on \(day)")
            } else if previous.fingerprint == fingerprint {
                if previous.sameRun { return .repeated(line: previous.line) }
                outcome = .unchanged
            } else {
                outcome = .updated(previous.sameRun ? "the key repeats line \(previous.line) with another count; this line kept" : "count changed")
            }
        }
        try recordImport(key, dataset: dataset, kind: .figures, fingerprint: fingerprint, scope: scope)
        if outcome == .unchanged {
            // It keeps the citation of the import it came from. A figure the import
            // record knows but the record no longer carries is written again, as new.
            if try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM figure WHERE entity = ? AND key = ?"),
                                arguments: [rowid, key]) ?? 0 > 0 {
                summary.count(.figures, .unchanged)
                return .written
            }
            outcome = .new
        }
        summary.count(.figures, outcome)
        try db.cachedStatement(sql: "DELETE FROM figure WHERE entity = ? AND key = ?").execute(arguments: [rowid, key])
        let ord = try Int.fetchOne(db.cachedStatement(sql: "SELECT ifnull(max(ord), -1) + 1 FROM figure WHERE entity = ?"),
                                   arguments: [rowid]) ?? 0
        let cite = citation(dataset, key: key, quote: quote)
        try db.cachedStatement(sql: """
            INSERT INTO figure(entity, ord, date, date_start, actor, category, count, qualifier, location,
                               source, locator, quote, dataset, key)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'exactly', ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [rowid, ord, date.text, date.sortKey, actor, category, count, location.isEmpty ? nil : location,
                                     dataset, cite.locator, cite.quote, dataset, key])
        return .written
    }

    /// unsc-vetoes: one row per veto → a vote event keyed by the draft's symbol. A
    /// symbol on several rows (a meeting record standing for drafts without one:
    /// `S/PV.49` three times, `S/PV.57` for three membership applications) keys its
    /// second and later rows `SYMBOL#2`, `#3` in the order of the file: only the
    /// position tells two identical rows apart, and the first keeps the plain
    /// symbol the seed atlas links to.
    func unscVeto(_ row: Row) throws {
        let draft = row["draft"]
        guard !draft.isEmpty else { return try skip("no draft symbol") }
        let dateText = row["date"]
        guard let date = Self.monthDayYear(dateText) else { return try skip("date '\(dateText)' is not m/d/yyyy") }
        let source = try ensureVetoSource()
        let agenda = row["agenda_item"], topic = row["crisis_topic"], meeting = row["meeting_record"]
        // Every member is resolved before any state is made: a skipped row makes nothing.
        var states: [String] = []
        var members: [String] = []
        for column in ["member_veto1", "member_veto2", "member_veto3"] {
            let member = row[column]
            guard !member.isEmpty else { continue }
            guard let iso3 = countries.iso3(member) else { return try skip("\(column) '\(member)' is not a known state") }
            states.append(iso3)
            members.append(member)
        }
        guard !states.isEmpty else { return try skip("no vetoing member") }
        let actors = try states.map { Participant(actor: try stateActor(iso3: $0), role: "vetoed") }
        let nth = (vetoDrafts[draft] ?? 0) + 1
        vetoDrafts[draft] = nth
        let key = nth == 1 ? draft : "\(draft)#\(nth)"
        let subject = topic.isEmpty ? agenda : topic
        var c = AtlasContent()
        c.events = [Event(id: "unsc-veto:" + key, title: "\(members.joined(separator: " and ")) veto\(members.count == 1 ? "es" : "") draft \(draft) on \(subject)",
                          date: date, type: "vote", place: Place(name: "UN Security Council", region: "New York"),
                          actors: actors,
                          summary: "Security Council draft resolution \(draft) (agenda: \(agenda)) was not adopted: vetoed by \(members.joined(separator: ", ")) at meeting \(meeting).",
                          sources: [citation(source, key: "draft \(key)", quote: agenda.isEmpty ? topic : agenda)])]
        try upsert(c, kind: .events, dataset: source, scope: .list)
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
