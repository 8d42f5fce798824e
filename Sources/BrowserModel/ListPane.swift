import Atlas

/// A list pane: a window over a query. It holds only a buffer of rows around what
/// is on screen, extended key by key (keyset pagination), so a million-row list
/// costs what one screen costs. A value: the reducers and the load step hand it
/// the store when it must read; the view reads only `window`.
struct ListPane {
    let id: PaneID
    private(set) var filter: ListFilter
    private(set) var count: Int = 0
    /// Absolute index of the selected row.
    private(set) var selected: Int = 0
    /// The rows on screen: `scroll.top` on, `scroll.height` of them.
    private(set) var scroll = Scroll()
    /// The rows on screen, read by the load step (`load(from:)`); all the view sees.
    private(set) var window: [ListRow] = []
    private var buffer: [ListRow] = []
    private var bufferStart: Int = 0
    /// An error from the store, shown in the pane instead of rows.
    private(set) var failure: String?

    init(id: PaneID, filter: ListFilter, store: AtlasStore) {
        self.id = id
        self.filter = filter
        recount(store)
    }

    var top: Int { scroll.top }

    private mutating func recount(_ store: AtlasStore) {
        do {
            count = try store.count(filter)
            failure = nil
        } catch {
            count = 0
            failure = error.description
        }
        scroll.count = count
        buffer = []
        bufferStart = 0
        window = []
    }

    mutating func setFilter(_ f: ListFilter, store: AtlasStore) {
        guard f != filter else { return }
        let keep = selectedRow?.id
        filter = f
        recount(store)
        selected = 0
        scroll.top = 0
        if let keep { _ = select(id: keep, store: store) }
    }

    /// The selected row as last read (the load step keeps it in the buffer).
    var selectedRow: ListRow? { row(at: selected) }

    /// The selected row, read from the store when the buffer does not hold it.
    mutating func selectedRow(_ store: AtlasStore) -> ListRow? {
        guard selected >= 0, selected < count else { return nil }
        ensure(selected..<(selected + 1), store)
        return row(at: selected)
    }

    func row(at index: Int) -> ListRow? {
        let i = index - bufferStart
        return index >= 0 && index < count && i >= 0 && i < buffer.count ? buffer[i] : nil
    }

    /// Sizes the view (from the layout) and reads the rows it shows.
    mutating func load(height: Int?, from store: AtlasStore) {
        if let height { scroll.height = max(1, height) }
        keepSelectionInView()
        let range = scroll.visible
        guard !range.isEmpty else { window = []; return }
        ensure(range, store)
        let a = max(0, range.lowerBound - bufferStart), b = min(buffer.count, range.upperBound - bufferStart)
        window = a < b ? Array(buffer[a..<b]) : []
    }

    mutating func move(by delta: Int) { moveTo(selected + delta) }

    mutating func moveTo(_ index: Int) {
        guard count > 0 else { selected = 0; scroll.top = 0; return }
        selected = min(max(0, index), count - 1)
        keepSelectionInView()
    }

    /// Scrolls the view by `delta` rows, keeping the selection on screen.
    mutating func scroll(by delta: Int) {
        guard count > 0 else { return }
        scroll.scroll(by: delta)
        let top = scroll.top, height = scroll.height
        // The selection moves to just inside the scroll-off margin, so that keeping
        // it in view leaves `top` where the wheel put it; at either end of the list
        // there is no margin to keep.
        let lower = top == 0 ? 0 : top + scrollMargin
        let upper = top + height >= count ? count - 1 : top + height - 1 - scrollMargin
        selected = min(max(selected, lower), max(lower, upper), count - 1)
    }

    /// Rows kept between the selection and the view's edge, like vim's scrolloff.
    private var scrollMargin: Int { scroll.height > 8 ? 2 : 0 }

    private mutating func keepSelectionInView() {
        scroll.count = count
        scroll.keep(selected, margin: scrollMargin)
    }

    /// Selects a record by id when the list holds it; false when it does not.
    @discardableResult
    mutating func select(id: String, store: AtlasStore) -> Bool {
        if let i = buffer.firstIndex(where: { $0.id == id }) {
            moveTo(bufferStart + i)
            return true
        }
        do {
            guard let key = try store.key(of: id, in: filter) else { return false }
            try select(key: key, store: store)
            return true
        } catch {
            failure = error.description
            return false
        }
    }

    mutating func select(key: ListKey, store: AtlasStore) throws(StoreError) {
        let index = try store.position(of: key, in: filter)
        try load(around: key, index: index, store)
        moveTo(index)
        // Show the jumped-to row a third of the way down, like a search in less.
        scroll.place(index, at: 3)
    }

    /// The first row at or after a sort value (a yyyymmdd day for events).
    mutating func select(atOrAfter sort: SortValue, store: AtlasStore) throws(StoreError) -> Bool {
        guard let key = try store.firstKey(atOrAfter: sort, in: filter) else { return false }
        try select(key: key, store: store)
        return true
    }

    // MARK: buffer

    private static let chunk = 40
    private static let maxBuffer = 1024

    private mutating func load(around key: ListKey, index: Int, _ store: AtlasStore) throws(StoreError) {
        let before = try store.rows(filter, before: key, limit: Self.chunk)
        let after = try store.rows(filter, after: before.last?.key, limit: Self.chunk + 1)
        buffer = before + after
        bufferStart = index - before.count
    }

    /// Makes sure rows `range` are in the buffer; a store error becomes the pane's failure.
    private mutating func ensure(_ range: Range<Int>, _ store: AtlasStore) {
        let want = range.clamped(to: 0..<count)
        guard !want.isEmpty else { return }
        let bufferEnd = bufferStart + buffer.count
        if !buffer.isEmpty && want.lowerBound >= bufferStart && want.upperBound <= bufferEnd { return }
        do {
            if buffer.isEmpty || want.upperBound < bufferStart - Self.maxBuffer || want.lowerBound > bufferEnd + Self.maxBuffer {
                try reload(want, store)
                return
            }
            if want.upperBound > bufferEnd {
                buffer += try store.rows(filter, after: buffer.last?.key, limit: want.upperBound - bufferEnd + Self.chunk)
            }
            if want.lowerBound < bufferStart {
                let more = try store.rows(filter, before: buffer.first?.key, limit: bufferStart - want.lowerBound + Self.chunk)
                buffer = more + buffer
                bufferStart -= more.count
            }
            trim(keeping: want)
        } catch {
            failure = error.description
        }
    }

    /// Starts a fresh buffer at a far position: from the start, from the end, or
    /// (only for jumps with no key to go by) by offset.
    private mutating func reload(_ want: Range<Int>, _ store: AtlasStore) throws(StoreError) {
        if want.lowerBound < Self.chunk {
            buffer = try store.rows(filter, after: nil, limit: want.upperBound + Self.chunk)
            bufferStart = 0
        } else if want.upperBound > count - Self.chunk {
            buffer = try store.rows(filter, before: nil, limit: count - want.lowerBound + Self.chunk)
            bufferStart = count - buffer.count
        } else {
            buffer = try store.rows(filter, offset: want.lowerBound, limit: want.count + Self.chunk)
            bufferStart = want.lowerBound
        }
    }

    private mutating func trim(keeping want: Range<Int>) {
        guard buffer.count > Self.maxBuffer else { return }
        let keepStart = max(bufferStart, want.lowerBound - Self.maxBuffer / 4)
        let keepEnd = min(bufferStart + buffer.count, max(want.upperBound, keepStart) + Self.maxBuffer / 4)
        buffer = Array(buffer[(keepStart - bufferStart)..<(keepEnd - bufferStart)])
        bufferStart = keepStart
    }
}
