import Atlas

extension Browser {
    /// What is wrong with the browser's state and the frame it drew, or nil when
    /// nothing is; the random-key runs check it after every key.
    public func invariantProblem(frame: Frame, width: Int, height: Int, measureText: Bool) -> String? {
        state.invariantProblem(frame: frame, width: width, height: height, measureText: measureText)
    }
}

extension BrowserState {
    /// What is wrong with the browser's state after a key and the frame it drew,
    /// or nil when nothing is. `measureText` also measures every line of the frame's
    /// text as the terminal would (dearer than the other checks).
    func invariantProblem(frame: Frame, width: Int, height: Int, measureText: Bool) -> String? {
        guard frame.width == width, frame.height == height, frame.cells.count == width * height else {
            return "frame is \(frame.width)x\(frame.height) with \(frame.cells.count) cells"
        }
        if measureText {
            let lines = frame.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count == height else { return "frame text has \(lines.count) lines" }
            if let i = lines.firstIndex(where: { TerminalText.width(String($0)) != width }) {
                return "frame line \(i) is \(TerminalText.width(String(lines[i]))) columns wide: |\(lines[i])|"
            }
        }
        let h = history
        guard (-1..<h.entries.count).contains(h.index), h.entries.isEmpty == (h.index == -1), h.entries.count <= History.limit else {
            return "history index \(h.index) of \(h.entries.count) entries"
        }
        for id in PaneID.allCases {
            guard let pane = panes[id] else {
                if id == .detail { continue }
                return "no \(id) pane"
            }
            let inside = pane.count == 0 ? pane.selected == 0 : (0..<pane.count).contains(pane.selected)
            guard inside, pane.top >= 0, pane.top <= max(0, pane.count - 1) else {
                return "\(id) pane: selection \(pane.selected), top \(pane.top) of \(pane.count) rows"
            }
        }
        guard focus == .detail || panes[focus] != nil else { return "focus on \(focus), which has no pane" }
        // Detail offsets stay inside its lines as the frame wrapped them (`G` once left
        // detailTop at Int.max; a narrow detail's offset once outlived its layout).
        guard detailCursor >= 0, detailCursor < max(1, selectableCount), detailTop >= 0, detailTop <= maxDetailTop else {
            return "detail cursor \(detailCursor) of \(selectableCount) links, top \(detailTop) of \(detailLines.count) lines (at most \(maxDetailTop))"
        }
        if let s = search, s.hits.isEmpty ? s.index != 0 : !(0..<s.hits.count).contains(s.index) {
            return "search hit \(s.index) of \(s.hits.count)"
        }
        if let o = overlay, !(o.rows.isEmpty ? o.selected == 0 : (0..<o.rows.count).contains(o.selected)) || o.top < 0 {
            return "overlay selection \(o.selected), top \(o.top) of \(o.rows.count) rows"
        }
        return nil
    }
}
