import XCTest
import Atlas
@testable import BrowserModel
import TestTools

/// Lists are windows over queries: with thousands of events every screen shows the
/// right rows wherever the selection jumps.
final class ScaleTests: XCTestCase {
    static let count = 5000
    // Built once: thousands of inserts are the slow part.
    nonisolated(unsafe) static var shared: AtlasStore?
    var store: AtlasStore {
        if let s = Self.shared { return s }
        let s = Fixtures.largeStore(events: Self.count)
        Self.shared = s
        return s
    }

    /// The rows on screen are consecutive events in date order (ids ev-N go by week).
    private func assertVisibleRowsConsecutive(_ s: Session, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        var p: ListPane { s.pane(.events) }
        let rows = p.window
        XCTAssertEqual(rows.count, min(p.scroll.height, p.count - p.top), context, file: file, line: line)
        for (i, r) in rows.enumerated() {
            XCTAssertEqual(r.id, "ev-\(p.top + i)", "\(context): row \(i) of the window at \(p.top)", file: file, line: line)
            if r.id != "ev-\(p.top + i)" { return }
        }
        XCTAssertEqual(p.selectedRow?.id, "ev-\(p.selected)", context, file: file, line: line)
    }

    func testJumpsAndPagingShowTheRightRows() {
        let s = Session(store, width: 120, height: 40)
        XCTAssertTrue(s.text.contains("1 Events 5000 · 1/5000"))
        assertVisibleRowsConsecutive(s, "start")
        s.press("G")
        XCTAssertEqual(s.pane(.events).selected, Self.count - 1)
        XCTAssertTrue(s.text.contains("5000/5000"))
        assertVisibleRowsConsecutive(s, "G")
        for _ in 0..<150 { s.press("k") }
        XCTAssertEqual(s.pane(.events).selected, Self.count - 151)
        assertVisibleRowsConsecutive(s, "150 k")
        s.press("g")
        for i in 0..<600 {    // 200 pages of 15 and 400 half pages of 7 rows: past the end
            s.press(i % 3 == 0 ? "<PgDn>" : "<C-d>")
            if i % 20 == 0 { assertVisibleRowsConsecutive(s, "paging down \(i)") }
        }
        XCTAssertEqual(s.pane(.events).selected, Self.count - 1, "paged to the end")
        for i in 0..<400 {
            s.press("<PgUp>")
            if i % 20 == 0 { assertVisibleRowsConsecutive(s, "paging up \(i)") }
        }
        XCTAssertEqual(s.pane(.events).selected, 0)
    }

    func testGotoDatesAcrossTheList() {
        let s = Session(store, width: 100, height: 30)
        var rng = SplitMix64(seed: 42)
        for _ in 0..<60 {
            let year = rng.int(1990...2085), month = rng.int(1...12)
            let q = String(format: "%04d-%02d", year, month)
            s.press(":goto \(q)<Enter>")
            var p: ListPane { s.pane(.events) }
            guard let row = p.selectedRow else { return XCTFail("no selection after :goto \(q)") }
            assertVisibleRowsConsecutive(s, ":goto \(q)")
            if s.status.hasPrefix("no event") {
                XCTAssertEqual(p.selected, Self.count - 1)
            } else {
                XCTAssertGreaterThanOrEqual(row.date!, q + "-01", ":goto \(q)")
                if p.selected > 0 { XCTAssertLessThan(p.row(at: p.selected - 1)!.date!, q + "-01", ":goto \(q)") }
            }
        }
    }

    func testCrossFiltersAndSearchAtScale() {
        let s = Session(store, width: 120, height: 40)
        s.press("2g<Enter>")
        XCTAssertEqual(s.browser.actorChip?.id, "alpha")
        XCTAssertEqual(s.pane(.events).count, Self.count / 2)
        s.press("G")
        XCTAssertEqual(s.pane(.events).selectedRow?.id, "ev-\(Self.count - 2)")
        s.press("<Esc>3<Enter>")
        XCTAssertEqual(s.pane(.events).count, Self.count / 5)
        s.press("<Esc>/sector 13<Enter>")
        XCTAssertNotNil(s.browser.search)
        XCTAssertTrue(s.status.hasPrefix("hit 1 of"), s.status)
        XCTAssertTrue(s.browser.current?.hasPrefix("ev-") ?? false)
        assertFrameSize(s.frame, width: 120, height: 40)
    }

    func testTimelineSpansTheYears() {
        let s = Session(store, width: 160, height: 40)
        let timeline = s.lines[40 - 3]
        XCTAssertTrue(timeline.hasPrefix(" 1990 "), timeline)
        XCTAssertTrue(timeline.contains(" 2085"), timeline)
        XCTAssertTrue(timeline.contains("▲ 1990: 53 events") || timeline.contains("▲ 1990"), timeline)
    }
}
