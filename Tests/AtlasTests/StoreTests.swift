import Foundation
import XCTest
@testable import Atlas

/// A generated atlas large enough for paging to matter, built in code so that every
/// expectation is computed from the records, not read back from the store.
enum GeneratedAtlas {
    static let eventCount = 2000
    static let cite = [Citation(source: "gen-src", locator: "row 1", quote: "q")]
    /// Titles whose folded forms sort differently from their raw bytes.
    static let actorTitles = ["Zeta State", "Ábaco", "alpha", "Beta", "Émile", "delta", "Çarşı", "gamma", "Ötzi", "iota"]
    /// Actor ids in title order, folding case and accents.
    static let actorsByTitle = ["actor-1", "actor-2", "actor-3", "actor-6", "actor-5", "actor-4", "actor-7", "actor-9",
                                "actor-8", "actor-0"]

    static func dateText(_ i: Int) -> String {
        let year = 1990 + (i * 13) % 35
        let month = 1 + (i * 5) % 12
        let day = 1 + (i * 11) % 28
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        switch i % 10 {
        case 0: return "\(year)"
        case 1: return "\(year)-\(mm)"
        case 2: return "\(year)-\(mm)/\(year)-12"
        case 3: return "\(year)~"
        default: return "\(year)-\(mm)-\(dd)"
        }
    }

    static func actors(of i: Int) -> [String] {
        let first = "actor-\(i % 10)", second = "actor-\((i / 3) % 10)"
        return i % 3 == 0 && second != first ? [first, second] : [first]
    }

    static func missions(of i: Int) -> [String] { i % 4 == 0 ? ["mission-\(i % 5)"] : [] }

    static func title(_ i: Int) -> String { "Event \(i) topic\(i % 7)" }

    static let content: AtlasContent = {
        var c = AtlasContent()
        c.sources = [Source(id: "gen-src", title: "Generated dataset", kind: "dataset")]
        c.actors = actorTitles.enumerated().map { Actor(id: "actor-\($0.offset)", title: $0.element, type: .state, sources: cite) }
        c.missions = (0..<5).map { Mission(id: "mission-\($0)", title: "Mission \($0)", status: .active, sources: cite) }
        for i in 0..<eventCount {
            let date = try! EDTFDate(parsing: dateText(i))
            let roles = actors(of: i).enumerated().map { Participant(actor: $0.element, role: $0.offset == 0 ? "party" : "host") }
            c.events.append(Event(id: "event-\(i)", title: title(i), date: date, actors: roles, missions: missions(of: i),
                                  summary: i % 2 == 0 ? "An even event" : nil, sources: cite))
        }
        return c
    }()

    /// Event indexes in list order: by earliest day, then in the order they were added.
    static func order(where keep: (Int) -> Bool = { _ in true }) -> [Int] {
        let keys = content.events.map(\.date.sortKey)
        return (0..<eventCount).filter(keep).sorted { (keys[$0], $0) < (keys[$1], $1) }
    }

    static func ids(_ indexes: [Int]) -> [String] { indexes.map { "event-\($0)" } }
}

final class StoreTests: XCTestCase {
    static let generated: AtlasStore = try! AtlasStore.inMemory(GeneratedAtlas.content)
    var big: AtlasStore { Self.generated }
    let events = ListFilter(kind: .event)

    /// Every id of a list, read window by window from the start.
    private func pageForward(_ store: AtlasStore, _ filter: ListFilter, limit: Int) throws -> [String] {
        var seen: [String] = []
        var key: ListKey?
        for _ in 0..<10_000 {
            let page = try store.rows(filter, after: key, limit: limit)
            if page.isEmpty { return seen }
            seen += page.map(\.id)
            key = page.last?.key
        }
        XCTFail("paging does not end")
        return seen
    }

    /// Every id of a list, read window by window from the end.
    private func pageBackward(_ store: AtlasStore, _ filter: ListFilter, limit: Int) throws -> [String] {
        var seen: [String] = []
        var key: ListKey?
        for _ in 0..<10_000 {
            let page = try store.rows(filter, before: key, limit: limit)
            if page.isEmpty { return seen }
            seen = page.map(\.id) + seen
            key = page.first?.key
        }
        XCTFail("paging does not end")
        return seen
    }

    // MARK: the generated atlas

    func testCountMatches() throws {
        XCTAssertEqual(try big.count(events), GeneratedAtlas.eventCount)
        XCTAssertEqual(try big.count(ListFilter(kind: .actor)), 10)
        XCTAssertEqual(try big.count(ListFilter(kind: .mission)), 5)
        XCTAssertEqual(try big.count(ListFilter(kind: .source)), 1)
        let s = try big.stats()
        XCTAssertEqual(s.events, GeneratedAtlas.eventCount)
        XCTAssertEqual(s.citations, GeneratedAtlas.content.citationCount)
    }

    func testOffsetWindowsFollowDateOrder() throws {
        let expected = GeneratedAtlas.ids(GeneratedAtlas.order())
        let all = try big.rows(events, offset: 0, limit: 100_000)
        XCTAssertEqual(all.map(\.id), expected)
        XCTAssertTrue(all.allSatisfy { $0.kind == .event })
        for offset in stride(from: 0, to: GeneratedAtlas.eventCount + 100, by: 250) {
            let page = try big.rows(events, offset: offset, limit: 100)
            XCTAssertEqual(page.map(\.id), Array(expected.dropFirst(offset).prefix(100)), "offset \(offset)")
        }
        // Rows carry the date as written.
        let row = try XCTUnwrap(all.first { $0.id == "event-2" })
        XCTAssertEqual(row.date, GeneratedAtlas.dateText(2))
        XCTAssertEqual(row.title, GeneratedAtlas.title(2))
    }

    func testKeysetWindowsForwardPageThroughEverythingOnce() throws {
        let expected = GeneratedAtlas.ids(GeneratedAtlas.order())
        var seen: [String] = []
        var key: ListKey?
        var pages = 0
        while true {
            let page = try big.rows(events, after: key, limit: 37)
            if page.isEmpty { break }
            XCTAssertLessThanOrEqual(page.count, 37)
            XCTAssertEqual(page.map(\.key), page.map(\.key).sorted(), "a window is in list order")
            seen += page.map(\.id)
            key = page.last?.key
            pages += 1
            if pages > 1000 { return XCTFail("paging does not end") }
        }
        XCTAssertEqual(seen, expected, "no gaps, no duplicates, same order as by offset")
        XCTAssertEqual(pages, (expected.count + 36) / 37)
    }

    func testKeysetWindowsBackwardPageThroughEverythingOnce() throws {
        let expected = GeneratedAtlas.ids(GeneratedAtlas.order())
        var seen: [String] = []
        var key: ListKey?
        var pages = 0
        while true {
            let page = try big.rows(events, before: key, limit: 41)
            if page.isEmpty { break }
            XCTAssertEqual(page.map(\.key), page.map(\.key).sorted(), "a window before a key is still in list order")
            seen = page.map(\.id) + seen
            key = page.first?.key
            pages += 1
            if pages > 1000 { return XCTFail("paging does not end") }
        }
        XCTAssertEqual(seen, expected)
    }

    func testWindowsAroundAKeyMatchOffsets() throws {
        let all = try big.rows(events, offset: 0, limit: 100_000)
        for i in [0, 1, 500, 1234, all.count - 2] {
            let after = try big.rows(events, after: all[i].key, limit: 10)
            XCTAssertEqual(after.map(\.id), all[(i + 1)...].prefix(10).map(\.id), "after \(i)")
            let before = try big.rows(events, before: all[i].key, limit: 10)
            XCTAssertEqual(before.map(\.id), all[..<i].suffix(10).map(\.id), "before \(i)")
        }
        XCTAssertEqual(try big.rows(events, after: all.last!.key, limit: 10), [])
        XCTAssertEqual(try big.rows(events, before: all.first!.key, limit: 10), [])
    }

    func testPositionAndKeyOfARecord() throws {
        let all = try big.rows(events, offset: 0, limit: 100_000)
        for i in stride(from: 0, to: all.count, by: 53) {
            XCTAssertEqual(try big.position(of: all[i].key, in: events), i)
            XCTAssertEqual(try big.key(of: all[i].id, in: events), all[i].key)
        }
        XCTAssertEqual(try big.position(of: all.last!.key, in: events), all.count - 1)
        XCTAssertNil(try big.key(of: "no-such-event", in: events))
        XCTAssertNil(try big.key(of: "actor-1", in: events), "an actor is not in the event list")
    }

    func testFirstKeyAtOrAfterADay() throws {
        let all = try big.rows(events, offset: 0, limit: 100_000)
        let keys = GeneratedAtlas.order().map { GeneratedAtlas.content.events[$0].date.sortKey }
        for day in [19000101, 19950615, 20000101, 20070229, 20240101] {
            let expectedIndex = keys.firstIndex { $0 >= day }
            let found = try big.firstKey(atOrAfter: .int(Int64(day)), in: events)
            XCTAssertEqual(found, expectedIndex.map { all[$0].key }, "first at or after \(day)")
        }
        XCTAssertNil(try big.firstKey(atOrAfter: .int(21000101), in: events))
    }

    func testFilterByActor() throws {
        let filter = ListFilter(kind: .event, actor: "actor-3")
        let expected = GeneratedAtlas.ids(GeneratedAtlas.order { GeneratedAtlas.actors(of: $0).contains("actor-3") })
        XCTAssertGreaterThan(expected.count, 100)
        XCTAssertEqual(try big.count(filter), expected.count)
        XCTAssertEqual(try big.rows(filter, offset: 0, limit: 100_000).map(\.id), expected)
        // Keyset paging over a filtered list.
        XCTAssertEqual(try pageForward(big, filter, limit: 29), expected)
        let middle = try big.rows(filter, offset: 0, limit: 100_000)[50]
        XCTAssertEqual(try big.position(of: middle.key, in: filter), 50)
    }

    func testFilterByMissionAndByActorAndMission() throws {
        let mission = ListFilter(kind: .event, mission: "mission-2")
        let expectedMission = GeneratedAtlas.ids(GeneratedAtlas.order { GeneratedAtlas.missions(of: $0) == ["mission-2"] })
        XCTAssertGreaterThan(expectedMission.count, 10)
        XCTAssertEqual(try big.count(mission), expectedMission.count)
        XCTAssertEqual(try big.rows(mission, offset: 0, limit: 100_000).map(\.id), expectedMission)

        let both = ListFilter(kind: .event, actor: "actor-4", mission: "mission-2")
        let expectedBoth = GeneratedAtlas.ids(GeneratedAtlas.order {
            GeneratedAtlas.missions(of: $0) == ["mission-2"] && GeneratedAtlas.actors(of: $0).contains("actor-4")
        })
        XCTAssertGreaterThan(expectedBoth.count, 0)
        XCTAssertLessThan(expectedBoth.count, expectedMission.count)
        XCTAssertEqual(try big.count(both), expectedBoth.count)
        XCTAssertEqual(try big.rows(both, offset: 0, limit: 100_000).map(\.id), expectedBoth)
        XCTAssertEqual(try pageBackward(big, both, limit: 3), expectedBoth)
        XCTAssertEqual(try pageForward(big, both, limit: 2), expectedBoth)
        XCTAssertEqual(try big.count(ListFilter(kind: .event, mission: "no-such-mission")), 0)
    }

    func testFilterByDates() throws {
        let keys = GeneratedAtlas.content.events.map(\.date.sortKey)
        let filter = ListFilter(kind: .event, from: 20000101, to: 20051231)
        let expected = GeneratedAtlas.ids(GeneratedAtlas.order { (20000101...20051231).contains(keys[$0]) })
        XCTAssertGreaterThan(expected.count, 0)
        XCTAssertEqual(try big.count(filter), expected.count)
        XCTAssertEqual(try big.rows(filter, offset: 0, limit: 100_000).map(\.id), expected)

        let fromOnly = ListFilter(kind: .event, from: 20200101)
        XCTAssertEqual(try big.count(fromOnly), keys.filter { $0 >= 20200101 }.count)
        let toOnly = ListFilter(kind: .event, to: 19901231)
        XCTAssertEqual(try big.count(toOnly), keys.filter { $0 <= 19901231 }.count)

        let actorDates = ListFilter(kind: .event, actor: "actor-7", from: 20100101, to: 20151231)
        let expectedActorDates = GeneratedAtlas.ids(GeneratedAtlas.order {
            GeneratedAtlas.actors(of: $0).contains("actor-7") && (20100101...20151231).contains(keys[$0])
        })
        XCTAssertEqual(try big.rows(actorDates, offset: 0, limit: 100_000).map(\.id), expectedActorDates)
    }

    func testFilterByText() throws {
        let filter = ListFilter(kind: .event, text: "topic3")
        let expected = GeneratedAtlas.ids(GeneratedAtlas.order { $0 % 7 == 3 })
        XCTAssertEqual(try big.count(filter), expected.count)
        XCTAssertEqual(try big.rows(filter, offset: 0, limit: 100_000).map(\.id), expected)
        let withActor = ListFilter(kind: .event, actor: "actor-1", text: "TOPIC3")
        let expectedWithActor = GeneratedAtlas.ids(GeneratedAtlas.order { $0 % 7 == 3 && GeneratedAtlas.actors(of: $0).contains("actor-1") })
        XCTAssertEqual(try big.rows(withActor, offset: 0, limit: 100_000).map(\.id), expectedWithActor)
        // Text with nothing searchable matches nothing; blank text does not filter.
        XCTAssertEqual(try big.count(ListFilter(kind: .event, text: "*** ((")), 0)
        XCTAssertEqual(try big.count(ListFilter(kind: .event, text: "  ")), GeneratedAtlas.eventCount)
    }

    func testHistogramByYearAndMonth() throws {
        var years: [Int: Int] = [:], months: [Int: Int] = [:]
        for e in GeneratedAtlas.content.events {
            years[e.date.sortKey / 10000, default: 0] += 1
            months[e.date.sortKey / 100, default: 0] += 1
        }
        let h = try big.histogram(events, byMonth: false)
        XCTAssertEqual(h.map(\.bucket), years.keys.sorted())
        XCTAssertEqual(h.map(\.count), years.keys.sorted().map { years[$0]! })
        XCTAssertEqual(h.reduce(0) { $0 + $1.count }, GeneratedAtlas.eventCount)
        let m = try big.histogram(events, byMonth: true)
        XCTAssertEqual(m.map(\.bucket), months.keys.sorted())
        XCTAssertEqual(m.map(\.count), months.keys.sorted().map { months[$0]! })

        var actorYears: [Int: Int] = [:]
        for (i, e) in GeneratedAtlas.content.events.enumerated() where GeneratedAtlas.actors(of: i).contains("actor-4") {
            actorYears[e.date.sortKey / 10000, default: 0] += 1
        }
        let a = try big.histogram(ListFilter(kind: .event, actor: "actor-4"), byMonth: false)
        XCTAssertEqual(a.map(\.bucket), actorYears.keys.sorted())
        XCTAssertEqual(a.map(\.count), actorYears.keys.sorted().map { actorYears[$0]! })
    }

    /// Year buckets are `sort / 10000`, and SQLite's integer division truncates toward
    /// zero: -0044-03-15 (sort -439685) lands in year -43, and -0001 (sort -9899) in year 0
    /// together with 0000. Buckets must be the dates' own years.
    func testHistogramBucketsOfNegativeYears() throws {
        var c = AtlasContent()
        for (i, text) in ["-0044-03-15", "-0001", "0000", "0001-06"].enumerated() {
            c.events.append(Event(id: "e\(i)", title: "E \(i)", date: try EDTFDate(parsing: text)))
        }
        let store = try AtlasStore.inMemory(c)
        let h = try store.histogram(ListFilter(kind: .event), byMonth: false)
        XCTAssertEqual(h.map(\.bucket), [-44, -1, 0, 1])
        XCTAssertEqual(h.map(\.count), [1, 1, 1, 1])
        // The list itself is in order.
        XCTAssertEqual(try store.rows(ListFilter(kind: .event), offset: 0, limit: 10).map(\.id), ["e0", "e1", "e2", "e3"])
    }

    func testActorsSortByFoldedTitle() throws {
        let actors = ListFilter(kind: .actor)
        XCTAssertEqual(try big.rows(actors, offset: 0, limit: 100).map(\.id), GeneratedAtlas.actorsByTitle)
        XCTAssertEqual(try pageForward(big, actors, limit: 3), GeneratedAtlas.actorsByTitle)
        XCTAssertEqual(try pageBackward(big, actors, limit: 4), GeneratedAtlas.actorsByTitle)
        XCTAssertTrue(try big.rows(actors, offset: 0, limit: 100).allSatisfy { $0.kind == .actor && $0.date == nil })
        let emile = try XCTUnwrap(try big.key(of: "actor-4", in: actors))
        XCTAssertEqual(try big.position(of: emile, in: actors), 5)
        // The event filters do not apply to other kinds.
        XCTAssertEqual(try big.count(ListFilter(kind: .actor, actor: "actor-1")), 10)
    }

    func testEventCountOfActorsAndMissions() throws {
        let expected = (0..<GeneratedAtlas.eventCount).filter { GeneratedAtlas.actors(of: $0).contains("actor-5") }.count
        XCTAssertEqual(try big.detail("actor-5")?.eventCount, expected)
        let missionEvents = (0..<GeneratedAtlas.eventCount).filter { GeneratedAtlas.missions(of: $0) == ["mission-1"] }.count
        XCTAssertEqual(try big.detail("mission-1")?.eventCount, missionEvents)
    }

    func testTheSameActorTwiceInOneEventKeepsBothRoles() throws {
        var c = AtlasContent()
        c.events = [Event(id: "e", title: "E", date: try EDTFDate(parsing: "2024"),
                          actors: [Participant(actor: "a", role: "host"), Participant(actor: "a", role: "party")])]
        let store = try AtlasStore.inMemory(c)
        let d = try XCTUnwrap(try store.detail("e"))
        XCTAssertEqual(d.actors.count, 1)
        XCTAssertTrue(d.actors[0].role.contains("host") && d.actors[0].role.contains("party"), d.actors[0].role)
        XCTAssertFalse(d.actors[0].actor.resolved, "an actor not in the atlas has no title")
        XCTAssertEqual(try store.count(ListFilter(kind: .event, actor: "a")), 1)
    }

    // MARK: the mini fixture

    func testMiniListsAndFilters() throws {
        let store = try miniStore()
        func ids(_ f: ListFilter) throws -> [String] { try store.rows(f, offset: 0, limit: 100).map(\.id) }
        XCTAssertEqual(try ids(events), ["talks-2013", "arrival", "handover"])
        XCTAssertEqual(try ids(ListFilter(kind: .actor)), ["csto", "kazakhstan", "turkiye"])
        XCTAssertEqual(try ids(ListFilter(kind: .mission)), ["undof"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, actor: "turkiye")), ["talks-2013", "arrival"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, actor: "kazakhstan")), ["arrival", "handover"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, mission: "undof")), ["handover"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, actor: "turkiye", mission: "undof")), [])
        XCTAssertEqual(try ids(ListFilter(kind: .event, actor: "kazakhstan", mission: "undof")), ["handover"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, from: 20240316)), ["handover"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, to: 20240315)), ["talks-2013", "arrival"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, from: 20140101, to: 20240315)), ["arrival"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, text: "damascus")), ["arrival"])
        XCTAssertEqual(try ids(ListFilter(kind: .event, text: "Golan")), ["handover"], "places are searched")
        XCTAssertEqual(try ids(ListFilter(kind: .actor, text: "turkey")), ["turkiye"], "aliases are searched")
        let h = try store.histogram(events, byMonth: false)
        XCTAssertEqual(h.map(\.bucket), [2013, 2024])
        XCTAssertEqual(h.map(\.count), [1, 2])
        let rows = try store.rows(events, offset: 0, limit: 100)
        XCTAssertEqual(rows.map(\.date), ["2013-02/2013-04", "2024-03-15", "2024-03-22"])
        XCTAssertEqual(rows.first?.title, "Almaty talks (NEAR \"quoted\")")
    }

    func testDetailOfAnEvent() throws {
        let store = try miniStore()
        let d = try XCTUnwrap(try store.detail("handover"))
        XCTAssertEqual(d.kind, .event)
        XCTAssertEqual(d.title, "Handover at Camp Faouar")
        XCTAssertEqual(d.date, "2024-03-22")
        XCTAssertEqual(d.type, "handover")
        XCTAssertEqual(d.place?.name, "Camp Faouar")
        XCTAssertEqual(d.place?.region, "Golan Heights")
        XCTAssertEqual(d.place?.display, "Camp Faouar, Golan Heights")
        XCTAssertEqual(d.actors.map(\.actor.id), ["kazakhstan"])
        XCTAssertEqual(d.actors.first?.actor.title, "Kazakhstan")
        XCTAssertEqual(d.actors.first?.role, "contributor")
        XCTAssertEqual(d.missions.map(\.id), ["undof"])
        XCTAssertEqual(d.missions.first?.title, "United Nations Disengagement Observer Force")
        XCTAssertEqual(d.missions.first?.kind, .mission)
        XCTAssertEqual(d.sources.count, 1)
        XCTAssertEqual(d.sources.first?.source.id, "src-a")
        XCTAssertEqual(d.sources.first?.source.title, "A test article")
        XCTAssertEqual(d.sources.first?.locator, "para 10")
        XCTAssertEqual(d.sources.first?.quote, "took over")
        XCTAssertEqual(d.eventCount, 0)

        XCTAssertEqual(d.links.count, 2)
        let follows = try XCTUnwrap(d.links.first { $0.target.id == "arrival" })
        XCTAssertEqual(follows.label, "follows")
        XCTAssertEqual(follows.direction, .out)
        XCTAssertEqual(follows.target.title, "Arrival in Damascus")
        XCTAssertEqual(follows.target.kind, .event)
        XCTAssertNil(follows.dataset)
        let veto = try XCTUnwrap(d.links.first { $0.target.id == "unsc-veto:S/2016/846" })
        XCTAssertEqual(veto.label, "refers-to")
        XCTAssertFalse(veto.target.resolved)
        XCTAssertNil(veto.target.title)
        XCTAssertEqual(veto.dataset, DatasetKey.namespaces["unsc-veto"])
        XCTAssertNotNil(veto.dataset)
    }

    func testDetailShowsLinksFromBothEndsWithInverseLabels() throws {
        let store = try miniStore()
        let arrival = try XCTUnwrap(try store.detail("arrival"))
        let labels = Set(arrival.links.map { "\($0.direction.rawValue) \($0.label) \($0.target.id)" })
        // `talks-2013` says `result-of: arrival`, stored as arrival leads-to talks-2013.
        XCTAssertEqual(labels, ["out leads-to talks-2013", "in followed-by handover"])
        XCTAssertEqual(arrival.links.first { $0.target.id == "handover" }?.target.title, "Handover at Camp Faouar")
        XCTAssertEqual(arrival.actors.map(\.actor.id), ["kazakhstan", "turkiye"], "in the order written")
        XCTAssertEqual(arrival.actors.map(\.role), ["contributor", "observer"])
        XCTAssertEqual(arrival.place?.name, "Damascus")
        XCTAssertEqual(arrival.figures.count, 1)
        XCTAssertEqual(arrival.figures.first?.count, 40)
        XCTAssertEqual(arrival.figures.first?.qualifier, .about)
        XCTAssertEqual(arrival.figures.first?.countText, "about 40")
        XCTAssertEqual(arrival.figures.first?.category, "killed")

        let talks = try XCTUnwrap(try store.detail("talks-2013"))
        XCTAssertEqual(talks.links.map(\.label), ["result-of"])
        XCTAssertEqual(talks.links.first?.direction, .in)
        XCTAssertEqual(talks.links.first?.relation, .leadsTo)
        XCTAssertEqual(talks.links.first?.target.id, "arrival")
        XCTAssertEqual(talks.summary, "Iran and the P5 met twice.")

        let csto = try XCTUnwrap(try store.detail("csto"))
        XCTAssertEqual(csto.links.map { "\($0.direction.rawValue) \($0.label) \($0.target.id)" }, ["in has-member kazakhstan"])
        let kazakhstan = try XCTUnwrap(try store.detail("kazakhstan"))
        XCTAssertEqual(kazakhstan.links.map { "\($0.direction.rawValue) \($0.label) \($0.target.id)" }, ["out member-of csto"])
    }

    func testDetailOfAnActorAMissionAndASource() throws {
        let store = try miniStore()
        let kaz = try XCTUnwrap(try store.detail("kazakhstan"))
        XCTAssertEqual(kaz.kind, .actor)
        XCTAssertEqual(kaz.type, "state")
        XCTAssertEqual(kaz.iso3, "KAZ")
        XCTAssertEqual(kaz.eventCount, 2)
        XCTAssertNil(kaz.date)
        let tur = try XCTUnwrap(try store.detail("turkiye"))
        XCTAssertEqual(tur.aliases, ["Turkey"])
        XCTAssertEqual(tur.eventCount, 2)
        XCTAssertEqual(tur.summary, "A state.")
        XCTAssertEqual(try store.detail("csto")?.eventCount, 0)

        let undof = try XCTUnwrap(try store.detail("undof"))
        XCTAssertEqual(undof.kind, .mission)
        XCTAssertEqual(undof.acronym, "UNDOF")
        XCTAssertEqual(undof.status, "active")
        XCTAssertEqual(undof.location, "Golan Heights")
        XCTAssertEqual(undof.headquarters, "Camp Faouar")
        XCTAssertEqual(undof.eventCount, 1)
        XCTAssertEqual(undof.figures.count, 1)
        let f = try XCTUnwrap(undof.figures.first)
        XCTAssertEqual(f.date, "2024-05-31")
        XCTAssertEqual(f.actor?.id, "kazakhstan")
        XCTAssertEqual(f.actor?.title, "Kazakhstan")
        XCTAssertEqual(f.category, "peacekeepers")
        XCTAssertEqual(f.count, 139)
        XCTAssertEqual(f.countText, "139")
        XCTAssertEqual(f.qualifier, .exactly)
        XCTAssertNil(f.dataset)
        XCTAssertEqual(f.citation?.source.title, "A test article")
        XCTAssertEqual(f.citation?.locator, "para 12")
        XCTAssertEqual(f.citation?.quote, "139")
        XCTAssertEqual(undof.sources.map(\.quote), ["UNDOF"])

        let src = try XCTUnwrap(try store.detail("src-a"))
        XCTAssertEqual(src.kind, .source)
        XCTAssertEqual(src.publisher, "Test Publisher")
        XCTAssertEqual(src.author, "A. Writer")
        XCTAssertEqual(src.date, "2024-08-01")
        XCTAssertEqual(src.type, "article")
        // Three actors, one mission and three events cite it.
        XCTAssertEqual(src.citedBy, 7)

        XCTAssertNil(try store.detail("no-such-record"))
    }

    func testStatsAndLookup() throws {
        let store = try miniStore()
        let s = try store.stats()
        let content = try AtlasLoader.load(directory: TestPaths.mini)
        XCTAssertEqual(s.events, 3)
        XCTAssertEqual(s.actors, 3)
        XCTAssertEqual(s.missions, 1)
        XCTAssertEqual(s.sources, 1)
        XCTAssertEqual(s.links, 4)
        XCTAssertEqual(s.figures, 2)
        XCTAssertEqual(s.citations, 8)
        XCTAssertEqual(s.citations, content.citationCount)
        XCTAssertEqual(s.links, content.links.count)

        let undof = try XCTUnwrap(try store.lookup("undof"))
        XCTAssertEqual(undof.kind, .mission)
        XCTAssertEqual(undof.title, "United Nations Disengagement Observer Force")
        XCTAssertEqual(try store.lookup("turkiye")?.kind, .actor)
        XCTAssertEqual(try store.lookup("src-a")?.kind, .source)
        XCTAssertNil(try store.lookup("undfo"))
        XCTAssertTrue(store.origin.contains("mini"), store.origin)
    }

    func testSuggestionsForAMistypedID() throws {
        let store = try miniStore()
        XCTAssertTrue(try store.suggestions(for: "handovr").contains("handover"))
        XCTAssertTrue(try store.suggestions(for: "kazakstan").contains("kazakhstan"))
        XCTAssertTrue(try store.suggestions(for: "undfo").contains("undof"))
        XCTAssertTrue(try store.suggestions(for: "talks2013").contains("talks-2013"))
        XCTAssertLessThanOrEqual(try store.suggestions(for: "a", limit: 2).count, 2)
        XCTAssertNoThrow(try store.suggestions(for: "\"(*"))
        XCTAssertEqual(try big.suggestions(for: "event-19999").count <= 3, true)
    }

    // MARK: database files

    /// A minimal valid SQLite file (one empty page) with the given header fields,
    /// written by hand so the test needs no SQLite client.
    private func sqliteFile(applicationID: UInt32, userVersion: UInt32) -> Data {
        var page = [UInt8](repeating: 0, count: 4096)
        let magic = Array("SQLite format 3\u{0}".utf8)
        page.replaceSubrange(0..<16, with: magic)
        func put32(_ v: UInt32, at o: Int) {
            page[o] = UInt8(v >> 24); page[o + 1] = UInt8((v >> 16) & 0xFF)
            page[o + 2] = UInt8((v >> 8) & 0xFF); page[o + 3] = UInt8(v & 0xFF)
        }
        page[16] = 0x10; page[17] = 0x00      // page size 4096
        page[18] = 1; page[19] = 1            // legacy file format
        page[20] = 0                          // reserved bytes
        page[21] = 64; page[22] = 32; page[23] = 32
        put32(1, at: 24)                      // change counter
        put32(1, at: 28)                      // pages in the file
        put32(1, at: 40)                      // schema cookie
        put32(4, at: 44)                      // schema format
        put32(1, at: 56)                      // UTF-8
        put32(userVersion, at: 60)
        put32(applicationID, at: 68)
        put32(1, at: 92)                      // version-valid-for = change counter
        put32(3_045_000, at: 96)
        page[100] = 0x0D                      // an empty leaf table page: sqlite_schema
        page[105] = 0x10; page[106] = 0x00    // cell content starts at 4096
        return Data(page)
    }

    private func openError(_ data: Data?, file: StaticString = #filePath, line: UInt = #line) throws -> StoreError? {
        let folder = try TempAtlas([:])
        let path = folder.url.appendingPathComponent("atlas.sqlite").path
        if let data { try data.write(to: URL(fileURLWithPath: path)) }
        do {
            _ = try AtlasStore.open(database: path)
            XCTFail("opening should fail", file: file, line: line)
            return nil
        } catch {
            XCTAssertTrue(error.description.contains(path), error.description, file: file, line: line)
            return error
        }
    }

    func testOpeningFilesThatAreNotCrossroadsDatabases() throws {
        guard case .unreadable? = try openError(nil) else { return XCTFail("a missing file is unreadable") }
        guard case .corrupt? = try openError(Data("hello, I am text\n".utf8)) else { return XCTFail("text is not SQLite") }
        guard case .notCrossroads? = try openError(Data()) else { return XCTFail("an empty file is not a Crossroads database") }
        guard case .notCrossroads? = try openError(sqliteFile(applicationID: 0, userVersion: 1)) else {
            return XCTFail("another application's SQLite file")
        }
        let newer = try openError(sqliteFile(applicationID: UInt32(bitPattern: Schema.applicationID), userVersion: 99))
        guard case .newerSchema(_, let found, let supported)? = newer else { return XCTFail("\(String(describing: newer))") }
        XCTAssertEqual(found, 99)
        XCTAssertEqual(supported, Schema.version)
        XCTAssertTrue(newer!.description.contains("newer"), newer!.description)
        // Right header, no tables.
        guard case .corrupt? = try openError(sqliteFile(applicationID: UInt32(bitPattern: Schema.applicationID),
                                                        userVersion: UInt32(Schema.version))) else {
            return XCTFail("a Crossroads header without tables")
        }
        let folder = try TempAtlas([:])
        XCTAssertThrowsError(try AtlasStore.open(database: folder.url.path)) { error in
            guard case StoreError.unreadable = error else { return XCTFail("\(error)") }
        }
    }

    func testLoadingABadAtlasFolderThrowsAtlasErrors() throws {
        let bad = try TempAtlas(["events.yaml": "evnts: []\n"])
        XCTAssertThrowsError(try AtlasStore.load(atlas: bad.url)) { error in
            guard case StoreError.atlas(.invalid(let problems)) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.count, 1)
        }
        let missing = bad.url.appendingPathComponent("nope")
        XCTAssertThrowsError(try AtlasStore.load(atlas: missing)) { error in
            guard case StoreError.atlas(.unreadable) = error else { return XCTFail("\(error)") }
        }
    }

    /// Text read back from SQLite ends at a NUL: the store keeps it as ␀ so that
    /// what follows stays visible (a hostile title cannot hide its tail).
    func testANulInTextIsKeptVisibleWithWhatFollows() throws {
        var c = AtlasContent()
        c.actors = [Actor(id: "a", title: "Before\u{0}after", type: .state, summary: "one\u{0}two\u{0}")]
        let store = try AtlasStore.inMemory(c)
        let d = try XCTUnwrap(try store.detail("a"))
        XCTAssertEqual(d.title, "Before\u{2400}after")
        XCTAssertEqual(d.summary, "one\u{2400}two\u{2400}")
    }
}
