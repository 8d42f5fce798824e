import Atlas

/// A list pane: a window over a query. It holds only a buffer of rows around what
/// is on screen, extended key by key (keyset pagination), so a million-row list
/// costs what one screen costs.
final class ListPane {
    let id: PaneID
    let store: AtlasStore
    private(set) var filter: ListFilter
    private(set) var count: Int = 0
    /// Absolute index of the selected row.
    private(set) var selected: Int = 0
    /// Absolute index of the first visible row.
    private(set) var top: Int = 0
    /// Rows on screen, set by the last layout; paging moves by it.
    var viewHeight: Int = 10
    private var buffer: [ListRow] = []
    private var bufferStart: Int = 0
    /// An error from the store, shown in the pane instead of rows.
    private(set) var failure: String?

    init(id: PaneID, store: AtlasStore, filter: ListFilter) {
        self.id = id
        self.store = store
        self.filter = filter
        recount()
    }

    private func recount() {
        do {
            count = try store.count(filter)
            failure = nil
        } catch {
            count = 0
            failure = String(describing: error)
        }
        buffer = []
        bufferStart = 0
    }

    func setFilter(_ f: ListFilter) {
        guard f != filter else { return }
        let keep = selectedRow?.id
        filter = f
        recount()
        selected = 0
        top = 0
        if let keep { _ = select(id: keep) }
    }

    var selectedRow: ListRow? { row(at: selected) }

    func row(at index: Int) -> ListRow? {
        guard index >= 0, index < count else { return nil }
        ensure(index..<(index + 1))
        let i = index - bufferStart
        return i >= 0 && i < buffer.count ? buffer[i] : nil
    }

    /// The rows from `top` that fit in `height`, loading what is missing.
    func visibleRows(height: Int) -> [ListRow] {
        viewHeight = max(1, height)
        clampScroll()
        let end = min(count, top + viewHeight)
        guard top < end else { return [] }
        ensure(top..<end)
        let a = max(0, top - bufferStart), b = min(buffer.count, end - bufferStart)
        return a < b ? Array(buffer[a..<b]) : []
    }

    func move(by delta: Int) { moveTo(selected + delta) }

    func moveTo(_ index: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, index), count - 1)
        clampScroll()
    }

    /// Scrolls the view by `delta` rows, keeping the selection on screen.
    func scroll(by delta: Int) {
        guard count > 0 else { return }
        top = min(max(0, top + delta), max(0, count - viewHeight))
        // The selection moves to just inside the scroll-off margin, so that the next
        // frame's clampScroll keeps `top` where the wheel put it; at either end of the
        // list there is no margin to keep.
        let lower = top == 0 ? 0 : top + scrollMargin
        let upper = top + viewHeight >= count ? count - 1 : top + viewHeight - 1 - scrollMargin
        selected = min(max(selected, lower), max(lower, upper), count - 1)
    }

    /// Rows kept between the selection and the view's edge, like vim's scrolloff.
    private var scrollMargin: Int { viewHeight > 8 ? 2 : 0 }

    /// Keeps the selection inside the view, with a margin like vim's scrolloff.
    private func clampScroll() {
        let margin = scrollMargin
        if selected < top + margin { top = max(0, selected - margin) }
        if selected >= top + viewHeight - margin { top = selected - viewHeight + 1 + margin }
        top = min(max(0, top), max(0, count - viewHeight))
    }

    /// Selects a record by id when the list holds it.
    @discardableResult
    func select(id: String) -> Bool {
        if let i = buffer.firstIndex(where: { $0.id == id }) {
            moveTo(bufferStart + i)
            return true
        }
        guard let key = try? store.key(of: id, in: filter) else { return false }
        select(key: key)
        return true
    }

    func select(key: ListKey) {
        guard let index = try? store.position(of: key, in: filter) else { return }
        load(around: key, index: index)
        moveTo(index)
        // Show the jumped-to row a third of the way down, like a search in less.
        top = max(0, min(index - viewHeight / 3, count - viewHeight))
    }

    /// The first row at or after a sort value (a yyyymmdd day for events).
    @discardableResult
    func select(atOrAfter sort: SortValue) -> Bool {
        guard let key = try? store.firstKey(atOrAfter: sort, in: filter) else { return false }
        select(key: key)
        return true
    }

    // MARK: buffer

    private static let chunk = 40
    private static let maxBuffer = 1024

    private func load(around key: ListKey, index: Int) {
        let before = (try? store.rows(filter, before: key, limit: Self.chunk)) ?? []
        let from = before.last?.key
        let after = (try? store.rows(filter, after: from, limit: Self.chunk + 1)) ?? []
        buffer = before + after
        bufferStart = index - before.count
    }

    /// Makes sure rows `range` are in the buffer.
    private func ensure(_ range: Range<Int>) {
        let want = range.clamped(to: 0..<count)
        guard !want.isEmpty else { return }
        let bufferEnd = bufferStart + buffer.count
        if !buffer.isEmpty && want.lowerBound >= bufferStart && want.upperBound <= bufferEnd { return }
        do {
            if buffer.isEmpty || want.upperBound < bufferStart - Self.maxBuffer || want.lowerBound > bufferEnd + Self.maxBuffer {
                try reload(want)
                return
            }
            if want.upperBound > bufferEnd {
                let more = try store.rows(filter, after: buffer.last?.key, limit: want.upperBound - bufferEnd + Self.chunk)
                buffer += more
            }
            if want.lowerBound < bufferStart {
                let more = try store.rows(filter, before: buffer.first?.key, limit: bufferStart - want.lowerBound + Self.chunk)
                buffer = more + buffer
                bufferStart -= more.count
            }
            trim(keeping: want)
        } catch {
            failure = String(describing: error)
        }
    }

    /// Starts a fresh buffer at a far position: from the start, from the end, or
    /// (only for jumps with no key to go by) by offset.
    private func reload(_ want: Range<Int>) throws(StoreError) {
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

    private func trim(keeping want: Range<Int>) {
        guard buffer.count > Self.maxBuffer else { return }
        let keepStart = max(bufferStart, want.lowerBound - Self.maxBuffer / 4)
        let keepEnd = min(bufferStart + buffer.count, max(want.upperBound, keepStart) + Self.maxBuffer / 4)
        buffer = Array(buffer[(keepStart - bufferStart)..<(keepEnd - bufferStart)])
        bufferStart = keepStart
    }
}
