/// What a front end drives: events in, effects and frames out. `Browser` is the one
/// implementation; the protocol keeps CursesUI independent of its internals.
public protocol Screen: AnyObject {
    /// Updates the state; returns what the front end must carry out.
    func update(_ event: BrowserEvent) -> [Effect]
    /// The screen for the current state: a pure function of it.
    func frame() -> Frame
}
