import Atlas
import BrowserModel

/// How `runInteractive` runs.
public struct InteractiveOptions: Sendable {
    public var theme: ThemeName
    /// How long to wait for a key, in milliseconds, before checking for ^Z's return.
    public var pollInterval: Int32

    public init(theme: ThemeName = .auto, pollInterval: Int32 = 50) {
        self.theme = theme
        self.pollInterval = pollInterval
    }
}

/// Runs `screen` full-screen until it asks to quit; returns the exit status it
/// asked for. `firstEvents` follow the terminal's size (`--at`, `--search`). The state file, when given, is written whenever the screen asks.
/// The terminal is restored on return, on ^C (130), SIGTERM (143), SIGHUP (129),
/// around ^Z, and before a crash is reported.
/// Throws when there is no usable terminal; print the error's description and exit 2.
public func runInteractive(_ screen: Screen, options: InteractiveOptions = InteractiveOptions(),
                           stateFile: UserStateFile? = nil, firstEvents: [BrowserEvent] = []) throws(TerminalError) -> Int32 {
    let environment = TerminalEnvironment.current()
    let session = try TerminalSession.open(theme: options.theme, environment: environment)
    defer { session.close() }
    var loop = InteractiveLoop(screen: screen, session: session, options: options, environment: environment,
                               stateFile: stateFile)
    return loop.run(firstEvents: firstEvents)
}

/// Events in, frames out: the loop between the terminal and a `Screen`. It sends
/// keys and sizes to the screen, paints after each batch, and carries out the
/// effects the screen returns; saving waits until the batch is painted (off the
/// key path) and a failure goes back to the screen as an event.
struct InteractiveLoop {
    let screen: Screen
    let session: TerminalSession
    let painter: FramePainter
    let options: InteractiveOptions
    let environment: TerminalEnvironment
    let stateFile: UserStateFile?
    /// The last state asked to be saved and not yet written.
    private var unsaved: UserState?
    /// Effects that wait until the batch is painted (clipboard, browser, editor, export).
    private var outward: [Effect] = []
    let runner = OutwardEffectRunner()
    /// Keys handled before a repaint when they arrive faster than we draw (a paste,
    /// a held key).
    static let keysPerFrame = 64

    init(screen: Screen, session: TerminalSession, options: InteractiveOptions, environment: TerminalEnvironment,
         stateFile: UserStateFile?) {
        self.screen = screen
        self.session = session
        self.painter = FramePainter(session: session)
        self.options = options
        self.environment = environment
        self.stateFile = stateFile
    }

    mutating func run(firstEvents: [BrowserEvent]) -> Int32 {
        for event in [.resize(width: session.size.width, height: session.size.height)] + firstEvents {
            if let code = send(event) { return code }
        }
        paint()
        if let code = runOutward() { return code }
        if environment.debugCrash {
            fatalError("CROSSROADS_DEBUG_CRASH=1: crashing on purpose after the first frame")
        }
        while true {
            if session.takeResumed() {
                // A size change while stopped comes back as KEY_RESIZE in the queue.
                session.syncSizeWithTerminal()
                painter.invalidate(clearScreen: true)
                paint()
            }
            var event = session.read(timeout: options.pollInterval)
            if event == .timeout { continue }
            var handled = 0
            while event != .timeout && handled < Self.keysPerFrame {
                if case .key(let key) = event, let code = handle(key) { return code }
                handled += 1
                event = session.read(timeout: 0)
            }
            if case .key(let key) = event, let code = handle(key) { return code }
            paint()
            saveState()
            if let code = runOutward() { return code }
        }
    }

    /// Hands a key to the screen (a resize as the new size); returns the exit
    /// status when it asked to quit.
    private mutating func handle(_ key: Key) -> Int32? {
        if key == .resize {
            painter.invalidate(clearScreen: false)
            return send(.resize(width: session.size.width, height: session.size.height))
        }
        return send(.key(key))
    }

    /// Sends an event and carries out the effects; the exit status on a quit.
    private mutating func send(_ event: BrowserEvent) -> Int32? {
        for effect in screen.update(event) {
            switch effect {
            case .quit(let code):
                saveState()
                return code
            case .redrawAll: painter.invalidate(clearScreen: true)
            case .setMouse(let on): session.setMouse(on)
            case .saveUserState(let state): unsaved = state
            case .copy, .openURL, .edit, .export: outward.append(effect)
            }
        }
        return nil
    }

    /// Carries out the outward effects after the paint, each outcome sent back to
    /// the screen and painted (see `OutwardEffectRunner`).
    private mutating func runOutward() -> Int32? {
        while !outward.isEmpty {
            let effect = outward.removeFirst()
            var reply: BrowserEvent?
            switch effect {
            case .copy(let clip): reply = runner.copy(clip)
            case .openURL(let url): reply = runner.open(url)
            case .edit(let request):
                reply = runner.edit(request, session: session)
                painter.invalidate(clearScreen: true)
            case .export(let request):
                do {
                    let n = try ExportJob.run(request) { done, total in
                        // Progress for long lists, painted at most every 10 000 rows.
                        if total >= 10_000, done % 10_000 == 0 || done == total {
                            _ = screen.update(.effectDone("exporting: \(done) of \(total)…"))
                            painter.paint(screen.frame())
                        }
                    }
                    reply = .effectDone(ExportJob.done(request, count: n))
                } catch {
                    reply = .effectFailed("export failed: \(error)")
                }
            default: break
            }
            if let reply, let code = send(reply) { return code }
            paint()
            saveState()
        }
        return nil
    }

    /// Writes the state file once for the whole batch; a failure is said on the
    /// status line (a read-only home must not stop the browser, nor pass unseen).
    private mutating func saveState() {
        guard let state = unsaved else { return }
        unsaved = nil
        guard let stateFile else { return }
        do {
            try stateFile.save(state)
        } catch {
            _ = screen.update(.effectFailed("could not save history and bookmarks to \(stateFile.url.path): \(error)"))
            paint()
        }
    }

    private mutating func paint() {
        let (width, height) = session.size
        guard width > 0, height > 0 else { return }
        var frame = screen.frame()
        if frame.width != width || frame.height != height {
            // The size changed with no KEY_RESIZE yet (back from ^Z): the screen
            // learns it as an event, as always, before it is drawn.
            _ = send(.resize(width: width, height: height))
            frame = screen.frame()
        }
        painter.paint(frame)
    }
}
