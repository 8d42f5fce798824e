import Atlas

/// `/` search: running it as the prompt is edited, stepping through hits.
extension BrowserState {
    /// Runs a search as if typed at `/` and confirmed (`--search`, `:search`).
    mutating func startSearch(_ query: String, _ store: AtlasStore) {
        openPrompt(.search)
        prompt?.setText(query)
        runSearch(query, store)
        submitPrompt(store)
    }

    mutating func runSearch(_ query: String, _ store: AtlasStore) {
        let q = SearchQuery(query)
        guard q.match != nil else { search = nil; return }
        // Smart-case marks matches in the case typed; which records match and their
        // order are the store's ranking, the same as `crossroads search`.
        let caseSensitive = query.contains(where: { $0.isUppercase })
        let results: SearchResults
        do {
            results = try store.searchResults(query, limit: SearchState.maxHits)
        } catch {
            search = nil
            setMessage("search failed: \(error.description)", .error)
            return
        }
        let hits = results.hits.map(\.row)
        let total = results.total
        let totalIsAtLeast = results.totalIsAtLeast
        search = SearchState(query: query, terms: q.terms, hits: hits, total: total, totalIsAtLeast: totalIsAtLeast,
                             index: 0, caseSensitive: caseSensitive)
        if !hits.isEmpty { jumpToHit(0, store) }
    }

    mutating func stepHit(_ step: Int, _ store: AtlasStore) {
        guard var s = search, !s.hits.isEmpty else {
            setMessage("no search; / starts one", .dim)
            return
        }
        s.index = (s.index + step + s.hits.count) % s.hits.count
        search = s
        let visible = jumpToHit(s.index, store)
        if let c = current { navigate(to: c, store) }
        let wrapped = (step > 0 && s.index == 0) || (step < 0 && s.index == s.hits.count - 1)
        reportHit(visible: visible, suffix: wrapped && s.hits.count > 1 ? " (wrapped)" : "")
    }

    var hitStatus: String {
        guard let s = search else { return "" }
        if s.hits.isEmpty { return "no hits" }
        let more = s.totalIsAtLeast ? " (first \(s.hits.count) of more than \(s.total - 1), ranked from a sample; type more to rank all)"
            : s.total > s.hits.count ? " (best \(s.hits.count) of \(s.total))" : ""
        return "hit \(s.index + 1) of \(min(s.total, s.hits.count))\(more)"
    }

    /// Puts the cursor on a hit: its pane gets the focus and selects it. Returns
    /// false when a filter hides the hit from its pane (the detail still shows it).
    @discardableResult
    mutating func jumpToHit(_ i: Int, _ store: AtlasStore) -> Bool {
        guard let s = search, i >= 0, i < s.hits.count else { return true }
        let row = s.hits[i]
        var visible = true
        if let paneID = Self.pane(for: row.kind), panes[paneID] != nil {
            focus = paneID
            lastListPane = paneID
            if panes[paneID]?.select(id: row.id, store: store) != true {
                visible = false
                setMessage(Self.hiddenByFilter, .warning)
            }
        }
        show(row.id, store)
        return visible
    }

    static let hiddenByFilter = "hit is hidden by a filter; Esc clears filters"

    /// "hit 3 of 17", or a warning when the hit's pane hides it.
    mutating func reportHit(visible: Bool, suffix: String = "") {
        if visible { setMessage(hitStatus + suffix, .dim) }
        else { setMessage(hitStatus + suffix + " · " + Self.hiddenByFilter, .warning) }
    }
}
