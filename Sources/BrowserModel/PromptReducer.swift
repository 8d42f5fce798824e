import Atlas

/// The `/`, `\` and `:` prompts: opening, editing (search and filter run as
/// typed), accepting and cancelling.
extension BrowserState {
    mutating func openPrompt(_ kind: Prompt.Kind) {
        let history: [String]
        switch kind {
        case .search, .filter: history = userState.searches
        case .command: history = userState.commands
        }
        var p = Prompt(kind: kind, history: history)
        if kind == .filter {
            let target = focus == .detail ? lastListPane : focus
            p.setText(textFilters[target] ?? "")
        }
        promptOrigin = PromptOrigin(focus: focus, current: current,
                                    selections: panes.compactMapValues { $0.selectedRow?.id },
                                    textFilters: textFilters)
        prompt = p
    }

    mutating func editPrompt(_ edit: PromptEdit, _ store: AtlasStore) {
        guard var p = prompt else { return }
        let outcome = p.apply(edit)
        prompt = p
        switch outcome {
        case .edited:
            switch p.kind {
            case .search: runSearch(p.text, store)
            case .filter: applyTextFilter(p.text, store)
            case .command: break
            }
        case .submit: submitPrompt(store)
        case .cancel: cancelPrompt(store)
        case .complete: if p.kind == .command { completeCommand(store) }
        case .moved, .ignored: break
        }
    }

    mutating func submitPrompt(_ store: AtlasStore) {
        guard let p = prompt else { return }
        prompt = nil
        promptOrigin = nil
        switch p.kind {
        case .search:
            if p.text.isEmpty, let last = userState.searches.last {
                // `/` Enter repeats the last search, as in less and vim.
                runSearch(last, store)
            }
            Prompt.remember(search?.query ?? p.text, in: &userState.searches)
            saveUserState()
            if let s = search, !s.hits.isEmpty {
                let hit = s.hits[s.index]
                let visible = Self.pane(for: hit.kind).flatMap { panes[$0]?.selectedRow(store)?.id }.map { $0 == hit.id } ?? true
                navigate(to: hit.id, store)
                reportHit(visible: visible)
            } else if !p.text.isEmpty, message?.style != .error {
                setMessage("no matches for \(p.text)", .warning)
                search = nil
            }
        case .filter:
            Prompt.remember(p.text, in: &userState.searches)
            saveUserState()
        case .command:
            Prompt.remember(p.text, in: &userState.commands)
            saveUserState()
            do {
                if let action = try Command.action(for: p.text) { reduce(action, store) }
            } catch {
                setMessage(error.message, .error)
            }
        }
    }

    mutating func cancelPrompt(_ store: AtlasStore) {
        guard let p = prompt else { return }
        prompt = nil
        guard let origin = promptOrigin else { return }
        promptOrigin = nil
        switch p.kind {
        case .search:
            search = nil
            focus = origin.focus
            for id in Array(panes.keys) { if let sel = origin.selections[id] { panes[id]?.select(id: sel, store: store) } }
            if let c = origin.current { show(c, store) }
        case .filter:
            textFilters = origin.textFilters
            reapplyTextFilters(store)
        case .command:
            break
        }
    }

    // MARK: filter

    /// `:filter TEXT`: the focused list as if TEXT were typed at `\`.
    mutating func filterFocusedList(_ text: String, _ store: AtlasStore) {
        openPrompt(.filter)
        prompt?.setText(text)
        applyTextFilter(text, store)
        prompt = nil
        promptOrigin = nil
    }

    mutating func applyTextFilter(_ text: String, _ store: AtlasStore) {
        let origin = promptOrigin?.focus ?? focus
        let target = origin == .detail ? lastListPane : origin
        textFilters[target] = text.isEmpty ? nil : text
        reapplyTextFilters(store)
        focus = target
        previewSelection(store)
    }

    mutating func reapplyTextFilters(_ store: AtlasStore) {
        applyEventFilter(store)
        for p in [PaneID.actors, .missions] {
            guard let kind = panes[p]?.filter.kind else { continue }
            panes[p]?.setFilter(ListFilter(kind: kind, text: textFilters[p]), store: store)
        }
    }

    // MARK: completion

    /// Tab in the command prompt completes a command name, then a record id.
    mutating func completeCommand(_ store: AtlasStore) {
        guard var p = prompt else { return }
        let text = p.text
        if !text.contains(" ") {
            let matches = Command.allCases.map(\.rawValue).filter { $0.hasPrefix(text) }
            if matches.count == 1 { p.setText(matches[0] + " ") }
            else if matches.count > 1 {
                p.setText(Self.commonPrefix(matches))
                setMessage(matches.joined(separator: "  "), .dim)
            }
        } else if text.hasPrefix("goto ") {
            let partial = String(text.dropFirst(5))
            do {
                let ids = try store.idCompletions(prefix: partial, limit: 20)
                if ids.count == 1 { p.setText("goto " + ids[0]) }
                else if ids.count > 1 {
                    p.setText("goto " + Self.commonPrefix(ids))
                    setMessage(ids.prefix(8).joined(separator: "  ") + (ids.count > 8 ? "  …" : ""), .dim)
                } else {
                    setMessage("no id starts with \(partial)", .dim)
                }
            } catch {
                setMessage("cannot complete: \(error.description)", .error)
            }
        }
        prompt = p
    }

    private static func commonPrefix(_ s: [String]) -> String {
        guard var prefix = s.first else { return "" }
        for x in s.dropFirst() { while !x.hasPrefix(prefix) { prefix.removeLast() } }
        return prefix
    }
}
