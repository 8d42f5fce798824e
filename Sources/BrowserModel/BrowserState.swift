import Atlas

/// The browser's whole state, as a value. The reducers (one file per concern)
/// change it, the load step (`LoadStep.swift`) reads what it shows from the store
/// and lays it out, and the view (`BrowserView.swift`) draws it and nothing else.
public struct BrowserState {
    /// Where the atlas came from, for the title bar.
    let origin: String
    /// The atlas folder when the atlas is one (`e` edits it); nil for the built-in atlas and databases.
    public var atlasFolder: String?
    let keymap: Keymap

    /// The terminal's size, from the last resize event.
    public internal(set) var width = 80
    public internal(set) var height = 24
    /// Where the panes go at this size; nil when the terminal is too small.
    var layout: Layout?

    var panes: [PaneID: ListPane] = [:]
    public internal(set) var focus: PaneID = .events
    /// The list pane shown beside the detail when not all fit.
    var lastListPane: PaneID = .events
    public internal(set) var history = History()

    /// The record shown in the Detail pane.
    public internal(set) var current: String?
    var detail: RecordDetail?
    /// Why the current record could not be read, when the store failed.
    var detailFailure: String?
    /// The detail laid out for the detail pane's width, and the width it was.
    var detailLines: [DetailLine] = []
    var detailLinesWidth = 0
    var detailLinesID: String?
    /// Index into the selectable lines of the detail.
    var detailCursor = 0
    var detailScroll = Scroll()
    var detailTop: Int {
        get { detailScroll.top }
        set { detailScroll.top = newValue }
    }
    /// Hint labels of the links on screen, set by the load step.
    var hints: [Hint] = []
    var hintInput: String?

    /// Cross-filter chips on the Events pane.
    public internal(set) var actorChip: (id: String, title: String)?
    public internal(set) var missionChip: (id: String, title: String)?
    /// Text filters per list pane (`\`).
    var textFilters: [PaneID: String] = [:]

    var search: SearchState?
    var prompt: Prompt?
    /// Where things stood when a prompt opened, restored when it is cancelled.
    var promptOrigin: PromptOrigin?
    var overlay: Overlay?
    var message: (text: String, style: StyleRole)?
    public internal(set) var mouseEnabled = false

    public internal(set) var userState: UserState

    /// EDTF text to its list form for the dates on screen, made by the load step
    /// (lists show the same dates update after update; parsing them each time costs).
    var compactDates: [String: String] = [:]

    /// The events timeline, read by the load step for the Events pane's filter.
    var timeline: Timeline?

    /// Effects the reducers asked for during this update; `Browser.update` takes them.
    var outbox: [Effect] = []

    struct PromptOrigin {
        var focus: PaneID
        var current: String?
        var selections: [PaneID: String]
        var textFilters: [PaneID: String]
    }

    struct Timeline {
        var filter: ListFilter
        var buckets: [(bucket: Int, count: Int)]
        var failure: String?
    }

    init(store: AtlasStore, userState: UserState, keymap: Keymap) {
        origin = store.origin
        self.keymap = keymap
        self.userState = userState
        history = History(entries: userState.history)
        for (id, kind) in [(PaneID.events, RecordKind.event), (.actors, .actor), (.missions, .mission)] {
            panes[id] = ListPane(id: id, filter: ListFilter(kind: kind), store: store)
        }
    }

    /// The mode a key is read in.
    var keyContext: KeyContext {
        if prompt != nil { return .prompt }
        if hintInput != nil { return .hint }
        if overlay != nil { return .overlay }
        return focus == .detail ? .detail : .list
    }

    /// The hint labels on screen and the targets they lead to.
    var visibleHints: [(label: String, target: DetailTarget)] { hints.map { ($0.label, $0.target) } }

    /// The hint labels on screen and the records they lead to, for tools that
    /// drive the browser (the benchmark follows links with them).
    public var visibleLinks: [(label: String, id: String)] {
        hints.compactMap { h in
            if case .record(let id) = h.target { return (h.label, id) }
            return nil
        }
    }

    var selectableIndices: [Int] { detailLines.indices.filter { detailLines[$0].target != nil } }
    var selectableCount: Int { selectableIndices.count }
    var maxDetailTop: Int { detailScroll.maxTop }

    var selectedDetailTarget: DetailTarget? {
        let s = selectableIndices
        guard detailCursor >= 0, detailCursor < s.count else { return nil }
        return detailLines[s[detailCursor]].target
    }

    mutating func setMessage(_ text: String, _ style: StyleRole) {
        message = (text, style)
    }

    /// Asks the loop to write the state file.
    mutating func saveUserState() {
        outbox.append(.saveUserState(userState))
    }
}
