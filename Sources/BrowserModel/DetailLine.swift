/// One line of the detail pane.
struct DetailLine: Equatable {
    var spans: [Span]
    var target: DetailTarget?
    /// Columns to indent the hint label by (the line's own indentation).
    var indent: Int = 2
}
