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
    /// Sized by the load step to the box on screen.
    var scroll = Scroll()
    var top: Int { scroll.top }

    var selectableRows: [Int] { rows.indices.filter { rows[$0].target != nil } }

    /// The help screen, generated from the live keymap.
    static func help(_ keymap: Keymap) -> Overlay {
        var rows: [Row] = []
        let sections: [(KeyContext, String)] = [(.global, "Everywhere"), (.list, "In a list"), (.detail, "In the detail"),
                                                (.overlay, "In this box and other boxes"),
                                                (.prompt, "In the / \\ : prompts (other keys type themselves)"),
                                                (.hint, "While hint labels wait for a key")]
        for (context, title) in sections {
            rows.append(Row(spans: [Span(title, .heading)]))
            for b in keymap.bindings where b.context == context {
                let keys = b.keys.map(KeyNotation.name).joined(separator: " ")
                rows.append(Row(spans: [Span("  " + TerminalText.pad(keys, to: 18), .statusKey), Span(b.help)]))
            }
            rows.append(Row(spans: []))
        }
        rows.append(Row(spans: [Span("Commands (:)", .heading)]))
        for c in Command.allCases { rows.append(Row(spans: [Span("  :" + c.usage)])) }
        rows.append(Row(spans: []))
        rows.append(Row(spans: [Span("Search: words, word forms, typos, \"phrase\", a OR b, -word; a capital letter highlights that case only.", .dim)]))
        return Overlay(kind: .help, title: "Help", rows: rows)
    }

    static func history(_ h: History, store: AtlasStore) -> Overlay {
        var rows: [Row] = []
        for (i, id) in h.entries.enumerated().reversed() {
            let mark = i == h.index ? "▶ " : "  "
            rows.append(Row(spans: [Span(mark, .hint)] + recordSpans(id, store), target: id, historyIndex: i))
        }
        if rows.isEmpty { rows.append(Row(spans: [Span("Nothing opened yet: Enter opens a record.", .dim)])) }
        var o = Overlay(kind: .history, title: "History \(h.entries.count)", rows: rows)
        o.selected = rows.firstIndex(where: { $0.historyIndex == h.index }) ?? 0
        return o
    }

    static func bookmarks(_ ids: [String], notes: [String: String] = [:], store: AtlasStore) -> Overlay {
        var rows: [Row] = []
        for id in ids.reversed() {
            let note = notes[id].map { [Span("  — " + TerminalText.sanitize($0), .dim)] } ?? []
            rows.append(Row(spans: recordSpans(id, store) + note, target: id))
        }
        if rows.isEmpty { rows.append(Row(spans: [Span("No bookmarks yet: m marks the open record.", .dim)])) }
        return Overlay(kind: .bookmarks, title: "Bookmarks \(ids.count)", rows: rows)
    }

    /// A record's kind and title, or why it has none: not in this atlas, or a
    /// store that failed to say.
    private static func recordSpans(_ id: String, _ store: AtlasStore) -> [Span] {
        do {
            guard let found = try store.lookup(id) else {
                return [Span(TerminalText.pad("?", to: 8), .dim), Span(id + " (not in this atlas)")]
            }
            return [Span(TerminalText.pad(found.kind.rawValue, to: 8), .dim), Span(found.title)]
        } catch {
            return [Span(TerminalText.pad("?", to: 8), .dim), Span(id + " (could not read: \(error.description))", .error)]
        }
    }

    mutating func move(_ delta: Int) {
        let s = selectableRows
        if s.isEmpty {
            scroll.scroll(by: delta)
            return
        }
        let pos = s.firstIndex(where: { $0 >= selected }) ?? 0
        let next = min(max(0, pos + delta), s.count - 1)
        selected = s[next]
        scroll.keep(selected, margin: 0)
    }
}
