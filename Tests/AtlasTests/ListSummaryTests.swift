import GRDB
import XCTest
@testable import Atlas

/// The summary-based counts, positions, offsets and timelines must equal what the
/// slow, exact queries give, for every list the summary serves.
final class ListSummaryTests: XCTestCase {
    /// 600 events over BC and AD years at every precision, three actors, two missions.
    private func content() throws -> AtlasContent {
        var c = AtlasContent()
        c.sources = [Source(id: "s", title: "Test source")]
        let cite = [Citation(source: "s", locator: "p1", quote: "q")]
        c.actors = (0..<3).map { Actor(id: "a\($0)", title: "Actor \($0)", type: .state, sources: cite) }
        c.missions = (0..<2).map { Mission(id: "m\($0)", title: "Mission \($0)", status: .active, sources: cite) }
        let dates = ["-0044-03-15", "-0100", "0001-01-01", "1999", "1999-12", "1999-12-31", "2000-01-01", "2013-02/2013-04",
                     "2017~", "2024-03-22", "2024-03", "2024", "19XX", "2024-05-31"]
        for i in 0..<600 {
            var actors = [Participant(actor: "a\(i % 3)", role: "party")]
            if i % 5 == 0 { actors.append(Participant(actor: "a\((i + 1) % 3)", role: "host")) }
            c.events.append(Event(id: "e\(i)", title: "Event \(i)", date: try EDTFDate(parsing: dates[(i * 7) % dates.count]),
                                  actors: actors, missions: i % 4 == 0 ? ["m\(i % 2)"] : [], sources: cite))
        }
        return c
    }

    func testSummaryAnswersEqualExactAnswers() throws {
        let fast = try AtlasStore.inMemory(content())
        XCTAssertTrue(fast.summarized)
        let queue = try XCTUnwrap(fast.db as? DatabaseQueue)
        let exactQueue = try DatabaseQueue()
        try queue.backup(to: exactQueue)
        try exactQueue.write { db in try db.execute(sql: "DELETE FROM list_summary_state") }
        let exact = AtlasStore(db: exactQueue, origin: "exact")
        XCTAssertFalse(exact.summarized, "a summary without its state is not trusted")

        let filters = [ListFilter(kind: .event), ListFilter(kind: .event, actor: "a1"), ListFilter(kind: .event, mission: "m0"),
                       ListFilter(kind: .event, actor: "nobody")]
        for f in filters {
            XCTAssertNotNil(ListSummary.scope(for: f))
            let n = try exact.count(f)
            XCTAssertEqual(try fast.count(f), n, "\(f)")
            XCTAssertEqual(try fast.histogram(f, byMonth: false).map { [$0.bucket, $0.count] },
                           try exact.histogram(f, byMonth: false).map { [$0.bucket, $0.count] }, "\(f)")
            let all = try exact.rows(f, offset: 0, limit: 10_000)
            XCTAssertEqual(all.count, n)
            for i in stride(from: 0, to: n, by: 7) {
                XCTAssertEqual(try fast.position(of: all[i].key, in: f), i, "\(f) row \(i)")
                XCTAssertEqual(try fast.rows(f, offset: i, limit: 3).map(\.id), Array(all[i..<min(n, i + 3)]).map(\.id), "\(f) offset \(i)")
            }
        }
        XCTAssertEqual(try fast.histogram(ListFilter(kind: .event), byMonth: true).map { [$0.bucket, $0.count] },
                       try exact.histogram(ListFilter(kind: .event), byMonth: true).map { [$0.bucket, $0.count] })
    }

    func testAnyWriteMakesTheSummaryStale() throws {
        let store = try AtlasStore.inMemory(content())
        let queue = try XCTUnwrap(store.db as? DatabaseQueue)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO participant(event, actor, role, sort, ord) VALUES (1, 'a2', 'x', 20240101, 9)")
        }
        XCTAssertFalse(try queue.read { try ListSummary.isFresh($0) })
        try queue.write { db in try ListSummary.refresh(db) }
        XCTAssertTrue(try queue.read { try ListSummary.isFresh($0) })
    }
}
