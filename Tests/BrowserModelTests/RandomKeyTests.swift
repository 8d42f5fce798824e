import Foundation
import XCTest
import Atlas
@testable import BrowserModel

/// 20,000 random keys at random sizes, replayable from a fixed seed: nothing crashes,
/// every frame has the size asked for, and the history index stays in bounds.
final class RandomKeyTests: XCTestCase {
    /// Fixed, so a failure replays; CROSSROADS_SEED=N explores other sequences.
    static let seed: UInt64 = ProcessInfo.processInfo.environment["CROSSROADS_SEED"].flatMap { UInt64($0) } ?? 0xC0FF_EE15_2024_0322
    static let keyCount = 20_000

    private static let fixedKeys: [Key] = {
        var keys: [Key] = []
        for c in "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789" { keys.append(.char(c)) }
        // `Q` and `q` quit; they are in the list, but rarer than the rest (below).
        for c in "/\\:?'[]\"()*<>.,;-_=+!@#$%^&~` " { keys.append(.char(c)) }
        for c in "äé東🕊" { keys.append(.char(c)) }
        for c in "abcdefghijklmnopqrstuvwxyz[\\]^_" { keys.append(.ctrl(c)) }
        keys += [.enter, .enter, .enter, .tab, .tab, .backTab, .backspace, .backspace, .delete, .escape, .escape,
                 .up, .down, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert,
                 .function(1), .function(5), .function(12), .resize, .resize]
        return keys
    }()

    func testTwentyThousandRandomKeys() {
        var rng = SplitMix64(seed: Self.seed)
        print("random keys: seed \(Self.seed)")
        let stores = [Fixtures.store("mini"), Fixtures.store("hostile")]
        var storeIndex = 0
        var browser = Browser(store: stores[0])
        var width = 120, height = 40
        var quits = 0, failures = 0, overflowStates = 0
        var recent: [Key] = []

        func newSize() {
            // Mostly ordinary sizes, sometimes tiny, sometimes huge.
            switch rng.int(0...9) {
            case 0: width = rng.int(1...45); height = rng.int(1...12)
            case 1: width = rng.int(150...200); height = rng.int(45...60)
            default: width = rng.int(1...200); height = rng.int(1...60)
            }
        }

        _ = browser.frame(width: width, height: height)
        for step in 0..<Self.keyCount {
            let key: Key
            switch rng.int(0...99) {
            case 0: key = .char(rng.int(0...1) == 0 ? "q" : "Q")
            case 1...6:
                let kinds: [MouseEvent.Kind] = [.press, .wheelUp, .wheelDown]
                key = .mouse(MouseEvent(kind: kinds[rng.int(0...2)], x: rng.int(-2...(width + 2)), y: rng.int(-2...(height + 2))))
            default: key = Self.fixedKeys[rng.int(0...(Self.fixedKeys.count - 1))]
            }
            if case .resize = key { newSize() } else if rng.int(0...49) == 0 { newSize() }
            recent.append(key)
            if recent.count > 30 { recent.removeFirst() }

            // Regression: `G` in an empty detail once left detailTop at Int.max, and
            // the next detail move overflowed.
            if browser.detailTop > 1_000_000 { overflowStates += 1 }
            let command = browser.handle(key)
            if case .quit = command {
                quits += 1
                storeIndex = (storeIndex + 1) % stores.count
                browser = Browser(store: stores[storeIndex])
                recent = []
            }
            let frame = browser.frame(width: width, height: height)
            let h = browser.history
            var ok = frame.width == width && frame.height == height && frame.cells.count == width * height
                && (-1..<max(0, h.entries.count)).contains(h.index) && (h.entries.isEmpty == (h.index == -1))
            if ok, step % 50 == 0 {
                let lines = frame.text.components(separatedBy: "\n")
                ok = lines.count == height && lines.allSatisfy { TerminalText.width($0) == width }
            }
            if !ok {
                failures += 1
                XCTFail("step \(step) at \(width)x\(height): frame \(frame.width)x\(frame.height), history \(h.index) of \(h.entries.count); last keys: \(recent)")
                if failures > 5 { return }
            }
        }
        XCTAssertGreaterThan(quits, 0, "the sequence exercised quitting and starting again")
        print("random keys: \(quits) quits")
        XCTAssertEqual(overflowStates, 0, "detail scroll offsets stay bounded")
    }
}
