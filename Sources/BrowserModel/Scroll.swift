/// A viewport over `count` lines: the first line shown and how many fit. The one
/// scroll type of the browser: list panes, the detail, overlays and search results
/// each keep one, sized by the load step and moved by the reducers.
struct Scroll: Equatable, Sendable {
    var top = 0
    /// Lines that fit on screen (at least 1).
    var height = 10
    var count = 0

    var maxTop: Int { max(0, count - height) }
    /// The lines on screen.
    var visible: Range<Int> { min(top, count)..<min(count, top + height) }
    /// A page move: a screenful less the line kept for context.
    var page: Int { max(1, height - 1) }

    mutating func resize(height h: Int, count n: Int) {
        height = max(1, h)
        count = max(0, n)
        clamp()
    }

    /// Keeps `top` inside the lines, the last screen full.
    mutating func clamp() { top = min(max(0, top), maxTop) }

    mutating func scroll(by delta: Int) {
        top = top.addingReportingOverflow(delta).overflow ? (delta < 0 ? 0 : maxTop) : top + delta
        clamp()
    }

    /// Keeps `line` on screen with `margin` lines around it, always (vim's scrolloff).
    mutating func keep(_ line: Int, margin: Int) {
        if line < top + margin { top = line - margin }
        if line >= top + height - margin { top = line - height + 1 + margin }
        clamp()
    }

    /// Scrolls only when `line` is off screen, then shows `context` lines around it.
    mutating func reveal(_ line: Int, context: Int) {
        if line < top { top = line - context }
        if line >= top + height { top = line - height + 1 + context }
        clamp()
    }

    /// Puts `line` a `fraction` of the way down (a jump, like a search in less).
    mutating func place(_ line: Int, at fraction: Int) {
        top = line - height / fraction
        clamp()
    }
}
