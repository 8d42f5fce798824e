import XCTest
import Atlas
@testable import BrowserModel

/// Wide characters take two cells and never break a row; hostile strings are shown
/// as inert symbols and never reach the terminal.
final class WideCharacterTests: XCTestCase {
    func testCJKTitleTakesTwoCellsPerCharacterAndTheBorderStays() {
        let s = Session(atlas: "scripts", width: 100, height: 30)
        let f = s.frame
        // Events pane: x 0..<45 (45% of 100), rows from y 2. The CJK event is the fourth row.
        let y = 5
        let row = s.lines[y]
        XCTAssertTrue(row.contains("東京平和会議"), row)
        let start = (0..<45).first { f[$0, y].text == "東" }!
        for (i, ch) in "東京平和会議".enumerated() {
            let x = start + 2 * i
            XCTAssertEqual(f[x, y].text, String(ch))
            XCTAssertEqual(f[x, y].width, 2, "\(ch) is wide")
            XCTAssertEqual(f[x + 1, y].width, 0, "a continuation cell follows \(ch)")
            XCTAssertEqual(f[x + 1, y].text, "")
        }
        for yy in 2..<12 {
            XCTAssertEqual(f[44, yy].text, "┃", "the Events border stays in column 44 on row \(yy)")
            XCTAssertEqual(f[45, yy].text, "│", "the Detail border stays in column 45 on row \(yy)")
        }
        XCTAssertEqual(TerminalText.width(row), 100)
        assertCellsConsistent(f)
    }

    func testAClippedWideCharacterBecomesASpaceAndAnEllipsis() {
        let s = Session(atlas: "scripts", width: 100, height: 30)
        let f = s.frame
        // The CJK title runs from column 14 in two-cell steps; the pane's inside ends
        // at column 43. The character at 42-43 is replaced: a space and a mark, never
        // half a character.
        XCTAssertTrue(s.lines[5].contains("活 …┃"), s.lines[5])
        XCTAssertEqual(f[42, 5].text, " ")
        XCTAssertEqual(f[42, 5].width, 1)
        XCTAssertEqual(f[43, 5].text, "…")
        XCTAssertEqual(f[43, 5].width, 1)
        XCTAssertEqual(f[40, 5].text, "活")
        XCTAssertEqual(f[41, 5].width, 0)
        assertCellsConsistent(f)
    }

    func testEmojiFlagsAndFamiliesAreTwoCellsEach() {
        let s = Session(atlas: "scripts", width: 120, height: 40)
        s.press("G")
        let f = s.frame
        let y = 2
        XCTAssertTrue(s.lines[y].contains("Peace summit 🕊️ flags 🇰🇿🇯🇵 family 👨‍👩‍👧 ok"), s.lines[y])
        for glyph in ["🕊️", "🇰🇿", "🇯🇵", "👨‍👩‍👧"] {
            let xs = (0..<120).filter { f[$0, y].text == glyph }
            XCTAssertFalse(xs.isEmpty, "\(glyph) has a cell")
            for x in xs {
                XCTAssertEqual(f[x, y].width, 2, glyph)
                XCTAssertEqual(f[x + 1, y].width, 0, glyph)
            }
        }
        assertFrameSize(f, width: 120, height: 40)
    }

    /// Every layout, every width: rows of wide and right-to-left text keep the exact width.
    func testScriptsAtlasKeepsEveryRowAtTheFrameWidth() {
        for (keys, name) in [("", "start"), ("G", "emoji"), ("2", "actors"), (":goto tokyo-conference<Enter>4", "cjk detail"),
                             ("/東京", "search")] {
            for w in stride(from: 40, through: 140, by: 3) {
                let s = Session(atlas: "scripts", width: w, height: 30)
                s.press(keys)
                assertFrameSize(s.frame, width: w, height: 30, "\(name) at \(w)x30")
                assertCellsConsistent(s.frame, "\(name) at \(w)x30")
            }
        }
    }

    /// Regression (fixed): an overlay drawn over wide characters breaks rows. BrowserFrame.drawOverlay
    /// calls Canvas.fill on the box's rectangle, which overwrites cells one by one: a
    /// wide character whose continuation cell is the box's first column keeps width 2
    /// with its right half replaced by a blank (the row becomes one column too wide),
    /// and a wide character starting in the box's last column leaves an orphaned
    /// continuation cell just outside it (the row becomes one column too narrow). At
    /// 102x30 with the CJK event in the detail, `?` draws the help box from column 6
    /// to 95: 本 of 日本国 sits at columns 5-6 and 東京… in the detail straddles 95-96.
    /// Canvas.fill (and put over a continuation cell) should blank both halves.
    func testRegression_overlayOverWideCharactersKeepsRowsAtTheFrameWidth() {
        let s = Session(atlas: "scripts", width: 102, height: 30)
        s.press(":goto tokyo-conference<Enter>?")
        assertFrameSize(s.frame, width: 102, height: 30, "help over CJK at 102x30")
        assertCellsConsistent(s.frame, "help over CJK at 102x30")
        var broken: [String] = []
        for w in 72...140 {
            for key in ["?", "H"] {
                let t = Session(atlas: "scripts", width: w, height: 30)
                t.press(":goto tokyo-conference<Enter>" + key)
                if cellProblem(t.frame) != nil { broken.append("\(key)@\(w)") }
            }
        }
        XCTAssertEqual(broken, [], "overlay over wide characters breaks rows at these widths (of 72...140)")
    }

    /// Regression (fixed): a title that starts with a combining mark (U+0301) puts the bare mark in a
    /// cell of its own (Canvas.put: TerminalText.width(of:) counts a lone nonspacing
    /// mark as one column), but a terminal, and `Frame.text`, attach it to the cell
    /// before, so the row is one column short and everything after it shifts left.
    /// TerminalText.sanitize (or Canvas.put) should give a lone mark a base, e.g.
    /// U+00A0 or the dotted circle U+25CC, so it really occupies the column it claims.
    func testRegression_leadingCombiningMarkKeepsTheRowWidth() {
        var c = AtlasContent()
        c.sources = [Fixtures.source]
        c.events = [Event(id: "marks", title: "\u{301}\u{301} leading combining marks", date: try! EDTFDate(parsing: "2024-01-08"),
                          sources: Fixtures.cite(1))]
        let s = Session(try! AtlasStore.inMemory(c), width: 100, height: 30)
        assertFrameSize(s.frame, width: 100, height: 30, "title starting with U+0301")
        s.press("/")
        s.key(.char("\u{301}"))
        assertFrameSize(s.frame, width: 100, height: 30, "U+0301 typed at the prompt")
    }
}

final class HostileTextTests: XCTestCase {
    private func check(_ s: Session, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        assertFrameSize(s.frame, width: s.width, height: s.height, context, file: file, line: line)
        assertNoControlCharacters(s.frame, context, file: file, line: line)
        assertCellsConsistent(s.frame, context, file: file, line: line)
    }

    func testHostileStringsAreInertInEveryScreen() {
        for (w, h) in [(120, 40), (100, 30), (80, 24), (60, 20), (40, 8)] {
            let s = Session(atlas: "hostile", width: w, height: h)
            check(s, "start at \(w)x\(h)")
            // Open every event and look at it from the list and the detail.
            for i in 0..<8 {
                s.press("1g" + String(repeating: "j", count: i))
                check(s, "event \(i) previewed at \(w)x\(h)")
                s.press("<Enter>")
                check(s, "event \(i) opened at \(w)x\(h)")
                s.press("G")
                check(s, "event \(i) detail end at \(w)x\(h)")
                s.press("<C-d><C-d>")
                check(s, "event \(i) detail paged at \(w)x\(h)")
            }
            for keys in ["2", "2<Enter>", "4<Enter>", "H", "<Esc>", "/evil", "<Enter>", "/red", "<Esc>", "\\pwned", "<Esc><Esc>",
                         ":goto clear-screen<Enter>", "m'", "<Esc>f", "a", ":goto \u{1B}[2J<Enter>", "/\u{1B}]0;x\u{07}"] {
                s.press(keys)
                check(s, "after \(keys.debugDescription) at \(w)x\(h)")
            }
        }
    }

    func testEscapeSequencesShowAsControlPictures() {
        let s = Session(atlas: "hostile", width: 120, height: 40)
        XCTAssertTrue(s.text.contains("Clear ␛[2J␛[H screen"))
        XCTAssertTrue(s.text.contains("OSC ␛]0;pwned␇ title"))
        XCTAssertTrue(s.text.contains("C1 \u{FFFD} NEL \u{FFFD} CSI"))
        XCTAssertTrue(s.text.contains("Bidi \u{FFFD}evil txt\u{FFFD}"))
        XCTAssertFalse(s.text.contains("\u{1B}"))
        XCTAssertFalse(s.text.contains("\u{202E}"))
    }

    func testTenThousandCharacterTitle() {
        let s = Session(atlas: "hostile", width: 120, height: 40)
        s.press(":goto long-title<Enter>")
        check(s, "long title")
        XCTAssertTrue(s.lines.contains { $0.contains("LLLLLLLLLL…") }, "the list row is clipped with a mark")
        s.press("4")
        check(s, "long title, detail focused")
        // The detail wraps the title over many lines and scrolls.
        XCTAssertTrue(s.text.contains("%"), "a long detail shows how far down it is")
        s.press("G")
        check(s, "long title, detail end")
        s.press("H")
        check(s, "long title in history")
        s.resize(40, 8)
        check(s, "long title at 40x8")
    }

    func testCombiningMarksAndZeroWidthCharactersKeepRowsAligned() {
        let s = Session(atlas: "hostile", width: 100, height: 30)
        let zalgo = s.lines.first { $0.contains("Zalg") }!
        XCTAssertEqual(TerminalText.width(zalgo), 100)
        s.press(":goto combining<Enter>")
        check(s, "zalgo detail")
        s.press(":goto zero-width<Enter>")
        check(s, "zero width detail")
    }
}
