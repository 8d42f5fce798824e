import Foundation
import GRDB
import GRDBSQLite

/// Writes records into an open database: the in-memory atlas, database builds and
/// imports.
///
/// Binds its statements itself rather than through GRDB's `execute(arguments:)`:
/// GRDB boxes every value as a `DatabaseValue` in an array and finds a cached
/// statement by hashing its SQL, and at an import's hundreds of thousands of rows
/// that bookkeeping cost more than SQLite's own work. The statements are prepared
/// once per writer, so an import keeps one writer for its whole run.
final class StoreWriter {
    let db: Database
    private let entity: Statement
    private let alias: Statement
    private let citation: Statement
    private let participant: Statement
    private let eventMission: Statement
    private let figure: Statement
    private let search: Statement
    private let link: Statement
    /// When set, search entries go to an index built on another thread (an import
    /// into a new database) instead of this database's FTS5 table.
    var searchBuilder: SearchIndexBuilder?

    init(_ db: Database) throws {
        self.db = db
        // A file of an older schema gets the search index's new columns first.
        try Schema.upgrade(db)
        entity = try db.makeStatement(sql: """
            INSERT INTO entity(id, kind, title, summary, type, date, date_start, date_end, sort, dataset,
                               place_name, place_region, place_country, lat, lon, iso3, acronym, status, location,
                               headquarters, mandate, publisher, author, url, locator)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        alias = try db.makeStatement(sql: "INSERT INTO alias(entity, name) VALUES (?, ?)")
        citation = try db.makeStatement(sql: "INSERT INTO citation(entity, ord, source, locator, quote) VALUES (?, ?, ?, ?, ?)")
        participant = try db.makeStatement(sql: """
            INSERT INTO participant(event, actor, role, sort, ord) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(event, actor) DO UPDATE SET role = role || ', ' || excluded.role
            """)
        eventMission = try db.makeStatement(sql: "INSERT OR IGNORE INTO event_mission(event, mission, sort, ord) VALUES (?, ?, ?, ?)")
        figure = try db.makeStatement(sql: """
            INSERT INTO figure(entity, ord, date, date_start, actor, category, count, qualifier, location,
                               source, locator, quote, dataset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        search = try db.makeStatement(sql: "INSERT INTO search(rowid, title, aliases, summary, place, quotes) VALUES (?, ?, ?, ?, ?, ?)")
        link = try db.makeStatement(sql: "INSERT OR IGNORE INTO link(from_id, rel, to_id) VALUES (?, ?, ?)")
    }

    func insert(_ content: AtlasContent, dataset: String?) throws {
        for s in content.sources {
            var f = EntityFields(id: s.id, kind: .source, title: s.title, summary: s.summary, type: s.kind, date: s.date)
            f.publisher = s.publisher; f.author = s.author; f.url = s.url; f.locator = s.locator
            let row = try insertEntity(f, dataset: dataset)
            try index(row, title: s.title, aliases: [], summary: s.summary, place: s.publisher, quotes: [])
        }
        for a in content.actors {
            var f = EntityFields(id: a.id, kind: .actor, title: a.title, summary: a.summary, type: a.type.rawValue, date: nil)
            f.iso3 = a.iso3
            let row = try insertEntity(f, dataset: dataset)
            try insertShared(row, aliases: a.aliases, sources: a.sources)
            try index(row, title: a.title, aliases: a.aliases + [a.iso3].compactMap { $0 }, summary: a.summary, place: nil,
                      quotes: Self.quotes(a.sources, []))
        }
        for m in content.missions {
            var f = EntityFields(id: m.id, kind: .mission, title: m.title, summary: m.summary, type: m.type, date: m.mandate)
            f.acronym = m.acronym; f.status = m.status.rawValue; f.location = m.location
            f.headquarters = m.headquarters; f.mandate = m.mandate?.text
            let row = try insertEntity(f, dataset: dataset)
            try insertShared(row, aliases: m.aliases, sources: m.sources)
            try insertFigures(row, m.figures, dataset: dataset)
            let place = [m.location, m.headquarters].compactMap { $0 }.joined(separator: " ")
            try index(row, title: m.title, aliases: m.aliases + [m.acronym].compactMap { $0 }, summary: m.summary, place: place,
                      quotes: Self.quotes(m.sources, m.figures))
        }
        for e in content.events {
            var f = EntityFields(id: e.id, kind: .event, title: e.title, summary: e.summary, type: e.type, date: e.date)
            f.placeName = e.place?.name; f.placeRegion = e.place?.region; f.placeCountry = e.place?.country
            if let lat = e.place?.latitude, let lon = e.place?.longitude { f.lat = lat; f.lon = lon }
            let row = try insertEntity(f, dataset: dataset)
            try insertShared(row, aliases: e.aliases, sources: e.sources)
            let sort = e.date.sortKey
            for (i, p) in e.actors.enumerated() {
                try run(participant, row, p.actor, p.role, sort, Int64(i))
            }
            for (i, m) in e.missions.enumerated() {
                try run(eventMission, row, m, sort, Int64(i))
            }
            try insertFigures(row, e.figures, dataset: dataset)
            let place: String = switch (e.place?.name, e.place?.region) {
            case (let n?, let r?): n + " " + r
            case (let n?, nil): n
            case (nil, let r?): r
            case (nil, nil): ""
            }
            try index(row, title: e.title, aliases: e.aliases, summary: e.summary, place: place, quotes: Self.quotes(e.sources, e.figures))
        }
        for l in content.links {
            try run(link, l.from, l.relation.rawValue, l.to)
        }
    }

    /// The columns of an entity row that vary by kind.
    private struct EntityFields {
        var id: String, kind: RecordKind, title: String, summary: String?, type: String?, date: EDTFDate?
        var placeName: String?, placeRegion: String?, placeCountry: String?, lat: Double?, lon: Double?
        var iso3: String?, acronym: String?, status: String?, location: String?, headquarters: String?, mandate: String?
        var publisher: String?, author: String?, url: String?, locator: String?

        init(id: String, kind: RecordKind, title: String, summary: String?, type: String?, date: EDTFDate?) {
            self.id = id; self.kind = kind; self.title = title; self.summary = summary; self.type = type; self.date = date
        }
    }

    private func insertEntity(_ f: EntityFields, dataset: String?) throws -> Int64 {
        // Events sort by their earliest day, everything else by folded title.
        let sortKey: any SQLBindable = f.kind == .event ? (f.date?.sortKey ?? 0) : TextFold.sortKey(f.title)
        try run(entity, f.id, f.kind.rawValue, f.title, f.summary, f.type, f.date?.text, f.date?.sortKey, f.date?.endKey,
                sortKey, dataset, f.placeName, f.placeRegion, f.placeCountry, f.lat, f.lon, f.iso3, f.acronym, f.status,
                f.location, f.headquarters, f.mandate, f.publisher, f.author, f.url, f.locator)
        return db.lastInsertedRowID
    }

    private func insertShared(_ row: Int64, aliases: [String], sources: [Citation]) throws {
        for a in aliases {
            try run(alias, row, a)
        }
        for (i, c) in sources.enumerated() {
            try run(citation, row, Int64(i), c.source, c.locator, c.quote)
        }
    }

    private func insertFigures(_ row: Int64, _ figures: [Figure], dataset: String?) throws {
        for (i, f) in figures.enumerated() {
            try run(figure, row, Int64(i), f.date?.text, f.date?.sortKey, f.actor, f.category, Int64(f.count),
                    f.qualifier.rawValue, f.location, f.source?.source, f.source?.locator, f.source?.quote, dataset)
        }
    }

    /// The one place a record's search entry is made: this database's FTS5 table, or
    /// the index an import builds on the other core.
    private func index(_ row: Int64, title: String, aliases: [String], summary: String?, place: String?, quotes: [String]) throws {
        let joinedAliases = aliases.joined(separator: " ; "), joinedQuotes = quotes.joined(separator: " ; ")
        if let searchBuilder {
            searchBuilder.insert(rowid: row, title: title, aliases: joinedAliases, summary: summary ?? "", place: place ?? "",
                                 quotes: joinedQuotes)
        } else {
            try run(search, row, title, joinedAliases, summary ?? "", place ?? "", joinedQuotes)
        }
    }

    /// The verbatim words a record cites, searched too: an article's own word is what a
    /// reader remembers ("evacuation"), not our summary's.
    private static func quotes(_ sources: [Citation], _ figures: [Figure]) -> [String] {
        sources.map(\.quote) + figures.compactMap { $0.source?.quote }
    }

    /// Removes a record's search entry.
    func unindex(_ row: Int64) throws {
        if let searchBuilder {
            searchBuilder.delete(rowid: row)
        } else {
            try db.cachedStatement(sql: "DELETE FROM search WHERE rowid = ?").execute(arguments: [row])
        }
    }

    /// Binds the values in order and steps the statement once (also for the
    /// import's own bookkeeping statements, which it prepares once).
    func run(_ statement: Statement, _ values: any SQLBindable...) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (i, v) in values.enumerated() { v.bind(to: handle, at: Int32(i + 1)) }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}

/// A value bound straight into a prepared SQLite statement (see `StoreWriter`).
protocol SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32)
}

/// SQLite copies the bytes before the bind returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension String {
    /// The text as the store keeps it. SQLite keeps a NUL, but reading text back
    /// (GRDB, the C string API) ends it there and would hide the rest: it is stored
    /// as its visible picture, U+2400, as the screen shows it anyway.
    func withNULAsPicture() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{0}" ? "\u{2400}" : $0 }))
    }
}

extension String: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) {
        var s = self
        s.withUTF8 { buf in
            // An empty buffer may have no address, and a null pointer would bind NULL.
            guard let base = buf.baseAddress, buf.count > 0 else {
                sqlite3_bind_text(statement, index, "", 0, transient)
                return
            }
            if memchr(base, 0, buf.count) != nil {
                (withNULAsPicture() as SQLBindable).bind(to: statement, at: index)
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                _ = sqlite3_bind_text(statement, index, $0, Int32(buf.count), transient)
            }
        }
    }
}

extension Int64: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) { sqlite3_bind_int64(statement, index, self) }
}

extension Int: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) { sqlite3_bind_int64(statement, index, Int64(self)) }
}

extension Double: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) { sqlite3_bind_double(statement, index, self) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    func bind(to statement: OpaquePointer, at index: Int32) {
        if let v = self { v.bind(to: statement, at: index) } else { sqlite3_bind_null(statement, index) }
    }
}
