/// Hands out colour pair numbers, one per distinct (foreground, background), and
/// initialises each pair once. Pair 0 is the terminal's default colours.
struct ColorPairRegistry {
    struct Colors: Hashable {
        var foreground: Int16
        var background: Int16
    }

    private(set) var pairs: [Colors: Int16] = [:]
    private var next: Int = 1
    /// Pair numbers available (COLOR_PAIRS; init_pair takes a short).
    let capacity: Int
    private let initPair: (Int16, Int16, Int16) -> Bool

    /// `initPair(pair, fg, bg)` is init_pair; it answers false when curses refused.
    init(capacity: Int, initPair: @escaping (Int16, Int16, Int16) -> Bool) {
        self.capacity = min(capacity, Int(Int16.max))
        self.initPair = initPair
    }

    /// The pair for these colours; 0 (default colours) when they are both the
    /// default, when pairs run out, or when curses refused the pair.
    mutating func pair(foreground: Int16, background: Int16) -> Int16 {
        if foreground < 0 && background < 0 { return 0 }
        let key = Colors(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        var number: Int16 = 0
        if next < capacity {
            let candidate = Int16(next)
            if initPair(candidate, foreground, background) {
                number = candidate
                next += 1
            }
        }
        pairs[key] = number
        return number
    }
}
