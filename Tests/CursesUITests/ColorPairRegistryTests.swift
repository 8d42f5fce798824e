@testable import CursesUI
import XCTest

final class ColorPairRegistryTests: XCTestCase {
    /// Records init_pair calls.
    final class Recorder {
        var calls: [(Int16, Int16, Int16)] = []
        var refuse = false
        func initPair(_ pair: Int16, _ fg: Int16, _ bg: Int16) -> Bool {
            calls.append((pair, fg, bg))
            return !refuse
        }
    }

    func testEachDistinctPairIsInitialisedOnce() {
        let recorder = Recorder()
        var registry = ColorPairRegistry(capacity: 256, initPair: recorder.initPair)
        let a = registry.pair(foreground: 231, background: 24)
        let b = registry.pair(foreground: 245, background: -1)
        XCTAssertEqual(registry.pair(foreground: 231, background: 24), a)
        XCTAssertEqual(registry.pair(foreground: 245, background: -1), b)
        XCTAssertEqual(a, 1)
        XCTAssertEqual(b, 2)
        XCTAssertEqual(recorder.calls.count, 2)
        XCTAssertTrue(recorder.calls[0] == (1, 231, 24))
        XCTAssertTrue(recorder.calls[1] == (2, 245, -1))
    }

    func testDefaultColoursArePairZeroWithoutInit() {
        let recorder = Recorder()
        var registry = ColorPairRegistry(capacity: 256, initPair: recorder.initPair)
        XCTAssertEqual(registry.pair(foreground: -1, background: -1), 0)
        XCTAssertTrue(recorder.calls.isEmpty)
    }

    func testRunningOutOfPairsFallsBackToDefault() {
        let recorder = Recorder()
        var registry = ColorPairRegistry(capacity: 3, initPair: recorder.initPair)
        XCTAssertEqual(registry.pair(foreground: 1, background: -1), 1)
        XCTAssertEqual(registry.pair(foreground: 2, background: -1), 2)
        XCTAssertEqual(registry.pair(foreground: 3, background: -1), 0)
        XCTAssertEqual(recorder.calls.count, 2)
    }

    func testARefusedPairIsNotRetried() {
        let recorder = Recorder()
        recorder.refuse = true
        var registry = ColorPairRegistry(capacity: 256, initPair: recorder.initPair)
        XCTAssertEqual(registry.pair(foreground: 300, background: -1), 0)
        XCTAssertEqual(registry.pair(foreground: 300, background: -1), 0)
        XCTAssertEqual(recorder.calls.count, 1)
        recorder.refuse = false
        XCTAssertEqual(registry.pair(foreground: 4, background: -1), 1, "a refused number is handed out again")
    }

    func testCapacityIsCappedAtWhatInitPairTakes() {
        let registry = ColorPairRegistry(capacity: 65536) { _, _, _ in true }
        XCTAssertEqual(registry.capacity, Int(Int16.max))
    }
}
