#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BrowserModel
import CNCursesW

/// The terminal while the browser owns it: opened with newterm, set up for a
/// full-screen program, and restored by `close()` or, on a signal or a crash, by
/// the handlers in shim.h. One at a time per process.
final class TerminalSession {
    let window: UnsafeMutablePointer<WINDOW>
    let theme: Theme
    private let screen: OpaquePointer
    private(set) var mouseEnabled = false
    private var cursorVisible = false
    private var closed = false

    /// Checks that there is a terminal to take over, then takes it.
    static func open(theme name: ThemeName, environment: TerminalEnvironment) throws(TerminalError) -> TerminalSession {
        guard isatty(STDIN_FILENO) == 1 else { throw .stdinNotATerminal }
        guard isatty(STDOUT_FILENO) == 1 else { throw .stdoutNotATerminal }
        guard let term = environment.term, !term.isEmpty else { throw .termNotSet }
        guard term != "dumb" else { throw .dumbTerminal }

        setlocale(LC_ALL, "")
        // Signal handlers go in before newterm, so that ncurses leaves ^C, SIGTERM
        // and ^Z to them; from here on every way out restores the terminal.
        guard cr_arm(STDOUT_FILENO) == 0 else { throw .alreadyOpen }
        guard let screen = cr_newterm(), let window = cr_stdscr() else {
            cr_disarm()
            throw .cannotOpen(term: term)
        }
        cr_hold_stderr()

        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        meta(window, true)
        set_escdelay(25)
        KeySequences.defineAlternatives()
        freeKeysFromFlowControl()

        let theme = setUpColors(name, noColor: environment.noColor)
        cr_screen_ready()
        let session = TerminalSession(screen: screen, window: window, theme: theme)
        session.setCursorVisible(false, force: true)
        return session
    }

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, theme: Theme) {
        self.screen = screen
        self.window = window
        self.theme = theme
    }

    deinit { close() }

    /// Gives the terminal back as it was found. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        if mouseEnabled { mousemask(0, nil) }
        // The screen is left blank, as the signal handlers leave it (see
        // cr_screen_ready in shim.h): tmux would otherwise copy rows of the
        // alternate screen onto the shell's after the window grew, and a terminal
        // without one would keep the browser under the prompt.
        wclear(window)
        wrefresh(window)
        endwin()
        cr_disarm()
        delscreen(screen)
    }

    /// ^S/^Q (flow control) and ^O/^V (IEXTEN) become ordinary keys, as in any
    /// full-screen program; ncurses is told so that it keeps them off after a resume.
    private static func freeKeysFromFlowControl() {
        var modes = termios()
        guard tcgetattr(STDOUT_FILENO, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        modes.c_lflag &= ~tcflag_t(IEXTEN)
        if tcsetattr(STDOUT_FILENO, TCSADRAIN, &modes) == 0 { def_prog_mode() }
    }

    /// Picks the theme, starting colours unless it is monochrome (COLORS is only
    /// known after start_color). Falls back to white on black when the terminal
    /// cannot keep its default colours.
    private static func setUpColors(_ name: ThemeName, noColor: String?) -> Theme {
        guard Theme.choose(name, colors: 256, noColor: noColor).usesColor,
              has_colors(), start_color() == OK else { return .mono }
        let theme = Theme.choose(name, colors: Int(cr_colors()), noColor: noColor)
        guard theme.usesColor else { return theme }
        return use_default_colors() == OK ? theme : theme.withoutDefaultColors()
    }

    var size: (width: Int, height: Int) {
        (Int(cr_getmaxx(window)), Int(cr_getmaxy(window)))
    }

    /// Waits up to `timeout` milliseconds (0: just looks) for input.
    func read(timeout: Int32) -> InputEvent {
        wtimeout(window, timeout)
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        let event = KeyDecoder.decode(status: status, value: UInt32(value)) { code in
            keyname(code).map { String(cString: $0) }
        }
        if event == .key(.escape) { return afterEscape() }
        guard event == .mouseReport else { return event }
        var report = MEVENT()
        guard getmouse(&report) == OK,
              let key = KeyDecoder.decodeMouse(buttons: report.bstate, x: report.x, y: report.y) else { return .ignored }
        return .key(key)
    }

    /// ncurses has already waited ESCDELAY for a known sequence after Esc. What is
    /// still waiting right behind it is either an escape sequence ncurses does not
    /// know (dropped whole, so that its bytes do not turn into keys) or Alt plus a
    /// key, which is passed on as Esc then the key.
    private func afterEscape() -> InputEvent {
        wtimeout(window, 0)
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        if status == KEY_CODE_YES { ungetch(Int32(bitPattern: UInt32(value))) }   // Alt with a special key
        guard status == OK else { return .key(.escape) }
        switch value {
        case 0x5B:   // ESC [ parameters... final byte
            for _ in 0..<32 {
                guard wget_wch(window, &value) == OK else { break }
                if (0x40...0x7E).contains(value) { break }
            }
            return .ignored
        case 0x4F:   // ESC O final
            _ = wget_wch(window, &value)
            return .ignored
        default:
            unget_wch(wchar_t(bitPattern: UInt32(value)))
            return .key(.escape)
        }
    }

    /// Mouse reporting is off by default, so that the terminal's own selection
    /// works; the browser turns it on with a command.
    func setMouse(_ on: Bool) {
        guard on != mouseEnabled else { return }
        let mask = on ? (cr_BUTTON1_PRESSED() | cr_BUTTON4_PRESSED() | cr_BUTTON5_PRESSED()) : 0
        mouseinterval(0)   // report presses at once instead of waiting to detect clicks
        mousemask(mask, nil)
        mouseEnabled = on
        cr_note_mouse(on ? 1 : 0)
    }

    func setCursorVisible(_ visible: Bool, force: Bool = false) {
        guard visible != cursorVisible || force else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
        cr_note_cursor(visible ? 1 : 0)
    }

    /// Lends the terminal to another program (`$EDITOR`) and takes it back after:
    /// ncurses' modes are saved, the terminal restored, then set up again.
    func lend(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        syncSizeWithTerminal()
    }

    /// True once after the process was stopped and continued (^Z, fg).
    func takeResumed() -> Bool { cr_take_resumed() != 0 }

    /// After a resume: the terminal may have been resized while another program
    /// had it, and that SIGWINCH went elsewhere. resizeterm queues a KEY_RESIZE.
    func syncSizeWithTerminal() {
        var rows: Int32 = 0, cols: Int32 = 0
        guard cr_terminal_size(STDOUT_FILENO, &rows, &cols) == 0 else { return }
        if rows != cr_lines() || cols != cr_cols() { resizeterm(rows, cols) }
    }
}
