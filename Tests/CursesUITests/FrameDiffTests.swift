import BrowserModel
@testable import CursesUI
import XCTest

final class FrameDiffTests: XCTestCase {
    func frame(_ cells: [Cell]) -> Frame {
        var f = Frame(width: cells.count, height: 1)
        for (x, c) in cells.enumerated() { f[x, 0] = c }
        return f
    }
    func c(_ t: String, _ style: StyleRole = .normal) -> Cell { Cell(text: t, width: 1, style: style) }
    let wide = Cell(text: "中", width: 2, style: .normal)

    func testUnchangedRowIsSkipped() {
        let a = frame([c("a"), c("b"), c("c")])
        XCTAssertNil(FrameDiff.changedSpan(row: 0, in: a, since: a, width: 3))
    }

    func testWithoutAnOldFrameTheWholeRow() {
        XCTAssertEqual(FrameDiff.changedSpan(row: 0, in: frame([c("a"), c("b")]), since: nil, width: 2), 0...1)
    }

    func testOnlyTheChangedColumns() {
        let a = frame([c("a"), c("b"), c("c"), c("d")])
        let b = frame([c("a"), c("X"), c("Y"), c("d")])
        XCTAssertEqual(FrameDiff.changedSpan(row: 0, in: b, since: a, width: 4), 1...2)
    }

    func testAStyleChangeCounts() {
        let a = frame([c("a"), c("b")])
        let b = frame([c("a"), c("b", .selection)])
        XCTAssertEqual(FrameDiff.changedSpan(row: 0, in: b, since: a, width: 2), 1...1)
    }

    func testWideCharactersAreNeverSplit() {
        // The right half of a wide character changed: its left half is repainted too.
        let a = frame([c("a"), wide, .continuation, c("d")])
        let b = frame([c("a"), c("x"), c("y"), c("d")])
        XCTAssertEqual(FrameDiff.changedSpan(row: 0, in: b, since: a, width: 4), 1...2)
        let old = frame([c("a"), c("b"), wide, .continuation])
        let new = frame([c("a"), c("B"), wide, .continuation])
        XCTAssertEqual(FrameDiff.changedSpan(row: 0, in: new, since: old, width: 4), 1...1)
        let moved = frame([c("a"), wide, .continuation, c("d")])
        XCTAssertEqual(FrameDiff.changedSpan(row: 0, in: moved, since: old, width: 4), 1...3)
    }

    func testClippedToWidth() {
        let a = frame([c("a"), c("b"), c("c")])
        let b = frame([c("a"), c("b"), c("Z")])
        XCTAssertNil(FrameDiff.changedSpan(row: 0, in: b, since: a, width: 2))
    }
}
