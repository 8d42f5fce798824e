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
    /// 16 MB: at 100,000 rows 128 MB was no faster, and memory must stay under
    /// 200 MB at a million rows (`crossroads-bench import` measures both).
    public static let ftsBuffer = 16 << 20
    /// SQLite's page cache while an import writes, in KiB: 32 MB, as fast as 64 or
    /// 128 MB at 100,000 rows (measured 2026-12-06), since the kernel's page cache
    /// keeps what it evicts close at hand.
    public static let pageCacheKiB = 32_768

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
        for job in jobs where job.preset != .atlas {
            for file in job.files { try ImportInputCheck.check(file) }
        }
        // An atlas of one's own is read and checked whole before anything is copied:
        // one with problems imports nothing and lists them all.
        var atlases: [URL: AtlasLoader.Result] = [:]
        for job in jobs where job.preset == .atlas {
            for dir in job.files {
                let result: AtlasLoader.Result
                do { result = try AtlasLoader.read(directory: dir) } catch {
                    throw ImportError.unreadable(path: dir.path, reason: Self.reason(error))
                }
                guard result.problems.isEmpty else { throw ImportError.atlasProblems(path: dir.path, problems: result.problems) }
                atlases[dir] = result
            }
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
            // The page cache keeps the indexes being filled in memory instead of
            // spilling and re-reading their pages (a ceiling, used as needed).
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -\(Self.pageCacheKiB)")
            }
            // Into a new database, the search index is built on the second core in a
            // file of its own and copied in at the end (see SearchIndexBuilder).
            var searchBuilder: SearchIndexBuilder?
            defer { searchBuilder?.abandon() }
            // With it, the indexes of a new database that fill in no order are made
            // after the rows (see DeferredIndexes).
            var deferred: DeferredIndexes?
            if !exists && jobs.allSatisfy({ ImportSession.buildsAhead($0.preset) }) {
                searchBuilder = try SearchIndexBuilder(beside: database)
            }
            try queue.write { db in
                if !exists { try Schema.create(db) }
                try Schema.addImportRecords(db)
                let session = try ImportSession(db: db, options: options)
                if let searchBuilder {
                    let sql = try String.fetchOne(db, sql: "SELECT sql FROM main.sqlite_master WHERE name = 'search'") ?? ""
                    searchBuilder.start(searchSQL: sql, bufferBytes: Self.ftsBuffer, cacheKiB: Self.pageCacheKiB / 2)
                    deferred = try DeferredIndexes.drop(db)
                    session.writer.searchBuilder = searchBuilder
                } else {
                    // FTS5 gathers new index entries in memory and writes a segment each
                    // time they pass `hashsize` (1 MB by default), then merges segments;
                    // a larger buffer writes fewer, larger segments (a third less time).
                    try db.execute(sql: "INSERT INTO search(search, rank) VALUES ('hashsize', \(Self.ftsBuffer))")
                }
                if withBuiltin { try session.upsertBuiltin() }
                for job in jobs {
                    session.summary = ImportSummary()
                    for file in job.files {
                        if let atlas = atlases[file] {
                            try session.importAtlas(atlas, from: file)
                        } else {
                            try session.importFile(file, preset: job.preset, progress: progress, start: jobStart)
                        }
                    }
                    // Withdrawing looks records up by dataset and country.
                    try deferred?.restore(db)
                    try session.withdrawMissing()
                    session.summary.seconds = Date().timeIntervalSince(jobStart)
                    jobStart = Date()
                    summaries.append(session.summary)
                }
                // An import that brings nothing in, or leaves out more rows than it
                // brings in, is a wrong or broken file more often than a real result:
                // it is refused whole, with its accounting.
                for (job, s) in zip(jobs, summaries) {
                    let kept = s.rowsImported + s.rowsMerged
                    if kept == 0 || s.skipped > kept {
                        throw ImportError.tooLittleImported(path: job.files.map(\.path).joined(separator: ", "), summaries: summaries)
                    }
                }
                try deferred?.restore(db)
                if let searchBuilder {
                    try searchBuilder.copy(into: db)
                } else {
                    try db.execute(sql: "INSERT INTO search(search, rank) VALUES ('hashsize', 1048576)")
                }
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

extension Importer {
    static func reason(_ error: AtlasError) -> String {
        if case .unreadable(_, let reason) = error { return reason }
        return error.description
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
    /// The file's name, as citations and `import_record` give it.
    var fileName = ""
    var line = 0
    /// Set by a preset when the row adds nothing another row or the atlas does not
    /// already give: the row is counted as merged, with this reason.
    var rowMerged: String?
    /// The datasets and, by country, the days this preset's files covered (see
    /// `withdrawMissing`).
    var coverage: [String: [String: ClosedRange<Int>]] = [:]
    var listCoverage: Set<String> = []
    /// Keyed figures set aside while their record is written again: id -> old rowid.
    var parkedFigures: [String: Int64] = [:]
    /// How many rows so far carried each veto draft symbol (see `unscVeto`).
    var vetoDrafts: [String: Int] = [:]
    /// `import_record`'s insert, prepared once.
    let importRecordInsert: Statement
    /// Per dataset and namespace: whether it had nothing when this import began
    /// writing to it (see `surelyNew`).
    var freshNamespaces: [String: Bool] = [:]
    /// The keys this import wrote, by hash (see `surelyNew`).
    var keysWritten: Set<UInt64> = []
    /// This import's mark on the records it writes, to tell a key repeated within
    /// the import from one an earlier import wrote.
    let run: Int
    /// The day of this import, named in the records' provenance.
    let importDate: String = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }()

    init(db: Database, options: ImportOptions) throws {
        self.db = db
        writer = try StoreWriter(db)
        importRecordInsert = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO import_record(id, dataset, kind, fingerprint, file, line, imported, run, withdrawn, record, scope, day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
            """)
        run = try Int.fetchOne(db, sql: "SELECT ifnull(max(run), 0) + 1 FROM import_record") ?? 1
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
        try reattachFigures(ids)
    }

    func importFile(_ url: URL, preset: ImportPreset, progress: ((ImportProgress) -> Void)?, start: Date) throws {
        file = url.path
        fileName = url.lastPathComponent
        let mapped = try MappedFile(url)
        guard mapped.bytes.count > 0 else { throw ImportError.malformed(path: url.path, line: 1, reason: "empty file") }
        if Self.buildsAhead(preset) {
            return try importBuiltAhead(mapped, url: url, preset: preset, progress: progress, start: start)
        }
        let encoding = CSVReader.Encoding(options.encoding)
        var header: [String: Int] = [:]
        var columns = 0
        var sawTags = false
        var rows = 0
        do {
            let bytes = mapped.bytes
            do {
                try CSVReader.forEach(in: bytes, separator: options.mapping?.separatorByte ?? preset.separator, encoding: encoding) { record in
                    line = record.line
                    if header.isEmpty, let fixed = preset.header {
                        for (i, name) in fixed.enumerated() { header[name] = i }
                        columns = fixed.count
                        try recognize(preset, firstRow: record)
                    }
                    if header.isEmpty {
                        // Legacy exports end their header with empty names
                        // (`…,FATALITIES,,,,,,,`): columns without a name are none.
                        var names = (0..<record.count).map { record.trimmed($0).lowercased() }
                        while names.last == "" { names.removeLast() }
                        for (i, name) in names.enumerated() where header[name] == nil { header[name] = i }
                        columns = names.count
                        try checkColumns(preset, header)
                        return
                    }
                    // A HDX export repeats its header as HXL tags (`#date+start,…`) on the
                    // second line: a second header, not a row.
                    if rows == 0 && !sawTags && Self.isHXLTagRow(record) {
                        sawTags = true
                        return
                    }
                    rows += 1
                    summary.rowsRead += 1
                    let skippedBefore = summary.skipped
                    rowMerged = nil
                    defer {
                        if summary.skipped == skippedBefore {
                            if let why = rowMerged { summary.mergedByReason[why, default: 0] += 1 } else { summary.rowsImported += 1 }
                        }
                    }
                    // GDELT rows before April 2013 lack the last column, SOURCEURL.
                    let short = preset == .gdelt1 && record.count == columns - 1
                    // Trailing empty fields under unnamed columns are no fields.
                    let extraEmpty = record.count > columns && (columns..<record.count).allSatisfy { record.fields[$0].isEmpty || record.trimmed($0).isEmpty }
                    if record.count != columns && !short && !extraEmpty {
                        try skip("row has \(record.count) fields, the header has \(columns)")
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
                        case .ucdpGED: try write(Self.ucdpPrepare(row, rowContext))
                        case .acled: try acledEvent(row)
                        case .gdelt1: try gdeltEvent(row)
                        case .mapping: try mappedEvent(row, options.mapping!)
                        case .unContributions: try unContribution(row)
                        case .atlas: break   // read by importAtlas, not row by row
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
                    mapped.release(before: record.fields.first?.lowerBound ?? 0)
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

    /// A row of HXL hashtags (`#date+start`, `#adm1+name`): every field empty or a tag.
    static func isHXLTagRow(_ record: CSVReader.Record) -> Bool {
        var tags = 0
        for i in 0..<record.count {
            let f = record.trimmed(i)
            if f.isEmpty { continue }
            guard f.hasPrefix("#") else { return false }
            tags += 1
        }
        return tags > 0
    }

    /// A file without a header (GDELT) is recognized by its first row: its number of
    /// fields and the shape of its key and date. Another dataset's file is refused
    /// before any row is counted.
    func recognize(_ preset: ImportPreset, firstRow record: CSVReader.Record) throws {
        guard preset == .gdelt1 else { return }
        let n = Self.gdeltColumns.count
        guard record.count == n || record.count == n - 1 else {
            throw ImportError.notThisDataset(path: file, line: record.line, reason: "not a GDELT 1.0 export: \(record.count) tab-separated field\(record.count == 1 ? "" : "s") on the first line, GDELT has \(n - 1) or \(n)")
        }
        let id = record.trimmed(0), day = record.trimmed(1)
        guard !id.isEmpty, id.allSatisfy(\.isASCII), Int(id) != nil, day.count == 8, Int(day) != nil else {
            throw ImportError.notThisDataset(path: file, line: record.line, reason: "not a GDELT 1.0 export: the first row begins '\(id.prefix(20))', '\(day.prefix(20))', not GLOBALEVENTID and SQLDATE (yyyymmdd)")
        }
    }

    static let requiredColumns: [ImportPreset: [String]] = [
        .unMissions: ["mission_acronym", "mission_name", "start_date", "end_date"],
        .geoPKO: ["mission", "year", "location", "year.overview"],
        .unscVetoes: ["date", "draft", "meeting_record", "agenda_item", "member_veto1"],
        .ucdpGED: ["id", "side_a", "side_b", "date_prec", "date_start", "date_end", "best"],
        .acled: ["event_date", "actor1", "country", "location", "fatalities"],
        .unContributions: ["isocode3", "contributing_country", "total_uniformed_personnel", "last_reporting_date"],
    ]

    func checkColumns(_ preset: ImportPreset, _ header: [String: Int]) throws {
        let missing = Self.missingColumns(preset, header, mapping: options.mapping)
        if !missing.isEmpty { throw ImportError.missingColumns(path: file, columns: missing) }
    }

    static func missingColumns(_ preset: ImportPreset, _ header: [String: Int], mapping: ImportMapping?) -> [String] {
        let required = preset == .mapping ? (mapping?.columns ?? []).map { $0.lowercased() } : Self.requiredColumns[preset] ?? []
        var missing = required.filter { header[$0] == nil }
        // ACLED keys its rows by event_id_cnty, some exports only by data_id.
        if preset == .acled && header["event_id_cnty"] == nil && header["data_id"] == nil { missing.insert("event_id_cnty", at: 0) }
        return missing
    }

    /// A part of a row left out (the row's other parts are imported): listed with
    /// its line, counted by `reason`.
    func skipItem(_ what: String, reason: String) {
        summary.skipItem(SkippedRow(file: file, line: line, reason: what), reason: reason)
    }

    /// A dataset citation: the file, the row's line and key, and the day of the
    /// import; the quote is a real text field of the row, whole or cut at a word.
    func citation(_ source: String, key: String, quote: String) -> Citation {
        rowContext.citation(source, key: key, quote: quote)
    }

    /// Text up to `limit` characters, cut at a word with an ellipsis when longer.
    static func excerpt(_ text: String, limit: Int = 300) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit)
        let cut = head.lastIndex(where: { $0.isWhitespace }).map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: .whitespacesAndNewlines) + "…"
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
        // Another dataset's keyed figures on the record (Geo-PKO's on a mission the
        // UN list or the seed atlas writes again) are set aside, not lost: they come
        // back on the record written in its place (`reattachFigures`).
        try db.cachedStatement(sql: "UPDATE figure SET entity = -entity WHERE entity = ? AND key IS NOT NULL").execute(arguments: [rowid])
        if db.changesCount > 0 { parkedFigures[id] = rowid }
        for table in ["alias WHERE entity", "participant WHERE event", "event_mission WHERE event", "citation WHERE entity",
                      "figure WHERE entity"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) = ?").execute(arguments: [rowid])
        }
        try writer.unindex(rowid)
        try db.cachedStatement(sql: "DELETE FROM entity WHERE rowid = ?").execute(arguments: [rowid])
        try db.cachedStatement(sql: "DELETE FROM link WHERE from_id = ?").execute(arguments: [id])
        return true
    }

    /// Puts the keyed figures `delete` set aside back on the record now under `id`.
    func reattachFigures(_ ids: [String]) throws {
        for id in ids {
            guard let old = parkedFigures.removeValue(forKey: id),
                  let new = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM entity WHERE id = ?"), arguments: [id]) else { continue }
            try db.cachedStatement(sql: "UPDATE figure SET entity = ? WHERE entity = ?").execute(arguments: [new, -old])
        }
    }

    /// Writes one dataset record (an event, a mission or an actor) unless the
    /// database has it with the same values, and counts what it did: new,
    /// unchanged, or updated with the fields that changed. A key written earlier in
    /// this same import is a repeated row: the same values make the row merged, other
    /// values an update that says which line it repeats.
    @discardableResult
    func upsert(_ content: AtlasContent, kind: ImportedKind, dataset: String, figures: Int = 0, scope: Scope = .none,
                fingerprint given: RecordFingerprint? = nil) throws -> RecordOutcome {
        let id = (content.events.first?.id ?? content.missions.first?.id ?? content.actors.first?.id ?? content.sources.first?.id)!
        let fingerprint = given ?? RecordFingerprint(content)
        let outcome: RecordOutcome
        // An event's figures change with it only when its figures field does.
        var figuresOutcome: RecordOutcome?
        let new = try surelyNew(id, dataset: dataset)
        if !new, let previous = try previousImport(id) {
            let old = RecordFingerprint(stored: previous.fingerprint)
            if let day = previous.withdrawn {
                outcome = .updated("back in this export after being withdrawn on \(day)")
            } else if old == fingerprint {
                if previous.sameRun {
                    rowMerged = "the same record as line \(previous.line) (a repeated row)"
                    return .unchanged
                }
                outcome = .unchanged
            } else {
                let fields = fingerprint.changed(from: old), changed = fields.joined(separator: ", ")
                outcome = .updated(previous.sameRun ? "the key repeats line \(previous.line) with other \(changed); this line kept" : "\(changed) changed")
                if !fields.contains("figures") { figuresOutcome = .unchanged }
            }
        } else {
            outcome = try !new && delete(id) ? .updated("replaced a record not imported from this dataset before") : .new
        }
        try recordImport(id, dataset: dataset, kind: kind, fingerprint: fingerprint.stored, scope: scope)
        if outcome != .unchanged {
            if case .updated = outcome { try delete(id) }
            try writer.insert(content, dataset: nil)
            try reattachFigures([id])
        }
        summary.count(kind, outcome)
        for _ in 0..<figures { summary.count(.figures, figuresOutcome ?? outcome) }
        return outcome
    }

    /// The scope of an event of a dataset exported by country and period.
    func countryDay(_ event: Event) -> Scope {
        .countryDay(country: event.place?.country ?? event.place?.name ?? "", day: event.date.sortKey)
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
            summary.count(.actors, .new)
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
        try upsert(c, kind: .actors, dataset: source.source)
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
