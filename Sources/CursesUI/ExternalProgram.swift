import Atlas
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs another program (an editor, a browser, a clipboard command) the safe way:
/// its words go to `posix_spawnp` as arguments, never through a shell, so a path or
/// a URL from the data is one argument whatever it holds.
public enum ExternalProgram {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case emptyCommand
        case cannotStart(program: String, reason: String)
        case exited(program: String, status: Int32)
        case killed(program: String, signal: Int32)

        public var description: String {
            switch self {
            case .emptyCommand: return "no program given"
            case .cannotStart(let p, let r): return "cannot run \(p): \(r)"
            case .exited(let p, let s): return "\(p) exited with status \(s)"
            case .killed(let p, let s): return "\(p) was ended by signal \(s)"
            }
        }
    }

    /// The words of a command setting (`$EDITOR`, `$BROWSER`): see `CommandWords`.
    public static func words(_ command: String) -> [String]? { CommandWords.split(command) }

    /// Runs `argv` and waits for it. With `input`, the program reads it on its
    /// standard input (a clipboard command); with `quiet`, its output goes to
    /// /dev/null (a browser launcher writing to the terminal would spoil the screen).
    /// Otherwise it shares the terminal (an editor).
    /// Returns nil when the program ran and exited 0, else what went wrong.
    @discardableResult
    public static func run(_ argv: [String], input: Data? = nil, quiet: Bool = false) -> Failure? {
        guard let program = argv.first, !program.isEmpty else { return .emptyCommand }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeFDs: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeFDs) == 0 else { return .cannotStart(program: program, reason: String(cString: strerror(errno))) }
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[0], 0)
            posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
            posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        }
        if quiet {
            if input == nil { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // The child starts with default signal handling whatever the browser set up.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attributes, cArgs, environ)
        if input != nil { close(pipeFDs[0]) }
        guard rc == 0 else {
            if input != nil { close(pipeFDs[1]) }
            return .cannotStart(program: program, reason: String(cString: strerror(rc)))
        }
        if let input {
            // A program that does not read its input must not make us die of SIGPIPE.
            let previous = signal(SIGPIPE, SIG_IGN)
            input.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(pipeFDs[1], raw.baseAddress! + offset, raw.count - offset)
                    if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
                    offset += n
                }
            }
            close(pipeFDs[1])
            signal(SIGPIPE, previous)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .cannotStart(program: program, reason: String(cString: strerror(errno))) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let signalNumber = status & 0x7F
        if signalNumber == 0 {
            let code = (status >> 8) & 0xFF
            return code == 0 ? nil : .exited(program: program, status: code)
        }
        return .killed(program: program, signal: signalNumber)
    }
}
