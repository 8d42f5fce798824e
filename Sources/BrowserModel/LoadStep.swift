import Atlas

/// The load step, run after every update: lays the screen out for the size, sizes
/// every scroll to its box, reads from the store exactly the rows on screen, and
/// labels the visible links. After it the view has everything it draws.
extension BrowserState {
    mutating func load(_ store: AtlasStore) {
        guard width >= Layout.minWidth, height >= Layout.minHeight else {
            layout = nil
            hints = []
            return
        }
        let layout = Layout.compute(width: width, height: height, focus: focus, lastList: lastListPane)
        self.layout = layout
        loadLists(layout, store)
        layOutDetail(layout)
        if var s = search, let d = layout.detail, prompt?.kind == .search {
            s.scroll.resize(height: d.inner.height, count: s.hits.count)
            s.scroll.place(s.index, at: 2)
            search = s
        }
        if var o = overlay {
            // The box drawn by the view: as tall as its rows, inside the body.
            let boxHeight = min(height - 4, max(8, o.rows.count + 2))
            o.scroll.resize(height: boxHeight - 2, count: o.rows.count)
            // A box with selectable rows keeps its selection in view; one without (help) scrolls freely.
            if !o.selectableRows.isEmpty { o.scroll.keep(o.selected, margin: 0) }
            overlay = o
        }
        if layout.timelineRow != nil { loadTimeline(store) }
        prepareDates(layout)
    }

    /// The list form of every date on screen: the lists' windows and the search results.
    private mutating func prepareDates(_ layout: Layout) {
        var shown: [String] = []
        for (id, _) in layout.lists { shown += panes[id]?.window.compactMap(\.date) ?? [] }
        if let s = search, prompt?.kind == .search { shown += s.scroll.visible.compactMap { s.hits[$0].date } }
        if compactDates.count > 4096 { compactDates = [:] }
        for date in shown where compactDates[date] == nil { compactDates[date] = DateText.compact(date) }
    }

    /// Each shown list reads its window; every list keeps its selected row read,
    /// for the reducers and the timeline.
    private mutating func loadLists(_ layout: Layout, _ store: AtlasStore) {
        for id in [PaneID.events, .actors, .missions] where panes[id] != nil {
            if let rect = layout.lists.first(where: { $0.0 == id })?.rect, rect.inner.width > 0, rect.inner.height > 0 {
                panes[id]?.load(height: rect.inner.height, from: store)
            } else {
                _ = panes[id]?.selectedRow(store)
            }
        }
    }

    /// The detail's lines wrapped to its pane (or a default width when the layout
    /// has none: its offsets follow, shown or not), its scroll, cursor and hints.
    private mutating func layOutDetail(_ layout: Layout) {
        let width = max(10, (layout.detail?.inner.width ?? 60) - 1)
        if detail?.id != detailLinesID || width != detailLinesWidth {
            detailLines = detail.map { DetailView.lines(for: $0, width: width) } ?? []
            detailLinesID = detail?.id
            detailLinesWidth = width
        }
        var shown: Rect?
        if let d = layout.detail, prompt?.kind != .search, d.inner.width > 2, d.inner.height > 0 { shown = d.inner }
        detailScroll.resize(height: shown?.height ?? detailScroll.height, count: detailLines.count)
        let selectable = selectableIndices
        detailCursor = min(max(0, detailCursor), max(0, selectable.count - 1))
        // Keep the selected link on screen when the detail has the focus.
        if shown != nil, focus == .detail, detailCursor < selectable.count {
            detailScroll.reveal(selectable[detailCursor], context: 1)
        }
        hints = []
        guard shown != nil, detail != nil else { return }
        let targets = detailScroll.visible.filter { detailLines[$0].target != nil }
        let labels = DetailView.hintLabels(count: targets.count)
        hints = zip(labels, targets).map { Hint(label: $0, target: detailLines[$1].target!, line: $1) }
    }

    private mutating func loadTimeline(_ store: AtlasStore) {
        guard let filter = panes[.events]?.filter, timeline?.filter != filter else { return }
        do {
            timeline = Timeline(filter: filter, buckets: try store.histogram(filter, byMonth: false), failure: nil)
        } catch {
            timeline = Timeline(filter: filter, buckets: [], failure: error.description)
        }
    }
}
