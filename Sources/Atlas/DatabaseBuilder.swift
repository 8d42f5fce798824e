import Foundation
import GRDB

/// Writes a new atlas database file in batches, for generated and converted data
/// too large to hold as one `AtlasContent`. The file is built beside its final
/// name and renamed into place by `finish()`, so a reader never sees half a file.
public final class DatabaseBuilder {
    public let url: URL
    let partial: URL
    let queue: DatabaseQueue

    public init(creating url: URL) throws(StoreError) {
        self.url = url
        partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        try? FileManager.default.removeItem(at: partial)
        do {
            queue = try DatabaseQueue(path: partial.path)
            // The partial file is thrown away on failure, so durability while
            // building buys nothing; the rename in finish() is what is atomic.
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            }
            try queue.write { db in try Schema.create(db) }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw .unreadable(path: url.path, reason: AtlasStore.reason(error))
        }
    }

    /// Adds records in one transaction. Ids must not repeat across batches.
    public func append(_ content: AtlasContent) throws(StoreError) {
        do {
            try queue.write { db in try StoreWriter(db).insert(content, dataset: nil) }
        } catch {
            throw .database(AtlasStore.reason(error))
        }
    }

    /// Counts the lists, compacts the search index, gathers the planner's
    /// statistics and moves the file into place.
    public func finish() throws(StoreError) {
        do {
            try queue.write { db in
                try ListSummary.refresh(db)
                try db.execute(sql: "INSERT INTO search(search) VALUES ('optimize')")
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE; VACUUM; ANALYZE") }
            try queue.close()
            guard rename(partial.path, url.path) == 0 else {
                throw StoreError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch let e as StoreError {
            try? FileManager.default.removeItem(at: partial)
            throw e
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw .unreadable(path: url.path, reason: AtlasStore.reason(error))
        }
    }

    /// Throws the partial file away.
    public func abandon() {
        try? queue.close()
        try? FileManager.default.removeItem(at: partial)
    }
}
