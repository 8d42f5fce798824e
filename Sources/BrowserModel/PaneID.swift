/// The panes of the browser.
public enum PaneID: Int, CaseIterable, Sendable {
    case events = 1, actors, missions, detail

    public var title: String {
        switch self {
        case .events: return "Events"
        case .actors: return "Actors"
        case .missions: return "Missions"
        case .detail: return "Detail"
        }
    }
}
