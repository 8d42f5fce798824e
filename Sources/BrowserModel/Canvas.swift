import Atlas

/// A rectangle of the screen, in cells.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
    /// The rectangle less a border of one cell.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}

/// A run of text with one style, the unit detail lines and rows are built from.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: StyleRole
    public init(_ text: String, _ style: StyleRole = .normal) { self.text = text; self.style = style }
}

/// Draws text into a Frame: every string is sanitized, measured per grapheme
/// cluster, clipped to its rectangle, and a wide character never straddles the
/// clip edge (it is replaced by a space instead of being cut in half).
struct Canvas {
    var frame: Frame

    init(width: Int, height: Int) { frame = Frame(width: width, height: height) }

    /// Writes `text` at (x, y), at most up to `maxX`; returns the x after the text.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, maxX: Int? = nil, style: StyleRole) -> Int {
        guard y >= 0, y < frame.height else { return x }
        let limit = min(maxX ?? frame.width, frame.width)
        var cx = x
        for ch in TerminalText.sanitize(text) {
            let w = TerminalText.width(of: ch)
            if w == 0 { continue }          // zero-width clusters would shift the row
            if cx + w > limit {
                // Clipped: mark it, so a cut title never looks whole.
                if limit - 1 >= max(0, x) && limit - 1 < frame.width {
                    set(limit - 1, y, Cell(text: "…", width: 1, style: style))
                }
                return limit
            }
            if cx >= 0 {
                set(cx, y, Cell(text: String(ch), width: UInt8(w), style: style))
                if w == 2 { set(cx + 1, y, Cell(text: "", width: 0, style: style)) }
            }
            cx += w
        }
        return cx
    }

    /// Writes one cell and keeps wide characters whole: a wide character that loses
    /// either half to this cell is blanked, so no row ever has a half character
    /// (which a terminal would draw one column off).
    mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < frame.width, y >= 0, y < frame.height else { return }
        let old = frame[x, y]
        if old.width == 0, cell.width != 0, x > 0, frame[x - 1, y].width == 2 {
            frame[x - 1, y] = Cell(text: " ", width: 1, style: frame[x - 1, y].style)
        }
        if old.width == 2, cell.width != 2, x + 1 < frame.width, frame[x + 1, y].width == 0 {
            frame[x + 1, y] = Cell(text: " ", width: 1, style: old.style)
        }
        frame[x, y] = cell
    }

    /// Writes spans one after another; returns the x after them.
    @discardableResult
    mutating func put(_ spans: [Span], x: Int, y: Int, maxX: Int? = nil) -> Int {
        var cx = x
        for s in spans { cx = put(s.text, x: cx, y: y, maxX: maxX, style: s.style) }
        return cx
    }

    /// Fills a rectangle with blanks of a style.
    mutating func fill(_ r: Rect, style: StyleRole = .normal) {
        for yy in max(0, r.y)..<min(frame.height, r.maxY) {
            for xx in max(0, r.x)..<min(frame.width, r.maxX) {
                set(xx, yy, Cell(text: " ", width: 1, style: style))
            }
        }
    }

    /// Restyles a span of cells, keeping their text (selection bars, matches).
    mutating func restyle(x: Int, y: Int, count: Int, style: StyleRole) {
        frame.restyle(x: x, y: y, count: count, style: style)
    }

    /// A box with a title in its top border: `┌ Events 42 ──┐`.
    mutating func box(_ r: Rect, title: [Span], focused: Bool) {
        guard r.width >= 2, r.height >= 2 else { return }
        let b: StyleRole = focused ? .borderFocused : .border
        let (h, v, tl, tr, bl, br) = focused ? ("━", "┃", "┏", "┓", "┗", "┛") : ("─", "│", "┌", "┐", "└", "┘")
        // Border cells are written directly: they are known one-column glyphs, and
        // every frame draws thousands of them.
        func cell(_ g: String) -> Cell { Cell(text: g, width: 1, style: b) }
        set(r.x, r.y, cell(tl))
        set(r.maxX - 1, r.y, cell(tr))
        set(r.x, r.maxY - 1, cell(bl))
        set(r.maxX - 1, r.maxY - 1, cell(br))
        let horizontal = cell(h), vertical = cell(v)
        for xx in (r.x + 1)..<(r.maxX - 1) {
            set(xx, r.y, horizontal)
            set(xx, r.maxY - 1, horizontal)
        }
        for yy in (r.y + 1)..<(r.maxY - 1) {
            set(r.x, yy, vertical)
            set(r.maxX - 1, yy, vertical)
        }
        if r.width > 4 {
            let end = put(" ", x: r.x + 1, y: r.y, maxX: r.maxX - 1, style: b)
            let after = put(title, x: end, y: r.y, maxX: r.maxX - 2)
            put(" ", x: after, y: r.y, maxX: r.maxX - 1, style: b)
        }
    }

    /// Highlights every occurrence of the search terms inside row `y` between x and
    /// maxX, comparing folded text so `turkiye` marks `Türkiye`.
    mutating func highlight(terms: [String], y: Int, x: Int, maxX: Int, caseSensitive: Bool) {
        guard !terms.isEmpty, y >= 0, y < frame.height else { return }
        // Rebuild the row's characters with their cell positions.
        var chars: [(text: String, x: Int, width: Int)] = []
        var cx = max(0, x)
        while cx < min(maxX, frame.width) {
            let c = frame[cx, y]
            if c.width > 0 { chars.append((c.text, cx, Int(c.width))) }
            cx += max(1, Int(c.width))
        }
        let folded = chars.map { caseSensitive ? TextFold.foldAccents($0.text) : TextFold.fold($0.text) }
        for term in terms {
            let t = Array((caseSensitive ? TextFold.foldAccents(term) : TextFold.fold(term)).map(String.init))
            guard !t.isEmpty, t.count <= folded.count else { continue }
            var i = 0
            while i + t.count <= folded.count {
                if Array(folded[i..<(i + t.count)]) == t {
                    for k in i..<(i + t.count) { restyle(x: chars[k].x, y: y, count: chars[k].width, style: .match) }
                    i += t.count
                } else {
                    i += 1
                }
            }
        }
    }
}
