import Foundation
import XCTest

/// Runs the real `crossroads` binary inside a private tmux server, types keys and
/// reads the screen, the way a person would. Each session has its own socket and
/// its own state folder, and records the terminal settings before and after the
/// program so tests can check the terminal was restored.
final class TmuxSession {
    let socket: String
    let work: URL
    let width: Int
    let height: Int
    nonisolated(unsafe) static var counter = 0

    /// The built `crossroads`, next to the test bundle. On Linux the bundle is the
    /// test executable's own folder (not a `.xctest` folder inside it), so the
    /// folder itself is looked in first: otherwise a build with its own
    /// `--scratch-path` would run whatever binary `.build/debug` holds.
    static var binary: URL {
        let bundle = Bundle(for: TmuxSession.self).bundleURL
        var candidates = [bundle, bundle.deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        for dir in candidates where FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("crossroads").path) {
            return dir.appendingPathComponent("crossroads")
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/crossroads")
    }

    static var tmuxAvailable: Bool {
        (try? TmuxSession.run(["tmux", "-V"]).status) == 0
    }

    /// - Parameters:
    ///   - unsetting: environment variables removed before the program starts (`TERM`).
    ///   - stdoutToFile: the program's stdout goes to the file `stdout` instead of the pane.
    ///   - stdinFromNull: the program's stdin is /dev/null instead of the pane.
    ///   - stderrToFile: false leaves the program's stderr on the pane (`stderr` is
    ///     then empty).
    ///   - tmuxOptions: tmux commands read when the server starts, before the
    ///     program can write anything (`set-option -g set-clipboard on`).
    ///   - jobControl: the pane's shell runs the program as a job (`set -m`), so
    ///     that ^Z really stops it (without job control the program's process group
    ///     is orphaned, and the kernel discards a stop); see `waitUntilStopped` and
    ///     `continueJob`.
    init(arguments: [String] = [], width: Int = 120, height: Int = 40, environment: [String: String] = [:],
         unsetting: [String] = [], stdoutToFile: Bool = false, stdinFromNull: Bool = false,
         stderrToFile: Bool = true, tmuxOptions: [String] = [], jobControl: Bool = false) throws {
        (socket, work) = try Self.newWorkFolder()
        self.width = width
        self.height = height
        let bin = Self.binary.path
        guard FileManager.default.isExecutableFile(atPath: bin) else {
            throw NSError(domain: "e2e", code: 1, userInfo: [NSLocalizedDescriptionKey: "crossroads binary not found at \(bin); run swift build"])
        }
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
                   "XDG_STATE_HOME": work.appendingPathComponent("state").path, "HOME": work.path]
        for (k, v) in environment { env[k] = v }
        let exports = env.map { "export \($0.key)=\(Self.quote($0.value))" }.joined(separator: "; ")
        let unsets = unsetting.map { "unset \($0); " }.joined()
        let args = arguments.map(Self.quote).joined(separator: " ")
        let w = work.path
        let redirections = (stdoutToFile ? " > \(w)/stdout" : "") + (stdinFromNull ? " < /dev/null" : "")
            + (stderrToFile ? " 2> \(w)/stderr" : "")
        // The pane's shell records the terminal settings around the program, then
        // waits so that the screen stays readable after it exits.
        // With job control, a stopped program (status 148, SIGTSTP) is recorded
        // (terminal settings while stopped, then the file `stopped`) and continued
        // with `fg` once the file `fg` appears. (`fg` echoes the command line; with
        // its output redirected, bash leaves the job in the background.)
        let job = jobControl
            ? "set -m; \(Self.quote(bin)) \(args)\(redirections); rc=$?; while [ $rc -eq 148 ]; do stty -g > \(w)/stty.stopped; : > \(w)/stopped; while [ ! -e \(w)/fg ]; do sleep 0.02; done; rm -f \(w)/fg \(w)/stopped; fg; rc=$?; done; echo $rc"
            : "\(Self.quote(bin)) \(args)\(redirections); echo $?"
        let script = "\(exports); \(unsets)stty -g > \(w)/stty.before; \(job) > \(w)/rc.tmp; mv \(w)/rc.tmp \(w)/rc; stty -g > \(w)/stty.after; tput cnorm >/dev/null 2>&1; sleep 120"
        try Self.launch(socket: socket, work: work, width: width, height: height, script: script, tmuxOptions: tmuxOptions)
    }

    /// A tmux socket name of its own and an empty work folder named after it.
    private static func newWorkFolder() throws -> (socket: String, work: URL) {
        counter += 1
        let socket = "crossroads-e2e-\(getpid())-\(counter)"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return (socket, work)
    }

    /// A pane running `script` (bash) instead of crossroads: for control experiments
    /// that show what the terminal does with raw escape sequences.
    init(script: String, width: Int = 80, height: Int = 24, tmuxOptions: [String] = []) throws {
        (socket, work) = try Self.newWorkFolder()
        self.width = width
        self.height = height
        try Self.launch(socket: socket, work: work, width: width, height: height, script: "cd \(Self.quote(work.path)); \(script); sleep 120",
                        tmuxOptions: tmuxOptions)
    }

    private static func launch(socket: String, work: URL, width: Int, height: Int, script: String, tmuxOptions: [String]) throws {
        var config = "/dev/null"
        if !tmuxOptions.isEmpty {
            config = work.appendingPathComponent("tmux.conf").path
            try (tmuxOptions.joined(separator: "\n") + "\n").write(toFile: config, atomically: true, encoding: .utf8)
        }
        // The server forks from this client and keeps its stdio: with a pipe there,
        // reading to the end would wait for the server to exit.
        try Self.run(["tmux", "-L", socket, "-f", config, "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
                      "bash --norc --noprofile -c \(Self.quote(script))"], capture: false)
        _ = try? Self.run(["tmux", "-L", socket, "-f", "/dev/null", "set-option", "-g", "escape-time", "0"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: work)
        // The server leaves its socket behind.
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(dir)/tmux-\(getuid())/\(socket)")
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let r = try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + args)
        return r.output
    }

    /// Sends keys in tmux's names (`Enter`, `Escape`, `BSpace`, `C-c`) or literal text.
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }

    /// Waits until the screen contains `text`; fails the test with the screen if not.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        XCTFail("timed out waiting for \"\(text)\"; screen was:\n\(last)", file: file, line: line)
        return last
    }

    /// Waits for the program to exit and returns its exit status.
    func exitStatus(timeout: TimeInterval = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        let rc = work.appendingPathComponent("rc")
        while Date() < deadline {
            if let s = try? String(contentsOf: rc, encoding: .utf8), let n = Int32(s.trimmingCharacters(in: .whitespacesAndNewlines)) {
                usleep(100_000)   // let the shell write stty.after
                return n
            }
            usleep(50_000)
        }
        return nil
    }

    /// Waits until `accept` holds for the screen; nil (and no test failure) if it never did.
    func screen(within timeout: TimeInterval, where accept: (String) -> Bool) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let s = try screen()
            if accept(s) { return s }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// The screen once two captures 100 ms apart agree (the program has stopped drawing).
    func settledScreen(timeout: TimeInterval = 5) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try screen()
        while Date() < deadline {
            usleep(100_000)
            let now = try screen()
            if now == last { return now }
            last = now
        }
        return last
    }

    /// A tmux format of the pane (`#{alternate_on} #{cursor_flag}`, `#{pane_title}`).
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "t", format]).trimmingCharacters(in: .newlines)
    }

    /// With `jobControl`: waits until the shell has seen the program stop.
    func waitUntilStopped(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: work.appendingPathComponent("stopped").path) { return true }
            usleep(20_000)
        }
        return false
    }

    /// With `jobControl`: lets the shell bring the stopped program back with `fg`.
    func continueJob() {
        _ = FileManager.default.createFile(atPath: work.appendingPathComponent("fg").path, contents: nil)
    }

    /// With `jobControl`: the terminal settings while the program was stopped.
    var sttyStopped: String? { try? String(contentsOf: work.appendingPathComponent("stty.stopped"), encoding: .utf8) }

    var sttyBefore: String? { try? String(contentsOf: work.appendingPathComponent("stty.before"), encoding: .utf8) }
    var sttyAfter: String? { try? String(contentsOf: work.appendingPathComponent("stty.after"), encoding: .utf8) }
    var stderr: String { (try? String(contentsOf: work.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }
    /// What the program wrote to stdout, with `stdoutToFile`.
    var stdoutBytes: Data? { try? Data(contentsOf: work.appendingPathComponent("stdout")) }

    /// The pid of the program running in the pane (the shell's child).
    func programPID() throws -> pid_t? {
        let shell = try tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try Self.run(["pgrep", "-P", shell, "-f", "crossroads"])
        return r.output.split(separator: "\n").first.flatMap { pid_t($0) }
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    static func run(_ argv: [String], capture: Bool = true) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        p.standardError = FileHandle.nullDevice
        guard capture else {
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            // Foundation's waitUntilExit can miss the exit of a client whose forked
            // server lives on; waiting on the pid itself cannot.
            var status: Int32 = 0
            while waitpid(p.processIdentifier, &status, 0) == -1 && errno == EINTR {}
            return ((status >> 8) & 0xff, "")
        }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        // waitUntilExit polls in 50 ms steps; waitpid returns at once (a test
        // makes hundreds of these calls). Should Foundation reap the child first,
        // it knows the status.
        var status: Int32 = 0
        var reaped: pid_t
        repeat { reaped = waitpid(p.processIdentifier, &status, 0) } while reaped == -1 && errno == EINTR
        if reaped == p.processIdentifier { return ((status >> 8) & 0xff, String(decoding: data, as: UTF8.self)) }
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
