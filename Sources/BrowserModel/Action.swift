/// Everything the browser can be asked to do. The keymap gives these for keys,
/// `:` commands parse into them, and `--at`/`--search` start with them: one
/// vocabulary, one dispatcher (`BrowserState.reduce`).
public enum Action: Hashable, Sendable {
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case nextPane, previousPane, focus(PaneID)
    case open, back, forward
    /// Opens a record by id, or selects the first event on or after a date (`:goto`, `--at`).
    case goTo(String)
    case search, nextHit, previousHit, filter, command, clearFilters
    /// Runs a search as if typed at `/` and confirmed (`:search`, `--search`).
    case searchFor(String)
    /// Filters the focused list as if typed at `\` (`:filter`).
    case filterText(String)
    case hints
    /// A key typed while hint labels wait for one; anything else cancels them.
    case hintKey(Character), cancelHints
    case help, history, bookmarks, mark
    case toggleMouse, redraw, close, quit
    /// An edit of the open prompt's line.
    case prompt(PromptEdit)
    case mouse(MouseEvent)
    /// Getting things out (issue 15): yank the id or a citation, open a URL, edit in
    /// `$EDITOR`, export the Events list (`:export FILE`), delete a bookmark.
    case yankID, yankCitation, openURL, edit, export(String), deleteBookmark, note(String)
}
