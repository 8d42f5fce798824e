import Atlas

/// The one dispatcher: every action (from the keymap, a `:` command, `--at` or
/// `--search`) goes through `reduce`, which hands it to the reducer of its concern.
extension BrowserState {
    mutating func reduce(_ action: Action, _ store: AtlasStore) {
        switch action {
        case .prompt(let edit): editPrompt(edit, store)
        case .hintKey(let c): typeHint(c, store)
        case .cancelHints: hintInput = nil
        case .mouse(let m): handleMouse(m, store)
        case .yankID, .yankCitation, .openURL, .edit, .export, .deleteBookmark, .note: reduceOutward(action, store)
        default:
            if overlay != nil { reduceOverlay(action, store) } else { reduceMain(action, store) }
        }
    }

    private mutating func reduceMain(_ action: Action, _ store: AtlasStore) {
        switch action {
        case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom, .nextPane, .previousPane, .focus:
            reducePanes(action, store)
        case .open, .back, .forward, .goTo, .clearFilters, .mark:
            reduceNavigation(action, store)
        case .search: openPrompt(.search)
        case .filter: openPrompt(.filter)
        case .command: openPrompt(.command)
        case .searchFor(let query): startSearch(query, store)
        case .filterText(let text): filterFocusedList(text, store)
        case .nextHit: stepHit(1, store)
        case .previousHit: stepHit(-1, store)
        case .hints:
            if hints.isEmpty { setMessage("no links to follow here", .dim) } else { hintInput = "" }
        case .help: overlay = Overlay.help(keymap)
        case .history: overlay = Overlay.history(history, store: store)
        case .bookmarks: overlay = Overlay.bookmarks(userState.bookmarks, notes: userState.notes, store: store)
        case .toggleMouse:
            mouseEnabled.toggle()
            setMessage("mouse \(mouseEnabled ? "on: click selects, wheel scrolls" : "off")", .dim)
            outbox.append(.setMouse(mouseEnabled))
        case .redraw: outbox.append(.redrawAll)
        case .close, .quit: outbox.append(.quit(code: 0))
        case .prompt, .hintKey, .cancelHints, .mouse, .yankID, .yankCitation, .openURL, .edit, .export, .deleteBookmark, .note:
            break  // dispatched above
        }
    }
}
