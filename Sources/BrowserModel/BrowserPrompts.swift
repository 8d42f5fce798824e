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

    // Enough to step through with n; more would cost every keystroke at scale.
    static let maxHits = 300
}

/// The commands of the `:` prompt.
enum Command: String, CaseIterable {
    case goto, filter, search, clear, history, bookmarks, mark, back, forward, help, mouse, quit

    var usage: String {
        switch self {
        case .goto: return "goto DATE|ID   jump to the first event on or after a date, or to a record"
        case .filter: return "filter TEXT    show only rows of the focused list that match"
        case .search: return "search TEXT    search events, actors and missions"
        case .clear: return "clear          clear search, filters and chips"
        case .history: return "history        the trail of opened records"
        case .bookmarks: return "bookmarks      bookmarked records"
        case .mark: return "mark           bookmark the open record"
        case .back: return "back           previous record in history"
        case .forward: return "forward        next record in history"
        case .help: return "help           keys and commands"
        case .mouse: return "mouse          mouse on/off"
        case .quit: return "quit           leave Crossroads"
        }
    }
}

extension Browser {
    func openPrompt(_ kind: Prompt.Kind) {
        let history: [String]
        switch kind {
        case .search: history = userState.searches
        case .command: history = userState.commands
        case .filter: history = userState.searches
        }
        var p = Prompt(kind: kind, history: history)
        if kind == .filter {
            let target = focus == .detail ? lastListPane : focus
            p.setText(textFilters[target] ?? "")
        }
        promptOrigin = Snapshot(focus: focus, current: current,
                                selections: panes.compactMapValues { $0.selectedRow?.id },
                                textFilters: textFilters)
        prompt = p
    }

    func handlePromptKey(_ key: Key) -> ScreenCommand {
        guard var p = prompt else { return .none }
        let outcome = p.handle(key)
        prompt = p
        switch outcome {
        case .edited:
            switch p.kind {
            case .search: runSearch(p.text)
            case .filter: applyTextFilter(p.text)
            case .command: break
            }
        case .submit:
            return submitPrompt()
        case .cancel:
            cancelPrompt()
        case .complete:
            if p.kind == .command { completeCommand() }
        case .moved, .ignored:
            break
        }
        return .none
    }

    @discardableResult
    func submitPrompt() -> ScreenCommand {
        guard let p = prompt else { return .none }
        prompt = nil
        promptOrigin = nil
        switch p.kind {
        case .search:
            if p.text.isEmpty, let last = userState.searches.last {
                // `/` Enter repeats the last search, as in less and vim.
                runSearch(last)
            }
            Prompt.remember(search?.query ?? p.text, in: &userState.searches)
            onUserStateChange?(userState)
            if let s = search, !s.hits.isEmpty {
                let hit = s.hits[s.index]
                let visible = Self.pane(for: hit.kind).flatMap { panes[$0]?.selectedRow?.id }.map { $0 == hit.id } ?? true
                navigate(to: s.hits[s.index].id)
                reportHit(visible: visible)
            } else if !p.text.isEmpty {
                setMessage("no matches for \(p.text)", .warning)
                search = nil
            }
        case .filter:
            Prompt.remember(p.text, in: &userState.searches)
            onUserStateChange?(userState)
        case .command:
            Prompt.remember(p.text, in: &userState.commands)
            onUserStateChange?(userState)
            return runCommand(p.text)
        }
        return .none
    }

    func cancelPrompt() {
        guard let p = prompt else { return }
        prompt = nil
        guard let origin = promptOrigin else { return }
        promptOrigin = nil
        switch p.kind {
        case .search:
            search = nil
            focus = origin.focus
            for (id, pane) in panes { if let sel = origin.selections[id] { pane.select(id: sel) } }
            if let c = origin.current { show(c) }
        case .filter:
            textFilters = origin.textFilters
            reapplyTextFilters()
        case .command:
            break
        }
    }

    // MARK: search

    func runSearch(_ query: String) {
        let q = SearchQuery(query)
        guard q.match != nil else { search = nil; return }
        // Smart-case marks matches in the case typed; which records match and their
        // order are the store's ranking, the same as `crossroads search`.
        let caseSensitive = query.contains(where: { $0.isUppercase })
        let results = (try? store.searchResults(query, limit: SearchState.maxHits)) ?? .none
        let hits = results.hits.map(\.row)
        let total = results.total
        let totalIsAtLeast = results.totalIsAtLeast
        search = SearchState(query: query, terms: q.terms, hits: hits, total: total, totalIsAtLeast: totalIsAtLeast,
                             index: 0, caseSensitive: caseSensitive)
        if !hits.isEmpty { jumpToHit(0) }
    }

    func stepHit(_ step: Int) {
        guard var s = search, !s.hits.isEmpty else {
            setMessage("no search; / starts one", .dim)
            return
        }
        s.index = (s.index + step + s.hits.count) % s.hits.count
        search = s
        let visible = jumpToHit(s.index)
        if let c = current { navigate(to: c) }
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

    /// Puts the cursor on a hit: its pane gets the focus and selects it.
    /// Puts the cursor on a hit: its pane gets the focus and selects it. Returns
    /// false when a filter hides the hit from its pane (the detail still shows it).
    @discardableResult
    func jumpToHit(_ i: Int) -> Bool {
        guard let s = search, i >= 0, i < s.hits.count else { return true }
        let row = s.hits[i]
        var visible = true
        if let paneID = Self.pane(for: row.kind), let pane = panes[paneID] {
            focus = paneID
            lastListPane = paneID
            if !pane.select(id: row.id) {
                visible = false
                setMessage(Self.hiddenByFilter, .warning)
            }
        }
        show(row.id)
        return visible
    }

    static let hiddenByFilter = "hit is hidden by a filter; Esc clears filters"

    /// "hit 3 of 17", or a warning when the hit's pane hides it.
    func reportHit(visible: Bool, suffix: String = "") {
        if visible { setMessage(hitStatus + suffix, .dim) }
        else { setMessage(hitStatus + suffix + " · " + Self.hiddenByFilter, .warning) }
    }

    // MARK: filter

    func applyTextFilter(_ text: String) {
        let target = (promptOrigin?.focus ?? focus) == .detail ? lastListPane : (promptOrigin?.focus ?? focus)
        textFilters[target] = text.isEmpty ? nil : text
        reapplyTextFilters()
        focus = target
        previewSelection()
    }

    func reapplyTextFilters() {
        applyEventFilter()
        for p in [PaneID.actors, .missions] {
            guard let pane = panes[p] else { continue }
            pane.setFilter(ListFilter(kind: pane.filter.kind, text: textFilters[p]))
        }
    }

    // MARK: commands

    func runCommand(_ line: String) -> ScreenCommand {
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard let first = parts.first else { return .none }
        let arg = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        let name = String(first)
        let matches = Command.allCases.filter { $0.rawValue.hasPrefix(name) }
        guard let cmd = Command(rawValue: name) ?? (matches.count == 1 ? matches[0] : nil) else {
            let near = NearMatch.best(name, among: Command.allCases.map(\.rawValue)).first.map { "; did you mean \($0)?" } ?? ""
            setMessage("unknown command :\(name)\(near)  (:help lists commands)", .error)
            return .none
        }
        switch cmd {
        case .goto: gotoTarget(arg)
        case .filter:
            openPrompt(.filter)
            prompt?.setText(arg)
            applyTextFilter(arg)
            prompt = nil
            promptOrigin = nil
        case .search:
            startSearch(arg)
        case .clear: clearFilters()
        case .history: return apply(.history)
        case .bookmarks: return apply(.bookmarks)
        case .mark: return apply(.mark)
        case .back: return apply(.back)
        case .forward: return apply(.forward)
        case .help: return apply(.help)
        case .mouse: return apply(.toggleMouse)
        case .quit: return .quit(code: 0)
        }
        return .none
    }

    /// `:goto 2024-03` selects the first event on or after that date; `:goto ID`
    /// opens a record.
    func gotoTarget(_ arg: String) {
        guard !arg.isEmpty else { setMessage("usage: :goto DATE|ID", .error); return }
        if (try? store.lookup(arg)) != nil {
            navigate(to: arg)
            return
        }
        if let date = try? EDTFDate(parsing: arg), let events = panes[.events] {
            focus = .events
            lastListPane = .events
            if events.select(atOrAfter: .int(Int64(date.sortKey))), let row = events.selectedRow {
                navigate(to: row.id)
                setMessage("first event on or after \(date.display)", .dim)
            } else {
                events.moveTo(events.count - 1)
                previewSelection()
                setMessage("no event on or after \(date.display)", .warning)
            }
            return
        }
        let near = (try? store.suggestions(for: arg)) ?? []
        setMessage("not a date or an id: \(arg)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"), .error)
    }

    /// Tab in the command prompt completes a command name, then a record id.
    func completeCommand() {
        guard var p = prompt else { return }
        let text = p.text
        if !text.contains(" ") {
            let matches = Command.allCases.map(\.rawValue).filter { $0.hasPrefix(text) }
            if matches.count == 1 { p.setText(matches[0] + " ") }
            else if matches.count > 1 {
                p.setText(commonPrefix(matches))
                setMessage(matches.joined(separator: "  "), .dim)
            }
        } else if text.hasPrefix("goto ") {
            let partial = String(text.dropFirst(5))
            let ids = (try? store.idCompletions(prefix: partial, limit: 20)) ?? []
            if ids.count == 1 { p.setText("goto " + ids[0]) }
            else if ids.count > 1 {
                p.setText("goto " + commonPrefix(ids))
                setMessage(ids.prefix(8).joined(separator: "  ") + (ids.count > 8 ? "  …" : ""), .dim)
            } else {
                setMessage("no id starts with \(partial)", .dim)
            }
        }
        prompt = p
    }

    private func commonPrefix(_ s: [String]) -> String {
        guard var prefix = s.first else { return "" }
        for x in s.dropFirst() { while !x.hasPrefix(prefix) { prefix.removeLast() } }
        return prefix
    }
}
