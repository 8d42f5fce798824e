import Atlas

/// The browser, one way round: an event comes in (`update`), the keymap turns it
/// into an action for the current mode, one reducer per concern changes the state,
/// the load step reads what the new state shows, and the effects go back to the
/// loop; `frame()` then draws the state and nothing else. No terminal code:
/// CursesUI feeds it events and paints its frames; `crossroads snapshot` and the
/// tests do the same without a terminal.
@dynamicMemberLookup
public final class Browser: Screen {
    public internal(set) var store: AtlasStore
    public let keymap: Keymap
    public internal(set) var state: BrowserState

    public init(store: AtlasStore, userState: UserState = UserState(), keymap: Keymap = .standard) {
        self.store = store
        self.keymap = keymap
        state = BrowserState(store: store, userState: userState, keymap: keymap)
        state.previewSelection(store)
        state.load(store)
    }

    /// The state's fields read (and, in tests, set) through the browser.
    public subscript<T>(dynamicMember path: WritableKeyPath<BrowserState, T>) -> T {
        get { state[keyPath: path] }
        set { state[keyPath: path] = newValue }
    }

    public subscript<T>(dynamicMember path: KeyPath<BrowserState, T>) -> T { state[keyPath: path] }

    public func update(_ event: BrowserEvent) -> [Effect] {
        switch event {
        case .resize(let width, let height):
            state.width = max(0, width)
            state.height = max(0, height)
        case .key(.resize):
            break  // the loop sends the new size as `.resize(width:height:)`
        case .key(let key):
            if case .mouse = key {} else { state.message = nil }
            let context = state.keyContext
            if let action = keymap.action(for: key, in: context) {
                state.reduce(action, store)
            } else if case .char(let c) = key, context == .list || context == .detail {
                state.setMessage("\(KeyNotation.name(.char(c))) does nothing here; ? shows the keys", .dim)
            }
        case .action(let action):
            state.reduce(action, store)
        case .effectFailed(let why):
            state.setMessage(why, .error)
        case .effectDone(let what):
            state.setMessage(TerminalText.sanitize(what), .dim)
        case .atlasReloaded(let box):
            reopen(box.store)
        }
        state.load(store)
        return takeEffects()
    }

    public func frame() -> Frame { state.frame() }

    /// The effects asked for, the state file saved once (its last state) at the end.
    private func takeEffects() -> [Effect] {
        let effects = state.outbox
        state.outbox = []
        var out: [Effect] = []
        var save: Effect?
        for e in effects {
            if case .saveUserState = e { save = e } else { out.append(e) }
        }
        if let save { out.append(save) }
        return out
    }

    // MARK: starting points

    /// Opens on a record (`--at ID`); false, with the reason on the status line,
    /// when there is no such record or the store cannot say.
    @discardableResult
    public func open(id: String) -> Bool {
        do {
            guard try store.lookup(id) != nil else {
                let near = try store.suggestions(for: id)
                state.setMessage("no record '\(id)'" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"), .error)
                return false
            }
        } catch {
            state.setMessage("could not read '\(id)': \(error.description)", .error)
            return false
        }
        _ = update(.action(.goTo(id)))
        return true
    }

    /// Runs a search as if typed at `/` and confirmed (`--search QUERY`).
    public func startSearch(_ query: String) {
        _ = update(.action(.searchFor(query)))
    }
}
