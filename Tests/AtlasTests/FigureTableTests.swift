import XCTest
@testable import Atlas

/// Figures as a table: sorting, totals per date and category, what is summed, and
/// the chart of the totals.
final class FigureTableTests: XCTestCase {
    private func ref(_ id: String, _ kind: RecordKind) -> RecordDetail.Ref {
        RecordDetail.Ref(id: id, title: id.uppercased(), kind: kind)
    }

    private func mission(_ rows: [(String?, String, String, Int)], qualifier: Figure.Qualifier = .exactly) -> FigureTable {
        FigureTable(subject: "m", rows: rows.map { date, actor, category, count in
            FigureTable.Row(date: date, actor: ref(actor, .actor), holder: ref("m", .mission), category: category,
                            count: count, qualifier: qualifier)
        })
    }

    func testTotalsAddContributorsPerDateAndCategory() {
        let t = mission([("2024-05-31", "kaz", "troops", 139), ("2024-05-31", "irl", "troops", 10),
                         ("2024-05-31", "kaz", "staff-officers", 2), ("2023", "irl", "troops", 130), (nil, "fji", "troops", 5)])
        XCTAssertEqual(t.totals.map { "\($0.date) \($0.category) \($0.count)/\($0.figures)" },
                       ["2023 troops 130/1", "2024-05-31 staff-officers 2/1", "2024-05-31 troops 149/2"])
        XCTAssertEqual(t.chartCategory, "troops")
        XCTAssertEqual(t.chart(width: 10), "▆█", "2023's 130 against 2024's 149: 130 × 8 / 149 = 6")
        XCTAssertEqual(t.chart(width: 1), "█", "the last dates when there is no room")
    }

    func testApproximateFiguresMakeAnApproximateTotal() {
        let t = mission([("2024", "a", "troops", 40)], qualifier: .about)
        XCTAssertEqual(t.totals.first?.approximate, true)
    }

    func testSortsByEachColumnWithUndatedLast() {
        var t = mission([("2024", "b", "troops", 5), (nil, "a", "troops", 1), ("2020", "c", "experts", 9)])
        XCTAssertEqual(t.rows.map { $0.actor!.id }, ["c", "b", "a"], "by date, undated last")
        t.sort(by: .date, descending: true)
        XCTAssertEqual(t.rows.map { $0.actor!.id }, ["b", "c", "a"], "undated last either way")
        t.sort(by: .actor)
        XCTAssertEqual(t.rows.map { $0.actor!.id }, ["a", "b", "c"])
        t.sort(by: .count, descending: true)
        XCTAssertEqual(t.rows.map(\.count), [9, 5, 1])
        t.sort(by: .category)
        XCTAssertEqual(t.rows.map(\.category), ["experts", "troops", "troops"])
    }

    /// For an actor, an event that repeats a mission's figure (a statistics report)
    /// is listed but not added, so the total is not counted twice.
    func testAnActorsTotalsAddMissionsNotEvents() {
        let kaz = ref("kaz", .actor)
        let t = FigureTable(subject: "kaz", rows: [
            .init(date: "2024-05-31", actor: kaz, holder: ref("undof", .mission), category: "troops", count: 139),
            .init(date: "2024-05-31", actor: kaz, holder: ref("unifil", .mission), category: "troops", count: 6),
            .init(date: "2024-05-31", actor: kaz, holder: ref("stats-2024", .event), category: "troops", count: 139),
            .init(date: "2021-01-31", actor: kaz, holder: kaz, category: "uniformed personnel", count: 128),
        ])
        XCTAssertEqual(t.totals.map { "\($0.date) \($0.category) \($0.count)" },
                       ["2021-01-31 uniformed personnel 128", "2024-05-31 troops 145"])
        XCTAssertEqual(t.rows.count, 4, "every figure is listed")
    }

    func testTheStoreGathersAnActorsFiguresAcrossRecords() throws {
        let store = try AtlasStore.builtin()
        let kaz = try XCTUnwrap(try store.figureTable("kazakhstan"))
        XCTAssertTrue(kaz.rows.contains { $0.holder.id == "undof" && $0.count == 139 }, "\(kaz.rows)")
        XCTAssertTrue(kaz.rows.contains { $0.holder.id == "unifil" && $0.count == 6 })
        XCTAssertEqual(kaz.totals.first { $0.date == "2024-05-31" && $0.category == "peacekeepers" }?.count, 145)
        let undof = try XCTUnwrap(try store.figureTable("undof"))
        XCTAssertEqual(undof.rows.map(\.count), [139])
        XCTAssertEqual(undof.rows.first?.citation?.quote, "there are 139 Kazakhstani peacekeepers in UNDOF")
        XCTAssertNil(try store.figureTable("no-such-record"))
    }

    func testDelimitedTextQuotesAndDisarms() {
        let csv = DelimitedText.write(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["=cmd()", "-5"], [nil, "\u{1B}[2J"]], as: .csv)
        XCTAssertEqual(csv, "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n'=cmd(),-5\r\n,␛[2J\r\n")
        let tsv = DelimitedText.write(header: ["a"], rows: [["tab\there"]], as: .tsv)
        XCTAssertEqual(tsv, "a\ntab here\n")
    }
}
