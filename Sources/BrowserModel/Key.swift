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
