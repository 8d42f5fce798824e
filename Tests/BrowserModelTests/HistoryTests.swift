import XCTest
import Atlas
@testable import BrowserModel

/// Back and forward like a web browser, through the keys, and the History value itself.
final class BrowserHistoryTests: XCTestCase {
    private func assertIndexInBounds(_ s: Session, file: StaticString = #filePath, line: UInt = #line) {
        let h = s.browser.history
        XCTAssertTrue((-1..<h.entries.count).contains(h.index), "history index \(h.index) of \(h.entries.count)", file: file, line: line)
        if h.entries.isEmpty { XCTAssertEqual(h.index, -1, file: file, line: line) } else { XCTAssertGreaterThanOrEqual(h.index, 0, file: file, line: line) }
    }

    /// A, B, C opened by Enter on a list, a link chosen with j + Enter, and a hint label.
    func testOpenThreeRecordsThenBackTwiceAndForward() {
        let s = Session()
        XCTAssertEqual(s.browser.history.entries, [], "moving through lists previews; nothing is opened yet")
        s.press("<Enter>")                                  // A: the first event
        XCTAssertEqual(s.browser.current, "talks-2013")
        XCTAssertEqual(s.browser.focus, .detail, "opening an event moves to its detail")
        s.press("j<Enter>")                                 // B: its second link, ← result-of Arrival
        XCTAssertEqual(s.browser.current, "arrival")
        assertIndexInBounds(s)
        // C: by hint label; on Arrival the links are a Kazakhstan, s Türkiye, d leads-to, f followed-by.
        XCTAssertEqual(s.browser.visibleHints.map(\.label), ["a", "s", "d", "f", "g"])
        s.press("ff")
        XCTAssertEqual(s.browser.current, "handover")
        XCTAssertEqual(s.browser.history.entries, ["talks-2013", "arrival", "handover"])
        XCTAssertEqual(s.browser.history.index, 2)
        XCTAssertTrue(s.status.hasSuffix("◀ 3/3 ▶"), s.status)

        s.press("<BS>")
        XCTAssertEqual(s.browser.current, "arrival")
        XCTAssertEqual(s.selectedEventID, "arrival", "back selects the record in its list")
        s.press("<C-o>")
        XCTAssertEqual(s.browser.current, "talks-2013")
        XCTAssertEqual(s.browser.history.index, 0)
        XCTAssertTrue(s.status.hasSuffix("◀ 1/3 ▶"), s.status)
        s.press("<BS>")
        XCTAssertEqual(s.browser.current, "talks-2013", "nothing before the first entry")
        XCTAssertTrue(s.status.hasPrefix("no earlier record in history"), s.status)
        assertIndexInBounds(s)

        s.press("]")
        XCTAssertEqual(s.browser.current, "arrival")
        s.press("]")
        XCTAssertEqual(s.browser.current, "handover")
        s.press("]")
        XCTAssertEqual(s.browser.current, "handover")
        XCTAssertTrue(s.status.hasPrefix("no later record in history"), s.status)
        XCTAssertEqual(s.browser.history.entries.count, 3, "back and forward never change the trail")
        assertIndexInBounds(s)
    }

    func testNewNavigationAfterBackDropsTheForwardEntries() {
        let s = Session()
        s.press(":goto talks-2013<Enter>:goto arrival<Enter>:goto handover<Enter>")
        XCTAssertEqual(s.browser.history.entries, ["talks-2013", "arrival", "handover"])
        s.press("<BS><BS>")
        XCTAssertEqual(s.browser.current, "talks-2013")
        s.press(":goto undof<Enter>")
        XCTAssertEqual(s.browser.history.entries, ["talks-2013", "undof"])
        XCTAssertEqual(s.browser.history.index, 1)
        s.press("]")
        XCTAssertEqual(s.browser.current, "undof", "no forward entry is left")
        s.press("<BS>")
        XCTAssertEqual(s.browser.current, "talks-2013")
        assertIndexInBounds(s)
    }

    func testFollowingALinkFromAPreviewCommitsThePreviewFirst() {
        let s = Session()
        // The first event is only previewed; following its link must let back return to it.
        s.press("4j<Enter>")
        XCTAssertEqual(s.browser.current, "arrival")
        XCTAssertEqual(s.browser.history.entries, ["talks-2013", "arrival"])
        s.press("<BS>")
        XCTAssertEqual(s.browser.current, "talks-2013")
    }

    func testBackFromAPreviewReturnsToTheLastOpenedRecord() {
        let s = Session()
        s.press("<Enter>1jj")
        XCTAssertEqual(s.browser.current, "patrol-02", "moving previews")
        XCTAssertEqual(s.browser.history.entries, ["talks-2013"])
        s.press("<BS>")
        XCTAssertEqual(s.browser.current, "talks-2013")
        XCTAssertEqual(s.selectedEventID, "talks-2013")
        XCTAssertEqual(s.browser.history.index, 0)
    }

    func testHistoryOverlayListsEntriesNewestFirstWithTheCurrentOneMarked() {
        let s = Session()
        s.press(":goto talks-2013<Enter>:goto arrival<Enter>:goto handover<Enter><BS>H")
        let rows = s.lines.filter { $0.contains("event   ") }
        XCTAssertEqual(rows.count, 3, s.text)
        XCTAssertTrue(rows[0].contains("  event   Handover at Camp Faouar"), rows[0])
        XCTAssertTrue(rows[1].contains("▶ event   Arrival in Damascus"), rows[1])
        XCTAssertTrue(rows[2].contains("  event   Almaty talks"), rows[2])
        XCTAssertEqual(s.browser.overlay?.kind, .history)

        // Enter on another row jumps there without changing the trail.
        s.press("j<Enter>")
        XCTAssertNil(s.browser.overlay)
        XCTAssertEqual(s.browser.current, "talks-2013")
        XCTAssertEqual(s.browser.history.entries, ["talks-2013", "arrival", "handover"])
        XCTAssertEqual(s.browser.history.index, 0)
        s.press("H")
        XCTAssertTrue(s.lines.contains { $0.contains("▶ event   Almaty talks") })
        s.press("<Esc>")
        XCTAssertNil(s.browser.overlay)
        assertIndexInBounds(s)
    }

    func testHistoryIsSavedToUserStateAndRestoredAtItsEnd() {
        let s = Session()
        s.press(":goto arrival<Enter>:goto handover<Enter>")
        XCTAssertEqual(s.saves.last?.history, ["arrival", "handover"], "the loop is asked to save the history")

        var state = UserState()
        state.history = ["arrival", "handover", "no-such-record"]
        let b = Browser(store: Fixtures.store(), userState: state)
        XCTAssertEqual(b.history.index, 2)
        XCTAssertEqual(b.history.current, "no-such-record")
        _ = b.handle(.char("H"))
        let f = b.frame(width: 100, height: 30)
        XCTAssertTrue(f.text.contains("no-such-record (not in this atlas)"), "a stale entry is shown, not dropped")
        _ = b.handle(.escape)
        // Back from the start screen's preview returns to where the last session ended.
        _ = b.handle(.backspace)
        XCTAssertEqual(b.current, "no-such-record")
        XCTAssertTrue(b.frame(width: 100, height: 30).text.contains("no record 'no-such-record' in this atlas"))
        _ = b.handle(.backspace)
        XCTAssertEqual(b.current, "handover")
    }

    func testHistoryIndexStaysInBoundsThroughManyMoves() {
        let s = Session(width: 100, height: 30)
        let keys = ["<Enter>", "<BS>", "]", "j", "<Tab>", "f", "a", "H", "<Enter>", "n", "1", "G", "<Enter>", "<C-o>", "2", "<Enter>", "<Esc>"]
        for round in 0..<40 {
            s.press(keys[round % keys.count] + keys[(round * 7) % keys.count])
            assertIndexInBounds(s)
        }
    }
}

/// The History value's rules.
final class HistoryValueTests: XCTestCase {
    func testEmpty() {
        var h = History()
        XCTAssertEqual(h.index, -1)
        XCTAssertNil(h.current)
        XCTAssertFalse(h.canGoBack)
        XCTAssertFalse(h.canGoForward)
        XCTAssertNil(h.back())
        XCTAssertNil(h.forward())
        XCTAssertNil(h.jump(to: 0))
        XCTAssertEqual(h.index, -1)
    }

    func testVisitBackForward() {
        var h = History()
        h.visit("a"); h.visit("b"); h.visit("c")
        XCTAssertEqual(h.entries, ["a", "b", "c"])
        XCTAssertEqual(h.current, "c")
        XCTAssertTrue(h.canGoBack)
        XCTAssertFalse(h.canGoForward)
        XCTAssertEqual(h.back(), "b")
        XCTAssertEqual(h.back(), "a")
        XCTAssertNil(h.back())
        XCTAssertEqual(h.current, "a")
        XCTAssertEqual(h.forward(), "b")
        XCTAssertTrue(h.canGoForward)
    }

    func testVisitingTheCurrentEntryAddsNothingAndKeepsForward() {
        var h = History()
        h.visit("a"); h.visit("b"); h.visit("c")
        h.visit("c")
        XCTAssertEqual(h.entries, ["a", "b", "c"])
        _ = h.back()
        h.visit("b")
        XCTAssertEqual(h.entries, ["a", "b", "c"], "re-opening the current entry keeps the forward part")
        XCTAssertEqual(h.forward(), "c")
    }

    func testVisitAfterBackDropsForward() {
        var h = History()
        h.visit("a"); h.visit("b"); h.visit("c")
        _ = h.back(); _ = h.back()
        h.visit("d")
        XCTAssertEqual(h.entries, ["a", "d"])
        XCTAssertEqual(h.index, 1)
        XCTAssertNil(h.forward())
    }

    func testRevisitingAnEarlierRecordAppendsIt() {
        var h = History()
        h.visit("a"); h.visit("b"); h.visit("a")
        XCTAssertEqual(h.entries, ["a", "b", "a"])
    }

    func testJump() {
        var h = History()
        h.visit("a"); h.visit("b"); h.visit("c")
        XCTAssertEqual(h.jump(to: 0), "a")
        XCTAssertEqual(h.entries.count, 3)
        XCTAssertNil(h.jump(to: 3))
        XCTAssertNil(h.jump(to: -1))
        XCTAssertEqual(h.index, 0)
        XCTAssertEqual(h.forward(), "b")
    }

    func testLimit() {
        var h = History()
        for i in 0..<(History.limit + 100) { h.visit("id-\(i)") }
        XCTAssertEqual(h.entries.count, History.limit)
        XCTAssertEqual(h.index, History.limit - 1)
        XCTAssertEqual(h.entries.first, "id-100")
        XCTAssertEqual(h.current, "id-\(History.limit + 99)")
    }

    func testRestoredTrail() {
        let h = History(entries: (0..<600).map { "r\($0)" })
        XCTAssertEqual(h.entries.count, History.limit)
        XCTAssertEqual(h.index, History.limit - 1)
        XCTAssertEqual(h.current, "r599")
        XCTAssertEqual(History(entries: []).index, -1)
        XCTAssertEqual(History(entries: ["x"]).current, "x")
    }
}
