import Atlas

/// A one-line editor for the `/`, `\` and `:` prompts, with emacs-style keys and
/// a history walked with ↑/↓. Input is kept as typed; it is sanitized when drawn.
struct Prompt: Equatable {
    enum Kind: Equatable { case search, filter, command }

    var kind: Kind
    var text: String = ""
    /// Cursor position in characters.
    var cursor: Int = 0
    var history: [String]
    /// Position in history while walking it; nil when editing a new line.
    var historyIndex: Int?
    private var draft: String = ""

    static let maxLength = 500

    init(kind: Kind, history: [String]) {
        self.kind = kind
        self.history = history
    }

    var symbol: String {
        switch kind {
        case .search: return "/"
        case .filter: return "\\"
        case .command: return ":"
        }
    }

    enum Outcome { case edited, moved, submit, cancel, complete, ignored }

    mutating func handle(_ key: Key) -> Outcome {
        var chars = Array(text)
        switch key {
        case .char(let c):
            guard chars.count < Self.maxLength else { return .ignored }
            chars.insert(c, at: cursor)
            cursor += 1
        case .backspace, .ctrl("h"):
            if chars.isEmpty { return .cancel }
            guard cursor > 0 else { return .ignored }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return .ignored }
            chars.remove(at: cursor)
        case .left, .ctrl("b"): cursor = max(0, cursor - 1); return .moved
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1); return .moved
        case .home, .ctrl("a"): cursor = 0; return .moved
        case .end, .ctrl("e"): cursor = chars.count; return .moved
        case .ctrl("u"):
            chars.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            chars.removeLast(chars.count - cursor)
        case .ctrl("w"):
            var i = cursor
            while i > 0 && chars[i - 1] == " " { i -= 1 }
            while i > 0 && chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor)
            cursor = i
        case .up, .ctrl("p"):
            guard !history.isEmpty else { return .ignored }
            if historyIndex == nil { draft = text; historyIndex = history.count }
            historyIndex = max(0, historyIndex! - 1)
            setText(history[historyIndex!])
            return .edited
        case .down, .ctrl("n"):
            guard let i = historyIndex else { return .ignored }
            if i + 1 >= history.count { historyIndex = nil; setText(draft) } else { historyIndex = i + 1; setText(history[i + 1]) }
            return .edited
        case .enter: return .submit
        case .escape, .ctrl("c"), .ctrl("g"): return .cancel
        case .tab: return .complete
        default: return .ignored
        }
        text = String(chars)
        return .edited
    }

    mutating func setText(_ s: String) {
        text = String(s.prefix(Self.maxLength))
        cursor = text.count
    }

    /// Adds a line to a history list: most recent last, no duplicates, bounded.
    static func remember(_ line: String, in history: inout [String], limit: Int = 100) {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return }
        history.removeAll { $0 == t }
        history.append(t)
        if history.count > limit { history.removeFirst(history.count - limit) }
    }
}
