import Atlas
import Foundation
import XCTest

/// The real binary in a real (tmux) terminal under abuse: every way out, resize
/// storms and sizes down to 1×1, terminals it cannot use, and data that tries to
/// drive the terminal. Fixtures are written into each session's temporary folder.
final class HardeningEndToEndTests: XCTestCase {
    override func setUp() {
        super.setUp()
        continueAfterFailure = false
        XCTAssertTrue(TmuxSession.tmuxAvailable, "tmux is needed for the end-to-end tests (apt-get install tmux)")
    }

    // MARK: - Every way out

    /// Each way out, from a session started in a pane too small for the browser and
    /// then enlarged (tmux, leaving the alternate screen after the window grew, used
    /// to copy the browser's last rows onto the shell's screen): the exit status is
    /// the conventional one, the terminal settings are as before, the cursor is
    /// visible, the alternate screen is left, and nothing of the browser remains.
    func testEveryWayOutRestoresTheTerminal() throws {
        enum Way: String, CaseIterable { case Q, q, ctrlC = "C-c", term = "SIGTERM", hup = "SIGHUP", suspend = "^Z, fg, Q" }
        let expected: [Way: Int32] = [.Q: 0, .q: 0, .ctrlC: 130, .term: 143, .hup: 129, .suspend: 0]
        for way in Way.allCases {
            let t = try TmuxSession(width: 30, height: 6, jobControl: way == .suspend)
            try t.waitFor("too small")
            try t.tmux(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
            try t.waitFor("Enter open")
            switch way {
            case .Q, .q, .ctrlC:
                try t.send(way.rawValue)
            case .term, .hup:
                let pid = try XCTUnwrap(t.programPID(), "no crossroads process in the pane")
                kill(pid, way == .term ? SIGTERM : SIGHUP)
            case .suspend:
                try t.send("C-z")
                if !t.waitUntilStopped() { XCTFail("^Z did not stop the program:\n\(try t.screen())") }
                // Stopped: the shell has its terminal back, as it was.
                XCTAssertEqual(t.sttyStopped, t.sttyBefore, "the terminal settings while stopped are not the shell's")
                XCTAssertEqual(try t.format("#{alternate_on} #{cursor_flag}"), "0 1", "^Z left the alternate screen on or the cursor hidden")
                let stopped = try t.screen()
                XCTAssertFalse(stopped.contains("Enter open") || stopped.contains("┃") || stopped.contains("│"),
                               "the browser is still on the screen while stopped:\n\(stopped)")
                t.continueJob()
                try t.waitFor("Enter open")
                XCTAssertEqual(try t.format("#{alternate_on} #{cursor_flag}"), "1 0", "after fg the browser does not have the screen back")
                try t.send("Q")
            }
            let status = t.exitStatus()
            XCTAssertEqual(status, expected[way], "leaving with \(way.rawValue): \(t.stderr)")
            try assertRestored(t, after: way.rawValue)
            XCTAssertEqual(t.stderr, "", "leaving with \(way.rawValue) wrote to stderr")
            // Nothing of the browser is left; without job control the screen is
            // blank (with it, the shell has written "[1]+ Stopped" and fg's echo).
            let screen = try t.screen()
            for remnant in ["Crossroads", "Enter open", "Events", "│", "┃", "─"] where screen.contains(remnant) {
                XCTFail("leaving with \(way.rawValue) left \"\(remnant)\" on the shell's screen:\n\(screen)")
            }
            if way != .suspend {
                XCTAssertEqual(screen.trimmingCharacters(in: .whitespacesAndNewlines), "",
                               "leaving with \(way.rawValue) left something on the shell's screen:\n\(screen)")
            }
        }
    }

    /// The hidden crash switch: the program traps after its first frame. The
    /// terminal comes back, the process dies by the trap's signal (the shell says
    /// 132, SIGILL, on x86-64 and 133, SIGTRAP, on arm64) and stderr has the
    /// runtime's one "Fatal error" line: Swift's backtracer, which would print a
    /// screenful to the terminal and wait 30 seconds for a key, is not called
    /// unless SWIFT_BACKTRACE asks for it.
    func testCrashRestoresTheTerminalWithOneLine() throws {
        let t = try TmuxSession(width: 100, height: 30, environment: ["CROSSROADS_DEBUG_CRASH": "1"],
                                unsetting: ["SWIFT_BACKTRACE"])
        let status = t.exitStatus(timeout: 20)
        XCTAssertTrue(status == 128 + SIGILL || status == 128 + SIGTRAP, "crash exit status \(String(describing: status)): \(t.stderr)")
        try assertRestored(t, after: "the crash")
        let lines = t.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(lines.count, 1, "stderr after a crash:\n\(t.stderr)")
        XCTAssertTrue(t.stderr.contains("Fatal error") && t.stderr.contains("CROSSROADS_DEBUG_CRASH"), t.stderr)
        let screen = try t.screen()
        for word in ["Crossroads", "Enter open", "Backtrace", "crashed", "Press space", "┃", "│"] {
            XCTAssertFalse(screen.contains(word), "after the crash the screen shows \"\(word)\":\n\(screen)")
        }

        // stderr on the terminal, as a person runs it: held while the screen is up,
        // the one line shown once the terminal is back, and nothing else of ours.
        let onPane = try TmuxSession(width: 100, height: 30, environment: ["CROSSROADS_DEBUG_CRASH": "1"],
                                     unsetting: ["SWIFT_BACKTRACE"], stderrToFile: false)
        XCTAssertEqual(onPane.exitStatus(timeout: 20), status)
        try assertRestored(onPane, after: "the crash, stderr on the terminal")
        let shown = try onPane.screen()
        XCTAssertTrue(shown.contains("Fatal error: CROSSROADS_DEBUG_CRASH"), shown)
        for word in ["Crossroads", "Enter open", "Backtrace", "crashed", "Press space", "┃", "│", "Thread 0"] {
            XCTAssertFalse(shown.contains(word), "after the crash the screen shows \"\(word)\":\n\(shown)")
        }
    }

    /// A terminal without an alternate screen (vt100): the browser works, and ^C
    /// leaves a clean screen, not the browser under the prompt, and no terminfo
    /// padding (`$<2>` in vt100's sgr0) written out as text.
    func testTerminalWithoutAlternateScreen() throws {
        for way in ["C-c", "Q"] {
            let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "vt100"])
            try t.waitFor("Enter open")
            try t.send(way)
            XCTAssertEqual(t.exitStatus(), way == "Q" ? 0 : 130, t.stderr)
            XCTAssertEqual(t.sttyBefore, t.sttyAfter, "TERM=vt100, \(way): terminal settings not restored")
            XCTAssertEqual(try t.format("#{alternate_on} #{cursor_flag}"), "0 1")
            let screen = try t.screen()
            XCTAssertEqual(screen.trimmingCharacters(in: .whitespacesAndNewlines), "",
                           "TERM=vt100, \(way): the screen after exit is not clean:\n\(screen)")
        }
    }

    // MARK: - Resizing

    /// 200 resizes between 20×5 and 250×70 in a few seconds, some one by one and
    /// some in bursts that land between two reads; then a search at a final size.
    /// The program survives, and its screen is the one a fresh session at that size
    /// shows after the same keys.
    func testResizeStormThenSearchMatchesAFreshSession() throws {
        var random = SplitMix64(seed: 0xC0FFEE)
        let final = (width: 97, height: 31)
        let t = try TmuxSession(width: 120, height: 40)
        try t.waitFor("Enter open")
        let started = Date()
        var resizes = 0
        func size() -> [String] {
            ["resize-window", "-t", "t", "-x", "\(Int.random(in: 20...250, using: &random))", "-y", "\(Int.random(in: 5...70, using: &random))"]
        }
        while resizes < 100 {
            try t.tmux(size())
            resizes += 1
        }
        while resizes < 200 {
            // Ten resizes in one tmux command: the program gets them faster than it can draw.
            var burst: [String] = []
            for i in 0..<10 { burst += (i == 0 ? [] : [";"]) + size() }
            try t.tmux(burst)
            resizes += 10
        }
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(resizes, 200)
        XCTAssertLessThan(seconds, 20, "the storm took \(seconds) s")
        XCTAssertNotNil(try t.programPID(), "crossroads died in the resize storm: \(t.stderr)")
        try t.tmux(["resize-window", "-t", "t", "-x", "\(final.width)", "-y", "\(final.height)"])
        XCTAssertEqual(try t.format("#{pane_width}x#{pane_height}"), "\(final.width)x\(final.height)")
        let stormed = try searchFaouar(t)

        let fresh = try TmuxSession(width: final.width, height: final.height)
        try fresh.waitFor("Enter open")
        let expected = try searchFaouar(fresh)
        XCTAssertEqual(stormed, expected, "after the storm:\n\(stormed)\nfresh at \(final.width)x\(final.height):\n\(expected)")
        for s in [t, fresh] {
            try s.send("Q")
            XCTAssertEqual(s.exitStatus(), 0, s.stderr)
            try assertRestored(s, after: "Q")
        }
    }

    /// Waits for the browser's frame at the pane's size, then searches. (tmux hands
    /// the pane its new size a moment after resize-window returns; keys typed in
    /// between are, rightly, handled at the old size.)
    private func searchFaouar(_ t: TmuxSession) throws -> String {
        let (w, h) = (Int(try t.format("#{pane_width}")) ?? 0, Int(try t.format("#{pane_height}")) ?? 0)
        var problem = ""
        let ready = try t.screen(within: 10) { screen in
            problem = Self.sizeProblem(screen, width: w, height: h) ?? ""
            return problem.isEmpty
        }
        if ready == nil { XCTFail("no browser at \(w)x\(h): \(problem)\n\(try t.screen())") }
        _ = try t.settledScreen()
        try t.type("/faouar")
        try t.waitFor("Search")
        try t.send("Enter")
        try t.waitFor("hit 1 of")
        return try t.settledScreen()
    }

    /// Sizes from 1×1 up (tmux accepts 1×1): a seeded sample of 1...30 × 1...10, the
    /// corners around the 40×8 threshold and the layout steps at 72 and 100 columns,
    /// with keys pressed at each. Every size shows the "too small" message (cut to
    /// fit, naming the size) or the browser with every row inside the pane; the
    /// program then quits cleanly.
    func testEverySizeFromOneByOneShowsTheBrowserOrTooSmall() throws {
        var random = SplitMix64(seed: 42)
        var sizes: [(Int, Int)] = [(1, 1), (2, 1), (1, 2), (1, 10), (30, 1), (17, 1), (18, 1), (18, 3), (30, 10),
                                   (39, 7), (39, 8), (40, 7), (40, 8), (41, 8), (40, 9), (39, 9), (41, 7),
                                   (71, 20), (72, 20), (99, 20), (100, 20), (250, 8), (40, 70)]
        for _ in 0..<40 { sizes.append((Int.random(in: 1...30, using: &random), Int.random(in: 1...10, using: &random))) }
        sizes.shuffle(using: &random)
        let keys: [[String]] = [["j"], ["Tab"], ["?", "Escape"], ["/", "x", "Escape"], ["G"], ["4"], ["1"], ["C-l"], ["BTab"], ["k"]]
        let t = try TmuxSession(width: 120, height: 40)
        try t.waitFor("Enter open")
        for (i, (w, h)) in sizes.enumerated() {
            // One tmux command: resize, press the keys, report the pane's size.
            var command = ["resize-window", "-t", "t", "-x", "\(w)", "-y", "\(h)"]
            for key in keys[i % keys.count] { command += [";", "send-keys", "-t", "t", key] }
            command += [";", "display-message", "-p", "-t", "t", "#{pane_width}x#{pane_height}"]
            XCTAssertEqual(try t.tmux(command).trimmingCharacters(in: .newlines), "\(w)x\(h)", "tmux did not take the size")
            var problem = ""
            let shown = try t.screen(within: 5) { screen in
                problem = Self.sizeProblem(screen, width: w, height: h) ?? ""
                return problem.isEmpty
            }
            if shown == nil { XCTFail("at \(w)x\(h): \(problem)\n\(try t.screen())") }
        }
        XCTAssertNotNil(try t.programPID(), "crossroads died: \(t.stderr)")
        try t.tmux(["resize-window", "-t", "t", "-x", "120", "-y", "40"])
        try t.waitFor("Enter open")
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        try assertRestored(t, after: "Q")
        print("sizes tried: \(sizes.count)")
    }

    /// Why `screen` is not a right screen at `width`×`height`, or nil.
    static func sizeProblem(_ screen: String, width: Int, height: Int) -> String? {
        let lines = screenLines(screen)
        guard lines.count == height else { return "\(lines.count) lines, not \(height)" }
        if let wide = lines.first(where: { Columns.of($0) > width }) { return "a line wider than \(width): \(wide)" }
        if width >= 40 && height >= 8 {
            guard lines[0].hasPrefix(" Crossroads") else { return "no title bar" }
            guard !lines[height - 1].trimmingCharacters(in: .whitespaces).isEmpty else { return "no hint line" }
            // Every body row is a full row ending in a pane's right border.
            for y in 1..<(height - 3) where !lines[y].isEmpty {
                guard Columns.of(lines[y]) == width, let last = lines[y].last, "│┃┐┓┘┛".contains(last) else {
                    return "row \(y) is not a full row of panes: \(lines[y])"
                }
            }
            return nil
        }
        let message = ["Terminal too small", "\(width)×\(height); need 40×8", "Q quits"]
        var text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // At 1×1 the one cell is the bottom-right corner, which curses leaves alone
        // on a terminal that would scroll when it is written.
        if text.isEmpty && !(width == 1 && height == 1) { return "a blank screen" }
        text = text.map { $0.hasSuffix("…") ? String($0.dropLast()) : $0 }
        for line in text where !message.contains(where: { $0.hasPrefix(line) }) { return "not the too-small message: \(line)" }
        if width >= 18, !screen.contains("Terminal too small") { return "no \"Terminal too small\"" }
        let sizeText = "\(width)×\(height);"
        if height >= 2, width > sizeText.count, !screen.contains(sizeText) { return "the message does not name \(width)×\(height)" }
        return nil
    }

    // MARK: - No usable terminal

    /// TERM=dumb, TERM unset, an unknown TERM, stdout a file, stdin not a terminal,
    /// each inside a real terminal: one clear line on stderr, exit 2, nothing
    /// written to the terminal (or to the file), the terminal as it was.
    func testNoUsableTerminalIsOneLineAndExit2() throws {
        struct Case { var name: String; var env: [String: String] = [:]; var unset: [String] = []
                      var stdoutToFile = false; var stdinFromNull = false; var says: String }
        let cases = [
            Case(name: "TERM=dumb", env: ["TERM": "dumb"], says: "TERM=dumb"),
            Case(name: "TERM unset", unset: ["TERM"], says: "TERM is not set"),
            Case(name: "TERM unknown", env: ["TERM": "no-such-terminal-xyz"], says: "no-such-terminal-xyz"),
            Case(name: "stdout a file", stdoutToFile: true, says: "stdout is not a terminal"),
            Case(name: "stdin /dev/null", stdinFromNull: true, says: "stdin is not a terminal"),
        ]
        for c in cases {
            let t = try TmuxSession(width: 100, height: 30, environment: c.env, unsetting: c.unset,
                                    stdoutToFile: c.stdoutToFile, stdinFromNull: c.stdinFromNull)
            XCTAssertEqual(t.exitStatus(), 2, "\(c.name): \(t.stderr)")
            let lines = t.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(c.name): stderr is not one line:\n\(t.stderr)")
            XCTAssertTrue(t.stderr.hasPrefix("crossroads: ") && t.stderr.contains(c.says), "\(c.name): \(t.stderr)")
            XCTAssertFalse(t.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(c.name): control characters in the message")
            XCTAssertEqual(t.sttyBefore, t.sttyAfter, "\(c.name): terminal settings changed")
            XCTAssertEqual(try t.format("#{alternate_on} #{cursor_flag}"), "0 1", c.name)
            let screen = try t.screen()
            XCTAssertEqual(screen.trimmingCharacters(in: .whitespacesAndNewlines), "", "\(c.name): wrote to the terminal:\n\(screen)")
            if c.stdoutToFile {
                XCTAssertEqual(t.stdoutBytes?.count, 0, "\(c.name): bytes written to the redirected stdout")
            }
        }
    }

    // MARK: - Hostile data

    /// Strings that would drive a terminal if written raw, and text a terminal
    /// finds hard to measure.
    static let hostile: [(name: String, text: String)] = [
        ("csi-clear", "\u{1B}[2J\u{1B}[H"),
        ("osc-title", "\u{1B}]0;pwned\u{07}"),
        ("osc2-st", "\u{1B}]2;pwned2\u{1B}\\"),
        ("osc52", "\u{1B}]52;c;cHduZWQ=\u{07}"),
        ("dcs", "\u{1B}P1$qm\u{1B}\\"),
        ("dcs-passthrough", "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}\\"),
        ("reset", "\u{1B}c"),
        ("modes", "\u{1B}[?1049l\u{1B}[?25h\u{1B}[?1000h\u{1B}[?1006h\u{1B}[4h\u{1B}[?6h\u{1B}[?7l\u{1B}[5;10r"),
        ("reports", "\u{1B}[6n\u{1B}[21t\u{1B}[c"),
        ("c0", "bel\u{07} bs\u{08} cr\r lf\n tab\t so\u{0E} si\u{0F} esc\u{1B} del\u{7F} nul\u{00}"),
        ("c1", "\u{9B}2J \u{9D}0;pwned\u{9C} \u{90}dcs\u{9C} \u{85}nel \u{8D}ri"),
        ("bidi", "\u{202E}evil\u{202C} \u{2066}iso\u{2069} \u{200F}rlm"),
        ("zero-width", "zero\u{200B}width\u{200D}join\u{FEFF}bom\u{00AD}soft"),
        ("zalgo", "e" + String(repeating: "\u{0301}", count: 50)),
        ("emoji", "peace 🕊️ family 👨‍👩‍👧 flag 🇰🇿"),
        ("cjk", "東京平和会議"),
        ("arabic", "اجتماع في القاهرة حول السلام"),
    ]
    static var allHostile: String { hostile.map(\.text).joined(separator: " ") }
    /// 10,000 characters: wide, escaped and plain.
    static let longTitle = String(("Long " + String(repeating: "東京 \u{1B}[2J\u{1B}]0;pwned\u{07} word ", count: 600)).prefix(10_000))

    /// The hostile atlas: every text field of every kind carries the strings above.
    static func writeHostileAtlas(into dir: URL) throws -> (events: Int, actors: Int, missions: Int) {
        let q = yamlString
        let all = allHostile
        let cite = "{source: src-h, locator: \(q("p " + hostile[0].text)), quote: \(q("q " + all))}"
        var y = ["sources:", "  - id: src-h", "    title: \(q("Source " + all))", "    kind: article",
                 "    publisher: \(q("Publisher " + all))", "    author: \(q("Author " + all))",
                 "    locator: \(q("locator " + hostile[3].text))", "    summary: \(q("Summary " + all))", "actors:"]
        for (i, h) in hostile.enumerated() {
            y += ["  - id: actor-\(i)", "    title: \(q("Hx \(h.name) \(h.text) end"))", "    type: organization",
                  "    aliases: [\(q("alias " + h.text))]", "    summary: \(q("summary " + all))", "    sources:", "      - " + cite]
        }
        y.append("missions:")
        for (i, h) in hostile.enumerated() {
            y += ["  - id: mission-\(i)", "    title: \(q("Hx \(h.name) \(h.text) end"))", "    acronym: \(q("AC" + h.text))",
                  // A mission's type is one of a list (hostile text there is refused by
                  // validation), so it is the one field left plain.
                  "    status: active", "    type: peacekeeping", "    location: \(q("location " + h.text))",
                  "    headquarters: \(q("hq " + h.text))", "    summary: \(q("summary " + all))", "    figures:",
                  "      - {date: 2024-01-01, actor: actor-\(i), category: \(q("category " + h.text)), count: 5, location: \(q("at " + h.text)), source: \(cite)}",
                  "    sources:", "      - " + cite]
        }
        y.append("events:")
        let titles = hostile.map { ("Hx \($0.name) \($0.text) end", $0.text) } + [(longTitle, longTitle)]
        for (i, (title, text)) in titles.enumerated() {
            let k = i % hostile.count
            y += ["  - id: event-\(i)", "    title: \(q(title))", "    date: 2024-01-\(String(format: "%02d", i + 1))",
                  "    type: \(q("type " + text))", "    aliases: [\(q("alias " + text))]",
                  "    place: {name: \(q("place " + text)), region: \(q("region " + text))}",
                  "    summary: \(q("summary " + all))",
                  "    actors:", "      - {actor: actor-\(k), role: \(q("role " + text))}",
                  "    missions: [mission-\(k)]",
                  "    figures:", "      - {category: \(q("figure " + text)), count: 3}",
                  "    links:", "      - {rel: follows, to: event-\((i + 1) % titles.count)}",
                  "    sources:", "      - " + cite]
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try (y.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("atlas.yaml"), atomically: true, encoding: .utf8)
        return (titles.count, hostile.count, hostile.count)
    }

    /// A YAML double-quoted scalar with everything outside printable ASCII escaped,
    /// so the file itself is plain text.
    static func yamlString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(u)
            case 0..<0x100: out += String(format: "\\x%02x", u.value)
            case 0x100..<0x10000: out += String(format: "\\u%04x", u.value)
            default: out += String(format: "\\U%08x", u.value)
            }
        }
        return out + "\""
    }

    /// A UCDP GED file whose text columns carry the hostile strings, with one row
    /// whose hostile id is skipped (and reported).
    static func writeHostileGED(to file: URL) throws -> Int {
        let columns = ["id", "date_start", "date_end", "date_prec", "side_a", "side_b", "side_a_new_id", "side_b_new_id",
                       "type_of_violence", "dyad_name", "conflict_name", "where_coordinates", "where_description", "adm_1",
                       "country", "latitude", "longitude", "best", "low", "high", "deaths_civilians", "source_headline"]
        func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var rows = [columns.joined(separator: ",")]
        for (i, h) in hostile.enumerated() {
            // A NUL byte makes the file binary, which import refuses whole.
            let v = h.text.replacingOccurrences(of: "\u{0}", with: "")
            let values: [String: String] = [
                "id": "\(1000 + i)", "date_start": "2020-01-\(String(format: "%02d", i + 1))", "date_end": "2020-01-\(String(format: "%02d", i + 1))",
                "date_prec": "1", "side_a": "Side A \(h.name) \(v)", "side_b": "Side B \(v)", "side_a_new_id": "\(500 + i)",
                "side_b_new_id": "\(600 + i)", "type_of_violence": "1", "dyad_name": "Dyad \(h.name) \(v)", "conflict_name": "Conflict \(v)",
                "where_coordinates": "Where \(v)", "where_description": "Described \(v)", "adm_1": "Adm \(v)", "country": "Country \(v)",
                "latitude": "1.5", "longitude": "2.5", "best": "3", "low": "2", "high": "4", "deaths_civilians": "1",
                "source_headline": "Headline \(v)",
            ]
            rows.append(columns.map { field(values[$0] ?? "") }.joined(separator: ","))
        }
        rows.append(columns.map { field($0 == "id" ? "bad" + hostile[1].text + hostile[0].text : "x") }.joined(separator: ","))
        try (rows.joined(separator: "\r\n") + "\r\n").write(to: file, atomically: true, encoding: .utf8)
        return hostile.count
    }

    /// The hostile atlas in the browser: every event, actor and mission opened, the
    /// detail scrolled, a hostile search. The pane title, the clipboard (tmux
    /// buffers, with set-clipboard on), the terminal's modes and the browser's
    /// chrome stay as they were. A control pane first shows that the same strings
    /// written raw do change the title and the clipboard, so the checks can fail.
    func testHostileAtlasCannotDriveTheTerminal() throws {
        let defaultTitle = try controlShowsRawSequencesLand()
        // The folder's name is hostile too: the title bar shows it.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-e2e-hostile-\(getpid())-\(Self.hostile[1].text)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let counts = try Self.writeHostileAtlas(into: dir)
        let t = try TmuxSession(arguments: ["--atlas", dir.path], width: 120, height: 40, tmuxOptions: ["set-option -g set-clipboard on"])
        try t.waitFor("Enter open")
        try browseEverything(t, events: counts.events, actors: counts.actors, missions: counts.missions, title: defaultTitle)
        for query in ["pwned", "cHduZWQ", "東京", "اجتماع", "Hx zalgo"] {
            try t.type("/" + query)
            try t.waitFor("Search")
            try t.send("Enter")
            try t.waitFor("hit 1 of")
            try t.send("n", "n", "N")
            try assertTerminalUntouched(t, title: defaultTitle, after: "searching \(query)")
            try t.send("Escape")
        }
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        try assertRestored(t, after: "Q")
        XCTAssertEqual(t.stderr, "")
        print("hostile strings: \(Self.hostile.count) + a 10,000-character title; records: \(counts)")
    }

    /// A UCDP GED file with hostile text columns, imported with the ucdp-ged preset
    /// and browsed from the database file: the same checks.
    func testHostileImportCannotDriveTheTerminal() throws {
        let defaultTitle = try controlShowsRawSequencesLand()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-e2e-hostile-ged-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // The database's file name is hostile too: the title bar and the import's
        // summary show it.
        let csv = dir.appendingPathComponent("hostile-ged.csv"), db = dir.appendingPathComponent("hostile\(Self.hostile[2].text).sqlite")
        let rows = try Self.writeHostileGED(to: csv)
        let imported = try Self.crossroads(["import", "ucdp-ged", csv.path, "--into", db.path])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        Self.assertInert(imported.stdout, "import summary")
        Self.assertInert(imported.stderr, "import warnings")
        XCTAssertTrue(imported.stderr.contains("is not a number"), "the bad row is reported: \(imported.stderr)")

        let t = try TmuxSession(arguments: ["--db", db.path], width: 120, height: 40, tmuxOptions: ["set-option -g set-clipboard on"])
        let first = try t.waitFor("Enter open")
        let actors = try XCTUnwrap(Self.count(of: "2 Actors", in: first), "no actor count on:\n\(first)")
        XCTAssertGreaterThanOrEqual(actors, rows, "every row has its sides as actors")
        try browseEverything(t, events: rows, actors: actors, missions: 0, title: defaultTitle)
        for query in ["pwned", "conflict", "東京"] {
            try t.type("/" + query)
            try t.waitFor("Search")
            try t.send("Enter")
            try t.waitFor("hit 1 of")
            try t.send("n")
            try assertTerminalUntouched(t, title: defaultTitle, after: "searching \(query)")
            try t.send("Escape")
        }
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        try assertRestored(t, after: "Q")
    }

    /// `show`, `search`, `list` and `snapshot` on the hostile atlas and the hostile
    /// import: text has no control character, escape or bidi override left; JSON
    /// has them escaped and decodes to the data as it was (a NUL as ␀, see
    /// `assertSameData`). Error messages that echo hostile input are inert too.
    func testHostileDataOnTheCommandLineIsInert() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-e2e-hostile-cli-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let atlas = dir.appendingPathComponent("atlas")
        _ = try Self.writeHostileAtlas(into: atlas)
        let a = ["--atlas", atlas.path]
        var runs = 0
        func text(_ args: [String], _ what: String) throws -> String {
            let r = try Self.crossroads(args)
            runs += 1
            XCTAssertEqual(r.status, 0, "\(what): \(r.stderr)")
            Self.assertInert(r.stdout, what)
            return r.stdout
        }
        func json(_ args: [String], _ what: String) throws -> Any {
            let out = try text(args + ["--format", "json"], what + " --format json")
            return try JSONSerialization.jsonObject(with: Data(out.utf8))
        }
        let titles = Self.hostile.map { "Hx \($0.name) \($0.text) end" } + [Self.longTitle]
        // Every event as text (each carries every hostile string in its summary and
        // citations, and one in each of its other fields); JSON for the one with all
        // the C0 controls and the one with the C1 controls, and every title through
        // `list`, which must come back as written.
        for i in titles.indices {
            let shown = try text(["show", "event-\(i)"] + a, "show event-\(i)")
            XCTAssertTrue(shown.contains("[event event-\(i)]"), shown)
        }
        for i in [9, 10] {
            let record = try XCTUnwrap(try json(["show", "event-\(i)"] + a, "show event-\(i)") as? [String: Any])
            Self.assertSameData(record["title"] as? String, titles[i], "event-\(i) title")
            Self.assertSameData(record["summary"] as? String, "summary " + Self.allHostile, "event-\(i) summary")
        }
        for kind in ["event", "actor", "mission"] {
            let rows = try XCTUnwrap(try json(["list", kind + "s"] + a, "list \(kind)s") as? [[String: Any]])
            let expected = kind == "event" ? titles : Self.hostile.map { "Hx \($0.name) \($0.text) end" }
            XCTAssertEqual(rows.count, expected.count, "list \(kind)s")
            for row in rows {
                guard let id = row["id"] as? String, let n = Int(id.split(separator: "-").last ?? ""), n < expected.count else {
                    XCTFail("unexpected row \(row)"); continue
                }
                Self.assertSameData(row["title"] as? String, expected[n], "\(id) title in list")
            }
            _ = try text(["list", kind + "s"] + a, "list \(kind)s")
        }
        // Actors and missions: one with an OSC, one with C0 and one with C1 controls.
        for kind in ["actor", "mission"] {
            for i in [1, 9, 10] { _ = try text(["show", "\(kind)-\(i)"] + a, "show \(kind)-\(i)") }
        }
        _ = try text(["show", "src-h"] + a, "show src-h")
        _ = try json(["show", "src-h"] + a, "show src-h")
        for query in ["pwned", "東京"] {
            _ = try text(["search", query] + a, "search \(query)")
            let hits = try XCTUnwrap(try json(["search", query] + a, "search \(query)") as? [[String: Any]])
            XCTAssertFalse(hits.isEmpty, "search \(query) found nothing")
        }
        for keys in ["4G", "2<Enter>4G"] {
            _ = try text(["snapshot", "--size", "120x40", "--keys", keys] + a, "snapshot \(keys)")
        }

        // The import, from its database file.
        let csv = dir.appendingPathComponent("hostile-ged.csv"), db = dir.appendingPathComponent("hostile.sqlite")
        let rows = try Self.writeHostileGED(to: csv)
        XCTAssertEqual(try Self.crossroads(["import", "ucdp-ged", csv.path, "--into", db.path]).status, 0)
        let d = ["--db", db.path]
        for i in [1, 9, 10] where i < rows {
            _ = try text(["show", "ucdp-ged:\(1000 + i)"] + d, "show ucdp-ged:\(1000 + i)")
        }
        _ = try text(["list", "events"] + d, "list events --db")
        _ = try text(["list", "actors"] + d, "list actors --db")
        let record = try XCTUnwrap(try json(["show", "ucdp-ged:1001"] + d, "show ucdp-ged:1001") as? [String: Any])
        Self.assertSameData(record["title"] as? String, "State-based violence: Dyad osc-title \(Self.hostile[1].text), Where \(Self.hostile[1].text)",
                            "ucdp-ged:1001 title")
        _ = try text(["search", "pwned"] + d, "search pwned --db")
        _ = try json(["search", "pwned"] + d, "search pwned --db")

        // Errors that quote hostile input: an unknown id, a misspelt command, and an
        // atlas whose file name and values are hostile.
        let evil = "x" + Self.hostile[1].text + Self.hostile[0].text
        for args in [["show", evil] + a, ["search", evil] + a, [evil + "serch"], ["--at", evil] + a, ["--db", dir.appendingPathComponent(evil).path]] {
            let r = try Self.crossroads(args)
            runs += 1
            XCTAssertNotEqual(r.status, 0, "\(args) should fail")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            Self.assertInert(r.stderr, "the error for \(args.first ?? "")")
        }
        let bad = dir.appendingPathComponent("bad-atlas")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        let badYAML = """
            events:
              - id: x
                title: "t"
                date: 2024-01-01
                links:
                  - {rel: \(Self.yamlString(Self.hostile[1].text)), to: \(Self.yamlString("y" + Self.hostile[0].text))}
                sources:
                  - {source: \(Self.yamlString(Self.hostile[3].text)), locator: a, quote: b}

            """
        try badYAML.write(to: bad.appendingPathComponent("evil\(Self.hostile[1].text).yaml"), atomically: true, encoding: .utf8)
        let validated = try Self.crossroads(["validate", "--atlas", bad.path])
        XCTAssertEqual(validated.status, 65, validated.stdout + validated.stderr)
        Self.assertInert(validated.stdout, "validate's problems")
        Self.assertInert(validated.stderr, "validate's summary")
        print("command-line runs checked: \(runs)")
    }

    // MARK: - Helpers

    /// The terminal after the program: settings as before, cursor shown, main screen.
    private func assertRestored(_ t: TmuxSession, after way: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertNotNil(t.sttyBefore, file: file, line: line)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter, "\(way): terminal settings not restored", file: file, line: line)
        XCTAssertEqual(try t.format("#{alternate_on} #{cursor_flag}"), "0 1",
                       "\(way): the alternate screen is still on or the cursor hidden", file: file, line: line)
    }

    /// Opens every event (with its detail scrolled to the end and back), every actor
    /// and every mission, checking the terminal after each list.
    private func browseEverything(_ t: TmuxSession, events: Int, actors: Int, missions: Int, title: String) throws {
        // Each record: open it, focus the detail and go to its end (the hint line
        // says "Enter follow" once that is drawn), then back to the list's next row.
        try t.send("1", "g")
        for i in 1...events {
            try t.send("Enter", "4", "G")
            try t.waitFor("Enter follow", timeout: 5)
            try t.send("g", "1", i < events ? "j" : "g")
            try t.waitFor("Events \(events) · \(i < events ? i + 1 : 1)/\(events)", timeout: 5)
        }
        try assertTerminalUntouched(t, title: title, after: "opening every event")
        for (pane, key, n) in [("Actors", "2", actors), ("Missions", "3", missions)] where n > 0 {
            try t.send(key, "g")
            for i in 1...n {
                try t.send("Enter", "4", "G")
                try t.waitFor("Enter follow", timeout: 5)
                try t.send(key, i < n ? "j" : "g")
                try t.waitFor("\(pane) \(n) · \(i < n ? i + 1 : 1)/\(n)", timeout: 5)
            }
            try assertTerminalUntouched(t, title: title, after: "opening every \(pane.lowercased().dropLast())")
            try t.send("Escape")
        }
    }

    /// Nothing the data carried reached the terminal: the pane's title and modes,
    /// the clipboard, and the browser's frame are as the browser set them.
    private func assertTerminalUntouched(_ t: TmuxSession, title: String, after what: String,
                                         file: StaticString = #filePath, line: UInt = #line) throws {
        let screen = try t.settledScreen()
        XCTAssertEqual(try t.format("#{pane_title}"), title, "\(what): the pane title changed", file: file, line: line)
        XCTAssertEqual(try t.tmux(["list-buffers"]), "", "\(what): something reached the clipboard", file: file, line: line)
        // alternate screen, hidden cursor, no insert mode, no mouse reporting, no
        // origin mode, autowrap as ncurses set it, scroll region the whole pane.
        XCTAssertEqual(try t.format("#{alternate_on} #{cursor_flag} #{insert_flag} #{mouse_any_flag} #{origin_flag} #{wrap_flag} #{scroll_region_upper}-#{scroll_region_lower}"),
                       "1 0 0 0 0 1 0-\(t.height - 1)", "\(what): the terminal's modes changed", file: file, line: line)
        if let problem = Self.sizeProblem(screen, width: t.width, height: t.height) {
            XCTFail("\(what): \(problem)\n\(screen)", file: file, line: line)
        }
        for chrome in [" Crossroads ", "Events", "Actors", "Missions", "Enter open"] where !screen.contains(chrome) {
            XCTFail("\(what): the browser's \"\(chrome)\" is gone:\n\(screen)", file: file, line: line)
        }
        XCTAssertFalse(screen.contains("\u{1B}"), "\(what): an escape character on the screen", file: file, line: line)
    }

    /// A pane that writes an OSC title and an OSC 52 copy raw: they land (the title
    /// changes, tmux gets a buffer), so their absence elsewhere means something.
    /// Returns the pane's default title.
    private func controlShowsRawSequencesLand() throws -> String {
        let control = try TmuxSession(script: "while [ ! -e go ]; do sleep 0.02; done; printf '\\033]0;pwned\\007\\033]52;c;cHduZWQ=\\007'",
                                      tmuxOptions: ["set-option -g set-clipboard on"])
        let defaultTitle = try control.format("#{pane_title}")
        XCTAssertFalse(defaultTitle.contains("pwned"))
        _ = FileManager.default.createFile(atPath: control.work.appendingPathComponent("go").path, contents: nil)
        let landed = try control.screen(within: 5) { _ in (try? control.format("#{pane_title}")) == "pwned" }
        XCTAssertNotNil(landed, "the control's OSC 0 did not set the pane title; the title check would prove nothing")
        XCTAssertTrue(try control.tmux(["list-buffers"]).contains("pwned"), "the control's OSC 52 did not reach tmux's buffers")
        return defaultTitle
    }

    /// Runs the built crossroads with the test's own state folder; its output, decoded.
    static func crossroads(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = TmuxSession.binary
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-e2e-state-\(getpid())").path
        env["LC_ALL"] = "C.UTF-8"
        p.environment = env
        // stderr goes to a file, so that neither pipe can fill while the other is read.
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-e2e-stderr-\(getpid())-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let err = try FileHandle(forWritingTo: errFile)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try err.close()
        let errData = (try? Data(contentsOf: errFile)) ?? Data()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// No byte or character a terminal would act on: C0 controls but newline, DEL,
    /// C1 controls, bidi embeddings, overrides and isolates, line separators.
    static func assertInert(_ s: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = s.unicodeScalars.filter { u in
            switch u.value {
            case 0x0A: return false
            case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: return true
            default: return false
            }
        }
        if !bad.isEmpty {
            let shown = bad.prefix(8).map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
            XCTFail("\(what): \(bad.count) raw control or bidi characters (\(shown)) in:\n\(s.prefix(2000))", file: file, line: line)
        }
    }

    /// JSON carries the data unchanged, but for a NUL, which the store keeps as its
    /// visible picture ␀ (U+2400) so that nothing after it is lost.
    static func assertSameData(_ got: String?, _ original: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let stored = original.replacingOccurrences(of: "\u{0}", with: "\u{2400}")
        XCTAssertTrue(got == stored, "\(what) changed on the way:\n\(got.map { $0.debugDescription } ?? "nil")\n\(original.debugDescription)",
                      file: file, line: line)
    }

    /// The count in a pane's title: `2 Actors` in `┌ 2 Actors 35 ──`.
    static func count(of pane: String, in screen: String) -> Int? {
        guard let r = screen.range(of: pane + " ") else { return nil }
        return Int(screen[r.upperBound...].prefix { $0.isNumber })
    }

    /// capture-pane's rows, without the final newline.
    static func screenLines(_ screen: String) -> [String] {
        var lines = screen.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Columns a captured line takes, as tmux (which uses the C library's wcwidth)
/// counts them.
enum Columns {
    private static let utf8Ready: Bool = {
        setlocale(LC_CTYPE, "C.UTF-8") != nil || setlocale(LC_CTYPE, "en_US.UTF-8") != nil
    }()

    static func of(_ s: String) -> Int {
        _ = utf8Ready
        return s.unicodeScalars.reduce(0) { $0 + max(0, Int(c_wcwidth(Int32(bitPattern: $1.value)))) }
    }
}

@_silgen_name("wcwidth") private func c_wcwidth(_ c: Int32) -> Int32
