import Atlas

/// Moving in the focused pane and between panes.
extension BrowserState {
    mutating func reducePanes(_ action: Action, _ store: AtlasStore) {
        switch action {
        case .down: move(1, store)
        case .up: move(-1, store)
        case .pageDown: move(pageSize, store)
        case .pageUp: move(-pageSize, store)
        case .halfPageDown: move(max(1, pageSize / 2), store)
        case .halfPageUp: move(-max(1, pageSize / 2), store)
        case .top: moveTo(first: true, store)
        case .bottom: moveTo(first: false, store)
        case .nextPane: cycleFocus(1, store)
        case .previousPane: cycleFocus(-1, store)
        case .focus(let p): setFocus(p, store)
        default: break
        }
    }

    /// A page of the focused pane, as the load step sized it.
    var pageSize: Int {
        focus == .detail ? detailScroll.page : (panes[focus]?.scroll.page ?? 9)
    }

    mutating func move(_ delta: Int, _ store: AtlasStore) {
        if focus == .detail { moveDetail(delta); return }
        panes[focus]?.move(by: delta)
        previewSelection(store)
    }

    mutating func moveTo(first: Bool, _ store: AtlasStore) {
        if focus == .detail {
            detailCursor = first ? 0 : max(0, selectableCount - 1)
            detailScroll.top = first ? 0 : maxDetailTop
            return
        }
        guard let count = panes[focus]?.count else { return }
        panes[focus]?.moveTo(first ? 0 : count - 1)
        previewSelection(store)
    }

    /// Shows the focused list's selected row in the detail without adding it to
    /// history (moving through a list previews; Enter opens).
    mutating func previewSelection(_ store: AtlasStore) {
        guard panes[focus] != nil else { return }
        if let id = panes[focus]?.selectedRow(store)?.id { show(id, store) } else if panes[focus]?.count == 0 { showNothing() }
    }

    mutating func cycleFocus(_ step: Int, _ store: AtlasStore) {
        let order = PaneID.allCases
        let i = order.firstIndex(of: focus) ?? 0
        setFocus(order[(i + step + order.count) % order.count], store)
    }

    mutating func setFocus(_ p: PaneID, _ store: AtlasStore) {
        focus = p
        if p != .detail {
            lastListPane = p
            previewSelection(store)
        }
    }

    /// The detail's cursor moves from link to link; paging moves the view.
    mutating func moveDetail(_ delta: Int) {
        let s = selectableIndices
        if s.isEmpty {
            detailScroll.scroll(by: delta)
            return
        }
        if abs(delta) == 1 {
            detailCursor = min(max(0, detailCursor + delta), s.count - 1)
        } else {
            // Paging moves the view; the cursor follows to the first link on screen.
            detailScroll.scroll(by: delta)
            detailCursor = s.firstIndex(where: { $0 >= detailScroll.top }) ?? s.count - 1
        }
    }
}
