import Foundation
import XCTest

/// Getting things out of the real browser in a real (tmux) terminal: the clipboard
/// by OSC 52, an export file, a web browser and an editor run as programs, and
/// history and bookmarks that stay with their atlas.
final class OutwardEndToEndTests: XCTestCase {
    override func setUp() {
        super.setUp()
        continueAfterFailure = false
        XCTAssertTrue(TmuxSession.tmuxAvailable, "tmux is needed for the end-to-end tests (apt-get install tmux)")
    }

    static var miniAtlas: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BrowserModelTests/Fixtures/mini")
    }

    func temporaryFolder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-e2e-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func script(_ body: String, at url: URL) throws {
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
        chmod(url.path, 0o755)
    }

    func waitForFile(_ url: URL, timeout: TimeInterval = 15) -> String? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = try? String(contentsOf: url, encoding: .utf8), !s.isEmpty { return s }
            usleep(50_000)
        }
        return nil
    }

    func testYankPutsTheIDInTmuxsBuffer() throws {
        let t = try TmuxSession(tmuxOptions: ["set-option -g set-clipboard on"])
        try t.waitFor("Events")
        try t.type(":goto kazcon-arrival-damascus-2024")
        try t.send("Enter")
        try t.waitFor("arrives in Damascus")
        try t.type("y")
        try t.waitFor("copied id kazcon-arrival-damascus-2024")
        XCTAssertEqual(try t.tmux(["show-buffer"]), "kazcon-arrival-damascus-2024")
        try t.type("Y")
        try t.waitFor("copied a Markdown citation")
        let citation = try t.tmux(["show-buffer"])
        XCTAssertTrue(citation.hasPrefix("**Kazakhstan's UNDOF contingent arrives in Damascus**"), citation)
        XCTAssertTrue(citation.contains("[`kazcon-arrival-damascus-2024`]"), citation)
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter)
    }

    func testExportAfterASearchWritesExactlyTheListedEvents() throws {
        let dir = try temporaryFolder("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.csv")
        let t = try TmuxSession()
        try t.waitFor("Events")
        try t.type("/undof")
        try t.send("Enter")
        try t.waitFor("hit 1 of")
        try t.type(":export \(file.path)")
        try t.send("Enter")
        try t.waitFor("exported 6 events")
        let expected = try HardeningEndToEndTests.crossroads(["search", "undof", "--kind", "event", "--format", "csv", "--fields", "id"])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        let written = try String(contentsOf: file, encoding: .utf8).split(separator: "\r\n").map { String($0.prefix { $0 != "," }) }
        XCTAssertEqual(written, expected.stdout.split(separator: "\r\n").map(String.init))
        let provenance = try String(contentsOf: URL(fileURLWithPath: file.path + ".provenance.json"), encoding: .utf8)
        XCTAssertTrue(provenance.contains("\"search\" : \"undof\""), provenance)
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
    }

    func testOpenRunsBROWSERWithTheURLAsItsArgument() throws {
        let dir = try temporaryFolder("open")
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = dir.appendingPathComponent("opened")
        let browser = dir.appendingPathComponent("browser.sh")
        try script("printf '%s\\n' \"$#\" \"$1\" > \(TmuxSession.quote(record.path))", at: browser)
        let t = try TmuxSession(environment: ["BROWSER": browser.path])
        try t.waitFor("Events")
        try t.type(":goto kazcon-arrival-damascus-2024")
        try t.send("Enter")
        try t.waitFor("arrives in Damascus")
        try t.type("o")
        let got = try XCTUnwrap(waitForFile(record), "the browser script was not run").split(separator: "\n")
        XCTAssertEqual(got.first, "1", "one argument: the URL")
        XCTAssertTrue(got.count == 2 && got[1].hasPrefix("https://"), "\(got)")
        try t.waitFor("opened https://")
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter)
    }

    func testEditRunsEDITORAtTheRecordAndReloadsTheAtlas() throws {
        let dir = try temporaryFolder("edit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let atlas = dir.appendingPathComponent("atlas")
        try FileManager.default.copyItem(at: Self.miniAtlas, to: atlas)
        let record = dir.appendingPathComponent("edited")
        let editor = dir.appendingPathComponent("editor.sh")
        // The editor: records its arguments, retitles the record; a second run breaks the file.
        try script("""
            printf '%s\\n' "$@" > \(TmuxSession.quote(record.path))
            if grep -q 'Handover edited by the script' "$2"; then printf 'events: [unclosed\\n' >> "$2"; exit 0; fi
            sed -i 's/title: Handover at Camp Faouar/title: Handover edited by the script/' "$2"
            """, at: editor)
        let t = try TmuxSession(arguments: ["--atlas", atlas.path], environment: ["EDITOR": editor.path])
        try t.waitFor("Events")
        try t.type(":goto handover")
        try t.send("Enter")
        try t.waitFor("Handover at Camp Faouar")
        try t.type("e")
        var screen = try t.waitFor("reloaded atlas")
        XCTAssertTrue(screen.contains("Handover edited by the script"), screen)
        let args = try XCTUnwrap(waitForFile(record)).split(separator: "\n")
        XCTAssertEqual(args.count, 2, "\(args)")
        XCTAssertTrue(args[0].hasPrefix("+") && Int(args[0].dropFirst()) != nil, "\(args)")
        XCTAssertEqual(args[1], Substring(atlas.appendingPathComponent("events.yaml").path))
        // A broken edit: the problems are said and the last good atlas stays open.
        try t.type("e")
        screen = try t.waitFor("the edit broke the atlas")
        XCTAssertTrue(screen.contains("events.yaml:"), screen)
        try t.type("j")
        screen = try t.waitFor("Handover edited by the script")
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter)
    }

    func testEditOnTheBuiltInAtlasSaysWhyNot() throws {
        let t = try TmuxSession()
        try t.waitFor("Events")
        try t.type("e")
        try t.waitFor("cannot edit the built-in atlas")
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
    }

    /// Done when: opening the built-in atlas after browsing a database file shows no
    /// history or bookmark of the database; the database's are still there after.
    func testHistoryAndBookmarksStayWithTheirAtlas() throws {
        let dir = try temporaryFolder("per-atlas")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("mini.sqlite"), state = dir.appendingPathComponent("state")
        let built = try HardeningEndToEndTests.crossroads(["import", "--with-atlas", Self.miniAtlas.path, "--into", db.path])
        XCTAssertEqual(built.status, 0, built.stderr)

        let first = try TmuxSession(arguments: ["--db", db.path], environment: ["XDG_STATE_HOME": state.path])
        try first.waitFor("Events")
        try first.type(":goto patrol-01")
        try first.send("Enter")
        try first.waitFor("UNDOF patrol report 01")
        try first.type("m")
        try first.waitFor("bookmarked:")
        try first.send("Q")
        XCTAssertEqual(first.exitStatus(), 0, first.stderr)

        let builtin = try TmuxSession(environment: ["XDG_STATE_HOME": state.path])
        try builtin.waitFor("Events")
        try builtin.type("'")
        var screen = try builtin.waitFor("No bookmarks yet")
        XCTAssertFalse(screen.contains("patrol"), screen)
        try builtin.type("q")
        try builtin.type("H")
        screen = try builtin.waitFor("History")
        XCTAssertFalse(screen.contains("patrol"), screen)
        try builtin.send("Q")
        XCTAssertEqual(builtin.exitStatus(), 0, builtin.stderr)

        let again = try TmuxSession(arguments: ["--db", db.path], environment: ["XDG_STATE_HOME": state.path])
        try again.waitFor("Events")
        try again.type("'")
        try again.waitFor("UNDOF patrol report 01")
        try again.send("Q")
        XCTAssertEqual(again.exitStatus(), 0, again.stderr)
    }
}
