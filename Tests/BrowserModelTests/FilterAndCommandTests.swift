import XCTest
import Atlas
@testable import BrowserModel

/// `\` filters hide rows of the focused list, live.
final class FilterTests: XCTestCase {
    func testFilterHidesNonMatchingRowsLive() {
        let s = Session()
        s.press("\\d")
        XCTAssertNotNil(s.browser.prompt)
        let afterD = s.pane(.events).count
        s.press("amas")
        XCTAssertEqual(s.pane(.events).count, 1)
        XCTAssertGreaterThan(afterD, 1, "one letter matches many rows")
        XCTAssertEqual(s.selectedEventID, "arrival")
        XCTAssertTrue(s.text.contains("1 Events 1 · 1/1"))
        XCTAssertFalse(s.text.contains("UNDOF patrol report"), "hidden rows are not drawn")
        XCTAssertEqual(s.pane(.actors).count, 3, "only the focused list is filtered")
        XCTAssertTrue(s.titleBar.contains("events ∋ damas ×"), s.titleBar)
        s.press("<Enter>")
        XCTAssertNil(s.browser.prompt)
        XCTAssertEqual(s.pane(.events).count, 1, "Enter keeps the filter")
        XCTAssertEqual(s.browser.userState.searches, ["damas"])
    }

    func testEscInNormalModeClearsTheFilter() {
        let s = Session()
        s.press("\\damas<Enter>")
        s.press("<Esc>")
        XCTAssertEqual(s.pane(.events).count, 35)
        XCTAssertFalse(s.titleBar.contains("∋"))
        XCTAssertTrue(s.status.hasPrefix("cleared event filters"), s.status)
        XCTAssertEqual(s.selectedEventID, "arrival", "the selection survives clearing")
    }

    func testEscInThePromptRestoresThePreviousFilter() {
        let s = Session()
        s.press("\\patrol<Enter>")
        XCTAssertEqual(s.pane(.events).count, 32)
        s.press("\\<C-u>damas")
        XCTAssertEqual(s.pane(.events).count, 1)
        s.press("<Esc>")
        XCTAssertEqual(s.pane(.events).count, 32, "cancelling restores the filter that was there")
        XCTAssertTrue(s.titleBar.contains("events ∋ patrol ×"))
    }

    func testFilterReopensWithItsText() {
        let s = Session()
        s.press("\\patrol<Enter>\\")
        XCTAssertEqual(s.bottom, "\\patrol")
    }

    func testFilterOnTheActorsPane() {
        let s = Session()
        s.press("2\\kaz")
        XCTAssertEqual(s.pane(.actors).count, 1)
        XCTAssertEqual(s.pane(.events).count, 35)
        XCTAssertEqual(s.browser.focus, .actors)
        XCTAssertEqual(s.browser.current, "kazakhstan")
        XCTAssertTrue(s.titleBar.contains("actors ∋ kaz ×"), s.titleBar)
        s.press("<Enter><Esc>")
        XCTAssertEqual(s.pane(.actors).count, 3)
        XCTAssertTrue(s.status.hasPrefix("cleared filters"), s.status)
    }

    func testFilterFromTheDetailAppliesToTheListBesideIt() {
        let s = Session()
        s.press("3<Tab>")
        XCTAssertEqual(s.browser.focus, .detail)
        s.press("\\xyz")
        XCTAssertEqual(s.pane(.missions).count, 0)
        XCTAssertEqual(s.pane(.events).count, 35)
    }

    func testNothingMatchesShowsHowToClear() {
        let s = Session()
        s.press("\\zzzz")
        XCTAssertEqual(s.pane(.events).count, 0)
        XCTAssertTrue(s.text.contains("nothing matches the filter; Esc clears it"))
        XCTAssertTrue(s.text.contains("Nothing selected."), "the detail is emptied, not left on a hidden row")
        s.press("<Enter>")
        XCTAssertTrue(s.text.contains("nothing matches the filter; Esc clears it"))
        s.press("<Esc>")
        XCTAssertEqual(s.pane(.events).count, 35)
    }

    func testFilterWithOnlyPunctuationMatchesNothingAndDoesNotCrash() {
        let s = Session()
        s.press("\\\"()*")
        XCTAssertEqual(s.pane(.events).count, 0)
        assertFrameSize(s.frame, width: 120, height: 40)
    }

    func testFilterCombinesWithACrossFilterChip() {
        let s = Session()
        s.press("2j<Enter>")
        XCTAssertEqual(s.pane(.events).count, 12)
        s.press("\\damas")
        XCTAssertEqual(s.pane(.events).count, 1)
        XCTAssertTrue(s.titleBar.contains("actor: Kazakhstan ×"))
        XCTAssertTrue(s.titleBar.contains("events ∋ damas ×"))
        s.press("<Enter><Esc>")
        XCTAssertEqual(s.pane(.events).count, 35)
        XCTAssertNil(s.browser.actorChip)
    }
}

/// The `:` prompt: goto, completion, errors, quit.
final class CommandPromptTests: XCTestCase {
    func testGotoAMonthSelectsTheFirstEventOnOrAfterIt() {
        let s = Session()
        s.press(":goto 2024-03<Enter>")
        XCTAssertEqual(s.browser.current, "arrival")
        XCTAssertEqual(s.selectedEventID, "arrival")
        XCTAssertEqual(s.browser.focus, .events)
        XCTAssertTrue(s.status.hasPrefix("first event on or after"), s.status)
        XCTAssertEqual(s.browser.history.current, "arrival")
    }

    func testGotoDatesBetweenEvents() {
        let s = Session()
        s.press(":goto 2022-09-06<Enter>")
        XCTAssertEqual(s.browser.current, "patrol-10", "2022-09-19 is the first on or after 6 Sep")
        s.press(":goto 2013<Enter>")
        XCTAssertEqual(s.browser.current, "talks-2013")
        s.press(":goto 1900<Enter>")
        XCTAssertEqual(s.browser.current, "talks-2013")
        s.press(":goto 2030<Enter>")
        XCTAssertTrue(s.status.hasPrefix("no event on or after 2030"), s.status)
        XCTAssertEqual(s.selectedEventID, "handover", "past the end selects the last event")
    }

    func testGotoAnID() {
        let s = Session()
        s.press(":goto undof<Enter>")
        XCTAssertEqual(s.browser.current, "undof")
        XCTAssertEqual(s.pane(.missions).selectedRow?.id, "undof")
        XCTAssertEqual(s.browser.history.entries, ["undof"])
    }

    func testGotoNonsenseIsAnError() {
        let s = Session()
        s.press("jj:goto nonsense<Enter>")
        XCTAssertTrue(s.status.hasPrefix("not a date or an id: nonsense"), s.status)
        XCTAssertEqual(s.frame[1, 38].style, .error)
        XCTAssertEqual(s.browser.current, "patrol-02", "nothing moved")
        s.press(":goto<Enter>")
        XCTAssertTrue(s.status.hasPrefix("usage: :goto DATE|ID"), s.status)
        s.press(":goto handovr<Enter>")
        XCTAssertTrue(s.status.contains("did you mean handover"), s.status)
    }

    func testUnknownCommand() {
        let s = Session()
        s.press(":gotto x<Enter>")
        XCTAssertTrue(s.status.hasPrefix("unknown command :gotto; did you mean goto?"), s.status)
        s.press(":<Enter>")
        XCTAssertNil(s.browser.prompt, "an empty command line just closes")
    }

    func testTabCompletesCommandNames() {
        let s = Session()
        s.press(":go<Tab>")
        XCTAssertEqual(s.browser.prompt?.text, "goto ")
        XCTAssertEqual(s.bottom, ":goto")
        s.press("han<Tab>")
        XCTAssertEqual(s.browser.prompt?.text, "goto handover")
        s.press("<Enter>")
        XCTAssertEqual(s.browser.current, "handover")

        s.press(":b<Tab>")
        XCTAssertEqual(s.browser.prompt?.text, "b", "ambiguous: the common prefix")
        XCTAssertTrue(s.status.hasPrefix("bookmarks  back"), s.status)
        s.press("<C-u>h<Tab>")
        XCTAssertEqual(s.browser.prompt?.text, "h", "history and help")
        s.press("<C-u>fo<Tab>")
        XCTAssertEqual(s.browser.prompt?.text, "forward ")
        s.press("<C-u>zz<Tab>")
        XCTAssertEqual(s.browser.prompt?.text, "zz")
        s.press("<C-u>goto patrol-0<Tab>")
        XCTAssertEqual(s.browser.prompt?.text, "goto patrol-0")
        XCTAssertTrue(s.status.hasPrefix("patrol-01  patrol-02"), s.status)
        s.press("<C-u>goto qqq<Tab>")
        XCTAssertTrue(s.status.hasPrefix("no id starts with qqq"), s.status)
    }

    func testCommandsByUniquePrefix() {
        let s = Session()
        s.press(":goto arrival<Enter>:goto handover<Enter>:ba<Enter>")
        XCTAssertEqual(s.browser.current, "arrival")
        s.press(":fo<Enter>")
        XCTAssertEqual(s.browser.current, "handover")
        s.press(":he<Enter>")
        XCTAssertEqual(s.browser.overlay?.kind, .help)
        s.press("q:hi<Enter>")
        XCTAssertEqual(s.browser.overlay?.kind, .history)
        s.press("q:filter damas<Enter>")
        XCTAssertEqual(s.pane(.events).count, 1)
        s.press(":clear<Enter>")
        XCTAssertEqual(s.pane(.events).count, 35)
        s.press(":search faou<Enter>")
        XCTAssertEqual(s.browser.current, "handover")
        XCTAssertEqual(s.browser.search?.query, "faou")
    }

    func testQuitCommandReturnsQuit() {
        for line in ["quit", "q", "qu", "  quit  "] {
            let s = Session()
            s.press(":" + line)
            XCTAssertEqual(s.key(.enter), .quit(code: 0), ":\(line)")
        }
    }

    func testMouseCommand() {
        let s = Session()
        s.press(":mouse")
        XCTAssertEqual(s.key(.enter), .setMouse(true))
    }

    func testCommandHistory() {
        let s = Session()
        s.press(":goto arrival<Enter>:goto undof<Enter>:<Up>")
        XCTAssertEqual(s.bottom, ":goto undof")
        s.press("<Up>")
        XCTAssertEqual(s.bottom, ":goto arrival")
        XCTAssertEqual(s.browser.userState.commands, ["goto arrival", "goto undof"])
        XCTAssertEqual(s.browser.userState.searches, [], "commands and searches keep separate histories")
    }
}
