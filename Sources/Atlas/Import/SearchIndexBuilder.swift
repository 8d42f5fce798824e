import Foundation
import GRDB
import GRDBSQLite

/// The search index of an import into a new database, built on the second core.
///
/// The FTS5 index was a third of the writing thread's time, and one SQLite file is
/// written by one thread. So while the records go into the database, their search
/// entries go to a thread of their own that builds the same FTS5 table (its SQL
/// read from the database) in a file beside it (`.NAME.search.partial`). When the
/// records are written, `copy(into:)` moves that table's shadow tables into the
/// database's empty ones, inside the import's transaction: the database gets the
/// index FTS5 itself built, complete, and lands with it or not at all.
///
/// This is the one place an import writes the search index through (`StoreWriter`
/// hands it every entry and deletion), so what the index holds is decided in
/// `StoreWriter.index` alone.
final class SearchIndexBuilder: @unchecked Sendable {
    enum Entry {
        case insert(rowid: Int64, title: String, aliases: String, summary: String, place: String, quotes: String)
        case delete(rowid: Int64)
    }

    /// The shadow tables of an FTS5 table with content (`search_config` is the same
    /// in both and stays).
    static let shadowTables = ["data", "idx", "content", "docsize"]
    static let batchSize = 512

    let url: URL
    private let queue = BoundedQueue<Entry>(capacity: 16)
    private var batch: [Entry] = []
    private let done = DispatchSemaphore(value: 0)
    private var failure: String?
    private var waited = false
    private var started = false

    /// Makes the empty file beside `database`; `start` then builds the index in it.
    init(beside database: URL) throws(ImportError) {
        url = database.deletingLastPathComponent().appendingPathComponent(".\(database.lastPathComponent).search.partial")
        unlink(url.path)
        let fd = open(url.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .database(path: database.path, reason: "cannot create \(url.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        close(fd)
        InterruptCleanup.alsoRemove(url.path)
        batch.reserveCapacity(Self.batchSize)
    }

    /// Starts the thread that builds the table `searchSQL` creates.
    func start(searchSQL: String, bufferBytes: Int, cacheKiB: Int) {
        started = true
        let thread = Thread { [self] in
            failure = build(searchSQL: searchSQL, bufferBytes: bufferBytes, cacheKiB: cacheKiB)
            if failure != nil { queue.cancel() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func insert(rowid: Int64, title: String, aliases: String, summary: String, place: String, quotes: String) {
        add(.insert(rowid: rowid, title: title, aliases: aliases, summary: summary, place: place, quotes: quotes))
    }

    func delete(rowid: Int64) { add(.delete(rowid: rowid)) }

    private func add(_ entry: Entry) {
        batch.append(entry)
        if batch.count >= Self.batchSize { flush() }
    }

    private func flush() {
        // A false put means the builder failed; `finish` reports why.
        _ = queue.put(batch)
        batch = []
        batch.reserveCapacity(Self.batchSize)
    }

    /// Waits for the index to be complete, then copies it into `db`'s empty FTS5
    /// table (inside the caller's transaction), row by row through a connection of
    /// its own: attaching the file would have held a lock on it from the
    /// transaction's start, and the builder could not have written it.
    func copy(into db: Database) throws {
        flush()
        queue.finish()
        waitOnce()
        if let failure { throw ImportError.database(path: url.path, reason: "building the search index: \(failure)") }
        var handle: OpaquePointer?
        guard sqlite3_open_v2(url.path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let side = handle else {
            sqlite3_close(handle)
            throw ImportError.database(path: url.path, reason: "cannot open the search index it built")
        }
        defer { sqlite3_close(side) }
        let main = db.sqliteConnection!
        for table in Self.shadowTables {
            try db.execute(sql: "DELETE FROM main.search_\(table)")
            var read: OpaquePointer?, write: OpaquePointer?
            defer { sqlite3_finalize(read); sqlite3_finalize(write) }
            guard sqlite3_prepare_v2(side, "SELECT * FROM search_\(table)", -1, &read, nil) == SQLITE_OK, let read else {
                throw ImportError.database(path: url.path, reason: String(cString: sqlite3_errmsg(side)))
            }
            let columns = sqlite3_column_count(read)
            let marks = Array(repeating: "?", count: Int(columns)).joined(separator: ", ")
            guard sqlite3_prepare_v2(main, "INSERT INTO main.search_\(table) VALUES (\(marks))", -1, &write, nil) == SQLITE_OK, let write else {
                throw ImportError.database(path: url.path, reason: String(cString: sqlite3_errmsg(main)))
            }
            while true {
                let code = sqlite3_step(read)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw ImportError.database(path: url.path, reason: String(cString: sqlite3_errmsg(side))) }
                for i in 0..<columns { sqlite3_bind_value(write, i + 1, sqlite3_column_value(read, i)) }
                let done = sqlite3_step(write)
                sqlite3_reset(write)
                guard done == SQLITE_DONE else { throw ImportError.database(path: url.path, reason: String(cString: sqlite3_errmsg(main))) }
            }
        }
    }

    /// Stops the thread (on any way out of the import) and removes the file.
    func abandon() {
        queue.cancel()
        waitOnce()
        unlink(url.path)
    }

    private func waitOnce() {
        guard started, !waited else { return }
        waited = true
        done.wait()
    }

    /// The thread's work: the table, the entries in order, one transaction. Returns
    /// why it failed, or nil.
    private func build(searchSQL: String, bufferBytes: Int, cacheKiB: Int) -> String? {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(url.path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              let db = handle else {
            sqlite3_close(handle)
            return "cannot create \(url.lastPathComponent)"
        }
        defer { sqlite3_close(db) }
        func message() -> String { String(cString: sqlite3_errmsg(db)) }
        // Thrown away if anything fails: no journal, no syncs.
        let setup = """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -\(cacheKiB);
            \(searchSQL);
            INSERT INTO search(search, rank) VALUES ('hashsize', \(bufferBytes));
            BEGIN;
            """
        guard sqlite3_exec(db, setup, nil, nil, nil) == SQLITE_OK else { return message() }
        var insert: OpaquePointer?, delete: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO search(rowid, title, aliases, summary, place, quotes) VALUES (?, ?, ?, ?, ?, ?)", -1, &insert, nil) == SQLITE_OK,
              sqlite3_prepare_v2(db, "DELETE FROM search WHERE rowid = ?", -1, &delete, nil) == SQLITE_OK,
              let insert, let delete else { return message() }
        defer { sqlite3_finalize(insert); sqlite3_finalize(delete) }
        while let entries = queue.take() {
            for entry in entries {
                let statement: OpaquePointer
                switch entry {
                case .insert(let rowid, let title, let aliases, let summary, let place, let quotes):
                    statement = insert
                    sqlite3_bind_int64(insert, 1, rowid); (title as SQLBindable).bind(to: insert, at: 2); (aliases as SQLBindable).bind(to: insert, at: 3)
                    (summary as SQLBindable).bind(to: insert, at: 4); (place as SQLBindable).bind(to: insert, at: 5)
                    (quotes as SQLBindable).bind(to: insert, at: 6)
                case .delete(let rowid):
                    statement = delete
                    sqlite3_bind_int64(delete, 1, rowid)
                }
                let code = sqlite3_step(statement)
                sqlite3_reset(statement)
                guard code == SQLITE_DONE else { return message() }
            }
        }
        // Back to the default buffer, as the import leaves it; then committed.
        guard sqlite3_exec(db, "INSERT INTO search(search, rank) VALUES ('hashsize', 1048576); COMMIT;", nil, nil, nil) == SQLITE_OK else {
            return message()
        }
        return nil
    }
}
