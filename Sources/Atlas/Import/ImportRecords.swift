import Foundation
import GRDB

/// The bookkeeping of `import_record`: which import wrote each dataset record,
/// from which file and line, with what values, and which records a newer export of
/// the same dataset no longer has (withdrawn, with the day: never deleted, never
/// silently kept as current).
extension ImportSession {
    /// What an earlier import (or an earlier line of this one) wrote under a key.
    struct PreviousImport {
        var fingerprint: String
        /// Written by this very import: the key repeats an earlier line.
        var sameRun: Bool
        var line: Int
        var withdrawn: String?
        var record: String?
    }

    func previousImport(_ id: String) throws -> PreviousImport? {
        try GRDB.Row.fetchOne(db.cachedStatement(sql: "SELECT fingerprint, run, line, withdrawn, record FROM import_record WHERE id = ?"),
                              arguments: [id]).map {
            PreviousImport(fingerprint: $0["fingerprint"], sameRun: ($0["run"] as Int) == run, line: $0["line"],
                           withdrawn: $0["withdrawn"], record: $0["record"])
        }
    }

    /// Where a newer export's coverage is judged: a list dataset's file is the whole
    /// list; an event dataset's file covers the countries and the days it has rows
    /// for (ACLED and UCDP export by country and period); GDELT's daily files only
    /// add, so nothing of it is ever withdrawn.
    enum Scope {
        case list
        case countryDay(country: String, day: Int)
        case none
    }

    /// Notes that this import wrote (or found unchanged) the record under `id`.
    func recordImport(_ id: String, dataset: String, kind: ImportedKind, fingerprint: String, scope: Scope, record: String? = nil) throws {
        var scopeText: String?, day: Int?
        switch scope {
        case .list: scopeText = "list"
        case .countryDay(let c, let d):
            scopeText = "country:" + c; day = d
            coverage[dataset, default: [:]][c] = coverage[dataset]?[c].map { min($0.lowerBound, d)...max($0.upperBound, d) } ?? d...d
        case .none: scopeText = nil
        }
        if case .list = scope { listCoverage.insert(dataset) }
        // Bound straight into a statement prepared once: one row per record written.
        try writer.run(importRecordInsert, id, dataset, kind.rawValue, fingerprint, fileName, line, importDate, run, record,
                       scopeText, day)
        keysWritten.insert(RecordFingerprint.fnv1a(id))
    }

    /// Whether `id` cannot have been written before: its dataset had no records and
    /// its namespace (`ucdp-ged:`) no rows when this import first wrote to it, and
    /// this import has not written the key yet. Then the two lookups a record
    /// otherwise costs (its `import_record` row, an entity under its id) are
    /// skipped: in the import of a new dataset they were a fifth of the writer's
    /// time and always found nothing. Keys are remembered by hash: a collision only
    /// means looking up after all.
    func surelyNew(_ id: String, dataset: String) throws -> Bool {
        guard let colon = id.firstIndex(of: ":") else { return false }
        let namespace = String(id[...colon])
        let scope = dataset + "\u{1F}" + namespace
        let fresh: Bool
        if let known = freshNamespaces[scope] {
            fresh = known
        } else {
            let upper = String(namespace.dropLast()) + ";"   // ':' + 1: every id that starts with the namespace sorts below
            fresh = try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (SELECT 1 FROM import_record WHERE dataset = ?)
                   AND NOT EXISTS (SELECT 1 FROM entity WHERE id >= ? AND id < ?)
                """, arguments: [dataset, namespace, upper]) ?? false
            freshNamespaces[scope] = fresh
        }
        return fresh && !keysWritten.contains(RecordFingerprint.fnv1a(id))
    }

    /// A record a row refers to without writing it (a mission Geo-PKO made): it is
    /// in this export.
    func touchImport(_ id: String, dataset: String) throws {
        try db.cachedStatement(sql: "UPDATE import_record SET run = ?, withdrawn = NULL WHERE id = ? AND dataset = ? AND run != ?")
            .execute(arguments: [run, id, dataset, run])
    }

    /// After a preset's files: the records of the datasets it covered that it did
    /// not bring again are withdrawn today, and counted.
    func withdrawMissing() throws {
        var marked: [(String, Int)] = []
        for dataset in listCoverage {
            marked += try withdraw(where: "dataset = ? AND scope = 'list'", [dataset])
        }
        for (dataset, countries) in coverage {
            for (country, days) in countries {
                marked += try withdraw(where: "dataset = ? AND scope = ? AND day BETWEEN ? AND ?",
                                       [dataset, "country:" + country, days.lowerBound, days.upperBound])
            }
        }
        for (kind, n) in marked {
            guard let k = ImportedKind(rawValue: kind) else { continue }
            summary.withdrawn[k, default: 0] += n
        }
        listCoverage = []
        coverage = [:]
    }

    private func withdraw(where condition: String, _ args: StatementArguments) throws -> [(String, Int)] {
        let rows = try GRDB.Row.fetchAll(db, sql: """
            SELECT kind, count(*) AS n FROM import_record WHERE \(condition) AND run != ? AND withdrawn IS NULL GROUP BY kind
            """, arguments: args + [run])
        try db.execute(sql: "UPDATE import_record SET withdrawn = ? WHERE \(condition) AND run != ? AND withdrawn IS NULL",
                       arguments: [importDate] + args + [run])
        return rows.map { ($0["kind"], $0["n"]) }
    }
}

extension AtlasStore {
    /// The day a newer export of its dataset no longer had the record, nil when it
    /// is current (or not a dataset record, or the database predates the marker).
    public func withdrawn(_ id: String) throws(StoreError) -> String? {
        try read { db in
            try? String.fetchOne(db, sql: "SELECT withdrawn FROM import_record WHERE id = ? AND withdrawn IS NOT NULL", arguments: [id])
        }
    }
}
