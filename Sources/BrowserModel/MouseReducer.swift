import Atlas

/// Clicks and the wheel, hit-tested against the layout of the last update.
extension BrowserState {
    mutating func handleMouse(_ m: MouseEvent, _ store: AtlasStore) {
        guard let layout else { return }
        switch m.kind {
        case .wheelUp, .wheelDown:
            let delta = m.kind == .wheelUp ? -3 : 3
            if let (p, _) = layout.lists.first(where: { $0.rect.contains(x: m.x, y: m.y) }) {
                panes[p]?.scroll(by: delta)
                if p == focus { previewSelection(store) }
            } else if let d = layout.detail, d.contains(x: m.x, y: m.y) {
                detailScroll.scroll(by: delta)
            }
        case .press:
            if overlay != nil { overlay = nil; return }
            if let (p, r) = layout.lists.first(where: { $0.rect.contains(x: m.x, y: m.y) }), let top = panes[p]?.top {
                focus = p
                lastListPane = p
                let row = m.y - r.inner.y
                if row >= 0 && row < r.inner.height { panes[p]?.moveTo(top + row) }
                previewSelection(store)
            } else if let d = layout.detail, d.contains(x: m.x, y: m.y) {
                focus = .detail
                let line = detailScroll.top + (m.y - d.inner.y)
                if let i = selectableIndices.firstIndex(of: line) { detailCursor = i }
            }
        }
    }
}
