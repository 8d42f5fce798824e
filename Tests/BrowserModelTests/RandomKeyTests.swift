import Foundation
import XCTest
import Atlas
@testable import BrowserModel

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
}
