import BrowserModel
@testable import CursesUI
import XCTest

final class ThemeTests: XCTestCase {
    func testNoColorAnyNonEmptyValueMeansMonochrome() {
        XCTAssertEqual(Theme.choose(.auto, colors: 256, noColor: "1"), .mono)
        XCTAssertEqual(Theme.choose(.auto, colors: 256, noColor: "yes please"), .mono)
        XCTAssertEqual(Theme.choose(.auto, colors: 8, noColor: "0"), .mono)
    }

    func testEmptyOrAbsentNoColorKeepsColour() {
        XCTAssertEqual(Theme.choose(.auto, colors: 256, noColor: ""), .color256)
        XCTAssertEqual(Theme.choose(.auto, colors: 256, noColor: nil), .color256)
    }

    func testThemeByColourCount() {
        XCTAssertEqual(Theme.choose(.auto, colors: 256, noColor: nil), .color256)
        XCTAssertEqual(Theme.choose(.auto, colors: 88, noColor: nil), .color8)
        XCTAssertEqual(Theme.choose(.auto, colors: 8, noColor: nil), .color8)
        XCTAssertEqual(Theme.choose(.auto, colors: 2, noColor: nil), .mono)
        XCTAssertEqual(Theme.choose(.auto, colors: 0, noColor: nil), .mono)
    }

    func testMonoWhenAskedEvenWithColours() {
        XCTAssertEqual(Theme.choose(.mono, colors: 256, noColor: nil), .mono)
    }

    func testMonoUsesAttributesOnly() {
        XCTAssertFalse(Theme.mono.usesColor)
        for role in StyleRole.allCases {
            XCTAssertEqual(Theme.mono[role].foreground, -1, "\(role)")
            XCTAssertEqual(Theme.mono[role].background, -1, "\(role)")
        }
        XCTAssertEqual(Theme.mono[.normal].attributes, [])
        XCTAssertTrue(Theme.mono[.selection].attributes.contains(.reverse))
        XCTAssertTrue(Theme.mono[.dim].attributes.contains(.dim))
        XCTAssertTrue(Theme.mono[.link].attributes.contains(.underline))
        XCTAssertTrue(Theme.mono[.heading].attributes.contains(.bold))
        // The selected row and a match on it must stay apart.
        XCTAssertNotEqual(Theme.mono[.selection], Theme.mono[.match])
        XCTAssertNotEqual(Theme.mono[.selection], Theme.mono[.selectionDim])
    }

    func testColourThemesKeepTheTerminalBackground() {
        for theme in [Theme.color256, Theme.color8] {
            XCTAssertTrue(theme.usesColor)
            XCTAssertEqual(theme[.normal], CellStyle(), theme.name)
            XCTAssertEqual(theme[.dim].background, -1, theme.name)
            XCTAssertEqual(theme[.link].background, -1, theme.name)
        }
        XCTAssertTrue(Theme.color8.allColorsBelow(8))
    }

    func testWithoutDefaultColorsLeavesNoMinusOne() {
        let theme = Theme.color256.withoutDefaultColors()
        for role in StyleRole.allCases {
            XCTAssertGreaterThanOrEqual(theme[role].foreground, 0, "\(role)")
            XCTAssertGreaterThanOrEqual(theme[role].background, 0, "\(role)")
        }
        XCTAssertEqual(theme[.selection], Theme.color256[.selection])
        XCTAssertEqual(theme[.normal], CellStyle(foreground: 7, background: 0))
    }
}

extension Theme {
    func allColorsBelow(_ n: Int16) -> Bool {
        StyleRole.allCases.allSatisfy { self[$0].foreground < n && self[$0].background < n }
    }
}
