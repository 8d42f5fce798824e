import Atlas

/// The view: the frame for a state, and nothing else. It reads only the state (no
/// store, no file) and writes nothing; the load step has already laid the screen
/// out, sized the scrolls and read the rows.
extension BrowserState {
    public func frame() -> Frame {
        var c = Canvas(width: width, height: height)
        guard width >= Layout.minWidth, height >= Layout.minHeight else {
            drawTooSmall(&c, width: width, height: height)
            return c.frame
        }
        guard let layout else { return c.frame }
        drawTitleBar(&c, width: width)
        for (id, rect) in layout.lists { drawList(&c, id, rect) }
        if let d = layout.detail {
            if let p = prompt, p.kind == .search { drawSearchResults(&c, d) } else { drawDetail(&c, d) }
        }
        if let row = layout.timelineRow { drawTimeline(&c, y: row, width: width) }
        drawStatus(&c, y: layout.statusRow, width: width)
        drawBottom(&c, y: layout.bottomRow, width: width)
        if overlay != nil { drawOverlay(&c, width: width, height: height - 2) }
        return c.frame
    }

    private func drawTooSmall(_ c: inout Canvas, width: Int, height: Int) {
        let lines = ["Terminal too small", "\(width)×\(height); need \(Layout.minWidth)×\(Layout.minHeight)", "Q quits"]
        let top = max(0, (height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < height {
            let w = TerminalText.width(l)
            c.put(l, x: max(0, (width - w) / 2), y: top + i, style: i == 0 ? .warning : .dim)
        }
    }

    private func drawTitleBar(_ c: inout Canvas, width: Int) {
        c.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .statusBar)
        var x = c.put(" Crossroads ", x: 0, y: 0, style: .paneTitleFocused)
        x = c.put(" " + origin + " ", x: x, y: 0, maxX: width, style: .statusBar)
        var chips: [String] = []
        if let a = actorChip { chips.append("actor: \(a.title) ×") }
        if let m = missionChip { chips.append("mission: \(m.title) ×") }
        for p in PaneID.allCases { if let t = textFilters[p] { chips.append("\(p.title.lowercased()) ∋ \(t) ×") } }
        if let s = search, prompt == nil { chips.append("/\(s.query)") }
        for chip in chips {
            x = c.put(" ", x: x, y: 0, maxX: width, style: .statusBar)
            x = c.put(" \(chip) ", x: x, y: 0, maxX: width, style: .chip)
        }
        if !chips.isEmpty && x < width - 12 { c.put("  Esc clears", x: x, y: 0, maxX: width, style: .statusBar) }
    }

    private func drawList(_ c: inout Canvas, _ id: PaneID, _ r: Rect) {
        guard let pane = panes[id] else { return }
        let focused = focus == id
        var title = [Span("\(id.rawValue) ", .dim), Span(id.title, focused ? .paneTitleFocused : .paneTitle),
                     Span(" \(pane.count)", .dim)]
        if pane.count > 0 && (focused || id == lastListPane) {
            title.append(Span(" · \(pane.selected + 1)/\(pane.count)", .dim))
        }
        c.box(r, title: title, focused: focused)
        let inner = r.inner
        guard inner.width > 0, inner.height > 0 else { return }
        if let f = pane.failure {
            c.put(f, x: inner.x, y: inner.y, maxX: inner.maxX, style: .error)
            return
        }
        let rows = pane.window
        if rows.isEmpty {
            let why = pane.filter.text != nil || pane.filter.actor != nil || pane.filter.mission != nil
                ? "nothing matches the filter; Esc clears it" : "empty"
            c.put(why, x: inner.x + 1, y: inner.y, maxX: inner.maxX, style: .dim)
        }
        let terms = highlightTerms(for: id)
        // The date column fits the widest date on screen (intervals are long).
        let dates = rows.map { row in row.date.map(compactDate) ?? "" }
        let dateWidth = min(inner.width / 3, (dates.map(TerminalText.width).max() ?? 0) + 2)
        for (i, row) in rows.enumerated() {
            let y = inner.y + i
            let selected = pane.top + i == pane.selected
            var x = inner.x
            switch row.kind {
            case .event:
                x = c.put(TerminalText.pad(" " + dates[i], to: dateWidth), x: x, y: y, maxX: inner.maxX, style: .date)
            case .mission:
                x = c.put(TerminalText.pad(" " + (row.tag ?? ""), to: 9), x: x, y: y, maxX: inner.maxX, style: .date)
            default:
                x = c.put(" ", x: x, y: y, maxX: inner.maxX, style: .normal)
            }
            var titleEnd = inner.maxX
            if row.kind == .actor, let tag = row.tag, inner.width >= 36 {
                let w = TerminalText.width(tag)
                c.put(tag, x: inner.maxX - w - 1, y: y, maxX: inner.maxX, style: .dim)
                titleEnd = inner.maxX - w - 2
            }
            c.put(row.title, x: x + 1, y: y, maxX: titleEnd, style: .normal)
            if userState.bookmarks.contains(row.id) { c.put("★", x: inner.x, y: y, style: .hint) }
            if !terms.isEmpty { c.highlight(terms: terms, y: y, x: x, maxX: inner.maxX, caseSensitive: search?.caseSensitive ?? false) }
            if selected {
                c.restyle(x: inner.x, y: y, count: inner.width, style: focused ? .selection : .selectionDim)
            }
        }
    }

    /// Terms to mark in a pane: the search's, and the pane's own text filter.
    private func highlightTerms(for id: PaneID) -> [String] {
        var terms = search?.terms ?? []
        if let t = textFilters[id] { terms += SearchQuery(t).terms }
        return terms
    }

    /// A date as lists show it, from the forms the load step prepared.
    private func compactDate(_ edtf: String) -> String { compactDates[edtf] ?? edtf }

    private func drawDetail(_ c: inout Canvas, _ r: Rect) {
        let focused = focus == .detail
        var title = [Span("4 ", .dim), Span("Detail", focused ? .paneTitleFocused : .paneTitle)]
        if let d = detail { title.append(Span(" · " + d.kind.rawValue, .dim)) }
        c.box(r, title: title, focused: focused)
        let inner = r.inner
        guard inner.width > 2, inner.height > 0 else { return }
        guard detail != nil else {
            let text: String
            if let current, let why = detailFailure {
                text = "could not read '\(current)': \(why)"
            } else {
                text = current.map { "no record '\($0)' in this atlas" } ?? "Nothing selected."
            }
            c.put(text, x: inner.x + 1, y: inner.y, maxX: inner.maxX, style: detailFailure == nil ? .dim : .error)
            return
        }
        let lines = detailLines
        let selectable = selectableIndices
        // Link lines leave two columns for a one-letter label and its space; longer
        // labels push the link text right so a space always follows the label.
        let extra = max(0, (hints.first?.label.count ?? 1) - 1)
        let terms = search?.terms ?? []
        for (row, i) in detailScroll.visible.enumerated() {
            let y = inner.y + row
            let line = lines[i]
            let x = inner.x + 1 + (line.target != nil ? extra : 0)
            c.put(line.spans, x: x, y: y, maxX: inner.maxX)
            if !terms.isEmpty { c.highlight(terms: terms, y: y, x: x, maxX: inner.maxX, caseSensitive: search?.caseSensitive ?? false) }
            if let hint = hints.first(where: { $0.line == i }) {
                let label = hint.label
                let typed = hintInput ?? ""
                let style: StyleRole = hintInput != nil ? (label.hasPrefix(typed) ? .hint : .dim) : .hint
                c.put(label, x: inner.x + 1, y: y, maxX: inner.maxX, style: style)
                if focused && selectable.indices.contains(detailCursor) && selectable[detailCursor] == i {
                    c.restyle(x: inner.x + 3 + extra, y: y, count: inner.width - 3 - extra, style: .selection)
                }
            }
        }
        if lines.count > inner.height {
            let pct = min(100, (detailScroll.top + inner.height) * 100 / lines.count)
            c.put(" \(pct)% ", x: r.maxX - 7, y: r.maxY - 1, maxX: r.maxX - 1, style: .dim)
        }
    }

    private func drawSearchResults(_ c: inout Canvas, _ r: Rect) {
        let s = search
        let title = [Span("Search ", .paneTitleFocused), Span(s.map { "\(min($0.total, $0.hits.count)) hits" } ?? "", .dim)]
        c.box(r, title: title, focused: true)
        let inner = r.inner
        guard inner.width > 2, inner.height > 0 else { return }
        guard let s, !s.hits.isEmpty else {
            let q = prompt?.text ?? ""
            c.put(q.isEmpty ? "Type to search events, actors and missions." : "No matches.", x: inner.x + 1, y: inner.y,
                  maxX: inner.maxX, style: .dim)
            return
        }
        for (row, i) in s.scroll.visible.enumerated() {
            let h = s.hits[i]
            let y = inner.y + row
            let kind = TerminalText.pad(h.kind.rawValue, to: 8)
            let date = h.kind == .event ? TerminalText.pad(h.date.map(compactDate) ?? "", to: 12) : ""
            var x = c.put(" " + kind, x: inner.x, y: y, maxX: inner.maxX, style: .dim)
            x = c.put(date, x: x, y: y, maxX: inner.maxX, style: .date)
            c.put(h.title, x: x, y: y, maxX: inner.maxX, style: .normal)
            c.highlight(terms: s.terms, y: y, x: x, maxX: inner.maxX, caseSensitive: s.caseSensitive)
            if i == s.index { c.restyle(x: inner.x, y: y, count: inner.width, style: .selection) }
        }
    }

    private func drawTimeline(_ c: inout Canvas, y: Int, width: Int) {
        guard let events = panes[.events], let timeline else { return }
        if let why = timeline.failure {
            c.put(" timeline: \(why)", x: 0, y: y, maxX: width, style: .error)
            return
        }
        let buckets = timeline.buckets
        guard let first = buckets.first?.bucket, let last = buckets.last?.bucket else {
            c.put(" timeline: no events", x: 0, y: y, style: .dim)
            return
        }
        let label = " \(first) "
        let endLabel = " \(last)"
        let room = width - TerminalText.width(label) - TerminalText.width(endLabel) - 22
        guard room >= 4 else { return }
        let span = last - first + 1
        let perCell = max(1, (span + room - 1) / room)
        let cells = (span + perCell - 1) / perCell
        var counts = Array(repeating: 0, count: cells)
        for b in buckets { counts[(b.bucket - first) / perCell] += b.count }
        let maxCount = max(1, counts.max() ?? 1)
        let bars = Array(" ▁▂▃▄▅▆▇█")
        var cursorCell: Int?
        if let date = events.selectedRow?.key.sort, case .int(let day) = date {
            let year = Int(day >= 0 ? day / 10000 : (day - 9999) / 10000)
            if year >= first && year <= last { cursorCell = (year - first) / perCell }
        }
        var x = c.put(label, x: 0, y: y, style: .dim)
        for (i, n) in counts.enumerated() {
            let level = n == 0 ? 0 : max(1, n * 8 / maxCount)
            c.put(String(bars[level]), x: x + i, y: y, style: i == cursorCell ? .sparkCursor : .spark)
        }
        x += cells
        x = c.put(endLabel, x: x, y: y, style: .dim)
        if let cell = cursorCell {
            let y0 = first + cell * perCell
            let period = perCell == 1 ? "\(y0)" : "\(y0)–\(y0 + perCell - 1)"
            let n = counts[cell]
            c.put("  ▲ \(period): \(n) event\(n == 1 ? "" : "s")", x: x, y: y, maxX: width, style: .dim)
        }
    }

    private func drawStatus(_ c: inout Canvas, y: Int, width: Int) {
        c.fill(Rect(x: 0, y: y, width: width, height: 1), style: .statusBar)
        let right = history.entries.isEmpty ? "" : "◀ \(history.index + 1)/\(history.entries.count) ▶ "
        let rightWidth = TerminalText.width(right)
        let left: String
        let style: StyleRole
        if let m = message {
            left = " " + m.text
            style = m.style == .dim ? .statusBar : m.style
        } else if let s = search, !s.hits.isEmpty {
            left = " " + hitStatus + "  · /" + s.query
            style = .statusBar
        } else if let d = detail {
            left = " " + d.title
            style = .statusBar
        } else {
            left = ""
            style = .statusBar
        }
        c.put(left, x: 0, y: y, maxX: max(0, width - rightWidth - 1), style: style)
        c.put(right, x: width - rightWidth, y: y, maxX: width, style: .statusBar)
    }

    private func drawBottom(_ c: inout Canvas, y: Int, width: Int) {
        if let p = prompt {
            let x = c.put(p.symbol, x: 0, y: y, style: .prompt)
            // Show the end of a long line so the cursor stays on screen.
            let chars = Array(p.text)
            let room = width - x - 1
            var start = 0
            while TerminalText.width(String(chars[start..<p.cursor])) > room { start += 1 }
            let shown = String(chars[start...])
            c.put(shown, x: x, y: y, maxX: width, style: .prompt)
            c.frame.cursor = (x: min(width - 1, x + TerminalText.width(TerminalText.sanitize(String(chars[start..<p.cursor])))), y: y)
            return
        }
        if hintInput != nil {
            c.put("follow link: type its label" + (hintInput!.isEmpty ? "" : " (\(hintInput!))") + "   Esc cancels",
                  x: 0, y: y, maxX: width, style: .hint)
            return
        }
        let context: KeyContext = overlay != nil ? .overlay : (focus == .detail ? .detail : .list)
        var x = 0
        for (keys, what) in keymap.hintLine(for: context) {
            let need = TerminalText.width(keys) + TerminalText.width(what) + 3
            if x + need > width { break }
            x = c.put(" " + keys, x: x, y: y, maxX: width, style: .statusKey)
            x = c.put(" " + what + " ", x: x, y: y, maxX: width, style: .dim)
        }
    }

    private func drawOverlay(_ c: inout Canvas, width: Int, height: Int) {
        guard let o = overlay else { return }
        let w = min(width - 4, 90), h = min(height - 2, max(8, o.rows.count + 2))
        let r = Rect(x: (width - w) / 2, y: 1 + (height - 1 - h) / 2, width: w, height: h)
        c.fill(r)
        c.box(r, title: [Span(o.title, .paneTitleFocused)], focused: true)
        let inner = r.inner
        for (row, i) in o.scroll.visible.enumerated() {
            let y = inner.y + row
            c.put(o.rows[i].spans, x: inner.x + 1, y: y, maxX: inner.maxX)
            if i == o.selected && o.rows[i].target != nil {
                c.restyle(x: inner.x, y: y, count: inner.width, style: .selection)
            }
        }
    }
}
