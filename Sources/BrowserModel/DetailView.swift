import Atlas

/// Lays a record out as lines for a given width: headings, fields, wrapped
/// summary and quotes, and one selectable line per link-like item.
enum DetailView {
    static func lines(for d: RecordDetail, width: Int) -> [DetailLine] {
        var out: [DetailLine] = []
        let w = max(10, width)
        func text(_ s: String, _ style: StyleRole = .normal, indent: Int = 0) {
            for l in wrap(s, width: w - indent) {
                out.append(DetailLine(spans: [Span(String(repeating: " ", count: indent)), Span(l, style)]))
            }
        }
        func blank() { if out.last?.spans.isEmpty == false { out.append(DetailLine(spans: [])) } }
        func heading(_ s: String) { blank(); out.append(DetailLine(spans: [Span(s, .heading)])) }
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            let label = TerminalText.pad(name, to: 10)
            let wrapped = wrap(value, width: w - 10)
            for (i, l) in wrapped.enumerated() {
                out.append(DetailLine(spans: [Span(i == 0 ? label : String(repeating: " ", count: 10), .dim), Span(l)]))
            }
        }
        func link(_ spans: [Span], _ target: DetailTarget?) {
            out.append(DetailLine(spans: [Span("  ")] + spans, target: target, indent: 2))
        }
        func refTitle(_ r: RecordDetail.Ref) -> Span {
            r.title.map { Span($0, .link) } ?? Span(r.id + " (not in this atlas)", .unresolved)
        }

        for l in wrap(d.title, width: w) { out.append(DetailLine(spans: [Span(l, .heading)])) }
        var meta = [d.kind.rawValue]
        if let t = d.type { meta.append(t) }
        if let date = d.date { meta.append(display(date)) }
        if let ds = d.dataset { meta.append("from \(ds)") }
        out.append(DetailLine(spans: [Span(meta.joined(separator: " · "), .dim)]))
        blank()
        for f in d.fields { field(f.shortName, f.value) }
        field("id", d.id)
        if let s = d.summary, !s.isEmpty { blank(); text(s) }

        if (d.kind == .actor || d.kind == .mission) {
            blank()
            link([Span("▸ ", .dim), Span("\(d.eventCount) event\(d.eventCount == 1 ? "" : "s")", .link),
                  Span(" involving \(d.acronym ?? d.title)", .dim)],
                 .filterEvents(kind: d.kind, id: d.id, title: d.acronym ?? d.title))
        }
        if d.kind == .source {
            field("cited by", d.citedByText)
        }
        if !d.actors.isEmpty {
            heading("Actors")
            for a in d.actors { link([refTitle(a.actor), Span("  " + a.role, .dim)], .record(a.actor.id)) }
        }
        if !d.missions.isEmpty {
            heading("Missions")
            for m in d.missions { link([refTitle(m)], .record(m.id)) }
        }
        if !d.figures.isEmpty {
            heading(d.kind == .mission ? "Strength" : "Figures")
            for f in d.figures {
                var spans: [Span] = []
                if let date = f.date { spans.append(Span(TerminalText.pad(display(date), to: 12), .date)) }
                spans.append(Span(f.countText + " " + f.category, .normal))
                if let a = f.actor { spans.append(Span(" · ", .dim)); spans.append(refTitle(a)) }
                if let loc = f.location { spans.append(Span(" · " + loc, .dim)) }
                if let ds = f.dataset { spans.append(Span("  [\(ds)]", .dim)) }
                else if let c = f.citation { spans.append(Span("  [\(c.locator ?? c.source.id)]", .dim)) }
                link(spans, f.actor.map { .record($0.id) })
            }
        }
        if !d.links.isEmpty {
            heading("Links")
            let labelWidth = min(16, d.links.map { TerminalText.width($0.label) }.max() ?? 0) + 2
            for l in d.links {
                let arrow = l.direction == .out ? "→ " : "← "
                var spans = [Span(arrow + TerminalText.pad(l.label, to: labelWidth), .dim)]
                if l.target.resolved {
                    spans.append(refTitle(l.target))
                } else if let ds = l.dataset {
                    spans.append(Span(l.target.id, .unresolved))
                    spans.append(Span("  not imported: from \(ds)", .dim))
                } else {
                    spans.append(Span(l.target.id + " (not in this atlas)", .unresolved))
                }
                link(spans, .record(l.target.id))
            }
        }
        if !d.sources.isEmpty {
            heading("Sources")
            for c in d.sources {
                link([refTitle(c.source), Span(c.locator.map { ", " + $0 } ?? "", .dim)], .record(c.source.id))
                if let q = c.quote { text("“" + q + "”", .quote, indent: 6) }
            }
        }
        return out
    }

    static func display(_ edtf: String) -> String { DateText.display(edtf) }

    /// Word-wraps by display width; a word longer than the width is broken.
    static func wrap(_ s: String, width: Int) -> [String] {
        let clean = TerminalText.sanitize(s)
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in clean.split(separator: " ", omittingEmptySubsequences: true) {
            var w = String(word)
            var ww = TerminalText.width(w)
            if lineWidth > 0 && lineWidth + 1 + ww <= width {
                line += " " + w
                lineWidth += 1 + ww
                continue
            }
            if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
            while ww > width {
                var head = "", hw = 0
                var rest = Substring(w)
                while let c = rest.first, hw + TerminalText.width(of: c) <= width {
                    head.append(c); hw += TerminalText.width(of: c); rest = rest.dropFirst()
                }
                if head.isEmpty { head = String(rest.removeFirst()) }
                lines.append(head)
                w = String(rest)
                ww = TerminalText.width(w)
            }
            line = w
            lineWidth = ww
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Hint labels: single letters while they suffice, then two letters, then three,
    /// all of one length so that no label is a prefix of another.
    static let hintAlphabet = Array("asdfghjklqwertyuiopzxcvbnm")

    static func hintLabels(count: Int) -> [String] {
        let a = hintAlphabet
        guard count > 0 else { return [] }
        var length = 1, capacity = a.count
        while capacity < count { length += 1; capacity *= a.count }
        return (0..<count).map { n in
            var digits: [Character] = [], n = n
            for _ in 0..<length { digits.append(a[n % a.count]); n /= a.count }
            return String(digits.reversed())
        }
    }
}
