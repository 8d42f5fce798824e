import GRDB

/// Indexes of a new database whose keys arrive in no order (a list's dates, an
/// actor's events, a dataset's countries), dropped while an import fills the
/// tables and made again, from their own SQL, once the rows are in: inside the
/// import's transaction, so the database never lands without them.
///
/// Inserting a million events one by one into these indexes went to a random page
/// each time; once they outgrew the page cache, a quarter of the writing thread's
/// time was in the kernel reading and writing pages back. CREATE INDEX sorts the
/// keys once instead. At 100,000 rows, where they fit in the cache, it makes no
/// difference. Only indexes no lookup of the import itself uses are deferred.
struct DeferredIndexes {
    static let names = ["entity_list", "participant_actor", "import_record_dataset"]

    private var statements: [String] = []

    /// Drops the indexes, keeping how to make them again.
    static func drop(_ db: Database) throws -> DeferredIndexes {
        var deferred = DeferredIndexes()
        for name in names {
            guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name]) else {
                continue
            }
            try db.execute(sql: "DROP INDEX \(name)")
            deferred.statements.append(sql)
        }
        return deferred
    }

    /// Makes them again (once; later calls do nothing).
    mutating func restore(_ db: Database) throws {
        for sql in statements { try db.execute(sql: sql) }
        statements = []
    }
}
