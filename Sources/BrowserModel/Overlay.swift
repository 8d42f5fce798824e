import Atlas

/// A box over the panes: help, history, bookmarks. Each is a list of rows, some
/// of which open something.
struct Overlay {
    enum Kind { case help, history, bookmarks }
    struct Row {
        var spans: [Span]
        var target: String?
        /// For history rows: the trail index to jump to.
        var historyIndex: Int?
    }

    var kind: Kind
    var title: String
    var rows: [Row]
    var selected = 0
    var top = 0
    var viewHeight = 10

    var selectableRows: [Int] { rows.indices.filter { rows[$0].target != nil } }

    /// The help screen, generated from the live keymap.
    static func help(_ keymap: Keymap) -> Overlay {
        var rows: [Row] = []
        let sections: [(KeyContext, String)] = [(.global, "Everywhere"), (.list, "In a list"), (.detail, "In the detail"),
                                                (.overlay, "In this box and other boxes")]
        for (context, title) in sections {
            rows.append(Row(spans: [Span(title, .heading)]))
            for b in keymap.bindings where b.context == context {
                let keys = b.keys.map(KeyNotation.name).joined(separator: " ")
                rows.append(Row(spans: [Span("  " + TerminalText.pad(keys, to: 18), .statusKey), Span(b.help)]))
            }
            rows.append(Row(spans: []))
        }
        rows.append(Row(spans: [Span("In the / \\ : prompts", .heading)]))
        for (k, what) in [("Enter", "accept"), ("Esc ^C", "cancel"), ("↑ ↓", "earlier/later entries"),
                          ("← → ^A ^E", "move"), ("^U ^K ^W", "delete to start/end/word"), ("Tab", "complete (: prompt)")] {
            rows.append(Row(spans: [Span("  " + TerminalText.pad(k, to: 18), .statusKey), Span(what)]))
        }
        rows.append(Row(spans: []))
        rows.append(Row(spans: [Span("Commands (:)", .heading)]))
        for c in Command.allCases { rows.append(Row(spans: [Span("  :" + c.usage)])) }
        rows.append(Row(spans: []))
        rows.append(Row(spans: [Span("Search: words, word forms, typos, \"phrase\", a OR b, -word; a capital letter highlights that case only.", .dim)]))
        return Overlay(kind: .help, title: "Help", rows: rows)
    }

    static func history(_ h: History, store: AtlasStore) -> Overlay {
        var rows: [Row] = []
        for (i, id) in h.entries.enumerated().reversed() {
            let found = try? store.lookup(id)
            let mark = i == h.index ? "▶ " : "  "
            rows.append(Row(spans: [Span(mark, .hint), Span(TerminalText.pad(found?.kind.rawValue ?? "?", to: 8), .dim),
                                    Span(found?.title ?? id + " (not in this atlas)")],
                            target: id, historyIndex: i))
        }
        if rows.isEmpty { rows.append(Row(spans: [Span("Nothing opened yet: Enter opens a record.", .dim)])) }
        var o = Overlay(kind: .history, title: "History \(h.entries.count)", rows: rows)
        o.selected = rows.firstIndex(where: { $0.historyIndex == h.index }) ?? 0
        return o
    }

    static func bookmarks(_ ids: [String], store: AtlasStore) -> Overlay {
        var rows: [Row] = []
        for id in ids.reversed() {
            let found = try? store.lookup(id)
            rows.append(Row(spans: [Span(TerminalText.pad(found?.kind.rawValue ?? "?", to: 8), .dim),
                                    Span(found?.title ?? id + " (not in this atlas)")], target: id))
        }
        if rows.isEmpty { rows.append(Row(spans: [Span("No bookmarks yet: m marks the open record.", .dim)])) }
        return Overlay(kind: .bookmarks, title: "Bookmarks \(ids.count)", rows: rows)
    }

    mutating func move(_ delta: Int) {
        let s = selectableRows
        if s.isEmpty {
            top = max(0, min(top + delta, rows.count - viewHeight))
            return
        }
        let pos = s.firstIndex(where: { $0 >= selected }) ?? 0
        let next = min(max(0, pos + delta), s.count - 1)
        selected = s[next]
        if selected < top { top = selected }
        if selected >= top + viewHeight { top = selected - viewHeight + 1 }
    }
}

extension Browser {
    func applyOverlay(_ action: Action) -> ScreenCommand {
        guard var o = overlay else { return .none }
        switch action {
        case .down: o.move(1)
        case .up: o.move(-1)
        case .pageDown: o.move(o.viewHeight - 1)
        case .pageUp: o.move(-(o.viewHeight - 1))
        case .top: o.move(-o.rows.count)
        case .bottom: o.move(o.rows.count)
        case .open:
            guard o.selected < o.rows.count, let target = o.rows[o.selected].target else { overlay = o; return .none }
            overlay = nil
            if o.kind == .history, let i = o.rows[o.selected].historyIndex, let id = history.jump(to: i) {
                show(id, syncList: true)
                saveHistory()
            } else {
                navigate(to: target)
            }
            return .none
        case .close: overlay = nil; return .none
        case .quit: return .quit(code: 0)
        default: break
        }
        overlay = o
        return .none
    }
}
