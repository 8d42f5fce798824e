import BrowserModel

/// How `runInteractive` runs.
public struct InteractiveOptions: Sendable {
    public var theme: ThemeName
    /// How long to wait for a key before calling `Screen.idle()`, in milliseconds.
    public var pollInterval: Int32

    public init(theme: ThemeName = .auto, pollInterval: Int32 = 50) {
        self.theme = theme
        self.pollInterval = pollInterval
    }
}

/// Runs `screen` full-screen until it asks to quit; returns the exit status it
/// asked for. The terminal is restored on return, on ^C (130), SIGTERM (143),
/// SIGHUP (129), around ^Z, and before a crash is reported.
/// Throws when there is no usable terminal; print the error's description and exit 2.
public func runInteractive(_ screen: Screen, options: InteractiveOptions = InteractiveOptions()) throws(TerminalError) -> Int32 {
    let environment = TerminalEnvironment.current()
    let session = try TerminalSession.open(theme: options.theme, environment: environment)
    defer { session.close() }
    let loop = InteractiveLoop(screen: screen, session: session, options: options, environment: environment)
    return loop.run()
}

/// Keys in, frames out: the loop between the terminal and a `Screen`.
struct InteractiveLoop {
    let screen: Screen
    let session: TerminalSession
    let painter: FramePainter
    let options: InteractiveOptions
    let environment: TerminalEnvironment
    /// Keys handled before a repaint when they arrive faster than we draw (a paste,
    /// a held key).
    static let keysPerFrame = 64

    init(screen: Screen, session: TerminalSession, options: InteractiveOptions, environment: TerminalEnvironment) {
        self.screen = screen
        self.session = session
        self.painter = FramePainter(session: session)
        self.options = options
        self.environment = environment
    }

    func run() -> Int32 {
        paint()
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
            if event == .timeout {
                if screen.idle() { paint() }
                continue
            }
            var handled = 0
            while event != .timeout && handled < Self.keysPerFrame {
                if case .key(let key) = event, let code = handle(key) { return code }
                handled += 1
                event = session.read(timeout: 0)
            }
            if case .key(let key) = event, let code = handle(key) { return code }
            paint()
        }
    }

    /// Hands a key to the screen and carries out its command; returns the exit
    /// status when it asked to quit.
    private func handle(_ key: Key) -> Int32? {
        if key == .resize { painter.invalidate(clearScreen: false) }
        switch screen.handle(key) {
        case .none: return nil
        case .quit(let code): return code
        case .redrawAll: painter.invalidate(clearScreen: true); return nil
        case .setMouse(let on): session.setMouse(on); return nil
        }
    }

    private func paint() {
        let (width, height) = session.size
        guard width > 0, height > 0 else { return }
        painter.paint(screen.frame(width: width, height: height))
    }
}
