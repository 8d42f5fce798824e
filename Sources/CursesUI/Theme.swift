import BrowserModel

/// Which theme the executable asks for (`--theme`). `auto` picks by the terminal's
/// colour count and NO_COLOR; `mono` uses attributes only.
public enum ThemeName: String, CaseIterable, Sendable {
    case auto, mono
}

/// Bold, reverse, underline, dim: what a monochrome terminal still has.
struct TextAttributes: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let bold = TextAttributes(rawValue: 1 << 0)
    static let reverse = TextAttributes(rawValue: 1 << 1)
    static let underline = TextAttributes(rawValue: 1 << 2)
    static let dim = TextAttributes(rawValue: 1 << 3)
}

/// How one style role looks. Colours are terminal colour numbers; -1 is the
/// terminal's own default (so the user's background shows through).
struct CellStyle: Hashable, Sendable {
    var foreground: Int16 = -1
    var background: Int16 = -1
    var attributes: TextAttributes = []

    static func fg(_ c: Int16, _ a: TextAttributes = []) -> CellStyle { CellStyle(foreground: c, attributes: a) }
    static func on(_ fg: Int16, _ bg: Int16, _ a: TextAttributes = []) -> CellStyle { CellStyle(foreground: fg, background: bg, attributes: a) }
    static func attrs(_ a: TextAttributes) -> CellStyle { CellStyle(attributes: a) }
}

/// A style for every role, fixed when the theme is made.
struct Theme: Equatable, Sendable {
    let name: String
    private let styles: [CellStyle]

    init(name: String, style: (StyleRole) -> CellStyle) {
        self.name = name
        // StyleRole's raw values run 0..<count, so an array indexed by them is a table.
        styles = StyleRole.allCases.sorted { $0.rawValue < $1.rawValue }.map(style)
    }

    subscript(role: StyleRole) -> CellStyle { styles[Int(role.rawValue)] }

    var usesColor: Bool { styles.contains { $0.foreground >= 0 || $0.background >= 0 } }

    /// The same theme for a terminal that cannot keep its default colours
    /// (use_default_colors failed): -1 becomes white on black.
    func withoutDefaultColors() -> Theme {
        Theme(name: name) { role in
            var s = self[role]
            if s.foreground < 0 { s.foreground = 7 }
            if s.background < 0 { s.background = 0 }
            return s
        }
    }

    /// The theme for `name` on a terminal with `colors` colours. NO_COLOR (any
    /// non-empty value, per no-color.org) means monochrome whatever was asked.
    static func choose(_ name: ThemeName, colors: Int, noColor: String?) -> Theme {
        if name == .mono || !(noColor ?? "").isEmpty || colors < 8 { return .mono }
        return colors >= 256 ? .color256 : .color8
    }

    /// Attributes only: for NO_COLOR, `--theme mono` and terminals without colour.
    static let mono = Theme(name: "mono") { role in
        switch role {
        case .normal, .date, .quote, .spark, .border: return .attrs([])
        case .dim: return .attrs(.dim)
        case .heading, .paneTitle, .borderFocused, .prompt, .error, .warning, .hint: return .attrs(.bold)
        case .paneTitleFocused: return .attrs([.bold, .reverse])
        case .selection, .chip, .statusBar, .sparkCursor: return .attrs(.reverse)
        case .selectionDim: return .attrs([.reverse, .dim])
        case .match: return .attrs([.bold, .underline])
        case .link: return .attrs(.underline)
        case .unresolved: return .attrs([.underline, .dim])
        case .statusKey: return .attrs([.reverse, .bold])
        }
    }

    /// The eight ANSI colours (0 black, 1 red, 2 green, 3 yellow, 4 blue,
    /// 5 magenta, 6 cyan, 7 white) on the terminal's default background.
    static let color8 = Theme(name: "8-color") { role in
        switch role {
        case .normal, .border: return .attrs([])
        case .dim: return .attrs(.dim)
        case .heading: return .fg(3, .bold)
        case .paneTitle, .prompt: return .attrs(.bold)
        case .paneTitleFocused: return .on(0, 6, .bold)
        case .borderFocused: return .fg(6, .bold)
        case .selection: return .on(0, 6)
        case .selectionDim: return .on(0, 7)
        case .match: return .on(0, 3)
        case .hint: return .on(0, 5, .bold)
        case .link: return .fg(6)
        case .unresolved: return .fg(1)
        case .chip: return .on(7, 4)
        case .statusBar: return .on(0, 7)
        case .statusKey: return .on(4, 7, .bold)
        case .error: return .fg(1, .bold)
        case .warning: return .fg(3)
        case .date: return .fg(2)
        case .quote: return .fg(5)
        case .spark: return .fg(6)
        case .sparkCursor: return .fg(3, .bold)
        }
    }

    /// The xterm 256-colour palette, on the terminal's default background.
    static let color256 = Theme(name: "256-color") { role in
        switch role {
        case .normal: return .attrs([])
        case .dim: return .fg(245)
        case .heading: return .fg(75, .bold)
        case .paneTitle: return .fg(250, .bold)
        case .paneTitleFocused: return .on(231, 24, .bold)
        case .border: return .fg(240)
        case .borderFocused: return .fg(74)
        case .selection: return .on(231, 24, .bold)
        case .selectionDim: return .on(-1, 237)
        case .match: return .on(16, 221)
        case .hint: return .on(16, 209, .bold)
        case .link: return .fg(117)
        case .unresolved: return .fg(174)
        case .chip: return .on(231, 60)
        case .statusBar: return .on(252, 236)
        case .statusKey: return .on(221, 236, .bold)
        case .prompt: return .attrs(.bold)
        case .error: return .fg(203, .bold)
        case .warning: return .fg(215)
        case .date: return .fg(108)
        case .quote: return .fg(180)
        case .spark: return .fg(73)
        case .sparkCursor: return .fg(221, .bold)
        }
    }
}
