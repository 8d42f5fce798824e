/// A decoded key press. The front end turns terminal input into these; the keymap
/// turns them into actions.
public enum Key: Hashable, Sendable {
    case char(Character)        // a printable character, including space
    case ctrl(Character)        // ^A ... ^Z as lower-case letters, plus "[" "\\" "]" "^" "_"
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown, insert
    case function(Int)
    case resize
    case mouse(MouseEvent)
}

public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}

/// What the front end must do after the model handled a key.
public enum ScreenCommand: Equatable, Sendable {
    case none
    case quit(code: Int32)
    case redrawAll          // ^L: repaint everything from scratch
    case setMouse(Bool)
}

/// What a front end drives: keys in, frames out. `Browser` is the one implementation;
/// the protocol keeps CursesUI independent of the browser's internals.
public protocol Screen: AnyObject {
    func handle(_ key: Key) -> ScreenCommand
    /// Called when no key arrived within the poll interval; returns true when the
    /// screen changed (a debounced search finished, a message expired).
    func idle() -> Bool
    func frame(width: Int, height: Int) -> Frame
}
