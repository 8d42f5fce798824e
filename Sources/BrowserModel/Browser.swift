import Atlas

/// The browser: its whole state, the actions that change it, and (in
/// BrowserFrame.swift) the frame that shows it. No terminal code: CursesUI feeds it
/// keys and paints its frames; `crossroads snapshot` and the tests do the same
/// without a terminal.
public final class Browser: Screen {
    public let store: AtlasStore
    public let keymap: Keymap

    var panes: [PaneID: ListPane] = [:]
    public internal(set) var focus: PaneID = .events
    /// The list pane shown beside the detail when not all fit.
    var lastListPane: PaneID = .events
    public internal(set) var history = History()

    /// The record shown in the Detail pane.
    public internal(set) var current: String?
    var detail: RecordDetail?
    var detailCache: (id: String, width: Int, lines: [DetailLine])?
    /// Index into the selectable lines of the detail.
    var detailCursor = 0
    var detailTop = 0
    var detailViewHeight = 10
    /// Hint labels of the links visible in the last frame.
    var visibleHints: [(label: String, target: DetailTarget)] = []
    var hintInput: String?
    /// The hint labels of the last frame and the records they lead to, for tools
    /// that drive the browser (the benchmark follows links with them).
    public var visibleLinks: [(label: String, id: String)] {
        visibleHints.compactMap { h in
            if case .record(let id) = h.target { return (h.label, id) }
            return nil
        }
    }

    /// Cross-filter chips on the Events pane.
    public internal(set) var actorChip: (id: String, title: String)?
    public internal(set) var missionChip: (id: String, title: String)?
    /// Text filters per list pane (`\`).
    var textFilters: [PaneID: String] = [:]

    var search: SearchState?
    var prompt: Prompt?
    /// Where things stood when a prompt opened, restored when it is cancelled.
    var promptOrigin: Snapshot?
    var overlay: Overlay?
    var message: (text: String, style: StyleRole)?
    public internal(set) var mouseEnabled = false

    public internal(set) var userState: UserState
    /// Called whenever bookmarks, history or prompt histories change, so the
    /// front end can save them.
    public var onUserStateChange: ((UserState) -> Void)?

    var lastLayout: Layout?
    /// EDTF text to its compact list form; lists show the same dates frame after frame.
    var compactDates: [String: String] = [:]
    var timelineCache: (filter: ListFilter, buckets: [(bucket: Int, count: Int)])?

    struct Snapshot {
        var focus: PaneID
        var current: String?
        var selections: [PaneID: String]
        var textFilters: [PaneID: String]
    }

    public init(store: AtlasStore, userState: UserState = UserState(), keymap: Keymap = .standard) {
        self.store = store
        self.keymap = keymap
        self.userState = userState
        self.history = History(entries: userState.history)
        panes[.events] = ListPane(id: .events, store: store, filter: ListFilter(kind: .event))
        panes[.actors] = ListPane(id: .actors, store: store, filter: ListFilter(kind: .actor))
        panes[.missions] = ListPane(id: .missions, store: store, filter: ListFilter(kind: .mission))
        previewSelection()
    }

    // MARK: starting points

    /// Opens on a record (`--at ID`); returns false when there is no such record.
    @discardableResult
    public func open(id: String) -> Bool {
        guard (try? store.lookup(id)) != nil else {
            let near = (try? store.suggestions(for: id)) ?? []
            setMessage("no record '\(id)'" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"), .error)
            return false
        }
        navigate(to: id)
        return true
    }

    /// Runs a search as if typed at `/` and confirmed (`--search QUERY`).
    public func startSearch(_ query: String) {
        _ = apply(.search)
        prompt?.setText(query)
        runSearch(query)
        submitPrompt()
    }

    // MARK: keys

    public func handle(_ key: Key) -> ScreenCommand {
        if case .resize = key { return .none }
        if case .mouse(let m) = key { handleMouse(m); return .none }
        message = nil
        if prompt != nil { return handlePromptKey(key) }
        if hintInput != nil { handleHintKey(key); return .none }
        if overlay != nil {
            guard let action = keymap.action(for: key, in: .overlay) else { return .none }
            return applyOverlay(action)
        }
        let context: KeyContext = focus == .detail ? .detail : .list
        guard let action = keymap.action(for: key, in: context) else {
            if case .char(let c) = key { setMessage("\(KeyNotation.name(.char(c))) does nothing here; ? shows the keys", .dim) }
            return .none
        }
        return apply(action)
    }

    public func idle() -> Bool { false }

    /// Applies one action to the main view.
    public func apply(_ action: Action) -> ScreenCommand {
        switch action {
        case .down: move(1)
        case .up: move(-1)
        case .pageDown: move(pageSize)
        case .pageUp: move(-pageSize)
        case .halfPageDown: move(max(1, pageSize / 2))
        case .halfPageUp: move(-max(1, pageSize / 2))
        case .top: moveTo(first: true)
        case .bottom: moveTo(first: false)
        case .nextPane: cycleFocus(1)
        case .previousPane: cycleFocus(-1)
        case .focus(let p): setFocus(p)
        case .open: openSelected()
        case .back: goBack()
        case .forward: goForward()
        case .search: openPrompt(.search)
        case .nextHit: stepHit(1)
        case .previousHit: stepHit(-1)
        case .filter: openPrompt(.filter)
        case .command: openPrompt(.command)
        case .clearFilters: clearFilters()
        case .hints:
            if visibleHints.isEmpty { setMessage("no links to follow here", .dim) } else { hintInput = "" }
        case .help: overlay = Overlay.help(keymap)
        case .history: overlay = Overlay.history(history, store: store)
        case .bookmarks: overlay = Overlay.bookmarks(userState.bookmarks, store: store)
        case .mark: toggleBookmark()
        case .toggleMouse:
            mouseEnabled.toggle()
            setMessage("mouse \(mouseEnabled ? "on: click selects, wheel scrolls" : "off")", .dim)
            return .setMouse(mouseEnabled)
        case .redraw: return .redrawAll
        case .close:
            if overlay != nil { overlay = nil; return .none }
            return .quit(code: 0)
        case .quit: return .quit(code: 0)
        }
        return .none
    }

    // MARK: moving

    var pageSize: Int {
        focus == .detail ? max(1, detailViewHeight - 1) : max(1, (panes[focus]?.viewHeight ?? 10) - 1)
    }

    func move(_ delta: Int) {
        if focus == .detail { moveDetail(delta); return }
        guard let pane = panes[focus] else { return }
        pane.move(by: delta)
        previewSelection()
    }

    func moveTo(first: Bool) {
        if focus == .detail {
            let n = selectableCount
            detailCursor = first ? 0 : max(0, n - 1)
            detailTop = first ? 0 : maxDetailTop
            return
        }
        guard let pane = panes[focus] else { return }
        pane.moveTo(first ? 0 : pane.count - 1)
        previewSelection()
    }

    /// Shows the focused list's selected row in the detail without adding it to
    /// history (moving through a list previews; Enter opens).
    func previewSelection() {
        guard let pane = panes[focus] else { return }
        if let id = pane.selectedRow?.id { show(id) } else if pane.count == 0 { showNothing() }
    }

    func cycleFocus(_ step: Int) {
        let order = PaneID.allCases
        let i = order.firstIndex(of: focus) ?? 0
        setFocus(order[(i + step + order.count) % order.count])
    }

    func setFocus(_ p: PaneID) {
        focus = p
        if p != .detail {
            lastListPane = p
            previewSelection()
        }
    }

    // MARK: opening and history

    /// Opens a record: it goes into history and the detail, and its list selects it.
    /// Following a link from a record that was only previewed (reached by moving
    /// through a list) commits that record first, so back returns to it.
    func navigate(to id: String, commitPreview: Bool = false) {
        if commitPreview, let c = current, c != history.current { history.visit(c) }
        history.visit(id)
        show(id, syncList: true)
        saveHistory()
    }

    func show(_ id: String, syncList: Bool = false) {
        if current != id || detail == nil {
            current = id
            detail = try? store.detail(id)
            detailCursor = 0
            detailTop = 0
        }
        guard syncList, let kind = detail?.kind, let paneID = Self.pane(for: kind), let pane = panes[paneID] else { return }
        if pane.selectedRow?.id != id { pane.select(id: id) }
    }

    func showNothing() {
        current = nil
        detail = nil
        detailCursor = 0
        detailTop = 0
    }

    static func pane(for kind: RecordKind) -> PaneID? {
        switch kind {
        case .event: return .events
        case .actor: return .actors
        case .mission: return .missions
        case .source: return nil
        }
    }

    func openSelected() {
        if focus == .detail {
            guard let target = selectedDetailTarget else { setMessage("nothing to follow on this line", .dim); return }
            follow(target)
            return
        }
        guard let row = panes[focus]?.selectedRow else { return }
        navigate(to: row.id)
        switch row.kind {
        case .actor, .mission:
            crossFilter(kind: row.kind, id: row.id, title: row.title)
        default:
            focus = .detail
        }
    }

    func follow(_ target: DetailTarget) {
        switch target {
        case .record(let id):
            if (try? store.lookup(id)) == nil {
                if let ds = DatasetKey.dataset(of: id) {
                    setMessage("\(id) is not in this atlas: import \(ds) to follow it", .warning)
                } else {
                    setMessage("\(id) is not in this atlas", .warning)
                }
                return
            }
            navigate(to: id, commitPreview: true)
        case .filterEvents(let kind, let id, let title):
            crossFilter(kind: kind, id: id, title: title)
        }
    }

    /// Narrows the Events pane to an actor's or a mission's events.
    func crossFilter(kind: RecordKind, id: String, title: String) {
        if kind == .actor { actorChip = (id, title) } else { missionChip = (id, title) }
        applyEventFilter()
        focus = .events
        lastListPane = .events
        let n = panes[.events]?.count ?? 0
        setMessage("Events narrowed to \(title): \(n) event\(n == 1 ? "" : "s"); Esc clears", .dim)
        if n > 0 { panes[.events]?.moveTo(0) }
        // Keep the actor or mission in the detail: it is what was chosen.
    }

    func applyEventFilter() {
        guard let events = panes[.events] else { return }
        events.setFilter(ListFilter(kind: .event, actor: actorChip?.id, mission: missionChip?.id, text: textFilters[.events]))
    }

    func goBack() {
        if let c = current, c != history.current {
            // Back from a preview returns to the last opened record.
            if let h = history.current { show(h, syncList: true); return }
        }
        guard let id = history.back() else { setMessage("no earlier record in history", .dim); return }
        show(id, syncList: true)
        saveHistory()
    }

    func goForward() {
        guard let id = history.forward() else { setMessage("no later record in history", .dim); return }
        show(id, syncList: true)
        saveHistory()
    }

    func clearFilters() {
        var cleared: [String] = []
        if search != nil { search = nil; cleared.append("search") }
        if actorChip != nil || missionChip != nil || textFilters[.events] != nil { cleared.append("event filters") }
        actorChip = nil
        missionChip = nil
        let hadText = !textFilters.isEmpty
        textFilters = [:]
        applyEventFilter()
        for p in [PaneID.actors, .missions] {
            if let pane = panes[p] { pane.setFilter(ListFilter(kind: pane.filter.kind)) }
        }
        if hadText && !cleared.contains("event filters") { cleared.append("filters") }
        setMessage(cleared.isEmpty ? "nothing to clear" : "cleared " + cleared.joined(separator: " and "), .dim)
    }

    func toggleBookmark() {
        guard let id = current else { setMessage("nothing to bookmark", .dim); return }
        if let i = userState.bookmarks.firstIndex(of: id) {
            userState.bookmarks.remove(at: i)
            setMessage("bookmark removed: \(detail?.title ?? id)", .dim)
        } else {
            userState.bookmarks.append(id)
            setMessage("bookmarked: \(detail?.title ?? id) (' lists bookmarks)", .dim)
        }
        onUserStateChange?(userState)
    }

    func saveHistory() {
        userState.history = Array(history.entries.suffix(200))
        onUserStateChange?(userState)
    }

    func setMessage(_ text: String, _ style: StyleRole) {
        message = (text, style)
    }

    // MARK: detail cursor

    var detailLines: [DetailLine] {
        guard let d = detail else { return [] }
        let width = max(10, (lastLayout?.detail?.inner.width ?? 60) - 1)
        if let c = detailCache, c.id == d.id, c.width == width { return c.lines }
        let lines = DetailView.lines(for: d, width: width)
        detailCache = (d.id, width, lines)
        return lines
    }

    var selectableIndices: [Int] { detailLines.indices.filter { detailLines[$0].target != nil } }
    var selectableCount: Int { selectableIndices.count }

    var selectedDetailTarget: DetailTarget? {
        let s = selectableIndices
        guard detailCursor >= 0, detailCursor < s.count else { return nil }
        return detailLines[s[detailCursor]].target
    }

    /// The last scroll offset that still fills the detail pane (as of the last frame).
    var maxDetailTop: Int { max(0, detailLines.count - detailViewHeight) }

    func scrollDetail(by delta: Int) {
        detailTop = min(max(0, detailTop + delta), maxDetailTop)
    }

    func moveDetail(_ delta: Int) {
        let s = selectableIndices
        if s.isEmpty {
            scrollDetail(by: delta)
            return
        }
        if abs(delta) == 1 {
            detailCursor = min(max(0, detailCursor + delta), s.count - 1)
        } else {
            // Paging moves the view; the cursor follows to the first link on screen.
            scrollDetail(by: delta)
            detailCursor = s.firstIndex(where: { $0 >= detailTop }) ?? s.count - 1
        }
    }

    // MARK: hints

    func handleHintKey(_ key: Key) {
        guard case .char(let c) = key else { hintInput = nil; return }
        let typed = (hintInput ?? "") + String(c)
        if let hit = visibleHints.first(where: { $0.label == typed }) {
            hintInput = nil
            follow(hit.target)
            return
        }
        if visibleHints.contains(where: { $0.label.hasPrefix(typed) }) {
            hintInput = typed
        } else {
            hintInput = nil
            setMessage("no link labelled \(typed)", .dim)
        }
    }

    // MARK: mouse

    func handleMouse(_ m: MouseEvent) {
        guard let layout = lastLayout else { return }
        switch m.kind {
        case .wheelUp, .wheelDown:
            let delta = m.kind == .wheelUp ? -3 : 3
            if let (p, _) = layout.lists.first(where: { $0.rect.contains(x: m.x, y: m.y) }) {
                panes[p]?.scroll(by: delta)
                if p == focus { previewSelection() }
            } else if let d = layout.detail, d.contains(x: m.x, y: m.y) {
                scrollDetail(by: delta)
            }
        case .press:
            if overlay != nil { overlay = nil; return }
            if let (p, r) = layout.lists.first(where: { $0.rect.contains(x: m.x, y: m.y) }), let pane = panes[p] {
                focus = p
                lastListPane = p
                let row = m.y - r.inner.y
                if row >= 0 && row < r.inner.height { pane.moveTo(pane.top + row) }
                previewSelection()
            } else if let d = layout.detail, d.contains(x: m.x, y: m.y) {
                focus = .detail
                let line = detailTop + (m.y - d.inner.y)
                if let i = selectableIndices.firstIndex(of: line) { detailCursor = i }
            }
        }
    }
}
