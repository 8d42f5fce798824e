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
        summarized = Self.summaryIsFresh(db)
    }

    /// Whether the list summary can serve counts. One that cannot be read is not
    /// used: lists then count over their index, slower but right.
    private static func summaryIsFresh(_ db: any DatabaseReader) -> Bool {
        do { return try db.read { try ListSummary.isFresh($0) } } catch { return false }
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
        // SQLite would block reading a named pipe, and a device is no database.
        if let kind = InputFile.nonRegularKind(path) { throw .unreadable(path: path, reason: "is \(kind), not a database file") }
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
            return try db.read { db in try body(db) }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .database(Self.reason(error))
        }
    }
}
