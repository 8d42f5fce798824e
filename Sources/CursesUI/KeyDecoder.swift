import BrowserModel
import CNCursesW

/// What one read from the terminal amounts to.
enum InputEvent: Equatable {
    case key(Key)
    /// KEY_MOUSE: the event itself must be fetched with getmouse.
    case mouseReport
    /// Something that is not a key for us (a lone C1 control, focus reports...).
    case ignored
    /// Nothing arrived within the timeout.
    case timeout
}

/// Turns what `wget_wch` returns into a `Key`. Pure, so it is tested with raw codes
/// and no terminal.
enum KeyDecoder {
    /// `status` is wget_wch's result (OK, KEY_CODE_YES or ERR) and `value` the
    /// character or key code it stored. `keyName` names the codes above KEY_MAX
    /// that ncurses makes up for modified keys (keyname gives "kUP5" for Ctrl-Up).
    static func decode(status: Int32, value: UInt32, keyName: (Int32) -> String? = { _ in nil }) -> InputEvent {
        switch status {
        case OK: return decodeCharacter(value)
        case KEY_CODE_YES: return decodeKeyCode(Int32(bitPattern: value), keyName: keyName)
        default: return .timeout
        }
    }

    static func decodeCharacter(_ value: UInt32) -> InputEvent {
        switch value {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x1B: return .key(.escape)
        case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60))))
        case 0x1C: return .key(.ctrl("\\"))
        case 0x1D: return .key(.ctrl("]"))
        case 0x1E: return .key(.ctrl("^"))
        case 0x1F: return .key(.ctrl("_"))
        case 0x00, 0x80...0x9F: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }

    static func decodeKeyCode(_ code: Int32, keyName: (Int32) -> String?) -> InputEvent {
        switch code {
        case KEY_UP, KEY_SR: return .key(.up)
        case KEY_DOWN, KEY_SF: return .key(.down)
        case KEY_LEFT, KEY_SLEFT: return .key(.left)
        case KEY_RIGHT, KEY_SRIGHT: return .key(.right)
        // Terminals disagree on Home/End: keypad corners, Find/Select (\e[1~ \e[4~).
        case KEY_HOME, KEY_A1, KEY_FIND, KEY_BEG, KEY_SHOME: return .key(.home)
        case KEY_END, KEY_C1, KEY_SELECT, KEY_LL, KEY_SEND: return .key(.end)
        case KEY_PPAGE, KEY_A3, KEY_SPREVIOUS: return .key(.pageUp)
        case KEY_NPAGE, KEY_C3, KEY_SNEXT: return .key(.pageDown)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC, KEY_SDC: return .key(.delete)
        case KEY_IC, KEY_SIC: return .key(.insert)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE: return .key(.resize)
        case KEY_MOUSE: return .mouseReport
        case KEY_F0 + 1 ... KEY_F0 + 63: return .key(.function(Int(code - KEY_F0)))
        default:
            if code > KEY_MAX, let name = keyName(code) { return decodeExtendedKey(named: name) }
            return .ignored
        }
    }

    /// ncurses names modified keys after their terminfo capability plus a modifier
    /// digit (kUP5 is Ctrl-Up, kDC3 Alt-Delete); we take them as the plain key.
    static func decodeExtendedKey(named name: String) -> InputEvent {
        let base = String(name.reversed().drop(while: \.isNumber).reversed())
        switch base {
        case "kUP": return .key(.up)
        case "kDN": return .key(.down)
        case "kLFT": return .key(.left)
        case "kRIT": return .key(.right)
        case "kHOM": return .key(.home)
        case "kEND": return .key(.end)
        case "kPRV": return .key(.pageUp)
        case "kNXT": return .key(.pageDown)
        case "kDC": return .key(.delete)
        case "kIC": return .key(.insert)
        default: return .ignored
        }
    }

    /// A mouse report from getmouse: a left press, or the wheel (buttons 4 and 5).
    static func decodeMouse(buttons: mmask_t, x: Int32, y: Int32) -> Key? {
        let kind: MouseEvent.Kind
        if buttons & cr_BUTTON4_PRESSED() != 0 { kind = .wheelUp }
        else if buttons & cr_BUTTON5_PRESSED() != 0 { kind = .wheelDown }
        else if buttons & (cr_BUTTON1_PRESSED() | cr_BUTTON1_CLICKED()) != 0 { kind = .press }
        else { return nil }
        return .mouse(MouseEvent(kind: kind, x: Int(x), y: Int(y)))
    }
}
