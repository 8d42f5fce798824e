import CNCursesW

/// Escape sequences that terminals send for keys their terminfo entry may not list:
/// inside tmux or screen with TERM=xterm-256color, over SSH from another terminal,
/// rxvt and PuTTY. ncurses only knows the entry's own, so these are added with
/// define_key unless the entry already has them.
enum KeySequences {
    static let alternatives: [(sequence: String, code: Int32)] = {
        var list: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
            ("\u{1B}[2~", KEY_IC), ("\u{1B}[3~", KEY_DC),
            ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE),
            ("\u{1B}[Z", KEY_BTAB), ("\u{1B}OM", KEY_ENTER),
        ]
        // Arrows in both cursor-key modes.
        for (letter, code) in [("A", KEY_UP), ("B", KEY_DOWN), ("C", KEY_RIGHT), ("D", KEY_LEFT)] {
            list.append(("\u{1B}[" + letter, code))
            list.append(("\u{1B}O" + letter, code))
        }
        // F1-F4 as SS3 (xterm) and as CSI n ~ (rxvt, PuTTY); F5-F12 as CSI n ~.
        for (n, letter) in zip(1...4, ["P", "Q", "R", "S"]) { list.append(("\u{1B}O" + letter, cr_KEY_F(Int32(n)))) }
        for (n, number) in zip(1...12, [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24]) {
            list.append(("\u{1B}[\(number)~", cr_KEY_F(Int32(n))))
        }
        return list
    }()

    /// Teaches the current ncurses screen the alternatives it does not know yet.
    static func defineAlternatives() {
        for (sequence, code) in alternatives where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }
}
