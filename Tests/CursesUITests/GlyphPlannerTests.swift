@testable import CursesUI
import XCTest

/// Cells to curses glyphs, with a wcwidth that answers like glibc's for the
/// characters used here.
final class GlyphPlannerTests: XCTestCase {
    static func wcwidth(_ v: UInt32) -> Int {
        switch v {
        case 0x0300...0x036F, 0x200D, 0xFE0F: return 0
        case 0x4E00...0x9FFF, 0x1F300...0x1F64F, 0x1F468...0x1F469: return 2
        case 0xE0000: return -1   // unassigned, for the test
        default: return 1
        }
    }

    func plan(_ text: String, _ width: Int) -> [Glyph] {
        GlyphPlanner.glyphs(for: text, width: width, wcwidth: Self.wcwidth)
    }

    func g(_ scalars: UInt32..., columns: Int = 1) -> Glyph { Glyph(scalars: scalars, columns: columns) }

    func testPlainAndWideCharacters() {
        XCTAssertEqual(plan("a", 1), [g(0x61)])
        XCTAssertEqual(plan("Ж", 1), [g(0x416)])
        XCTAssertEqual(plan("中", 2), [g(0x4E2D, columns: 2)])
        XCTAssertEqual(plan("🙂", 2), [g(0x1F642, columns: 2)])
    }

    func testCombiningMarksRideOnTheirBase() {
        XCTAssertEqual(plan("e\u{301}", 1), [g(0x65, 0x301)])
    }

    func testControlCharactersNeverReachTheTerminal() {
        XCTAssertEqual(plan("\u{1B}", 1), [g(0xFFFD)])
        XCTAssertEqual(plan("\u{7F}", 1), [g(0xFFFD)])
        XCTAssertEqual(plan("\u{9B}", 1), [g(0xFFFD)])
        XCTAssertEqual(plan("e\u{301}\u{7}", 1), [g(0x65, 0x301)], "a control after the base is dropped")
    }

    func testEmojiPresentationThatWcwidthCountsNarrowIsPadded() {
        // ❤️: the model reserves two columns, wcwidth counts one: text presentation and a space.
        XCTAssertEqual(plan("\u{2764}\u{FE0F}", 2), [g(0x2764), .space])
    }

    func testFlagsAreTwoOneColumnCharacters() {
        XCTAssertEqual(plan("🇰🇿", 2), [g(0x1F1F0), g(0x1F1FF)])
    }

    func testZWJSequencesKeepTheFirstPerson() {
        XCTAssertEqual(plan("👨\u{200D}👩\u{200D}👧", 2), [g(0x1F468, columns: 2)])
    }

    func testWhatCannotFitIsAReplacementPaddedToTheCell() {
        XCTAssertEqual(plan("中", 1), [g(0xFFFD)])
        XCTAssertEqual(plan("\u{E0000}", 1), [g(0xFFFD)])
        XCTAssertEqual(plan("", 2), [.space, .space])
    }

    func testALoneMarkSitsOnADottedCircle() {
        XCTAssertEqual(plan("\u{301}", 1), [g(0x25CC, 0x301)])
    }

    func testGlyphsAlwaysFillTheCellExactly() {
        for text in ["a", "中", "🙂", "🇰🇿", "\u{2764}\u{FE0F}", "👨\u{200D}👩\u{200D}👧", "\u{1B}", "", "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}"] {
            for width in 1...2 {
                let glyphs = plan(text, width)
                XCTAssertEqual(glyphs.reduce(0) { $0 + $1.columns }, width, "\(text.unicodeScalars.map { $0.value }) in \(width)")
                XCTAssertTrue(glyphs.allSatisfy { $0.scalars.count <= GlyphPlanner.maxScalars })
            }
        }
    }
}
