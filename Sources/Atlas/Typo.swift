/// The typos search forgives: one in a word of 5 to 8 letters, two in a word of 9 or
/// more (the rule Meilisearch and Algolia use), none in shorter words, where one edit
/// turns most words into other words. An edit is a letter added, dropped, changed, or
/// two neighbours swapped.
enum Typo {
    /// Longer words are not guessed at (nor indexed for it): no word is this long.
    static let longestWord = 30

    static func allowed(in word: String) -> Int {
        switch word.count {
        case (longestWord + 1)...: 0
        case ..<5: 0
        case 5..<9: 1
        default: 2
        }
    }

    /// The word with one character dropped, at each position.
    static func deletions(of word: String) -> Set<String> {
        let chars = Array(word)
        guard chars.count > 1 else { return [] }
        var out = Set<String>()
        for i in chars.indices {
            var c = chars
            c.remove(at: i)
            out.insert(String(c))
        }
        return out
    }

    /// The edit distance between `a` and `b` with swaps of neighbours as one edit
    /// (optimal string alignment), or nil when it is more than `max`.
    static func distance(_ a: String, _ b: String, max: Int) -> Int? {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > max { return nil }
        if x.isEmpty || y.isEmpty { let d = Swift.max(x.count, y.count); return d <= max ? d : nil }
        var before = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var d = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = Swift.min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = Swift.min(rowMin, d)
            }
            if rowMin > max { return nil }
            (before, previous, current) = (previous, current, before)
        }
        let d = previous[y.count]
        return d <= max ? d : nil
    }
}
