import BrowserModel
import CNCursesW

/// Paints `Frame`s onto the curses screen, touching only the cells that changed
/// since the previous frame; ncurses then sends the terminal the least it can.
final class FramePainter {
    private let session: TerminalSession
    private var colorPairs: ColorPairRegistry
    /// Attributes and pair per style role, resolved on first use.
    private var resolved: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
    private var previous: Frame?
    private var clearFirst = true

    init(session: TerminalSession) {
        self.session = session
        colorPairs = ColorPairRegistry(capacity: Int(cr_color_pairs())) { pair, fg, bg in
            init_pair(pair, fg, bg) == OK
        }
    }

    /// The next paint redraws every cell; with `clearScreen` the terminal is
    /// cleared too (^L, a resume), in case something else wrote on it.
    func invalidate(clearScreen: Bool) {
        previous = nil
        if clearScreen { clearFirst = true }
    }

    func paint(_ frame: Frame) {
        let window = session.window
        let (columns, rows) = session.size
        var old = previous
        if old.map({ $0.width != frame.width || $0.height != frame.height }) ?? true {
            old = nil
            werase(window)
        }
        if clearFirst {
            clearok(window, true)
            clearFirst = false
        }
        let width = min(frame.width, columns), height = min(frame.height, rows)
        for y in 0..<height {
            guard let span = FrameDiff.changedSpan(row: y, in: frame, since: old, width: width) else { continue }
            paintRow(y, span: span, of: frame, width: width)
        }
        placeCursor(frame.cursor, width: width, height: height)
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    private func paintRow(_ y: Int, span: ClosedRange<Int>, of frame: Frame, width: Int) {
        var covered = span.lowerBound   // first column not yet painted
        for x in span {
            let cell = frame[x, y]
            if cell.width == 0 {
                if x < covered { continue }   // the right half of a wide character
                put([Glyph.space], at: x, y: y, style: cell.style)   // a stray continuation
                covered = x + 1
                continue
            }
            let columns = min(Int(cell.width), width - x)
            let glyphs = GlyphPlanner.glyphs(for: cell.text, width: columns) { Int(wcwidth(wchar_t(bitPattern: $0))) }
            put(glyphs, at: x, y: y, style: cell.style)
            covered = x + columns
        }
    }

    private func put(_ glyphs: [Glyph], at x: Int, y: Int, style role: StyleRole) {
        let (attributes, pair) = look(of: role)
        var column = x
        for glyph in glyphs {
            var chars = glyph.scalars.map { wchar_t(bitPattern: $0) }
            chars.append(0)
            var cell = cchar_t()
            // ERR here only means the last column of the last row, which is still drawn.
            if setcchar(&cell, chars, attributes, pair, nil) == OK, wmove(session.window, Int32(y), Int32(column)) == OK {
                wadd_wch(session.window, &cell)
            }
            column += glyph.columns
        }
    }

    private func look(of role: StyleRole) -> (attributes: attr_t, pair: Int16) {
        if let known = resolved[role] { return known }
        let style = session.theme[role]
        var attributes = cr_A_NORMAL()
        if style.attributes.contains(.bold) { attributes |= cr_A_BOLD() }
        if style.attributes.contains(.reverse) { attributes |= cr_A_REVERSE() }
        if style.attributes.contains(.underline) { attributes |= cr_A_UNDERLINE() }
        if style.attributes.contains(.dim) { attributes |= cr_A_DIM() }
        let pair = colorPairs.pair(foreground: style.foreground, background: style.background)
        resolved[role] = (attributes, pair)
        return (attributes, pair)
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, width: Int, height: Int) {
        if let c = cursor, c.x >= 0, c.y >= 0, c.x < width, c.y < height {
            wmove(session.window, Int32(c.y), Int32(c.x))
            session.setCursorVisible(true)
        } else {
            session.setCursorVisible(false)
        }
    }
}
