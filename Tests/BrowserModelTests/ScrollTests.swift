import XCTest
@testable import BrowserModel

/// The one scroll type of list panes, the detail, overlays and search results.
final class ScrollTests: XCTestCase {
    func testClampKeepsTheLastScreenFull() {
        var s = Scroll(top: 0, height: 10, count: 25)
        s.scroll(by: 100)
        XCTAssertEqual(s.top, 15)
        XCTAssertEqual(s.visible, 15..<25)
        s.scroll(by: -3)
        XCTAssertEqual(s.top, 12)
        s.scroll(by: Int.min)
        XCTAssertEqual(s.top, 0, "no overflow at the extremes")
        s.scroll(by: Int.max)
        XCTAssertEqual(s.top, 15)
        s.resize(height: 30, count: 25)
        XCTAssertEqual(s.top, 0, "everything fits")
        XCTAssertEqual(s.visible, 0..<25)
    }

    func testKeepHoldsAMarginAlways() {
        var s = Scroll(top: 0, height: 10, count: 100)
        s.keep(8, margin: 2)
        XCTAssertEqual(s.top, 1, "line 8 keeps two lines below it")
        s.keep(2, margin: 2)
        XCTAssertEqual(s.top, 0)
        s.keep(99, margin: 2)
        XCTAssertEqual(s.top, 90, "no margin past the end")
    }

    func testRevealScrollsOnlyWhenTheLineIsOffScreen() {
        var s = Scroll(top: 10, height: 10, count: 100)
        s.reveal(10, context: 1)
        XCTAssertEqual(s.top, 10, "on screen: no move")
        s.reveal(25, context: 1)
        XCTAssertEqual(s.top, 17, "the line and one more below it")
        s.reveal(3, context: 1)
        XCTAssertEqual(s.top, 2)
    }

    func testPlacePutsALineAFractionDown() {
        var s = Scroll(top: 0, height: 12, count: 100)
        s.place(50, at: 3)
        XCTAssertEqual(s.top, 46)
        s.place(50, at: 2)
        XCTAssertEqual(s.top, 44)
        s.place(99, at: 2)
        XCTAssertEqual(s.top, 88)
        XCTAssertEqual(s.page, 11)
    }
}
