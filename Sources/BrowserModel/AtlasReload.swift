import Atlas

/// A store in an event (events are Hashable; a store is compared by identity).
public struct StoreBox: Hashable, @unchecked Sendable {
    public let store: AtlasStore
    public init(_ store: AtlasStore) { self.store = store }
    public static func == (a: StoreBox, b: StoreBox) -> Bool { a.store === b.store }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(store)) }
}

extension Browser {
    /// After `e`: the same browser on the atlas read again. The user state, the
    /// trail, the size and the open record stay; lists are read afresh.
    func reopen(_ newStore: AtlasStore) {
        let old = state
        var user = old.userState
        user.history = old.history.entries
        store = newStore
        state = BrowserState(store: newStore, userState: user, keymap: keymap)
        state.atlasFolder = old.atlasFolder
        state.width = old.width
        state.height = old.height
        state.focus = old.focus
        if let id = old.current { state.reduce(.goTo(id), newStore) }
        state.setMessage("reloaded \(newStore.origin)", .dim)
    }
}
