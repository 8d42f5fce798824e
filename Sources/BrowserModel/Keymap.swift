/// The panes of the browser.
public enum PaneID: Int, CaseIterable, Sendable {
    case events = 1, actors, missions, detail

    public var title: String {
        switch self {
        case .events: return "Events"
        case .actors: return "Actors"
        case .missions: return "Missions"
        case .detail: return "Detail"
        }
    }
}

/// Everything a key can ask the browser to do.
public enum Action: Hashable, Sendable {
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case nextPane, previousPane, focus(PaneID)
    case open, back, forward
    case search, nextHit, previousHit, filter, command, clearFilters
    case hints
    case help, history, bookmarks, mark
    case toggleMouse, redraw, close, quit
}

/// Where a binding applies. Global bindings apply everywhere unless a more
/// specific context binds the same key.
public enum KeyContext: String, Sendable, CaseIterable {
    case global, list, detail, overlay
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var context: KeyContext
    public var action: Action
    public var help: String
}

/// The keymap as data: lookups, the help screen and the hint line all read it.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    public func action(for key: Key, in context: KeyContext) -> Action? {
        if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.action }
        if context == .overlay { return nil }
        return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.action
    }

    /// The keys bound to an action, as shown to people: `j ↓`.
    public func keyNames(for action: Action, in context: KeyContext = .global) -> String {
        let b = bindings.first(where: { $0.action == action && $0.context == context })
            ?? bindings.first(where: { $0.action == action })
        return b.map { $0.keys.map(KeyNotation.name).joined(separator: " ") } ?? ""
    }

    public static let standard = Keymap(bindings: [
        KeyBinding(keys: [.char("j"), .down], context: .global, action: .down, help: "next row"),
        KeyBinding(keys: [.char("k"), .up], context: .global, action: .up, help: "previous row"),
        KeyBinding(keys: [.pageDown, .char(" ")], context: .global, action: .pageDown, help: "page down"),
        KeyBinding(keys: [.pageUp, .char("b")], context: .global, action: .pageUp, help: "page up"),
        KeyBinding(keys: [.ctrl("d")], context: .global, action: .halfPageDown, help: "half a page down"),
        KeyBinding(keys: [.ctrl("u")], context: .global, action: .halfPageUp, help: "half a page up"),
        KeyBinding(keys: [.char("g"), .home], context: .global, action: .top, help: "first row"),
        KeyBinding(keys: [.char("G"), .end], context: .global, action: .bottom, help: "last row"),
        KeyBinding(keys: [.tab], context: .global, action: .nextPane, help: "next pane"),
        KeyBinding(keys: [.backTab], context: .global, action: .previousPane, help: "previous pane"),
        KeyBinding(keys: [.char("1")], context: .global, action: .focus(.events), help: "Events pane"),
        KeyBinding(keys: [.char("2")], context: .global, action: .focus(.actors), help: "Actors pane"),
        KeyBinding(keys: [.char("3")], context: .global, action: .focus(.missions), help: "Missions pane"),
        KeyBinding(keys: [.char("4")], context: .global, action: .focus(.detail), help: "Detail pane"),
        KeyBinding(keys: [.enter, .char("l"), .right], context: .list, action: .open,
                   help: "open; on an actor or mission, narrow Events to it"),
        KeyBinding(keys: [.enter, .char("l"), .right], context: .detail, action: .open, help: "follow the selected link"),
        KeyBinding(keys: [.char("f")], context: .detail, action: .hints, help: "follow a link by its hint label"),
        KeyBinding(keys: [.char("f")], context: .list, action: .hints, help: "follow a detail link by its hint label"),
        KeyBinding(keys: [.backspace, .ctrl("o"), .char("["), .char("h"), .left], context: .global, action: .back, help: "back"),
        KeyBinding(keys: [.char("]")], context: .global, action: .forward, help: "forward"),
        KeyBinding(keys: [.char("/")], context: .global, action: .search, help: "search events, actors, missions"),
        KeyBinding(keys: [.char("n")], context: .global, action: .nextHit, help: "next search hit"),
        KeyBinding(keys: [.char("N")], context: .global, action: .previousHit, help: "previous search hit"),
        KeyBinding(keys: [.char("\\")], context: .global, action: .filter, help: "filter the focused list"),
        KeyBinding(keys: [.char(":")], context: .global, action: .command, help: "command prompt"),
        KeyBinding(keys: [.escape], context: .global, action: .clearFilters, help: "clear search, filter and chips"),
        KeyBinding(keys: [.char("m")], context: .global, action: .mark, help: "bookmark the open record"),
        KeyBinding(keys: [.char("'")], context: .global, action: .bookmarks, help: "bookmarks"),
        KeyBinding(keys: [.char("H")], context: .global, action: .history, help: "history"),
        KeyBinding(keys: [.char("?")], context: .global, action: .help, help: "help"),
        KeyBinding(keys: [.char("M")], context: .global, action: .toggleMouse, help: "mouse on/off"),
        KeyBinding(keys: [.ctrl("l")], context: .global, action: .redraw, help: "redraw"),
        KeyBinding(keys: [.char("q")], context: .global, action: .close, help: "close overlay; quit from the main view"),
        KeyBinding(keys: [.char("Q")], context: .global, action: .quit, help: "quit"),
        KeyBinding(keys: [.char("j"), .down], context: .overlay, action: .down, help: "next entry"),
        KeyBinding(keys: [.char("k"), .up], context: .overlay, action: .up, help: "previous entry"),
        KeyBinding(keys: [.pageDown, .char(" "), .ctrl("d")], context: .overlay, action: .pageDown, help: "page down"),
        KeyBinding(keys: [.pageUp, .char("b"), .ctrl("u")], context: .overlay, action: .pageUp, help: "page up"),
        KeyBinding(keys: [.char("g"), .home], context: .overlay, action: .top, help: "first entry"),
        KeyBinding(keys: [.char("G"), .end], context: .overlay, action: .bottom, help: "last entry"),
        KeyBinding(keys: [.enter, .char("l")], context: .overlay, action: .open, help: "open the entry"),
        KeyBinding(keys: [.char("q"), .escape, .char("?")], context: .overlay, action: .close, help: "close"),
        KeyBinding(keys: [.char("Q")], context: .overlay, action: .quit, help: "quit"),
    ])

    /// A few key hints per context for the bottom line.
    func hintLine(for context: KeyContext) -> [(keys: String, what: String)] {
        var actions: [(Action, String)]
        switch context {
        case .list: actions = [(.open, "open"), (.search, "search"), (.filter, "filter"), (.hints, "hint"), (.back, "back"),
                               (.nextPane, "pane"), (.command, "cmd"), (.help, "help"), (.quit, "quit")]
        case .detail: actions = [(.open, "follow"), (.hints, "hint"), (.back, "back"), (.forward, "fwd"), (.search, "search"),
                                 (.mark, "mark"), (.nextPane, "pane"), (.help, "help"), (.quit, "quit")]
        case .overlay: actions = [(.open, "open"), (.close, "close")]
        case .global: actions = [(.help, "help")]
        }
        return actions.map { a in
            let b = bindings.first(where: { $0.action == a.0 && $0.context == context })
                ?? bindings.first(where: { $0.action == a.0 && $0.context == .global })
            return (b.map { KeyNotation.name($0.keys[0]) } ?? "", a.1)
        }
    }
}
