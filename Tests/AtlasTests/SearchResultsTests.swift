import XCTest
@testable import Atlas

/// The browser's search (`searchResults`) must find exactly what the plain ranked
/// search finds, with prefixes spelled out from the vocabulary table, and must say
/// when it stopped counting.
final class SearchResultsTests: XCTestCase {
    private func store() throws -> AtlasStore {
        var c = AtlasContent()
        c.sources = [Source(id: "s", title: "Test source")]
        let cite = [Citation(source: "s", locator: "p1", quote: "q")]
        let titles = ["Contingent arrives", "Contingents rotate", "Conting-ency plan", "Türkiye hosts talks",
                      "Turkish delegation", "Kazakhstan contingent", "Talks in Astana", "S/2016/846 vetoed"]
        for i in 0..<240 {
            c.events.append(Event(id: "e\(i)", title: titles[i % titles.count] + " \(i)",
                                  date: try EDTFDate(parsing: "2020-01-\(i % 28 + 1 < 10 ? "0" : "")\(i % 28 + 1)"),
                                  summary: i % 3 == 0 ? "contingency reserve" : "nothing", sources: cite))
        }
        c.actors = [Actor(id: "kz", title: "Kazakhstan", aliases: ["Contingent sender"], type: .state, sources: cite)]
        return try AtlasStore.inMemory(c)
    }

    func testSpelledOutPrefixesFindWhatPrefixQueriesFind() throws {
        let s = try store()
        XCTAssertTrue(s.summarized)
        for q in ["conting", "contingent", "CONTINGENTS", "turk", "türki", "kazakh conting", "talks astana", "s/2016/846",
                  "zzzz", "a", "co", "\"conting", "conting*", "conting AND talks"] {
            let exact = Set(try s.search(q, limit: 10_000).map(\.row.id))
            let fast = try s.searchResults(q, limit: 10_000, rankedUpTo: 10_000)
            XCTAssertEqual(Set(fast.hits.map(\.row.id)), exact, q)
            XCTAssertEqual(fast.total, exact.count, q)
            XCTAssertFalse(fast.totalIsAtLeast, q)
        }
    }

    func testRankedOrderIsKeptUnderTheCap() throws {
        let s = try store()
        XCTAssertEqual(try s.searchResults("kazakhstan", limit: 5).hits.map(\.row.id),
                       try s.search("kazakhstan", limit: 5).map(\.row.id))
    }

    func testOverTheCapTitlesComeFirstAndTheTotalIsALowerBound() throws {
        let s = try store()
        let r = try s.searchResults("conting", limit: 50, rankedUpTo: 20)
        XCTAssertTrue(r.totalIsAtLeast)
        XCTAssertEqual(r.total, 21)
        XCTAssertEqual(r.hits.count, 50)
        let all = Set(try s.search("conting", limit: 10_000).map(\.row.id))
        XCTAssertTrue(Set(r.hits.map(\.row.id)).isSubset(of: all))
        XCTAssertTrue(r.hits.allSatisfy { $0.row.title.lowercased().contains("conting") || $0.aliases.lowercased().contains("conting") },
                      "titles and aliases match first")
        // Summaries only: the rest are filled in when titles run out.
        let fill = try s.searchResults("reserve", limit: 100, rankedUpTo: 10)
        XCTAssertEqual(fill.hits.count, 80)
    }
}
