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

    /// Applies one edit (the keymap's prompt table turns keys into these).
    mutating func apply(_ edit: PromptEdit) -> Outcome {
        var chars = Array(text)
        switch edit {
        case .insert(let c):
            guard chars.count < Self.maxLength else { return .ignored }
            chars.insert(c, at: cursor)
            cursor += 1
        case .deleteBackward:
            if chars.isEmpty { return .cancel }
            guard cursor > 0 else { return .ignored }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < chars.count else { return .ignored }
            chars.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1); return .moved
        case .right: cursor = min(chars.count, cursor + 1); return .moved
        case .home: cursor = 0; return .moved
        case .end: cursor = chars.count; return .moved
        case .deleteToStart:
            chars.removeFirst(cursor)
            cursor = 0
        case .deleteToEnd:
            chars.removeLast(chars.count - cursor)
        case .deleteWord:
            var i = cursor
            while i > 0 && chars[i - 1] == " " { i -= 1 }
            while i > 0 && chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor)
            cursor = i
        case .earlier:
            guard !history.isEmpty else { return .ignored }
            if historyIndex == nil { draft = text; historyIndex = history.count }
            historyIndex = max(0, historyIndex! - 1)
            setText(history[historyIndex!])
            return .edited
        case .later:
            guard let i = historyIndex else { return .ignored }
            if i + 1 >= history.count { historyIndex = nil; setText(draft) } else { historyIndex = i + 1; setText(history[i + 1]) }
            return .edited
        case .submit: return .submit
        case .cancel: return .cancel
        case .complete: return .complete
        }
        text = String(chars)
        return .edited
    }

    /// A key read through the keymap's prompt table, then applied.
    mutating func handle(_ key: Key, keymap: Keymap = .standard) -> Outcome {
        guard case .prompt(let edit)? = keymap.action(for: key, in: .prompt) else { return .ignored }
        return apply(edit)
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
