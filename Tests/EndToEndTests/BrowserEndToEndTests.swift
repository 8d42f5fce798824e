import Foundation
import XCTest

/// The real binary in a real (tmux) terminal: what a person does, and that the
/// terminal comes back as it was.
final class BrowserEndToEndTests: XCTestCase {
    override func setUp() {
        super.setUp()
        continueAfterFailure = false
        XCTAssertTrue(TmuxSession.tmuxAvailable, "tmux is needed for the end-to-end tests (apt-get install tmux)")
    }

    /// The hint label of the detail-pane line that contains `text`.
    func hintLabel(for text: String, in screen: String) -> String? {
        for line in screen.split(separator: "\n") where line.contains(text) {
            // The detail pane is the last box on the row: its text follows the last
            // left border before `text`.
            guard let range = line.range(of: text) else { continue }
            let before = line[..<range.lowerBound]
            guard let border = before.lastIndex(where: { $0 == "│" || $0 == "┃" }) else { continue }
            let cell = line[line.index(after: border)...].trimmingCharacters(in: .whitespaces)
            if let label = cell.split(separator: " ").first, label.count <= 2, label.allSatisfy({ $0.isLowercase }) {
                return String(label)
            }
        }
        return nil
    }

    func testSearchFollowLinksGoBackAndQuit() throws {
        let t = try TmuxSession()
        try t.waitFor("Events")
        try t.type("/faouar")
        try t.waitFor("Search")
        try t.send("Enter")
        var screen = try t.waitFor("22 Mar 2024")
        XCTAssertTrue(screen.contains("Camp Faouar"), screen)

        // Follow the link to the parliament's January decision by its hint label.
        let toParliament = try XCTUnwrap(hintLabel(for: "arliament", in: screen), "no parliament link on:\n\(screen)")
        try t.type("f" + toParliament)
        screen = try t.waitFor("19 Jan 2024")

        // From there, to UNDOF and its strength figures.
        let toUNDOF = try XCTUnwrap(hintLabel(for: "Disengagement Observer Force", in: screen), "no UNDOF link on:\n\(screen)")
        try t.type("f" + toUNDOF)
        screen = try t.waitFor("Strength")
        XCTAssertTrue(screen.contains("139"), "UNDOF should show the 139 Kazakhstani peacekeepers:\n\(screen)")

        // Back twice: the handover again.
        try t.send("BSpace")
        try t.waitFor("19 Jan 2024")
        try t.send("BSpace")
        screen = try t.waitFor("22 Mar 2024")

        try t.send("q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter, "the terminal settings were not restored")
        XCTAssertNotNil(t.sttyBefore)
    }

    func testHelpResizeAndTooSmall() throws {
        let t = try TmuxSession()
        try t.waitFor("Events")
        try t.send("?")
        try t.waitFor("Everywhere")
        try t.send("q")
        // The main view's hint line ("Enter open" alone is also the help box's).
        try t.waitFor("Enter open  / search")
        try t.tmux(["resize-window", "-t", "t", "-x", "60", "-y", "20"])
        var screen = try t.waitFor("Events")
        XCTAssertFalse(screen.contains("Detail"), "a 60-column terminal shows only the focused pane:\n\(screen)")
        try t.tmux(["resize-window", "-t", "t", "-x", "30", "-y", "6"])
        try t.waitFor("too small")
        try t.tmux(["resize-window", "-t", "t", "-x", "120", "-y", "40"])
        screen = try t.waitFor("Detail")
        XCTAssertTrue(screen.contains("Missions"), screen)
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter)
    }

    func testWaysOutRestoreTheTerminal() throws {
        // (how to leave, expected exit status)
        let ways: [(String, Int32)] = [("Q", 0), ("q", 0), ("C-c", 130), ("TERM", 143), ("HUP", 129)]
        for (way, expected) in ways {
            let t = try TmuxSession()
            try t.waitFor("Events")
            switch way {
            case "TERM", "HUP":
                let pid = try XCTUnwrap(t.programPID(), "no crossroads process in the pane")
                kill(pid, way == "TERM" ? SIGTERM : SIGHUP)
            default:
                try t.send(way)
            }
            XCTAssertEqual(t.exitStatus(), expected, "leaving with \(way): \(t.stderr)")
            XCTAssertEqual(t.sttyBefore, t.sttyAfter, "leaving with \(way) did not restore the terminal")
            let screen = try t.screen()
            XCTAssertFalse(screen.contains("Enter open"), "leaving with \(way) left the browser's screen up:\n\(screen)")
        }
    }

    func testSuspendAndResume() throws {
        let t = try TmuxSession()
        try t.waitFor("Events")
        try t.send("C-z")
        usleep(300_000)
        // The program (and the pane's shell, in the same process group) is stopped;
        // bring the group back as a shell's `fg` would.
        let pid = try XCTUnwrap(t.programPID())
        let group = getpgid(pid)
        XCTAssertGreaterThan(group, 0)
        kill(-group, SIGCONT)
        try t.send("C-l")
        try t.waitFor("Events")
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter)
    }

    /// Saving is an effect the loop carries out after painting; when it fails, the
    /// person at the keyboard is told on the status line (it used to be silent).
    func testAStateFileThatCannotBeWrittenIsSaidOnTheStatusLine() throws {
        // A file where the state folder should be: every save fails.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-blocker-\(getpid())")
        try Data("not a folder".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let t = try TmuxSession(environment: ["XDG_STATE_HOME": blocker.path])
        try t.waitFor("Events")
        try t.send("m")
        let screen = try t.waitFor("could not save history and bookmarks")
        XCTAssertTrue(screen.contains(blocker.path), screen)
        XCTAssertFalse(screen.contains("bookmarked:"), "the failure replaces the claim that it was saved:\n\(screen)")
        // The browser goes on.
        try t.send("j")
        try t.waitFor("Enter open  / search")
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter)
    }

    func testNoTerminalIsAClearError() throws {
        let p = Process()
        p.executableURL = TmuxSession.binary
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 2)
        XCTAssertEqual(errText.split(separator: "\n").count, 1, errText)
        XCTAssertTrue(errText.contains("terminal"), errText)
    }
}
