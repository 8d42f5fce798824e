/// Why the full-screen browser cannot start. Each case reads as one line for the
/// user; the caller prints it and exits with status 2.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    case stdinNotATerminal
    case stdoutNotATerminal
    case termNotSet
    case dumbTerminal
    /// ncurses found no usable description of the terminal.
    case cannotOpen(term: String)
    /// Another session already owns the terminal in this process.
    case alreadyOpen

    public var description: String {
        let instead = "use `crossroads snapshot` or `list`/`show` for non-interactive output"
        switch self {
        case .stdinNotATerminal: return "crossroads: stdin is not a terminal; \(instead)"
        case .stdoutNotATerminal: return "crossroads: stdout is not a terminal; \(instead)"
        case .termNotSet: return "crossroads: TERM is not set, so the terminal type is unknown; set TERM (e.g. TERM=xterm-256color) or \(instead)"
        case .dumbTerminal: return "crossroads: TERM=dumb cannot show the full-screen browser; \(instead)"
        case .cannotOpen(let term): return "crossroads: cannot open the terminal as TERM=\(term) (no terminfo entry?); try TERM=xterm-256color or \(instead)"
        case .alreadyOpen: return "crossroads: the terminal is already in use by this process"
        }
    }
}
