/// Keys written as text, vim style: `/faouar<Enter><Tab>`, `<C-o>`, `<S-Tab>`.
/// Used by `crossroads snapshot --keys`, tests, and the help screen's key names.
public enum KeyNotation {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "--keys: \(message) at character \(offset + 1)" }
    }

    static let named: [(String, Key)] = [
        ("Enter", .enter), ("CR", .enter), ("Return", .enter), ("Tab", .tab), ("S-Tab", .backTab),
        ("BS", .backspace), ("Backspace", .backspace), ("Del", .delete), ("Delete", .delete),
        ("Esc", .escape), ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("Home", .home), ("End", .end), ("PgUp", .pageUp), ("PageUp", .pageUp), ("PgDn", .pageDown),
        ("PageDown", .pageDown), ("Insert", .insert), ("Space", .char(" ")), ("lt", .char("<")),
        ("Bslash", .char("\\")), ("Resize", .resize),
    ]

    public static func parse(_ s: String) throws(ParseError) -> [Key] {
        var keys: [Key] = []
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "<", let close = chars[(i + 1)...].firstIndex(of: ">"), close > i + 1 {
                let name = String(chars[(i + 1)..<close])
                if let key = key(named: name) {
                    keys.append(key)
                    i = close + 1
                    continue
                }
                // `<` followed by something that is not a key name is a literal `<`.
                if name.contains(where: { $0 == " " || $0 == "<" }) == false && name.count <= 8 {
                    throw ParseError(offset: i, message: "unknown key name <\(name)>; known: \(named.map { "<\($0.0)>" }.joined(separator: " ")) <C-x> <F1>")
                }
            }
            keys.append(key(for: c))
            i += 1
        }
        return keys
    }

    static func key(for c: Character) -> Key {
        switch c {
        case "\r", "\n", "\r\n": return .enter
        case "\t": return .tab
        case "\u{1B}": return .escape
        case "\u{7F}", "\u{08}": return .backspace
        default:
            if let a = c.asciiValue, a >= 1, a <= 26 { return .ctrl(Character(Unicode.Scalar(a + 96))) }
            return .char(c)
        }
    }

    static func key(named name: String) -> Key? {
        if let k = named.first(where: { $0.0.lowercased() == name.lowercased() })?.1 { return k }
        let lower = name.lowercased()
        if lower.hasPrefix("c-"), name.count == 3, let c = lower.last { return .ctrl(c) }
        if lower.hasPrefix("f"), let n = Int(name.dropFirst()), (1...24).contains(n) { return .function(n) }
        return nil
    }

    /// The name shown in help and hint lines: `j`, `^D`, `Enter`, `S-Tab`.
    public static func name(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "BS"
        case .delete: return "Del"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        case .resize: return "Resize"
        case .mouse: return "Mouse"
        }
    }
}
