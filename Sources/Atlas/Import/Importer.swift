import Foundation
import GRDB

/// Imports dataset files into an atlas database.
///
/// Atomic: the database is copied (or created) beside itself, the import writes
/// the copy in one transaction, and only a finished, synced copy is renamed over
/// the original. A failure, ^C or SIGKILL at any point leaves the original as it
/// was. Idempotent: records are keyed by the dataset's own ids, and importing a
/// record again replaces it.
public enum Importer {
    /// Bytes of new search-index entries held in memory before FTS5 writes them.
    static let ftsBuffer = 128 << 20

    public static func run(preset: ImportPreset, files: [URL], into database: URL, withBuiltin: Bool = false,
                           options: ImportOptions = .init(),
                           progress: ((ImportProgress) -> Void)? = nil) throws(ImportError) -> ImportSummary {
        try run([ImportJob(preset: preset, files: files)], into: database, withBuiltin: withBuiltin,
                options: options, progress: progress)[0]
    }

    /// Several presets' files as one import: all of them land, or none does. Returns
    /// one summary per job.
    public static func run(_ jobs: [ImportJob], into database: URL, withBuiltin: Bool = false,
                           options: ImportOptions = .init(),
                           progress: ((ImportProgress) -> Void)? = nil) throws(ImportError) -> [ImportSummary] {
        let path = database.path
        // The jobs' seconds add up to the whole import's: the first includes copying
        // the database, the last building the summaries and renaming.
        var jobStart = Date()
        if jobs.contains(where: { $0.preset == .mapping }) && options.mapping == nil {
            throw .malformed(path: path, line: 0, reason: "the mapping preset needs a mapping file (--mapping FILE)")
        }
        // Every file is looked at before the database is touched: a binary or
        // unreadable file fails at once, not after the copy and a scan of its length.
        for job in jobs {
            for file in job.files { try ImportInputCheck.check(file) }
        }
        // An existing database must be one Crossroads can read (schema version, not
        // corrupt) before anything is written beside it.
        if FileManager.default.fileExists(atPath: path) {
            do { _ = try AtlasStore.open(database: path) } catch { throw ImportError.store(error) }
        }
        let copy = try WorkingCopy(of: database)
        let exists = copy.startedFromDatabase
        var summaries: [ImportSummary] = []
        do {
            let queue = try DatabaseQueue(path: copy.url.path)
            // The copy is thrown away on failure: no journal needed while writing it.
            // A large page cache keeps the indexes being filled in memory instead of
            // spilling and re-reading their pages (it is a ceiling, used as needed).
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
            }
            try queue.write { db in
                if !exists { try Schema.create(db) }
                // FTS5 gathers new index entries in memory and writes a segment each
                // time they pass `hashsize` (1 MB by default), then merges segments;
                // a larger buffer writes fewer, larger segments (a third less time).
                try db.execute(sql: "INSERT INTO search(search, rank) VALUES ('hashsize', \(Self.ftsBuffer))")
                let session = try ImportSession(db: db, options: options)
                if withBuiltin { try session.upsertBuiltin() }
                for job in jobs {
                    session.summary = ImportSummary()
                    for file in job.files {
                        try session.importFile(file, preset: job.preset, progress: progress, start: jobStart)
                    }
                    session.summary.seconds = Date().timeIntervalSince(jobStart)
                    jobStart = Date()
                    summaries.append(session.summary)
                }
                try db.execute(sql: "INSERT INTO search(search, rank) VALUES ('hashsize', 1048576)")
                try ListSummary.refresh(db)
            }
            try queue.close()
        } catch let e as ImportError {
            copy.abandon()
            throw e
        } catch {
            copy.abandon()
            throw ImportError.database(path: path, reason: AtlasStore.reason(error))
        }
        try copy.commit()
        if !summaries.isEmpty { summaries[summaries.count - 1].seconds += Date().timeIntervalSince(jobStart) }
        return summaries
    }
}

/// One preset and the files it reads.
public struct ImportJob: Sendable {
    public var preset: ImportPreset
    public var files: [URL]
    public init(preset: ImportPreset, files: [URL]) {
        self.preset = preset
        self.files = files
    }
}

/// One import's state: the open database, the records resolved so far, counts.
final class ImportSession {
    let db: Database
    let writer: StoreWriter
    let options: ImportOptions
    var summary = ImportSummary()
    let countries = Countries.shared
    /// Actor ids already resolved or created, by a key the preset chooses.
    var actorIDs: [String: String] = [:]
    var missionIDs: [String: String] = [:]
    var sourcesMade: Set<String> = []
    var file = ""
    var line = 0

    init(db: Database, options: ImportOptions) throws {
        self.db = db
        writer = try StoreWriter(db)
        self.options = options
    }

    /// The seed atlas's records, put in (or back) as they ship.
    func upsertBuiltin() throws {
        let content = try AtlasLoader.load(directory: AtlasLoader.builtinDirectory)
        var ids = content.sources.map(\.id) + content.actors.map(\.id)
        ids += content.missions.map(\.id) + content.events.map(\.id)
        for id in ids { try delete(id) }
        for l in content.links {
            try db.execute(sql: "DELETE FROM link WHERE from_id = ? AND rel = ? AND to_id = ?", arguments: [l.from, l.relation.rawValue, l.to])
        }
        try writer.insert(content, dataset: nil)
    }

    func importFile(_ url: URL, preset: ImportPreset, progress: ((ImportProgress) -> Void)?, start: Date) throws {
        file = url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ImportError.unreadable(path: url.path, reason: "cannot be read")
        }
        guard !data.isEmpty else { throw ImportError.malformed(path: url.path, line: 1, reason: "empty file") }
        let encoding: CSVReader.Encoding = switch options.encoding {
        case .utf8: .utf8
        case .cp1252: .cp1252
        case nil: .detect
        }
        var header: [String: Int] = [:]
        var rows = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            do {
                try CSVReader.forEach(in: bytes, separator: options.mapping?.separatorByte ?? preset.separator, encoding: encoding) { record in
                    line = record.line
                    if header.isEmpty, let fixed = preset.header {
                        for (i, name) in fixed.enumerated() { header[name] = i }
                    }
                    if header.isEmpty {
                        for i in 0..<record.count { header[record.trimmed(i).lowercased()] = i }
                        try checkColumns(preset, header)
                        return
                    }
                    rows += 1
                    summary.rowsRead += 1
                    // GDELT rows before April 2013 lack the last column, SOURCEURL.
                    let short = preset == .gdelt1 && record.count == header.count - 1
                    if record.count != header.count && !short {
                        try skip("row has \(record.count) fields, the header has \(header.count)")
                        return
                    }
                    if options.encoding == .utf8, let bad = (0..<record.count).first(where: { !record.isUTF8($0) }) {
                        try skip("field \(bad + 1) is not valid UTF-8 (try --encoding cp1252)")
                        return
                    }
                    let row = Row(record: record, header: header)
                    do {
                        switch preset {
                        case .unMissions: try unMission(row)
                        case .geoPKO: try geoPKO(row)
                        case .unscVetoes: try unscVeto(row)
                        case .ucdpGED: try ucdpEvent(row)
                        case .acled: try acledEvent(row)
                        case .gdelt1: try gdeltEvent(row)
                        case .mapping: try mappedEvent(row, options.mapping!)
                        }
                    } catch let e as ImportError {
                        throw e
                    } catch let e as DatabaseError {
                        throw e
                    } catch {
                        // A value a preset did not foresee (a date that passes its checks
                        // and still is none) is this row's problem, not the import's.
                        try skip("\(error)")
                    }
                    if rows % 20_000 == 0, let progress {
                        let done = record.fields.last.map(\.upperBound) ?? 0
                        progress(ImportProgress(file: url.lastPathComponent, rows: summary.rowsRead, bytesRead: done,
                                                bytesTotal: bytes.count, seconds: Date().timeIntervalSince(start)))
                    }
                }
            } catch let failure as CSVReader.Failure {
                switch failure {
                case .unclosedQuote(let at): throw ImportError.malformed(path: url.path, line: at, reason: "a quoted field is never closed")
                }
            }
        }
        if header.isEmpty { throw ImportError.malformed(path: url.path, line: 1, reason: "no header row") }
    }

    /// A row with its fields by column name.
    struct Row {
        let record: CSVReader.Record
        let header: [String: Int]
        subscript(_ column: String) -> String { header[column].map { record.trimmed($0) } ?? "" }
        func has(_ column: String) -> Bool { header[column] != nil }
    }

    static let requiredColumns: [ImportPreset: [String]] = [
        .unMissions: ["mission_acronym", "mission_name", "start_date", "end_date"],
        .geoPKO: ["mission", "year", "location", "year.overview"],
        .unscVetoes: ["date", "draft", "meeting_record", "agenda_item", "member_veto1"],
        .ucdpGED: ["id", "side_a", "side_b", "date_prec", "date_start", "date_end", "best"],
        .acled: ["event_id_cnty", "event_date", "actor1", "country", "location", "fatalities"],
    ]

    func checkColumns(_ preset: ImportPreset, _ header: [String: Int]) throws {
        let required = preset == .mapping ? (options.mapping?.columns ?? []).map { $0.lowercased() } : Self.requiredColumns[preset] ?? []
        let missing = required.filter { header[$0] == nil }
        if !missing.isEmpty { throw ImportError.missingColumns(path: file, columns: missing) }
    }

    func skip(_ reason: String) throws {
        let row = SkippedRow(file: file, line: line, reason: reason)
        if options.strict { throw ImportError.badRow(row) }
        summary.skip(row)
    }

    // MARK: writing

    /// Removes a record and everything hanging off it; returns whether it existed.
    @discardableResult
    func delete(_ id: String) throws -> Bool {
        guard let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM entity WHERE id = ?"), arguments: [id]) else {
            return false
        }
        for table in ["alias WHERE entity", "participant WHERE event", "event_mission WHERE event", "citation WHERE entity",
                      "figure WHERE entity", "search WHERE rowid", "entity WHERE rowid"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) = ?").execute(arguments: [rowid])
        }
        try db.cachedStatement(sql: "DELETE FROM link WHERE from_id = ?").execute(arguments: [id])
        return true
    }

    /// Writes records, replacing any with the same ids, and counts them.
    func upsert(_ content: AtlasContent) throws {
        var ids = content.sources.map(\.id) + content.actors.map(\.id)
        ids += content.missions.map(\.id) + content.events.map(\.id)
        for id in ids {
            if try delete(id) { summary.updated += 1 } else { summary.imported += 1 }
        }
        try writer.insert(content, dataset: nil)
    }

    /// The dataset's own source record, made once per import when not there.
    func ensureSource(_ s: Source) throws {
        guard !sourcesMade.contains(s.id) else { return }
        sourcesMade.insert(s.id)
        if try Int64.fetchOne(db, sql: "SELECT rowid FROM entity WHERE id = ?", arguments: [s.id]) != nil { return }
        var c = AtlasContent()
        c.sources = [s]
        try writer.insert(c, dataset: nil)
    }

    /// The actor of a state: an existing record with its ISO code (from the seed
    /// atlas or an earlier import), or a new `country:ISO3` record.
    func stateActor(iso3: String) throws -> String {
        if let known = actorIDs["iso:" + iso3] { return known }
        let id: String
        if let existing = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM entity WHERE kind = 'actor' AND iso3 = ? ORDER BY rowid LIMIT 1"),
                                              arguments: [iso3]) {
            id = existing
        } else {
            id = "country:" + iso3
            var c = AtlasContent()
            c.actors = [Actor(id: id, title: countries.names[iso3] ?? iso3, type: .state, iso3: iso3)]
            try writer.insert(c, dataset: nil)
            summary.imported += 1
        }
        actorIDs["iso:" + iso3] = id
        return id
    }

    /// A non-state actor of a dataset, made once per import.
    func datasetActor(id: String, title: String, type: Actor.ActorType, source: Citation) throws -> String {
        if actorIDs[id] != nil { return id }
        actorIDs[id] = id
        var c = AtlasContent()
        c.actors = [Actor(id: id, title: title, type: type, sources: [source])]
        try upsert(c)
        return id
    }

    /// The mission with an acronym: the atlas's own record when it has one
    /// (UNDOF of the seed atlas), else `un-mission:ACRONYM`.
    func missionID(acronym: String) throws -> String? {
        if let known = missionIDs[acronym] { return known }
        let id = try String.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM entity WHERE kind = 'mission' AND acronym = ? ORDER BY (id LIKE 'un-mission:%'), rowid LIMIT 1
            """), arguments: [acronym])
        if let id { missionIDs[acronym] = id }
        return id
    }
}
