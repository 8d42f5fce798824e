import BrowserModel

/// Which part of a frame row changed since the last frame. Pure, for the tests.
enum FrameDiff {
    /// The columns of row `y` (below `width`) to repaint, widened so that no wide
    /// character is painted by halves; nil when the row is unchanged. Without an
    /// old frame, the whole row.
    static func changedSpan(row y: Int, in frame: Frame, since old: Frame?, width: Int) -> ClosedRange<Int>? {
        guard width > 0 else { return nil }
        guard let old else { return 0...(width - 1) }
        var first = -1, last = -1
        for x in 0..<width where frame[x, y] != old[x, y] {
            if first < 0 { first = x }
            last = x
        }
        guard first >= 0 else { return nil }
        while first > 0 && (frame[first, y].width == 0 || old[first, y].width == 0) { first -= 1 }
        while last + 1 < width && (frame[last + 1, y].width == 0 || old[last + 1, y].width == 0) { last += 1 }
        return first...last
    }
}
