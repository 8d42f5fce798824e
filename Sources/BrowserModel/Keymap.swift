/// Where a binding applies. Global bindings apply everywhere unless a more
/// specific context binds the same key.
public enum KeyContext: String, Sendable, CaseIterable {
    case global, list, detail, overlay
    /// A `/`, `\` or `:` prompt is open: its own table, and a printable key types itself.
    case prompt
    /// Hint labels wait for a key: a printable key types a label, any other cancels.
    case hint
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

    /// The action for a key in a mode. The prompt and hint tables stand alone (a
    /// printable key is text there); the overlay's too; lists and the detail fall
    /// back on the global table. The mouse acts the same everywhere.
    public func action(for key: Key, in context: KeyContext) -> Action? {
        if case .mouse(let m) = key { return .mouse(m) }
        if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.action }
        switch context {
        case .prompt:
            if case .char(let c) = key { return .prompt(.insert(c)) }
            return nil
        case .hint:
            if case .char(let c) = key { return .hintKey(c) }
            return .cancelHints
        case .overlay:
            return nil
        case .global, .list, .detail:
            return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.action
        }
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
        KeyBinding(keys: [.char("y")], context: .global, action: .yankID, help: "yank (copy) the open record's id"),
        KeyBinding(keys: [.char("Y")], context: .global, action: .yankCitation, help: "yank a Markdown citation of the open record"),
        KeyBinding(keys: [.char("o")], context: .global, action: .openURL, help: "open the selected source's URL (or the record's)"),
        KeyBinding(keys: [.char("e")], context: .global, action: .edit, help: "edit the record in $EDITOR (atlas folder), then reload"),
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
        KeyBinding(keys: [.char("d")], context: .overlay, action: .deleteBookmark, help: "delete the bookmark (bookmarks box)"),
        KeyBinding(keys: [.char("q"), .escape, .char("?")], context: .overlay, action: .close, help: "close"),
        KeyBinding(keys: [.char("Q")], context: .overlay, action: .quit, help: "quit"),
        KeyBinding(keys: [.enter], context: .prompt, action: .prompt(.submit), help: "accept"),
        KeyBinding(keys: [.escape, .ctrl("c"), .ctrl("g")], context: .prompt, action: .prompt(.cancel), help: "cancel"),
        KeyBinding(keys: [.up, .ctrl("p")], context: .prompt, action: .prompt(.earlier), help: "earlier entry in the prompt's history"),
        KeyBinding(keys: [.down, .ctrl("n")], context: .prompt, action: .prompt(.later), help: "later entry in the prompt's history"),
        KeyBinding(keys: [.left, .ctrl("b")], context: .prompt, action: .prompt(.left), help: "cursor left"),
        KeyBinding(keys: [.right, .ctrl("f")], context: .prompt, action: .prompt(.right), help: "cursor right"),
        KeyBinding(keys: [.home, .ctrl("a")], context: .prompt, action: .prompt(.home), help: "start of the line"),
        KeyBinding(keys: [.end, .ctrl("e")], context: .prompt, action: .prompt(.end), help: "end of the line"),
        KeyBinding(keys: [.backspace, .ctrl("h")], context: .prompt, action: .prompt(.deleteBackward),
                   help: "delete before the cursor; on an empty line, cancel"),
        KeyBinding(keys: [.delete, .ctrl("d")], context: .prompt, action: .prompt(.deleteForward), help: "delete under the cursor"),
        KeyBinding(keys: [.ctrl("u")], context: .prompt, action: .prompt(.deleteToStart), help: "delete to the start"),
        KeyBinding(keys: [.ctrl("k")], context: .prompt, action: .prompt(.deleteToEnd), help: "delete to the end"),
        KeyBinding(keys: [.ctrl("w")], context: .prompt, action: .prompt(.deleteWord), help: "delete the word before the cursor"),
        KeyBinding(keys: [.tab], context: .prompt, action: .prompt(.complete), help: "complete a command or an id (: prompt)"),
        KeyBinding(keys: [.escape], context: .hint, action: .cancelHints, help: "cancel; a letter types a label, any other key cancels"),
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
        case .global, .prompt, .hint: actions = [(.help, "help")]
        }
        return actions.map { a in
            let b = bindings.first(where: { $0.action == a.0 && $0.context == context })
                ?? bindings.first(where: { $0.action == a.0 && $0.context == .global })
            return (b.map { KeyNotation.name($0.keys[0]) } ?? "", a.1)
        }
    }
}
