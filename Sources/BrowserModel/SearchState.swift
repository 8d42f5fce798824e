import Atlas

/// An incremental search: ranked hits across events, actors and missions.
struct SearchState {
    var query: String
    var terms: [String]
    var hits: [ListRow]
    /// All matches in the store (hits holds the best of them).
    var total: Int
    /// More than `total` match (too many to count and rank as you type).
    var totalIsAtLeast: Bool
    var index: Int
    /// Smart-case: a capital letter in the query highlights matches in that case only.
    var caseSensitive: Bool
    /// The results box while the search prompt is open.
    var scroll = Scroll()

    // Enough to step through with n; more would cost every keystroke at scale.
    static let maxHits = 300
}
