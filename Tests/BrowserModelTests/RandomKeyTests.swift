import Foundation
import XCTest
import Atlas
@testable import BrowserModel
import TestTools

/// 20,000 random keys at random sizes, replayable from a fixed seed, through the
/// same checks as `crossroads-bench keys` (a million keys in CI): nothing crashes,
/// every frame has the size asked for, selections stay inside their lists, detail
/// offsets stay bounded, and the history index stays consistent.
final class RandomKeyTests: XCTestCase {
    /// Fixed, so a failure replays; CROSSROADS_SEED=N explores other sequences.
    static let seed: UInt64 = ProcessInfo.processInfo.environment["CROSSROADS_SEED"].flatMap { UInt64($0) } ?? 0xC0FF_EE15_2024_0322
    static let keyCount = 20_000

    func testTwentyThousandRandomKeys() {
        print("random keys: seed \(Self.seed)")
        var run = RandomKeyRun(stores: [Fixtures.store("mini"), Fixtures.store("hostile")], seed: Self.seed)
        let result = run.run(keys: Self.keyCount, maxFailures: 6)
        for f in result.failures { XCTFail(f.description) }
        XCTAssertEqual(result.keys, Self.keyCount)
        XCTAssertGreaterThan(result.quits, 0, "the sequence exercised quitting and starting again")
        print("random keys: \(result.quits) quits, \(result.resizes) resizes")
    }

    /// The checks themselves catch what they are for.
    func testChecksCatchABadState() {
        let browser = Browser(store: Fixtures.store("mini"))
        let frame = browser.frame(width: 80, height: 24)
        XCTAssertNil(browser.invariantProblem(frame: frame, width: 80, height: 24, measureText: true))
        XCTAssertNotNil(browser.invariantProblem(frame: frame, width: 81, height: 24, measureText: false))
        browser.detailTop = Int.max
        XCTAssertNotNil(browser.invariantProblem(frame: frame, width: 80, height: 24, measureText: false))
        browser.detailTop = 0
        browser.panes[.events]!.moveTo(3)
        XCTAssertNil(browser.invariantProblem(frame: frame, width: 80, height: 24, measureText: false))
    }

    /// The million keys found it (seed 1, step 249,230): the detail scrolled to its end
    /// in a narrow pane kept its offset when the focus went back to a list and the
    /// layout had no detail pane: the lines wrapped to the default width were fewer.
    static let builtin = try! AtlasStore.builtin()

    func testDetailOffsetsFollowTheLayoutWidth() {
        let sizes = [(40, 9), (40, 7), (32, 6), (60, 12), (99, 20), (120, 40), (45, 8)]
        var checked = 0
        for (w1, h1) in sizes {
            for (w2, h2) in sizes where w1 != w2 || h1 != h2 {
                // The seed atlas's first event has a long summary: many more lines at 38 columns than at 59.
                let browser = Browser(store: Self.builtin)
                _ = browser.frame(width: w1, height: h1)
                browser.focus = .detail
                _ = browser.handle(.char("G"))
                _ = browser.frame(width: w1, height: h1)
                // Back to a list: a narrow layout then has no detail pane.
                browser.focus = .events
                let frame = browser.frame(width: w2, height: h2)
                if let problem = browser.invariantProblem(frame: frame, width: w2, height: h2, measureText: false) {
                    XCTFail("\(w1)x\(h1) then \(w2)x\(h2): \(problem)")
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 42)
    }
}
