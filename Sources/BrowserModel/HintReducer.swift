import Atlas

/// Following a link by its hint label (`f` then the label's letters).
extension BrowserState {
    mutating func typeHint(_ c: Character, _ store: AtlasStore) {
        let typed = (hintInput ?? "") + String(c)
        if let hit = hints.first(where: { $0.label == typed }) {
            hintInput = nil
            follow(hit.target, store)
            return
        }
        if hints.contains(where: { $0.label.hasPrefix(typed) }) {
            hintInput = typed
        } else {
            hintInput = nil
            setMessage("no link labelled \(typed)", .dim)
        }
    }
}
