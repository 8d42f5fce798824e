import Atlas

/// What reaches the browser from outside: a key (mouse included), the terminal's
/// size, an action given directly (`--at`, `--search`), or an effect that failed.
public enum BrowserEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case action(Action)
    /// An effect the loop could not carry out, said on the status line.
    case effectFailed(String)
}

/// What the browser asks of the front end after an update; the loop carries these
/// out off the key path and reports failures back as `.effectFailed`.
public enum Effect: Equatable, Sendable {
    case quit(code: Int32)
    /// ^L: repaint everything from scratch.
    case redrawAll
    case setMouse(Bool)
    /// History, bookmarks or prompt histories changed: write the state file.
    case saveUserState(UserState)
}

/// What a front end drives: events in, effects and frames out. `Browser` is the one
/// implementation; the protocol keeps CursesUI independent of its internals.
public protocol Screen: AnyObject {
    /// Updates the state; returns what the front end must carry out.
    func update(_ event: BrowserEvent) -> [Effect]
    /// The screen for the current state: a pure function of it.
    func frame() -> Frame
}

extension Effect {
    public var isQuit: Bool {
        if case .quit = self { return true }
        return false
    }
}
