import Foundation
import GRDB

/// Event counts per date bucket, for the lists that a million-event atlas makes
/// slow to count: all events (by month), each actor's and each mission's events
/// (by year). From them come exact list counts, the timeline, and a row's position
/// with a count inside one bucket only, so none of these scans the whole list.
///
/// The search vocabulary (`SearchTerms`) is derived data of the same kind and is
/// rebuilt and trusted with it.
///
/// The table is rebuilt whole after a database is written (`refresh`); a store
/// uses it only when it matches the data (`isFresh`), and otherwise counts the
/// slow way, so a stale summary can cost time but never show a wrong number.
enum ListSummary {
    /// Which summary rows serve a list, and how wide their buckets are.
    struct Scope: Equatable {
        var key: String
        /// Buckets are yyyymm (all events) or yyyy (an actor's, a mission's).
        var perMonth: Bool
        /// Sort keys are yyyymmdd: a bucket spans `divisor` of them.
        var divisor: Int64 { perMonth ? 100 : 10_000 }
        func bucket(of sort: Int64) -> Int64 { sort >= 0 ? sort / divisor : -((-sort + divisor - 1) / divisor) }
    }

    static func scope(for f: ListFilter) -> Scope? {
        guard f.kind == .event, f.text == nil, f.from == nil, f.to == nil else { return nil }
        switch (f.actor, f.mission) {
        case (nil, nil): return Scope(key: "", perMonth: true)
        case (let a?, nil): return Scope(key: "a:" + a, perMonth: false)
        case (nil, let m?): return Scope(key: "m:" + m, perMonth: false)
        default: return nil
        }
    }

    /// The row ids that the summary was computed at; any write moves one of them.
    private static let stateSQL = """
        SELECT (SELECT ifnull(max(rowid), 0) FROM entity), (SELECT ifnull(max(rowid), 0) FROM participant),
               (SELECT ifnull(max(rowid), 0) FROM event_mission), (SELECT count(*) FROM entity WHERE kind = 'source')
        """

    /// Recomputes the summary from the lists (a few seconds for a million events).
    static func refresh(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS list_summary (
                scope TEXT NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL,
                PRIMARY KEY (scope, bucket)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS list_summary_state (entity_max INTEGER, participant_max INTEGER,
                                                           mission_max INTEGER, sources INTEGER);
            DELETE FROM list_summary;
            DELETE FROM list_summary_state;
            INSERT INTO list_summary
                SELECT '', CASE WHEN sort >= 0 THEN sort / 100 ELSE -((-sort + 99) / 100) END AS b, count(*)
                FROM entity WHERE kind = 'event' GROUP BY b;
            INSERT INTO list_summary
                SELECT 'a:' || actor, CASE WHEN sort >= 0 THEN sort / 10000 ELSE -((-sort + 9999) / 10000) END AS b, count(*)
                FROM participant GROUP BY actor, b;
            INSERT INTO list_summary
                SELECT 'm:' || mission, CASE WHEN sort >= 0 THEN sort / 10000 ELSE -((-sort + 9999) / 10000) END AS b, count(*)
                FROM event_mission GROUP BY mission, b;
            """)
        try SearchTerms.refresh(db)
        try db.execute(sql: "INSERT INTO list_summary_state " + stateSQL)
    }

    /// Whether the summary exists and was computed on exactly this data.
    static func isFresh(_ db: Database) throws -> Bool {
        guard try db.tableExists("list_summary"), try db.tableExists("list_summary_state") else { return false }
        guard let saved = try Row.fetchOne(db, sql: "SELECT * FROM list_summary_state"),
              let now = try Row.fetchOne(db, sql: stateSQL) else { return false }
        return (0..<4).allSatisfy { (saved[$0] as Int64?) == (now[$0] as Int64?) }
    }

    static func buckets(_ db: Database, _ scope: Scope) throws -> [(bucket: Int64, n: Int)] {
        try SQLRequest<Row>(literal: "SELECT bucket, n FROM list_summary WHERE scope = \(scope.key) ORDER BY bucket", cached: true)
            .fetchAll(db).map { ($0["bucket"], $0["n"]) }
    }
}

/// The summary rows of the lists in use, kept between keys: the data of an open
/// store does not change, and every jump asks for the same few lists' buckets.
final class SummaryCache: @unchecked Sendable {
    typealias Entry = (buckets: [Int64], n: [Int])
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    func get(_ key: String) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        return entries[key]
    }

    func set(_ key: String, _ entry: Entry) {
        lock.lock(); defer { lock.unlock() }
        if entries.count >= 64 { entries.removeAll() }
        entries[key] = entry
    }
}
