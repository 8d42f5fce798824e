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

    /// The built `crossroads`, next to the test bundle.
    static var binary: URL {
        var dir = Bundle(for: TmuxSession.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("crossroads").path) {
            dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug")
        }
        return dir.appendingPathComponent("crossroads")
    }

    static var tmuxAvailable: Bool {
        (try? TmuxSession.run(["tmux", "-V"]).status) == 0
    }

    init(arguments: [String] = [], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        Self.counter += 1
        socket = "crossroads-e2e-\(getpid())-\(Self.counter)"
        work = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
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
        let args = arguments.map(Self.quote).joined(separator: " ")
        let w = work.path
        // The pane's shell records the terminal settings around the program, then
        // waits so that the screen stays readable after it exits.
        let script = "\(exports); stty -g > \(w)/stty.before; \(Self.quote(bin)) \(args) 2> \(w)/stderr; echo $? > \(w)/rc.tmp; mv \(w)/rc.tmp \(w)/rc; stty -g > \(w)/stty.after; tput cnorm >/dev/null 2>&1; sleep 120"
        // The server forks from this client and keeps its stdio: with a pipe there,
        // reading to the end would wait for the server to exit.
        try Self.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
                      "bash --norc --noprofile -c \(Self.quote(script))"], capture: false)
        _ = try? tmux(["set-option", "-g", "escape-time", "0"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: work)
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

    var sttyBefore: String? { try? String(contentsOf: work.appendingPathComponent("stty.before"), encoding: .utf8) }
    var sttyAfter: String? { try? String(contentsOf: work.appendingPathComponent("stty.after"), encoding: .utf8) }
    var stderr: String { (try? String(contentsOf: work.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

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
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
