import XCTest
import Atlas
@testable import BrowserModel

/// The screens a person sees, kept as plain-text snapshot files in __Snapshots__/.
final class ScreenSnapshotTests: XCTestCase {
    // MARK: sizes and layouts

    func testStartScreenWide120x40() {
        let f = run(keys: "", width: 120, height: 40)
        assertSnapshot(f, named: "start_120x40")
        XCTAssertTrue(f.text.contains("1 Events 35"))
        XCTAssertTrue(f.text.contains("2 Actors 3"))
        XCTAssertTrue(f.text.contains("3 Missions 1"))
        XCTAssertTrue(f.text.contains("4 Detail · event"))
    }

    func testStartScreen100x30() {
        let f = run(keys: "", width: 100, height: 30)
        assertSnapshot(f, named: "start_100x30")
    }

    func testStartScreenMedium80x24ShowsOneListBesideTheDetail() {
        let f = run(keys: "", width: 80, height: 24)
        assertSnapshot(f, named: "start_80x24")
        XCTAssertTrue(f.text.contains("1 Events"))
        XCTAssertFalse(f.text.contains("2 Actors"), "medium layout shows only the focused list")
        XCTAssertTrue(f.text.contains("4 Detail"))
    }

    func testStartScreenNarrow60x20ShowsOnlyTheFocusedPane() {
        let f = run(keys: "", width: 60, height: 20)
        assertSnapshot(f, named: "start_60x20")
        XCTAssertTrue(f.text.contains("1 Events"))
        XCTAssertFalse(f.text.contains("4 Detail"))
    }

    func testNarrow60x20DetailFocusShowsOnlyTheDetail() {
        let f = run(keys: "4", width: 60, height: 20)
        assertSnapshot(f, named: "detail_focus_60x20")
        XCTAssertTrue(f.text.contains("4 Detail"))
        XCTAssertFalse(f.text.contains("1 Events"))
    }

    func testMinimumSize40x8() {
        let f = run(keys: "", width: 40, height: 8)
        assertSnapshot(f, named: "start_40x8")
        XCTAssertFalse(f.text.contains("too small"))
        XCTAssertTrue(f.text.contains("Events"))
    }

    func testTooSmall39x8() {
        let f = run(keys: "", width: 39, height: 8)
        assertSnapshot(f, named: "too_small_39x8")
        XCTAssertTrue(f.text.contains("Terminal too small"))
        XCTAssertTrue(f.text.contains("39×8; need 40×8"))
    }

    func testTooSmall20x5() {
        let f = run(keys: "", width: 20, height: 5)
        assertSnapshot(f, named: "too_small_20x5")
        XCTAssertTrue(f.text.contains("Terminal too small"))
    }

    func testTooSmall1x1() {
        let f = run(keys: "", width: 1, height: 1)
        assertSnapshot(f, named: "too_small_1x1")
        XCTAssertEqual(f.text.count, 1)
    }

    /// Every size from 1x1 to 45x12, both sides of the minimum: exactly the size asked.
    func testEverySizeUpTo45x12HasExactlyTheRequestedSize() {
        let s = Session(width: 1, height: 1)
        for w in 1...45 {
            for h in 1...12 {
                s.resize(w, h)
                assertFrameSize(s.frame, width: w, height: h, "at \(w)x\(h)")
                assertCellsConsistent(s.frame, "at \(w)x\(h)")
                if w < 40 || h < 8 {
                    XCTAssertTrue(s.text.contains("T") || w * h < 3 || s.text.contains("…") || s.text.contains("×"),
                                  "too-small screen shows something at \(w)x\(h)")
                }
            }
        }
    }

    func testTooSmallScreenStillQuitsWithQ() {
        let s = Session(width: 30, height: 5)
        XCTAssertTrue(s.text.contains("Q quits"))
        XCTAssertEqual(s.key(.char("Q")), .quit(code: 0))
    }

    // MARK: screens

    func testLiveSearchResultsWhileTyping() {
        let f = run(keys: "/faou", width: 120, height: 40)
        assertSnapshot(f, named: "search_live_faou_120x40")
        XCTAssertTrue(f.text.contains("Search 2 hits"))
        XCTAssertTrue(f.text.contains("Handover at Camp Faouar"))
        XCTAssertTrue(f.text.contains("United Nations Disengagement Observer Force"))
        XCTAssertTrue(f.text.components(separatedBy: "\n").last!.hasPrefix("/faou"))
        XCTAssertEqual(f.cursor?.y, 39)
        XCTAssertEqual(f.cursor?.x, 5)
    }

    func testSearchEnterOpensTheHit() {
        let s = Session()
        s.press("/faou<Enter>")
        assertSnapshot(s.frame, named: "search_enter_faou_120x40")
        XCTAssertEqual(s.browser.current, "handover")
        XCTAssertEqual(s.browser.history.current, "handover")
        XCTAssertTrue(s.status.hasPrefix("hit 1 of 2"), s.status)
        XCTAssertTrue(s.titleBar.contains("/faou"), "the search shows as a chip")
        XCTAssertNil(s.frame.cursor, "no cursor once the prompt is closed")
    }

    func testEmptySearchPrompt() {
        let f = run(keys: "/", width: 100, height: 30)
        assertSnapshot(f, named: "search_empty_prompt_100x30")
        XCTAssertTrue(f.text.contains("Type to search events, actors and missions."))
    }

    func testSearchWithNoMatches() {
        let s = Session(width: 100, height: 30)
        s.press("/zzzq")
        assertSnapshot(s.frame, named: "search_no_match_100x30")
        XCTAssertTrue(s.text.contains("No matches."))
        s.press("<Enter>")
        XCTAssertEqual(s.status, "no matches for zzzq")
    }

    func testHelpOverlay() {
        let s = Session()
        s.press("?")
        assertSnapshot(s.frame, named: "help_120x40")
        XCTAssertTrue(s.text.contains("Help"))
        XCTAssertTrue(s.text.contains("Everywhere"))
        XCTAssertTrue(s.text.contains("half a page down"))
        XCTAssertTrue(s.bottom.contains("q close"))
        s.press("q")
        XCTAssertNil(s.browser.overlay)
    }

    /// Regression (fixed): the help box cannot be scrolled. Overlay.move scrolls `top` when a box
    /// has no selectable rows (help has none), but BrowserFrame.drawOverlay then
    /// resets `top` to `selected` (0), so j, PgDn and G do nothing and everything
    /// below the first screenful (detail keys, prompt keys, the : commands) is
    /// unreachable at any ordinary terminal size.
    func testRegression_helpOverlayCannotBeScrolled() {
        let s = Session(width: 80, height: 24)
        s.press("?")
        let first = s.text
        XCTAssertFalse(first.contains("leave Crossroads"), "the commands are below the first screenful")
        s.press("G")
        XCTAssertTrue(s.text.contains("a capital letter makes titles match case exactly") || s.text.contains("leave Crossroads"),
                      "G in the help box shows its last rows")
        s.press("g<PgDn>")
        XCTAssertNotEqual(s.text, first, "PgDn scrolls the help box")
        s.press("gj")
        XCTAssertNotEqual(s.text, first, "j scrolls the help box")
    }

    func testHistoryOverlayAfterOpeningRecords() {
        let s = Session()
        s.press(":goto talks-2013<Enter>:goto arrival<Enter>:goto undof<Enter>:goto handover<Enter><BS>H")
        assertSnapshot(s.frame, named: "history_overlay_120x40")
        XCTAssertTrue(s.text.contains("History 4"))
        let marked = s.lines.filter { $0.contains("▶ ") && !$0.contains("◀") }
        XCTAssertEqual(marked.count, 1, "one entry is marked current")
        XCTAssertTrue(marked.first?.contains("United Nations Disengagement Observer Force") ?? false, marked.description)
    }

    func testEmptyHistoryOverlay() {
        let f = run(keys: "H", width: 80, height: 24)
        assertSnapshot(f, named: "history_empty_80x24")
        XCTAssertTrue(f.text.contains("Nothing opened yet"))
    }

    func testTabMovesTheFocusThroughThePanes() {
        let s = Session()
        XCTAssertEqual(s.browser.focus, .events)
        s.press("<Tab>")
        XCTAssertEqual(s.browser.focus, .actors)
        assertSnapshot(s.frame, named: "focus_actors_120x40")
        XCTAssertTrue(s.text.contains("┏ 2 Actors 3 · 1/3"), "focused pane has a heavy border and a position")
        XCTAssertEqual(s.browser.current, "csto", "moving the focus previews the pane's selection")
        s.press("<Tab>")
        XCTAssertEqual(s.browser.focus, .missions)
        XCTAssertEqual(s.browser.current, "undof")
        s.press("<Tab>")
        XCTAssertEqual(s.browser.focus, .detail)
        assertSnapshot(s.frame, named: "focus_detail_120x40")
        s.press("<Tab>")
        XCTAssertEqual(s.browser.focus, .events)
        s.press("<S-Tab>")
        XCTAssertEqual(s.browser.focus, .detail)
    }

    func testTabAtMediumWidthSwapsTheListBesideTheDetail() {
        let s = Session(width: 80, height: 24)
        s.press("<Tab>")
        assertSnapshot(s.frame, named: "focus_actors_80x24")
        XCTAssertTrue(s.text.contains("2 Actors"))
        XCTAssertFalse(s.text.contains("1 Events"))
    }

    func testCrossFilterByActorNarrowsEventsAndEscClearsIt() {
        let s = Session()
        s.press("2j")
        XCTAssertEqual(s.browser.current, "kazakhstan")
        s.press("<Enter>")
        assertSnapshot(s.frame, named: "crossfilter_actor_120x40")
        XCTAssertEqual(s.browser.actorChip?.id, "kazakhstan")
        XCTAssertTrue(s.titleBar.contains("actor: Kazakhstan ×"), s.titleBar)
        XCTAssertTrue(s.text.contains("1 Events 12 · 1/12"))
        XCTAssertEqual(s.pane(.events).count, 12)
        XCTAssertEqual(s.browser.focus, .events)
        XCTAssertTrue(s.status.contains("Events narrowed to Kazakhstan: 12 events"), s.status)
        XCTAssertEqual(s.browser.current, "kazakhstan", "the chosen actor stays in the detail")

        s.press("<Esc>")
        assertSnapshot(s.frame, named: "crossfilter_cleared_120x40")
        XCTAssertNil(s.browser.actorChip)
        XCTAssertFalse(s.titleBar.contains("actor:"))
        XCTAssertTrue(s.text.contains("1 Events 35"))
        XCTAssertEqual(s.pane(.events).count, 35)
    }

    func testCrossFilterByMissionFromTheDetailLink() {
        let s = Session()
        s.press("3")
        XCTAssertEqual(s.browser.current, "undof")
        s.press("4<Enter>")   // the first link of a mission is "N events involving UNDOF"
        XCTAssertEqual(s.browser.missionChip?.id, "undof")
        XCTAssertTrue(s.titleBar.contains("mission: UNDOF ×"), s.titleBar)
        XCTAssertEqual(s.pane(.events).count, 33)
        XCTAssertEqual(s.browser.focus, .events)
    }

    func testActorDetailWithAllItsParts() {
        let f = run(keys: ":goto kazakhstan<Enter>4", width: 100, height: 30)
        assertSnapshot(f, named: "actor_detail_100x30")
        XCTAssertTrue(f.text.contains("12 events involving Kazakhstan"))
        XCTAssertTrue(f.text.contains("member-of"))
    }

    func testMissionDetailShowsStrength() {
        let f = run(keys: "3", width: 120, height: 40)
        assertSnapshot(f, named: "mission_detail_120x40")
        XCTAssertTrue(f.text.contains("Strength"))
        XCTAssertTrue(f.text.contains("139 peacekeepers"))
    }

    func testFilterPromptWhileTyping() {
        let f = run(keys: "\\damas", width: 100, height: 30)
        assertSnapshot(f, named: "filter_live_100x30")
        XCTAssertTrue(f.text.contains("1 Events 1"))
    }

    func testCommandPromptCompletionMessage() {
        let f = run(keys: ":b<Tab>", width: 100, height: 30)
        assertSnapshot(f, named: "command_completion_100x30")
    }

    func testWideAndRightToLeftTitles() {
        let f = run(keys: "G", width: 100, height: 30, atlas: "scripts")
        assertSnapshot(f, named: "scripts_100x30")
    }

    func testHostileStringsScreen() {
        let f = run(keys: "", width: 100, height: 30, atlas: "hostile")
        assertSnapshot(f, named: "hostile_100x30")
    }
}
