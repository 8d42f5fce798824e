import Atlas

/// Keys in the help, history and bookmarks boxes.
extension BrowserState {
    mutating func reduceOverlay(_ action: Action, _ store: AtlasStore) {
        guard var o = overlay else { return }
        switch action {
        case .down: o.move(1)
        case .up: o.move(-1)
        case .pageDown: o.move(o.scroll.page)
        case .pageUp: o.move(-o.scroll.page)
        case .top: o.move(-o.rows.count)
        case .bottom: o.move(o.rows.count)
        case .open:
            guard o.selected < o.rows.count, let target = o.rows[o.selected].target else { overlay = o; return }
            overlay = nil
            if o.kind == .history, let i = o.rows[o.selected].historyIndex, let id = history.jump(to: i) {
                show(id, syncList: true, store)
                saveHistory()
            } else {
                navigate(to: target, store)
            }
            return
        case .close: overlay = nil; return
        case .quit: outbox.append(.quit(code: 0))
        default: break
        }
        overlay = o
    }
}
