/// A hint label on screen and where it leads.
struct Hint: Equatable {
    var label: String
    var target: DetailTarget
    /// The detail line it labels.
    var line: Int
}
