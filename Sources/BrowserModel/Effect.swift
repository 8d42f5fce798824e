import Atlas

/// What the browser asks of the front end after an update; the loop carries these
/// out off the key path and reports failures back as `.effectFailed`.
public enum Effect: Equatable, Sendable {
    case quit(code: Int32)
    /// ^L: repaint everything from scratch.
    case redrawAll
    case setMouse(Bool)
    /// History, bookmarks or prompt histories changed: write the state file.
    case saveUserState(UserState)
    /// Getting things out: see `OutwardEffects.swift`.
    case copy(Clip)
    case openURL(String)
    case edit(EditRequest)
    case export(ExportRequest)
}

extension Effect {
    public var isQuit: Bool {
        if case .quit = self { return true }
        return false
    }
}
