import Atlas

/// Opening records, following links, history, filters by chip, bookmarks.
extension BrowserState {
    mutating func reduceNavigation(_ action: Action, _ store: AtlasStore) {
        switch action {
        case .open: openSelected(store)
        case .back: goBack(store)
        case .forward: goForward(store)
        case .goTo(let target): goTo(target, store)
        case .clearFilters: clearFilters(store)
        case .mark: toggleBookmark()
        default: break
        }
    }

    /// Opens a record: it goes into history and the detail, and its list selects it.
    /// Following a link from a record that was only previewed (reached by moving
    /// through a list) commits that record first, so back returns to it.
    mutating func navigate(to id: String, commitPreview: Bool = false, _ store: AtlasStore) {
        if commitPreview, let c = current, c != history.current { history.visit(c) }
        history.visit(id)
        show(id, syncList: true, store)
        saveHistory()
    }

    mutating func show(_ id: String, syncList: Bool = false, _ store: AtlasStore) {
        if current != id || detail == nil {
            current = id
            do {
                detail = try store.detail(id)
                detailFailure = nil
            } catch {
                detail = nil
                detailFailure = error.description
            }
            detailCursor = 0
            detailScroll.top = 0
        }
        guard syncList, let kind = detail?.kind, let paneID = Self.pane(for: kind) else { return }
        if panes[paneID]?.selectedRow(store)?.id != id { panes[paneID]?.select(id: id, store: store) }
    }

    mutating func showNothing() {
        current = nil
        detail = nil
        detailFailure = nil
        detailCursor = 0
        detailScroll.top = 0
    }

    static func pane(for kind: RecordKind) -> PaneID? {
        switch kind {
        case .event: return .events
        case .actor: return .actors
        case .mission: return .missions
        case .source: return nil
        }
    }

    mutating func openSelected(_ store: AtlasStore) {
        if focus == .detail {
            guard let target = selectedDetailTarget else { setMessage("nothing to follow on this line", .dim); return }
            follow(target, store)
            return
        }
        guard let row = panes[focus]?.selectedRow(store) else { return }
        navigate(to: row.id, store)
        switch row.kind {
        case .actor, .mission:
            crossFilter(kind: row.kind, id: row.id, title: row.title, store)
        default:
            focus = .detail
        }
    }

    mutating func follow(_ target: DetailTarget, _ store: AtlasStore) {
        switch target {
        case .record(let id):
            do {
                guard try store.lookup(id) != nil else {
                    if let ds = DatasetKey.dataset(of: id) {
                        setMessage("\(id) is not in this atlas: import \(ds) to follow it", .warning)
                    } else {
                        setMessage("\(id) is not in this atlas", .warning)
                    }
                    return
                }
            } catch {
                setMessage("could not read \(id): \(error.description)", .error)
                return
            }
            navigate(to: id, commitPreview: true, store)
        case .filterEvents(let kind, let id, let title):
            crossFilter(kind: kind, id: id, title: title, store)
        }
    }

    /// Narrows the Events pane to an actor's or a mission's events.
    mutating func crossFilter(kind: RecordKind, id: String, title: String, _ store: AtlasStore) {
        if kind == .actor { actorChip = (id, title) } else { missionChip = (id, title) }
        applyEventFilter(store)
        focus = .events
        lastListPane = .events
        let n = panes[.events]?.count ?? 0
        setMessage("Events narrowed to \(title): \(n) event\(n == 1 ? "" : "s"); Esc clears", .dim)
        if n > 0 { panes[.events]?.moveTo(0) }
        // Keep the actor or mission in the detail: it is what was chosen.
    }

    mutating func applyEventFilter(_ store: AtlasStore) {
        panes[.events]?.setFilter(ListFilter(kind: .event, actor: actorChip?.id, mission: missionChip?.id,
                                             text: textFilters[.events]), store: store)
    }

    mutating func goBack(_ store: AtlasStore) {
        if let c = current, c != history.current {
            // Back from a preview returns to the last opened record.
            if let h = history.current { show(h, syncList: true, store); return }
        }
        guard let id = history.back() else { setMessage("no earlier record in history", .dim); return }
        show(id, syncList: true, store)
        saveHistory()
    }

    mutating func goForward(_ store: AtlasStore) {
        guard let id = history.forward() else { setMessage("no later record in history", .dim); return }
        show(id, syncList: true, store)
        saveHistory()
    }

    /// `:goto 2024-03` selects the first event on or after that date; `:goto ID`
    /// (and `--at ID`) opens a record.
    mutating func goTo(_ arg: String, _ store: AtlasStore) {
        do {
            if try store.lookup(arg) != nil {
                navigate(to: arg, store)
                return
            }
            if let date = DateText.parse(arg), panes[.events] != nil {
                focus = .events
                lastListPane = .events
                if try panes[.events]!.select(atOrAfter: .int(Int64(date.sortKey)), store: store),
                   let row = panes[.events]?.selectedRow(store) {
                    navigate(to: row.id, store)
                    setMessage("first event on or after \(date.display)", .dim)
                } else {
                    let last = (panes[.events]?.count ?? 0) - 1
                    panes[.events]?.moveTo(last)
                    previewSelection(store)
                    setMessage("no event on or after \(date.display)", .warning)
                }
                return
            }
            let near = try store.suggestions(for: arg)
            setMessage("not a date or an id: \(arg)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"), .error)
        } catch {
            setMessage("could not go to \(arg): \(error.description)", .error)
        }
    }

    mutating func clearFilters(_ store: AtlasStore) {
        var cleared: [String] = []
        if search != nil { search = nil; cleared.append("search") }
        if actorChip != nil || missionChip != nil || textFilters[.events] != nil { cleared.append("event filters") }
        actorChip = nil
        missionChip = nil
        let hadText = !textFilters.isEmpty
        textFilters = [:]
        applyEventFilter(store)
        for p in [PaneID.actors, .missions] {
            guard let kind = panes[p]?.filter.kind else { continue }
            panes[p]?.setFilter(ListFilter(kind: kind), store: store)
        }
        if hadText && !cleared.contains("event filters") { cleared.append("filters") }
        setMessage(cleared.isEmpty ? "nothing to clear" : "cleared " + cleared.joined(separator: " and "), .dim)
    }

    /// A bookmark is saved by the loop; a failure to save replaces this message.
    mutating func toggleBookmark() {
        guard let id = current else { setMessage("nothing to bookmark", .dim); return }
        if let i = userState.bookmarks.firstIndex(of: id) {
            userState.bookmarks.remove(at: i)
            setMessage("bookmark removed: \(detail?.title ?? id)", .dim)
        } else {
            userState.bookmarks.append(id)
            setMessage("bookmarked: \(detail?.title ?? id) (' lists bookmarks)", .dim)
        }
        saveUserState()
    }

    mutating func saveHistory() {
        userState.history = Array(history.entries.suffix(200))
        saveUserState()
    }
}
