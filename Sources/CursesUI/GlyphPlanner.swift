/// What one curses cell gets: a spacing character followed by zero-width ones
/// (at most CCHARW_MAX in all), taking `columns` columns.
struct Glyph: Equatable {
    var scalars: [UInt32]
    var columns: Int

    static let space = Glyph(scalars: [0x20], columns: 1)
}

/// Turns a frame cell's grapheme into glyphs that fill exactly the cell's width as
/// ncurses counts it (wcwidth of each spacing character). When the model and
/// wcwidth disagree (emoji presentation, flags, ZWJ sequences), alignment wins over
/// fidelity: a row must never shift. Pure; wcwidth is passed in for the tests.
enum GlyphPlanner {
    static let replacement: UInt32 = 0xFFFD
    static let dottedCircle: UInt32 = 0x25CC
    static let zeroWidthJoiner: UInt32 = 0x200D
    static let emojiPresentation: UInt32 = 0xFE0F
    /// CCHARW_MAX: characters a cchar_t holds.
    static let maxScalars = 5

    static func glyphs(for text: String, width: Int, wcwidth: (UInt32) -> Int) -> [Glyph] {
        guard width > 0 else { return [] }
        let scalars = text.unicodeScalars.map { sanitize($0.value) }
        guard let base = scalars.first else { return padded([], to: width) }
        let baseWidth = wcwidth(base)
        let rest = scalars.dropFirst()
        // Zero-width characters that ride on the base: combining marks, joiners,
        // variation selectors. What follows the first spacing one is dropped.
        var marks = Array(rest.prefix { wcwidth($0) == 0 }.prefix(maxScalars - 1))
        while marks.last == zeroWidthJoiner { marks.removeLast() }

        if isRegionalIndicator(base), let second = rest.first, isRegionalIndicator(second),
           baseWidth == 1, wcwidth(second) == 1, width >= 2 {
            // A flag: two one-column characters the terminal may join.
            return padded([Glyph(scalars: [base], columns: 1), Glyph(scalars: [second], columns: 1)], to: width)
        }
        if baseWidth == 0 {
            // A mark with nothing to sit on is shown on a dotted circle.
            return padded([Glyph(scalars: [dottedCircle, base] + marks.prefix(maxScalars - 2), columns: 1)], to: width)
        }
        if baseWidth < 0 || baseWidth > width {
            return padded([Glyph(scalars: [replacement], columns: 1)], to: width)
        }
        if baseWidth < width {
            // The model counts it wider than wcwidth (VS16 emoji): ask for the text
            // presentation and pad, so that terminal and curses agree on columns.
            marks.removeAll { $0 == emojiPresentation || $0 == zeroWidthJoiner }
        }
        return padded([Glyph(scalars: [base] + marks, columns: baseWidth)], to: width)
    }

    /// C0, DEL and C1 controls never reach the terminal.
    static func sanitize(_ v: UInt32) -> UInt32 {
        (v < 0x20 || (0x7F...0x9F).contains(v)) ? replacement : v
    }

    static func isRegionalIndicator(_ v: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(v) }

    private static func padded(_ glyphs: [Glyph], to width: Int) -> [Glyph] {
        let used = glyphs.reduce(0) { $0 + $1.columns }
        return glyphs + Array(repeating: .space, count: max(0, width - used))
    }
}
