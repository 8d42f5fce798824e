import Atlas

/// Where a selectable detail line leads.
enum DetailTarget: Hashable, Sendable {
    case record(String)
    /// Narrow the Events pane to this actor's or mission's events.
    case filterEvents(kind: RecordKind, id: String, title: String)
}
