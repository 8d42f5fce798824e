import Foundation
import GRDB

/// Why a store could not be opened, with what a person needs to fix it.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case notCrossroads(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case corrupt(path: String, reason: String)
    case atlas(AtlasError)
    case database(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .notCrossroads(let path):
            return "\(path): not a Crossroads database (build one with `crossroads import ... --into \(path)`)"
        case .newerSchema(let path, let found, let supported):
            return "\(path): written by a newer Crossroads (schema \(found)); this version reads schema \(supported) and older"
        case .corrupt(let path, let reason): return "\(path): not a readable SQLite database (\(reason))"
        case .atlas(let e): return e.description
        case .database(let m): return "database error: \(m)"
        }
    }
}

/// The atlas as a SQLite database: the built-in atlas and `--atlas` folders are
/// loaded into memory; `--db` files are opened read-only. All queries return
/// windows, never whole tables.
public final class AtlasStore: Sendable {
    let db: any DatabaseReader
    /// What is open, for titles and messages: "built-in atlas", a folder, a file.
    public let origin: String

    /// Whether `list_summary` matches the data, so event lists count by bucket.
    let summarized: Bool
    let summaryCache = SummaryCache()

    init(db: any DatabaseReader, origin: String) {
        self.db = db
        self.origin = origin
        summarized = (try? db.read { try ListSummary.isFresh($0) }) ?? false
    }

    /// The seed atlas shipped with Crossroads.
    public static func builtin() throws(StoreError) -> AtlasStore {
        try load(atlas: AtlasLoader.builtinDirectory, origin: "the built-in atlas")
    }

    /// An atlas folder, checked and loaded into an in-memory database.
    public static func load(atlas directory: URL, origin: String? = nil) throws(StoreError) -> AtlasStore {
        let content: AtlasContent
        do { content = try AtlasLoader.load(directory: directory) } catch { throw .atlas(error) }
        return try inMemory(content, origin: origin ?? "atlas " + AtlasLoader.displayPath(directory))
    }

    public static func inMemory(_ content: AtlasContent, origin: String = "memory") throws(StoreError) -> AtlasStore {
        do {
            let queue = try DatabaseQueue()
            try queue.write { db in
                try Schema.create(db)
                try StoreWriter(db).insert(content, dataset: nil)
                try ListSummary.refresh(db)
            }
            return AtlasStore(db: queue, origin: origin)
        } catch {
            throw .database(String(describing: error))
        }
    }

    /// A database file, read-only.
    public static func open(database path: String) throws(StoreError) -> AtlasStore {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        if isDir.boolValue { throw .unreadable(path: path, reason: "is a folder; use --atlas for an atlas folder") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        var config = Configuration()
        config.readonly = true
        config.label = "crossroads"
        config.prepareDatabase { db in
            // The browser is the file's only user while it runs (imports write a new
            // file and rename it), so it keeps its shared lock and page cache across
            // reads instead of re-locking and re-checking the file on every key.
            // (A memory map would save the preads too, but every page it touches
            // counts as resident memory.)
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -16384")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw .corrupt(path: path, reason: Self.reason(error))
        }
        do {
            let (appID, version) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
            }
            guard appID == Schema.applicationID else { throw StoreError.notCrossroads(path: path) }
            guard version <= Schema.version else {
                throw StoreError.newerSchema(path: path, found: version, supported: Schema.version)
            }
            // A truncated file can pass the header checks; touching the main index
            // makes such damage surface now rather than mid-browse.
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entity WHERE kind = 'mission'") }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .corrupt(path: path, reason: Self.reason(error))
        }
        return AtlasStore(db: queue, origin: "database " + path)
    }

    static func reason(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? e.resultCode.description }
        return String(describing: error)
    }

    /// Runs a read; a failure here means the file changed or broke under us, which
    /// the callers report as one line.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try db.unsafeReentrantRead { db in try body(db) }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .database(Self.reason(error))
        }
    }
}

/// Writes records into an open database; used to fill the in-memory atlas and,
/// later, by imports.
struct StoreWriter {
    let db: Database
    init(_ db: Database) { self.db = db }

    func insert(_ content: AtlasContent, dataset: String?) throws {
        for s in content.sources {
            let row = try insertEntity(id: s.id, kind: .source, title: s.title, summary: s.summary, type: s.kind,
                                       date: s.date, dataset: dataset,
                                       extra: ["publisher": s.publisher, "author": s.author, "url": s.url, "locator": s.locator])
            try index(row, title: s.title, aliases: [], summary: s.summary, place: s.publisher)
        }
        for a in content.actors {
            let row = try insertEntity(id: a.id, kind: .actor, title: a.title, summary: a.summary, type: a.type.rawValue,
                                       date: nil, dataset: dataset, extra: ["iso3": a.iso3])
            try insertShared(row, aliases: a.aliases, sources: a.sources)
            try index(row, title: a.title, aliases: a.aliases + [a.iso3].compactMap { $0 }, summary: a.summary, place: nil)
        }
        for m in content.missions {
            let row = try insertEntity(id: m.id, kind: .mission, title: m.title, summary: m.summary, type: m.type,
                                       date: m.mandate, dataset: dataset,
                                       extra: ["acronym": m.acronym, "status": m.status.rawValue, "location": m.location,
                                               "headquarters": m.headquarters, "mandate": m.mandate?.text])
            try insertShared(row, aliases: m.aliases, sources: m.sources)
            try insertFigures(row, m.figures, dataset: dataset)
            let place = [m.location, m.headquarters].compactMap { $0 }.joined(separator: " ")
            try index(row, title: m.title, aliases: m.aliases + [m.acronym].compactMap { $0 }, summary: m.summary, place: place)
        }
        for e in content.events {
            let row = try insertEntity(id: e.id, kind: .event, title: e.title, summary: e.summary, type: e.type,
                                       date: e.date, dataset: dataset,
                                       extra: ["place_name": e.place?.name, "place_region": e.place?.region,
                                               "place_country": e.place?.country])
            if let lat = e.place?.latitude, let lon = e.place?.longitude {
                try db.cachedStatement(sql: "UPDATE entity SET lat = ?, lon = ? WHERE rowid = ?").execute(arguments: [lat, lon, row])
            }
            try insertShared(row, aliases: e.aliases, sources: e.sources)
            for (i, p) in e.actors.enumerated() {
                try db.cachedStatement(sql: """
                    INSERT INTO participant(event, actor, role, sort, ord) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(event, actor) DO UPDATE SET role = role || ', ' || excluded.role
                    """).execute(arguments: [row, p.actor, p.role, e.date.sortKey, i])
            }
            for (i, m) in e.missions.enumerated() {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO event_mission(event, mission, sort, ord) VALUES (?, ?, ?, ?)").execute(arguments: [row, m, e.date.sortKey, i])
            }
            try insertFigures(row, e.figures, dataset: dataset)
            let place = [e.place?.name, e.place?.region].compactMap { $0 }.joined(separator: " ")
            try index(row, title: e.title, aliases: e.aliases, summary: e.summary, place: place)
        }
        for l in content.links {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO link(from_id, rel, to_id) VALUES (?, ?, ?)").execute(arguments: [l.from, l.relation.rawValue, l.to])
        }
    }

    private func insertEntity(id: String, kind: RecordKind, title: String, summary: String?, type: String?,
                              date: EDTFDate?, dataset: String?, extra: [String: String?]) throws -> Int64 {
        let sort: DatabaseValue = kind == .event ? (date?.sortKey ?? 0).databaseValue : TextFold.sortKey(title).databaseValue
        var columns = ["id", "kind", "title", "summary", "type", "date", "date_start", "date_end", "sort", "dataset"]
        var values: [DatabaseValueConvertible?] = [id, kind.rawValue, title, summary, type, date?.text,
                                                   date.map { $0.sortKey }, date.map { $0.endKey }, sort, dataset]
        for (k, v) in extra.sorted(by: { $0.key < $1.key }) { columns.append(k); values.append(v ?? nil) }
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO entity(\(columns.joined(separator: ", "))) VALUES (\(marks))")
            .execute(arguments: StatementArguments(values))
        return db.lastInsertedRowID
    }

    private func insertShared(_ row: Int64, aliases: [String], sources: [Citation]) throws {
        for a in aliases {
            try db.cachedStatement(sql: "INSERT INTO alias(entity, name) VALUES (?, ?)").execute(arguments: [row, a])
        }
        for (i, c) in sources.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO citation(entity, ord, source, locator, quote) VALUES (?, ?, ?, ?, ?)").execute(arguments: [row, i, c.source, c.locator, c.quote])
        }
    }

    private func insertFigures(_ row: Int64, _ figures: [Figure], dataset: String?) throws {
        for (i, f) in figures.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO figure(entity, ord, date, date_start, actor, category, count, qualifier, location,
                                   source, locator, quote, dataset)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [row, i, f.date?.text, f.date?.sortKey, f.actor, f.category, f.count,
                                 f.qualifier.rawValue, f.location, f.source?.source, f.source?.locator,
                                 f.source?.quote, dataset])
        }
    }

    private func index(_ row: Int64, title: String, aliases: [String], summary: String?, place: String?) throws {
        try db.cachedStatement(sql: "INSERT INTO search(rowid, title, aliases, summary, place) VALUES (?, ?, ?, ?, ?)").execute(arguments: [row, title, aliases.joined(separator: " ; "), summary ?? "", place ?? ""])
    }
}

/// Case and accent folding, the same everywhere: sorting, search highlighting,
/// smart-case.
public enum TextFold {
    public static func fold(_ s: String) -> String {
        // Most text is ASCII, where folding is lowercasing; Foundation's folding
        // costs a bridge per call, and highlighting folds every visible cell.
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Accents only, for smart-case: a query with capitals matches case exactly.
    public static func foldAccents(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// The key that orders actors and missions by title.
    public static func sortKey(_ title: String) -> String {
        fold(title)
    }
}
