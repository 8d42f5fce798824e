import XCTest
import Atlas
@testable import BrowserModel

/// Moving keys, quitting, the mouse.
final class NavigationKeyTests: XCTestCase {
    private func assertSelectionInside(_ s: Session, _ key: String, file: StaticString = #filePath, line: UInt = #line) {
        var p: ListPane { s.pane(s.browser.focus == .detail ? .events : s.browser.focus) }
        XCTAssertTrue((0..<max(1, p.count)).contains(p.selected), "\(key): selected \(p.selected) of \(p.count)", file: file, line: line)
        XCTAssertTrue(p.selected >= p.top && p.selected < p.top + p.scroll.height,
                      "\(key): selection \(p.selected) off screen (top \(p.top), height \(p.scroll.height))", file: file, line: line)
    }

    func testMovingKeysKeepTheSelectionInsideTheList() {
        let s = Session(width: 80, height: 24)
        var p: ListPane { s.pane(.events) }
        XCTAssertEqual(p.scroll.height, 18)
        let steps: [(String, Int)] = [
            ("j", 1), ("k", 0), ("k", 0), ("<Down>", 1), ("<Up>", 0),
            ("<PgDn>", 17), ("<Space>", 34), ("<Space>", 34), ("<PgDn>", 34), ("j", 34), ("<C-d>", 34),
            ("<PgUp>", 17), ("b", 0), ("b", 0), ("<PgUp>", 0), ("<C-u>", 0),
            ("<C-d>", 8), ("<C-d>", 16), ("<C-u>", 8),
            ("G", 34), ("g", 0), ("<End>", 34), ("<Home>", 0),
        ]
        for (key, expected) in steps {
            s.press(key)
            XCTAssertEqual(p.selected, expected, "after \(key)")
            assertSelectionInside(s, key)
            XCTAssertEqual(s.browser.current, p.selectedRow?.id, "the detail previews the selection after \(key)")
        }
        XCTAssertEqual(s.browser.history.entries, [], "moving only previews")
    }

    func testPageSizeFollowsTheLastFrame() {
        let s = Session(width: 120, height: 40)
        s.press("<PgDn>")
        XCTAssertEqual(s.pane(.events).selected, 15, "16 rows on screen at 120x40")
        s.resize(40, 8)
        s.press("g<PgDn>")
        XCTAssertEqual(s.pane(.events).selected, 2, "3 rows on screen at 40x8")
    }

    func testMovingInAnEmptyListIsHarmless() {
        let s = Session()
        s.press("\\zzzz<Enter>")
        for k in ["j", "k", "G", "g", "<PgDn>", "<PgUp>", "<C-d>", "<C-u>", "<Enter>", "l"] {
            s.press(k)
            XCTAssertEqual(s.pane(.events).count, 0)
            XCTAssertNil(s.browser.current, k)
        }
        assertFrameSize(s.frame, width: 120, height: 40)
    }

    func testMovingInTheDetailMovesTheLinkCursor() {
        let s = Session()
        s.press(":goto handover<Enter>4")
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("kazakhstan"))
        s.press("j")
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("undof"))
        s.press("G")
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("src-a"))
        s.press("jjj")
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("src-a"), "the cursor stops at the last link")
        s.press("g")
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("kazakhstan"))
        s.press("k")
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("kazakhstan"))
        s.press("j<Enter>")
        XCTAssertEqual(s.browser.current, "undof")
    }

    func testFocusKeys() {
        let s = Session()
        for (k, p) in [("2", PaneID.actors), ("3", .missions), ("4", .detail), ("1", .events)] {
            s.press(k)
            XCTAssertEqual(s.browser.focus, p)
        }
    }

    func testEnterOnAnEventOpensItAndFocusesTheDetail() {
        let s = Session()
        s.press("jj<Enter>")
        XCTAssertEqual(s.browser.current, "patrol-02")
        XCTAssertEqual(s.browser.focus, .detail)
        XCTAssertEqual(s.browser.history.entries, ["patrol-02"])
        s.press("1l")
        XCTAssertEqual(s.browser.focus, .detail, "l opens too")
        s.press("1<Right>")
        XCTAssertEqual(s.browser.focus, .detail, "→ opens too")
    }

    func testUnboundKeySaysSo() {
        let s = Session()
        s.press("z")
        XCTAssertTrue(s.status.hasPrefix("z does nothing here; ? shows the keys"), s.status)
        s.press("j")
        XCTAssertFalse(s.status.contains("does nothing"), "a message lasts one key")
    }
}

final class QuitAndOverlayKeyTests: XCTestCase {
    func testQClosesAnOverlayAndQuitsFromTheMainView() {
        let s = Session()
        s.press("?")
        XCTAssertNotNil(s.browser.overlay)
        XCTAssertEqual(s.key(.char("q")), .none)
        XCTAssertNil(s.browser.overlay)
        XCTAssertEqual(s.key(.char("q")), .quit(code: 0))
    }

    func testShiftQQuitsEverywhere() {
        XCTAssertEqual(Session().key(.char("Q")), .quit(code: 0))
        let s = Session()
        s.press("H")
        XCTAssertEqual(s.key(.char("Q")), .quit(code: 0))
        let d = Session()
        d.press("4")
        XCTAssertEqual(d.key(.char("Q")), .quit(code: 0))
    }

    func testQInAPromptIsText() {
        let s = Session()
        s.press("/")
        XCTAssertEqual(s.key(.char("q")), .none)
        XCTAssertEqual(s.key(.char("Q")), .none)
        XCTAssertEqual(s.browser.prompt?.text, "qQ")
    }

    func testEscAndQuestionMarkCloseOverlays() {
        let s = Session()
        s.press("?<Esc>")
        XCTAssertNil(s.browser.overlay)
        s.press("??")
        XCTAssertNil(s.browser.overlay, "? toggles the help")
        s.press("H/")
        XCTAssertNotNil(s.browser.overlay, "keys not bound in a box do nothing")
        XCTAssertNil(s.browser.prompt)
    }

    func testBookmarks() {
        let s = Session()
        s.press(":goto arrival<Enter>m")
        XCTAssertEqual(s.browser.userState.bookmarks, ["arrival"])
        XCTAssertTrue(s.status.hasPrefix("bookmarked: Arrival in Damascus"), s.status)
        XCTAssertTrue(s.lines.contains { $0.contains("★") && $0.contains("Arrival in Damascus") }, "bookmarked rows are starred")
        s.press("1g'")
        XCTAssertEqual(s.browser.overlay?.kind, .bookmarks)
        XCTAssertTrue(s.text.contains("Bookmarks 1"))
        s.press("<Enter>")
        XCTAssertEqual(s.browser.current, "arrival")
        s.press("m")
        XCTAssertEqual(s.browser.userState.bookmarks, [])
        s.press("'")
        XCTAssertTrue(s.text.contains("No bookmarks yet"))
    }

    func testRedrawAndResizeKeys() {
        let s = Session()
        XCTAssertEqual(s.key(.ctrl("l")), .redrawAll)
        let before = s.text
        XCTAssertEqual(s.key(.resize), .none)
        XCTAssertEqual(s.text, before)
    }
}

final class MouseTests: XCTestCase {
    func testMToggles() {
        let s = Session()
        XCTAssertEqual(s.key(.char("M")), .setMouse(true))
        XCTAssertTrue(s.browser.mouseEnabled)
        XCTAssertTrue(s.status.hasPrefix("mouse on"), s.status)
        XCTAssertEqual(s.key(.char("M")), .setMouse(false))
        XCTAssertFalse(s.browser.mouseEnabled)
        XCTAssertTrue(s.status.hasPrefix("mouse off"), s.status)
    }

    func testClickSelectsARow() {
        let s = Session()
        s.press("M")
        // Events rows start at y 2 at 120x40; the fifth row is patrol-04.
        s.key(.mouse(MouseEvent(kind: .press, x: 10, y: 6)))
        XCTAssertEqual(s.selectedEventID, "patrol-04")
        XCTAssertEqual(s.browser.current, "patrol-04")
        // Actors rows start at y 20: the second is Kazakhstan.
        s.key(.mouse(MouseEvent(kind: .press, x: 10, y: 21)))
        XCTAssertEqual(s.browser.focus, .actors)
        XCTAssertEqual(s.pane(.actors).selectedRow?.id, "kazakhstan")
        XCTAssertEqual(s.browser.current, "kazakhstan")
        // Below the last actor: the selection stays inside the list.
        s.key(.mouse(MouseEvent(kind: .press, x: 10, y: 24)))
        XCTAssertNotNil(s.pane(.actors).selectedRow)
        XCTAssertEqual(s.browser.history.entries, [], "a click previews, like moving")
    }

    func testClickOnADetailLinkSelectsIt() {
        let s = Session()
        s.press(":goto handover<Enter>")
        let y = s.lines.firstIndex { $0.contains("→ follows    Arrival in Damascus") }!
        s.key(.mouse(MouseEvent(kind: .press, x: 80, y: y)))
        XCTAssertEqual(s.browser.focus, .detail)
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("arrival"))
        s.press("<Enter>")
        XCTAssertEqual(s.browser.current, "arrival")
    }

    func testWheelScrollsTheListUnderThePointer() {
        let s = Session()
        var p: ListPane { s.pane(.events) }
        s.key(.mouse(MouseEvent(kind: .wheelDown, x: 10, y: 5)))
        XCTAssertGreaterThan(p.top, 0)
        XCTAssertTrue(p.selected >= p.top && p.selected < p.top + p.scroll.height, "the selection stays on screen")
        for _ in 0..<40 { s.key(.mouse(MouseEvent(kind: .wheelDown, x: 10, y: 5))) }
        XCTAssertGreaterThan(p.top, 10)
        XCTAssertLessThanOrEqual(p.top, 35 - 16, "never past the last screenful")
        XCTAssertTrue(p.selected >= p.top && p.selected < 35)
        for _ in 0..<40 { s.key(.mouse(MouseEvent(kind: .wheelUp, x: 10, y: 5))) }
        XCTAssertLessThan(p.top, 5)
        XCTAssertTrue(p.selected >= p.top && p.selected < p.top + p.scroll.height)
        XCTAssertEqual(s.browser.current, p.selectedRow?.id, "the focused list previews what the wheel selects")
        // The wheel over an unfocused pane scrolls it without taking the focus.
        s.key(.mouse(MouseEvent(kind: .wheelDown, x: 10, y: 28)))
        XCTAssertEqual(s.browser.focus, .events)
    }

    /// Regression (fixed): one wheel notch scrolls one row, not three, and the wheel never reaches
    /// either end of a list. Browser.handleMouse calls ListPane.scroll(by: 3), which
    /// moves `top` by 3 and drags the selection to the edge of the view; the next
    /// frame's ListPane.clampScroll then applies its 2-row scroll-off margin and pulls
    /// `top` back by 2. At 120x40 (16 rows, 35 events) `top` goes 0 → 1 → 2 per notch,
    /// stops at 17 instead of 19 (the last two events can't be wheeled into view) and,
    /// going up, stops at 2 instead of 0 (nor can the first two).
    func testRegression_wheelScrollsThreeRowsPerNotchAndReachesBothEnds() {
        let s = Session()
        var p: ListPane { s.pane(.events) }
        s.key(.mouse(MouseEvent(kind: .wheelDown, x: 10, y: 5)))
        XCTAssertEqual(p.top, 3)
        s.key(.mouse(MouseEvent(kind: .wheelDown, x: 10, y: 5)))
        XCTAssertEqual(p.top, 6)
        for _ in 0..<40 { s.key(.mouse(MouseEvent(kind: .wheelDown, x: 10, y: 5))) }
        XCTAssertEqual(p.top, 35 - 16, "the wheel reaches the last screenful")
        for _ in 0..<40 { s.key(.mouse(MouseEvent(kind: .wheelUp, x: 10, y: 5))) }
        XCTAssertEqual(p.top, 0, "and the first")
    }

    /// Regression (fixed) (crash): Browser.moveTo(first: false) with the Detail focused sets
    /// `detailTop = Int.max`, trusting the next frame's drawDetail to clamp it. No
    /// frame clamps it when the detail is empty (drawDetail returns early at
    /// "Nothing selected.") or the terminal is below 40x8 (the too-small screen), so
    /// the next j / Space / ^D / PgDn (Browser.moveDetail: `detailTop + delta`) or a
    /// wheel notch over the detail (Browser.handleMouse) traps with an arithmetic
    /// overflow. Keys: `\zzzz<Enter>4G<Space>` at 120x40, or `4G<Space>` at 30x5.
    /// (This test stops before the crashing key and checks the state it leaves.)
    func testRegression_gInAnEmptyDetailLeavesAnOverflowingScrollOffset() {
        let s = Session()
        s.press("\\zzzz<Enter>4G")
        XCTAssertNil(s.browser.detail)
        XCTAssertLessThan(s.browser.detailTop, 1_000_000, "the next j or Space would overflow")
        let t = Session(width: 30, height: 5)
        t.press("4G")
        XCTAssertLessThan(t.browser.detailTop, 1_000_000, "the next j or Space would overflow")
    }

    func testClickClosesAnOverlay() {
        let s = Session()
        s.press("?")
        s.key(.mouse(MouseEvent(kind: .press, x: 1, y: 1)))
        XCTAssertNil(s.browser.overlay)
    }

    func testMouseEventsOutsideTheFrameAreIgnored() {
        let s = Session()
        for (x, y) in [(-1, -1), (500, 500), (0, 39), (119, 0), (-5, 10), (10, -5)] {
            for kind in [MouseEvent.Kind.press, .wheelUp, .wheelDown] {
                s.key(.mouse(MouseEvent(kind: kind, x: x, y: y)))
                assertFrameSize(s.frame, width: 120, height: 40)
            }
        }
        XCTAssertEqual(s.browser.focus, .events)
    }
}
