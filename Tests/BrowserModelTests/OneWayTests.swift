import XCTest
import Atlas
@testable import BrowserModel

/// A keystroke's way through the browser is one way: events in through update,
/// effects out as values, the frame a function of the state alone.
final class OneWayTests: XCTestCase {
    static let keys = "jjj<Space><Space>b<C-d>4faj<Space>k/faou<Enter>nnNfb<BS>2jj<Space>g3Gb1j4fsj<Tab>H<Enter>?jq'<Esc>\\arr<Enter>"

    /// Keys drawn one by one or all at once give the same screen: no key depends
    /// on a frame having been drawn (the terminal reads up to 64 keys per frame).
    func testKeysGiveTheSameScreenDrawnAfterEachOrOnlyAtTheEnd() throws {
        for (w, h) in [(120, 40), (80, 24), (60, 20), (100, 30)] {
            let drawn = Session(atlas: "mini", width: w, height: h)
            let batch = Session(atlas: "mini", width: w, height: h)
            for k in try KeyNotation.parse(Self.keys) {
                drawn.key(k)
                _ = drawn.frame
                batch.key(k)
            }
            XCTAssertEqual(drawn.text, batch.text, "\(w)x\(h)")
            XCTAssertEqual(drawn.browser.current, batch.browser.current)
        }
    }

    /// The view writes nothing: drawing twice gives the same frame and leaves the
    /// state as it was, so the next key does the same thing either way.
    func testTheViewChangesNothing() {
        let s = Session(width: 100, height: 30)
        s.press("2jj<Enter>4j")
        let before = s.browser.state
        let first = s.browser.frame()
        let second = s.browser.frame()
        XCTAssertEqual(first, second)
        let after = s.browser.state
        XCTAssertEqual(before.detailCursor, after.detailCursor)
        XCTAssertEqual(before.detailScroll, after.detailScroll)
        XCTAssertEqual(before.hints, after.hints)
        for id in [PaneID.events, .actors, .missions] {
            XCTAssertEqual(before.panes[id]?.scroll, after.panes[id]?.scroll)
            XCTAssertEqual(before.panes[id]?.window, after.panes[id]?.window)
        }
    }

    /// The size arrives as an event, and page sizes follow it in update, before any
    /// frame is drawn at the new size.
    func testTheSizeIsAnEventAndPagesFollowItWithoutDrawing() {
        let s = Session(Fixtures.largeStore(events: 500), width: 80, height: 24)
        s.press("<PgDn>")
        XCTAssertEqual(s.pane(.events).selected, 17, "a page of an 18-row list")
        s.resize(120, 60)
        s.press("<PgDn>")
        let page = s.pane(.events).scroll.page
        XCTAssertGreaterThan(page, 17)
        XCTAssertEqual(s.pane(.events).selected, 17 + page, "the next page is the new size's, though nothing was drawn")
        XCTAssertEqual(s.frame.width, 120)
        XCTAssertEqual(s.frame.height, 60)
    }

    /// Hint labels are those of the state after the last key, drawn or not: `f`
    /// and a label right after opening a record follow that record's links.
    func testHintLabelsFollowTheStateNotTheLastFrame() {
        let s = Session()
        s.press(":goto arrival<Enter>")
        let arrival = s.browser.visibleLinks
        XCTAssertFalse(arrival.isEmpty)
        let s2 = Session()
        s2.press(":goto arrival<Enter>fa")
        XCTAssertEqual(s2.browser.current, arrival[0].id)
    }

    /// Effects leave as values: navigation asks for the state file to be saved
    /// (once per update), the mouse key for the mouse, q for a quit, ^L for a redraw.
    func testEffectsLeaveAsValues() {
        let s = Session()
        let out = s.browser.update(.key(.enter))
        let saves = out.filter { if case .saveUserState = $0 { return true } else { return false } }
        XCTAssertEqual(saves.count, 1, "one save per update: \(out)")
        guard case .saveUserState(let state)? = saves.first else { return XCTFail("no save") }
        XCTAssertEqual(state.history, [s.browser.current!])
        XCTAssertEqual(s.browser.update(.key(.char("M"))), [.setMouse(true)])
        XCTAssertEqual(s.browser.update(.key(.ctrl("l"))), [.redrawAll])
        XCTAssertEqual(s.browser.update(.key(.char("j"))), [])
        XCTAssertEqual(s.browser.update(.key(.char("q"))), [.quit(code: 0)])
    }

    /// A failed effect comes back as an event and is said on the status line.
    func testAFailedEffectIsSaidOnTheStatusLine() {
        let s = Session()
        s.press("m")
        XCTAssertTrue(s.status.hasPrefix("bookmarked:"), s.status)
        _ = s.browser.update(.effectFailed("could not save history and bookmarks to /x: read-only"))
        XCTAssertTrue(s.status.hasPrefix("could not save history and bookmarks to /x"), s.status)
        XCTAssertEqual(s.frame[1, s.height - 2].style, .error)
        s.press("j")
        XCTAssertFalse(s.status.contains("could not save"), "the next key clears it")
    }

    /// `:` commands parse into the actions the keymap gives for the same thing.
    func testCommandsParseIntoTheKeymapsActions() throws {
        let k = Keymap.standard
        let pairs: [(String, Key)] = [("back", .backspace), ("forward", .char("]")), ("help", .char("?")),
                                      ("history", .char("H")), ("bookmarks", .char("'")), ("mark", .char("m")),
                                      ("mouse", .char("M")), ("quit", .char("Q")), ("clear", .escape)]
        for (line, key) in pairs {
            XCTAssertEqual(try Command.action(for: line), k.action(for: key, in: .list), ":\(line)")
        }
        XCTAssertEqual(try Command.action(for: "goto arrival"), .goTo("arrival"))
        XCTAssertEqual(try Command.action(for: "se faouar"), .searchFor("faouar"))
        XCTAssertEqual(try Command.action(for: "filter  talks "), .filterText("talks"))
        XCTAssertNil(try Command.action(for: "   "))
        XCTAssertThrowsError(try Command.action(for: "goto"))
        XCTAssertThrowsError(try Command.action(for: "frobnicate"))
    }

    /// The prompt editor's keys are a table of the keymap: the help lists every
    /// one of them from data, and a printable key types itself.
    func testThePromptKeysAreInTheKeymapAndTheHelp() {
        let k = Keymap.standard
        let prompt = k.bindings.filter { $0.context == .prompt }
        XCTAssertGreaterThanOrEqual(prompt.count, 14)
        let help = Overlay.help(k).rows.map { $0.spans.map(\.text).joined() }
        for b in prompt {
            XCTAssertTrue(help.contains { $0.contains(b.help) }, "help lists \(b.help)")
        }
        XCTAssertEqual(k.action(for: .char("q"), in: .prompt), .prompt(.insert("q")))
        XCTAssertEqual(k.action(for: .ctrl("w"), in: .prompt), .prompt(.deleteWord))
        XCTAssertEqual(k.action(for: .char("a"), in: .hint), .hintKey("a"))
        XCTAssertEqual(k.action(for: .down, in: .hint), .cancelHints)
    }
}
