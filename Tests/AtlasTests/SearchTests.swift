import Foundation
import XCTest
@testable import Atlas

final class SearchTests: XCTestCase {
    private func ids(_ store: AtlasStore, _ text: String, kind: RecordKind? = nil, limit: Int = 50, offset: Int = 0) throws -> [String] {
        try store.search(text, kind: kind, limit: limit, offset: offset).map(\.row.id)
    }

    func testPrefixMatching() throws {
        let store = try miniStore()
        let hits = try ids(store, "faou")
        // The handover happened at Camp Faouar; UNDOF has its headquarters there.
        XCTAssertEqual(Set(hits), ["handover", "undof"])
        XCTAssertEqual(try ids(store, "damas"), ["arrival"])
        XCTAssertEqual(try ids(store, "Faouar"), try ids(store, "faou"))
        XCTAssertEqual(try ids(store, "zzzz"), [])
        XCTAssertEqual(try store.searchCount("faou"), 2)
    }

    func testAllWordsMustMatch() throws {
        let store = try miniStore()
        XCTAssertEqual(try ids(store, "camp handover"), ["handover"])
        XCTAssertEqual(try ids(store, "camp damascus"), [])
    }

    func testAccentAndCaseFolding() throws {
        let store = try miniStore()
        for q in ["turkiye", "TÜRKIYE", "Türkiye", "türk", "TURK"] {
            XCTAssertEqual(try ids(store, q), ["turkiye"], q)
        }
    }

    func testAliasesAreSearched() throws {
        let store = try miniStore()
        XCTAssertEqual(try ids(store, "Turkey"), ["turkiye"])
        XCTAssertEqual(try ids(store, "csto"), ["csto"])
        XCTAssertEqual(try ids(store, "UNDOF"), ["undof"], "a mission's acronym is searched")
        XCTAssertEqual(try ids(store, "KAZ"), ["kazakhstan"], "an actor's iso3 is searched")
    }

    func testKindFilter() throws {
        let store = try miniStore()
        XCTAssertEqual(try ids(store, "faou", kind: .mission), ["undof"])
        XCTAssertEqual(try ids(store, "faou", kind: .event), ["handover"])
        XCTAssertEqual(try ids(store, "faou", kind: .actor), [])
        XCTAssertEqual(try store.searchCount("faou", kind: .event), 1)
        // Sources are found only when asked for.
        XCTAssertEqual(try ids(store, "test article"), [])
        XCTAssertEqual(try ids(store, "test article", kind: .source), ["src-a"])
        for hit in try store.search("faou", kind: .mission, limit: 10) { XCTAssertEqual(hit.row.kind, .mission) }
    }

    func testTitleMatchesRankBeforeSummaryOnlyMatches() throws {
        var c = AtlasContent()
        let date = try EDTFDate(parsing: "2024")
        // The summary-only matches are added first, so insertion order cannot explain the result.
        c.events = [
            Event(id: "in-summary", title: "Regional meeting of ministers", date: date,
                  summary: "Held in Almaty with several delegations present."),
            Event(id: "in-place", title: "Another meeting of ministers", date: date,
                  place: Place(name: "Almaty")),
            Event(id: "in-title", title: "Almaty talks on security", date: date,
                  summary: "Delegations met for two days with several ministers."),
            Event(id: "unrelated", title: "Something else entirely", date: date),
        ]
        let store = try AtlasStore.inMemory(c)
        let hits = try store.search("almaty", limit: 10)
        XCTAssertEqual(hits.map(\.row.id).first, "in-title")
        XCTAssertEqual(Set(hits.map(\.row.id)), ["in-title", "in-summary", "in-place"])
        XCTAssertEqual(hits.map(\.row.id).last, "in-summary", "a summary counts least")
        XCTAssertEqual(hits.map(\.rank), hits.map(\.rank).sorted(), "best first")
    }

    func testLimitAndOffset() throws {
        let store = StoreTests.generated
        let all = try ids(store, "topic2", limit: 10_000)
        let expectedCount = (0..<GeneratedAtlas.eventCount).filter { $0 % 7 == 2 }.count
        XCTAssertEqual(all.count, expectedCount)
        XCTAssertEqual(try store.searchCount("topic2"), expectedCount)
        XCTAssertEqual(try ids(store, "topic2", limit: 5), Array(all.prefix(5)))
        XCTAssertEqual(try ids(store, "topic2", limit: 5, offset: 5), Array(all[5..<10]))
        XCTAssertEqual(try ids(store, "topic2", limit: 10, offset: all.count - 3), Array(all.suffix(3)))
        XCTAssertEqual(try ids(store, "topic2", limit: 0), [])
        XCTAssertEqual(Set(all).count, all.count, "no duplicates")
    }

    func testHostileInputsNeverThrow() throws {
        let store = try miniStore()
        let hostile: [String] = [
            "\"", "'", "(", ")", "*", "-", "^", ":", "NEAR", "AND", "OR", "NOT", "a AND (b", "\"unclosed",
            "NEAR(a b, 2)", "title:foo", "{a b}", "a OR b NOT c", "-camp", "camp*", "^camp", "\"\"\"\"", "''",
            "col:", "+", "a + b", "\\", "%", "_", ";DROP TABLE entity;--", "\u{0}", "a\u{0}b", "\u{1B}[2J", "\u{7F}",
            "😀", "🇰🇿", "👨‍👩‍👧", "Казахстан", "كازاخستان", "哈萨克斯坦", "\u{202E}abc", "e\u{301}", "\u{301}",
            String(repeating: "a", count: 10_000), String(repeating: "ab ", count: 3_400),
            String(repeating: "(", count: 10_000), String(repeating: "\"a\" ", count: 2_500),
            String(repeating: "NEAR ", count: 2_000), "", "   ", "\n\t",
        ]
        for q in hostile {
            let label = String(q.prefix(40).unicodeScalars.map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())
            XCTAssertNoThrow(try store.search(q, limit: 20), "search '\(label)'")
            XCTAssertNoThrow(try store.searchCount(q), "count '\(label)'")
            XCTAssertNoThrow(try store.count(ListFilter(kind: .event, text: q)), "filter '\(label)'")
            XCTAssertNoThrow(try store.suggestions(for: q), "suggestions '\(label)'")
        }
        // Operators are words like any other: the mini title holds NEAR and "quoted".
        XCTAssertEqual(try ids(store, "NEAR"), ["talks-2013"])
        XCTAssertEqual(try ids(store, "\"quoted"), ["talks-2013"])
        XCTAssertEqual(try ids(store, "NEAR(quoted"), ["talks-2013"])
        XCTAssertEqual(Set(try ids(store, "camp")), ["handover", "undof"])
        XCTAssertEqual(try ids(store, "camp*"), try ids(store, "camp"), "'*' is not an operator")
        XCTAssertEqual(try ids(store, "-camp"), [], "a leading '-' excludes, and exclusions alone find nothing")
        XCTAssertEqual(try ids(store, "faou -handover"), ["undof"], "a leading '-' excludes")
        XCTAssertEqual(try ids(store, "AND"), ["talks-2013"], "'and' is a word of its summary")
        XCTAssertEqual(try ids(store, "OR"), ["csto"], "prefix of Organization")
        XCTAssertEqual(try ids(store, "NOT"), [])
        XCTAssertEqual(try ids(store, "*"), [])
        XCTAssertEqual(try ids(store, String(repeating: "a", count: 10_000)), [])
    }

    func testNonLatinScriptsAreSearchable() throws {
        var c = AtlasContent()
        let date = try EDTFDate(parsing: "2024")
        c.actors = [
            Actor(id: "kz-ru", title: "Республика Казахстан", type: .state),
            Actor(id: "kz-ar", title: "كازاخستان", type: .state),
            Actor(id: "kz-zh", title: "哈萨克斯坦 共和国", type: .state),
        ]
        c.events = [Event(id: "e", title: "Встреча в Астане", date: date)]
        let store = try AtlasStore.inMemory(c)
        XCTAssertEqual(try ids(store, "казах"), ["kz-ru"], "Cyrillic, lower case and prefix")
        XCTAssertEqual(try ids(store, "КАЗАХСТАН"), ["kz-ru"])
        XCTAssertEqual(try ids(store, "كازاخستان"), ["kz-ar"])
        XCTAssertEqual(try ids(store, "哈萨克斯坦"), ["kz-zh"])
        XCTAssertEqual(try ids(store, "астан"), ["e"])
    }

    // MARK: the query builder

    func testSearchQueryBuildsQuotedPrefixTerms() {
        XCTAssertEqual(SearchQuery("faou").match, "\"faou\"*")
        XCTAssertEqual(SearchQuery("camp faouar").match, "\"camp\"* AND \"faouar\"*")
        XCTAssertEqual(SearchQuery("  camp\t faouar  ").terms, ["camp", "faouar"])
        // Words joined by punctuation stay together as a phrase.
        XCTAssertEqual(SearchQuery("al-Assad").match, "\"al assad\"*")
        XCTAssertEqual(SearchQuery("S/2016/846").match, "\"s 2016 846\"*")
        XCTAssertEqual(SearchQuery("S/2016/846").terms, ["S", "2016", "846"])
        // Syntax characters never reach FTS5.
        XCTAssertEqual(SearchQuery("a AND (b").match, "\"a\"* AND \"and\"* AND \"b\"*")
        XCTAssertEqual(SearchQuery("\"unclosed").match, "\"unclosed\"*")
        XCTAssertEqual(SearchQuery("title:foo").match, "\"title foo\"*")
        XCTAssertEqual(SearchQuery("NEAR(a b, 2)").match, "\"near a\"* AND \"b\"* AND \"2\"*")
        XCTAssertEqual(SearchQuery("Türkiye").match, "\"turkiye\"*")
        XCTAssertEqual(SearchQuery("Türkiye").terms, ["Türkiye"])
        // What a person may use: phrases, OR and |, -word.
        XCTAssertEqual(SearchQuery("\"camp faouar\" handover").match, "\"camp faouar\"* AND \"handover\"*")
        XCTAssertEqual(SearchQuery("camp OR base").match, "(\"camp\"* OR \"base\"*)")
        XCTAssertEqual(SearchQuery("camp | base talks").match, "(\"camp\"* OR \"base\"*) AND \"talks\"*")
        XCTAssertEqual(SearchQuery("camp -base").match, "(\"camp\"*) NOT \"base\"*")
        XCTAssertEqual(SearchQuery("camp -\"air base\"").match, "(\"camp\"*) NOT \"air base\"*")
        XCTAssertEqual(SearchQuery("OR camp").match, "\"or\"* AND \"camp\"*", "OR with nothing before it is a word")
        XCTAssertEqual(SearchQuery("camp OR").match, "\"camp\"* AND \"or\"*")
        XCTAssertEqual(SearchQuery("camp or base").match, "\"camp\"* AND \"or\"* AND \"base\"*", "only OR in capitals")
        XCTAssertEqual(SearchQuery("camp - base").match, "\"camp\"* AND \"base\"*", "a lone dash is nothing")
        for empty in ["", "   ", "*", "\"", "()", "- ^ :", "😀", "\u{1B}", "-camp", "-\"a b\"", "|", "OR OR"] where empty != "OR OR" {
            XCTAssertNil(SearchQuery(empty).match, "'\(empty)'")
            XCTAssertEqual(SearchQuery(empty).terms, [])
        }
        for hostile in ["\"", "a\"b", "{a b}", "NEAR(a b, 2)", "x'y", "^*:-()", "a OR -b", "-a OR b", "\"a\" OR \"", "a | | b"] {
            guard let m = SearchQuery(hostile).match else { continue }
            // Outside phrases only '*', spaces, parentheses and the operators we write.
            var inside = false
            var outside = ""
            for ch in m {
                if ch == "\"" { inside.toggle(); outside.append(" "); continue }
                if !inside { outside.append(ch) }
            }
            XCTAssertFalse(inside, "unbalanced quotes in \(m)")
            let words = outside.split(whereSeparator: { " ()*".contains($0) })
            XCTAssertTrue(words.allSatisfy { ["AND", "OR", "NOT"].contains($0) }, "\(hostile) -> \(m)")
        }
    }
}
