import Atlas

/// The commands of the `:` prompt. A command line parses into the same actions
/// the keymap gives, so there is one vocabulary and one dispatcher.
enum Command: String, CaseIterable {
    case goto, filter, search, clear, export, note, history, bookmarks, mark, back, forward, help, mouse, quit

    var usage: String {
        switch self {
        case .goto: return "goto DATE|ID   jump to the first event on or after a date, or to a record"
        case .filter: return "filter TEXT    show only rows of the focused list that match"
        case .search: return "search TEXT    search events, actors and missions"
        case .clear: return "clear          clear search, filters and chips"
        case .note: return "note TEXT      bookmark the open record with a note (empty: remove the note)"
        case .export: return "export FILE    write the Events list as it stands (.csv .tsv .json .ndjson .md)"
        case .history: return "history        the trail of opened records"
        case .bookmarks: return "bookmarks      bookmarked records"
        case .mark: return "mark           bookmark the open record"
        case .back: return "back           previous record in history"
        case .forward: return "forward        next record in history"
        case .help: return "help           keys and commands"
        case .mouse: return "mouse          mouse on/off"
        case .quit: return "quit           leave Crossroads"
        }
    }

    /// Why a command line asks for nothing: a sentence for the status line.
    struct ParseError: Error, Equatable {
        var message: String
    }

    /// The action a command line asks for; nil for an empty line. A unique prefix
    /// of a command name is that command.
    static func action(for line: String) throws(ParseError) -> Action? {
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard let first = parts.first else { return nil }
        let arg = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        let name = String(first)
        let matches = allCases.filter { $0.rawValue.hasPrefix(name) }
        guard let cmd = Command(rawValue: name) ?? (matches.count == 1 ? matches[0] : nil) else {
            let near = NearMatch.best(name, among: allCases.map(\.rawValue)).first.map { "; did you mean \($0)?" } ?? ""
            throw ParseError(message: "unknown command :\(name)\(near)  (:help lists commands)")
        }
        switch cmd {
        case .goto:
            guard !arg.isEmpty else { throw ParseError(message: "usage: :goto DATE|ID") }
            return .goTo(arg)
        case .filter: return .filterText(arg)
        case .search: return .searchFor(arg)
        case .clear: return .clearFilters
        case .note: return .note(arg)
        case .export:
            guard !arg.isEmpty else { throw ParseError(message: "usage: :export FILE  (.csv .tsv .json .ndjson .md)") }
            return .export(arg)
        case .history: return .history
        case .bookmarks: return .bookmarks
        case .mark: return .mark
        case .back: return .back
        case .forward: return .forward
        case .help: return .help
        case .mouse: return .toggleMouse
        case .quit: return .quit
        }
    }
}
