/// What a style role means is decided by the front end's theme; the view-model only
/// says what a cell *is* (a title, a selected row, a search match...).
public enum StyleRole: UInt8, Sendable, CaseIterable {
    case normal
    case dim            // secondary text: dates, counts, ids
    case heading        // section headings inside the detail pane
    case paneTitle      // title of an unfocused pane
    case paneTitleFocused
    case border
    case borderFocused
    case selection      // selected row of the focused pane
    case selectionDim   // selected row of an unfocused pane
    case match          // search match inside text
    case hint           // link hint labels ("a", "sd")
    case link           // a followable link
    case unresolved     // a link to a record not in this atlas
    case chip           // a removable filter chip
    case statusBar
    case statusKey      // key names in the hint line
    case prompt         // the / : prompt line
    case error
    case warning
    case date
    case quote          // verbatim source quotes
    case spark          // timeline sparkline
    case sparkCursor    // the timeline bucket under the cursor
}

/// One terminal cell. A wide grapheme occupies its cell (width 2) and the next one,
/// which is a continuation cell (width 0, empty text) that painters skip.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: StyleRole

    public init(text: String, width: UInt8, style: StyleRole) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(text: " ", width: 1, style: .normal)
    public static let continuation = Cell(text: "", width: 0, style: .normal)
}

/// A screen as data: a grid of cells. No terminal types appear here, so every
/// screen is testable as plain text.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (for prompts); nil hides it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorStorage.map { ($0.0, $0.1) } }
        set { cursorStorage = newValue.map { ($0.x, $0.y) } }
    }
    private var cursorStorage: (Int, Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public static func == (a: Frame, b: Frame) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
            && a.cursorStorage?.0 == b.cursorStorage?.0 && a.cursorStorage?.1 == b.cursorStorage?.1
    }

    /// Sets the style of `count` cells from (x, y) on, leaving text alone.
    public mutating func restyle(x: Int, y: Int, count: Int, style: StyleRole) {
        guard y >= 0, y < height else { return }
        for cx in max(0, x)..<min(width, x + count) { cells[y * width + cx].style = style }
    }

    /// The frame as plain text, one line per row, trailing spaces kept so that
    /// every line has exactly `width` columns.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if c.width == 0 { continue }
                line += c.text
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
