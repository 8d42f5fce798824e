import Atlas
import BrowserModel

/// Seeded random keys at random sizes against a `Browser`, with the browser's
/// invariants checked after every key: the frame has exactly the size asked for,
/// every list's selection and scroll offset are inside the list, the detail's
/// cursor and offset are bounded, history's index is consistent, nothing traps.
///
/// One piece of code for the XCTest (20,000 keys, debug) and `crossroads-bench keys`
/// (a million, release), so both check the same things. A seed replays exactly.
public struct RandomKeyRun {
    public struct Failure: CustomStringConvertible, Sendable {
        public var step: Int
        public var width: Int
        public var height: Int
        public var problem: String
        /// The last keys before the failure, oldest first.
        public var recentKeys: [Key]
        public var description: String {
            "step \(step) at \(width)x\(height): \(problem); last keys: \(recentKeys.map(KeyNotation.name).joined(separator: " "))"
        }
    }

    public struct Result: Sendable {
        public var keys = 0
        /// Keys that quit; the next store then opens in a new browser.
        public var quits = 0
        public var resizes = 0
        public var failures: [Failure] = []
    }

    public let seed: UInt64
    private let stores: [AtlasStore]
    private var rng: SplitMix64
    private var storeIndex = 0
    private var browser: Browser
    private(set) public var width = 120
    private(set) public var height = 40
    private var recent: [Key] = []

    /// Keys drawn from, besides `q`/`Q` and mouse events (rarer, see `nextKey`).
    static let keys: [Key] = {
        var keys: [Key] = []
        for c in "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789" { keys.append(.char(c)) }
        for c in "/\\:?'[]\"()*<>.,;-_=+!@#$%^&~` " { keys.append(.char(c)) }
        for c in "äé東🕊" { keys.append(.char(c)) }
        for c in "abcdefghijklmnopqrstuvwxyz[\\]^_" { keys.append(.ctrl(c)) }
        keys += [.enter, .enter, .enter, .tab, .tab, .backTab, .backspace, .backspace, .delete, .escape, .escape,
                 .up, .down, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert,
                 .function(1), .function(5), .function(12), .resize, .resize]
        return keys
    }()

    /// `stores` take turns: each quit opens the next one in a fresh browser.
    public init(stores: [AtlasStore], seed: UInt64) {
        precondition(!stores.isEmpty, "a random-key run needs a store")
        self.stores = stores
        self.seed = seed
        rng = SplitMix64(seed: seed)
        browser = Browser(store: stores[0])
        _ = browser.update(.resize(width: width, height: height))
    }

    /// Presses `count` keys, checking after each; stops early after `maxFailures`
    /// failures. `progress` is called every 10,000 keys with the keys pressed so far.
    public mutating func run(keys count: Int, maxFailures: Int = 5, progress: ((Int) -> Void)? = nil) -> Result {
        var result = Result()
        for step in 0..<count {
            let key = nextKey()
            if case .resize = key { newSize(); result.resizes += 1 } else if rng.int(0...49) == 0 { newSize(); result.resizes += 1 }
            recent.append(key)
            if recent.count > 30 { recent.removeFirst() }
            // A resize key is the terminal's news of a new size: the size follows as its event.
            let event: BrowserEvent = key == .resize ? .resize(width: width, height: height) : .key(key)
            if browser.width != width || browser.height != height { _ = browser.update(.resize(width: width, height: height)) }
            if browser.update(event).contains(where: { if case .quit = $0 { return true } else { return false } }) {
                result.quits += 1
                storeIndex = (storeIndex + 1) % stores.count
                browser = Browser(store: stores[storeIndex])
                _ = browser.update(.resize(width: width, height: height))
                recent = []
            }
            let frame = browser.frame()
            result.keys += 1
            // Measuring every line as the terminal would is the dearest check: every 50th key.
            if let problem = browser.invariantProblem(frame: frame, width: width, height: height, measureText: step % 50 == 0) {
                result.failures.append(Failure(step: step, width: width, height: height, problem: problem, recentKeys: recent))
                if result.failures.count >= maxFailures { break }
            }
            if let progress, (step + 1) % 10_000 == 0 { progress(step + 1) }
        }
        return result
    }

    private mutating func nextKey() -> Key {
        switch rng.int(0...99) {
        case 0: return .char(rng.int(0...1) == 0 ? "q" : "Q")
        case 1...6:
            let kinds: [MouseEvent.Kind] = [.press, .wheelUp, .wheelDown]
            return .mouse(MouseEvent(kind: kinds[rng.int(0...2)], x: rng.int(-2...(width + 2)), y: rng.int(-2...(height + 2))))
        default: return Self.keys[rng.int(0...(Self.keys.count - 1))]
        }
    }

    /// Mostly ordinary sizes, sometimes tiny, sometimes huge.
    private mutating func newSize() {
        switch rng.int(0...9) {
        case 0: width = rng.int(1...45); height = rng.int(1...12)
        case 1: width = rng.int(150...200); height = rng.int(45...60)
        default: width = rng.int(1...200); height = rng.int(1...60)
        }
    }
}
