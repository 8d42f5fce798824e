#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWidth

/// Text as a terminal will show it: data from files is made inert (no control
/// character or escape sequence ever reaches the terminal) and measured in columns
/// the way the terminal measures it (`wcwidth` per grapheme cluster).
///
/// This is shared by the browser and the command line's text tables, so both stay
/// aligned and safe. It is hand-written because Swift's Unicode properties have no
/// East Asian Width; glibc's `wcwidth` is what ncurses and the terminal use.
public enum TerminalText {
    /// Replaces what a terminal would interpret: C0 controls become their Control
    /// Pictures (ESC shows as ␛, so `\e[2J` is the harmless text `␛[2J`), DEL ␡,
    /// C1 controls and bidirectional overrides U+FFFD. Tabs and newlines become
    /// spaces when `singleLine` (list rows), ␉/␊ otherwise.
    public static func sanitize(_ s: String, singleLine: Bool = true) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return s }
        // Most non-ASCII text (Cyrillic, Arabic, CJK) needs nothing: check before
        // building a copy.
        if let first = s.unicodeScalars.first, !isBareMark(first), !s.unicodeScalars.contains(where: needsReplacing) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x09, 0x0A, 0x0D:
                if singleLine { out.append(" ") } else { out.append(Unicode.Scalar(0x2400 + u.value)!) }
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + u.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80..<0xA0: out.append("\u{FFFD}")
            // Bidi embeddings, overrides and isolates reorder what follows them on the
            // line; shown inert so that no row can make another look different.
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: out.append("\u{FFFD}")
            // Line and paragraph separators break rows in some terminals.
            case 0x2028, 0x2029: out.append(" ")
            default:
                // A combining mark with nothing before it would join whatever the
                // terminal drew in the previous cell; the dotted circle gives it a base.
                if out.isEmpty, isBareMark(u) {
                    out.append("\u{25CC}")
                }
                out.append(u)
            }
        }
        return String(out)
    }

    /// What `sanitize` replaces.
    private static func needsReplacing(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func isBareMark(_ u: Unicode.Scalar) -> Bool {
        u.properties.generalCategory == .nonspacingMark || u.properties.generalCategory == .enclosingMark
    }

    private static let localeReady: Bool = {
        // wcwidth answers -1 for every non-ASCII character in the C locale; any
        // UTF-8 locale gives the real widths.
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
        return true
    }()

    /// Columns one grapheme cluster takes: 0, 1 or 2.
    public static func width(of c: Character) -> Int {
        _ = localeReady
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value >= 0x20 ? 1 : 0 }
        // Emoji presentation (VS16) and regional-indicator flags are two columns in
        // every current terminal, whatever wcwidth says about the base.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return scalars.count >= 2 ? 2 : 1 }
        let w = Int(crossroads_wcwidth(first.value))
        if w < 0 { return 1 }          // unassigned or control: shown as one cell
        if w == 0 { return first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark ? 1 : 0 }
        return w
    }

    /// Columns a string takes.
    public static func width(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
        return s.reduce(0) { $0 + width(of: $1) }
    }

    /// The longest prefix that fits in `columns`, with `…` when something was cut.
    public static func truncate(_ s: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(s) <= columns { return s }
        var out = ""
        var used = 0
        for c in s {
            let w = width(of: c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Truncated or padded with spaces to exactly `columns`.
    public static func pad(_ s: String, to columns: Int) -> String {
        let t = truncate(s, to: columns)
        return t + String(repeating: " ", count: max(0, columns - width(t)))
    }
}
