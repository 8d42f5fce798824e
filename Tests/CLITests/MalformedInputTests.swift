import Atlas
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Malformed inputs to the atlas loader (`validate`, `list`, the browser with
/// `--atlas`), the database opener (`--db`) and `import`: each is one line on stderr
/// naming the file (and line and column where there is one), an exit code from
/// sysexits (64 usage, 65 data, 66 no input, 74 I/O), no crash text, and a failed
/// import leaves the database byte for byte as it was.
///
/// The binary is run with posix_spawn and reaped with wait4, so that each run's own
/// peak memory is known (the 200 MB inputs must not be read whole).
final class MalformedInputTests: XCTestCase {
    // MARK: running the binary

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Peak resident memory of the process, in MB.
        var peakMB: Double
        var seconds: Double
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    static let binary = BuiltBinary.crossroads

    static let mini = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AtlasTests/Fixtures/mini")

    /// A folder for this test, removed after it.
    private var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-malformed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let work {
            // Undo chmod 000 so that the folder can be removed when not root.
            if let e = FileManager.default.enumerator(atPath: work.path) {
                for case let name as String in e { chmod(work.appendingPathComponent(name).path, 0o755) }
            }
            try? FileManager.default.removeItem(at: work)
        }
    }

    private func crossroads(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        guard let binary = Self.binary else {
            XCTFail("the crossroads executable was not found next to the test bundle; run `swift build` first", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        let scratch = work.appendingPathComponent("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout").path, err = scratch.appendingPathComponent("stderr").path

        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_CONFIG_HOME"] = scratch.path
        env["XDG_STATE_HOME"] = scratch.path
        let argv = [binary.path] + args
        let envv = env.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        func cStrings(_ s: [String]) -> [UnsafeMutablePointer<CChar>?] { s.map { strdup($0) } + [nil] }
        let cArgv = cStrings(argv), cEnv = cStrings(envv)
        defer { (cArgv + cEnv).forEach { free($0) } }

        let start = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary.path, &actions, nil, cArgv, cEnv)
        guard spawned == 0 else {
            XCTFail("posix_spawn failed: \(String(cString: strerror(spawned)))", file: file, line: line)
            throw CocoaError(.executableLoad)
        }
        var status: Int32 = 0
        var usage = rusage()
        let deadline = Date().addingTimeInterval(60)
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { XCTFail("wait4: \(String(cString: strerror(errno)))", file: file, line: line); break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                XCTFail("crossroads \(args.joined(separator: " ")) did not finish in 60 s", file: file, line: line)
                break
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(start)
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return Run(status: code,
                   stdout: String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self),
                   stderr: String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self),
                   peakMB: Double(usage.ru_maxrss) / 1024, seconds: seconds)
    }

    // MARK: checks

    /// Exactly one line on stderr, starting `crossroads: `, nothing on stdout, no
    /// crash text, the exit code, and every fragment.
    private func assertOneLine(_ r: Run, _ status: Int32, _ fragments: [String], _ context: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "exit status of \(context); stderr: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderrLines.count, 1, "\(context): stderr is not one line: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("crossroads: ") && r.stderr.hasSuffix("\n"), "\(context): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "\(context): stdout", file: file, line: line)
        assertNoCrash(r, context, file: file, line: line)
        for f in fragments {
            XCTAssertTrue(r.stderr.contains(f), "\(context): stderr '\(r.stderr)' lacks '\(f)'", file: file, line: line)
        }
    }

    private func assertNoCrash(_ r: Run, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for bad in ["Fatal error", "fatal error", "backtrace", "Backtrace", "Stack dump", "Current stack trace",
                    "Illegal instruction", "Segmentation fault", "DecodingError", "GRDB", "SQLite error"] {
            XCTAssertFalse(r.stderr.contains(bad) || r.stdout.contains(bad), "\(context): crash text '\(bad)': \(r.stderr)",
                           file: file, line: line)
        }
        XCTAssertLessThan(r.status, 128, "\(context): killed by a signal", file: file, line: line)
    }

    // MARK: building inputs

    /// A copy of the mini atlas (three YAML files that load cleanly).
    private func atlas(_ name: String = "atlas") throws -> URL {
        let dir = work.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Self.mini, to: dir)
        return dir
    }

    private func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    private func mkfifo(_ url: URL) throws {
        guard Glibc.mkfifo(url.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// A sparse file of `megabytes` MB of zeros after `prefix`; no disk is used.
    private func sparse(_ url: URL, megabytes: Int, prefix: String = "") throws {
        try write(prefix, to: url)
        guard truncate(url.path, off_t(megabytes) * 1_048_576) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    static let isRoot = geteuid() == 0

    /// A record that cites the mini atlas's source, for bad files added beside it.
    static let cite = "    sources: [{source: src-a, locator: p, quote: q}]\n"

    /// A real database, built by `crossroads import` with the built-in atlas.
    private func database(_ name: String = "real.sqlite") throws -> URL {
        let csv = work.appendingPathComponent("missions-\(UUID().uuidString).csv")
        try write("mission_acronym,mission_name,start_date,end_date\nUNTSO,UN Truce Supervision Organization,1948-05-29,\n", to: csv)
        let db = work.appendingPathComponent(name)
        let r = try crossroads(["import", "un-missions", csv.path, "--with-builtin", "--into", db.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return db
    }

    /// A copy of `db` with 4 big-endian bytes replaced at `offset` of the SQLite
    /// header (60: user_version, 68: application_id).
    private func patched(_ db: URL, _ name: String, offset: Int, value: UInt32) throws -> URL {
        var bytes = try Data(contentsOf: db)
        withUnsafeBytes(of: value.bigEndian) { bytes.replaceSubrange(offset..<(offset + 4), with: $0) }
        let url = work.appendingPathComponent(name)
        try bytes.write(to: url)
        return url
    }

    // MARK: the atlas loader

    /// One malformed atlas: the bad file's name, how to make it, the exit code, the
    /// `file:line:column` prefix (nil when the message is about the file as a whole
    /// at 1:1) and what the message must say.
    struct AtlasCase {
        var name: String
        var make: (URL) throws -> Void
        var location: (line: Int, column: Int)
        var fragments: [String]
    }

    /// Every bad file sits beside the mini atlas as zz.yaml, so its problem is the
    /// only one and located in it.
    private var atlasCases: [AtlasCase] {
        let cite = Self.cite
        var cases: [AtlasCase] = [
            AtlasCase(name: "YAML syntax error (a mapping inside a value)",
                      make: { try self.write("events:\n  - id: x\n    title: a: b\n", to: $0) },
                      location: (3, 13), fragments: ["YAML syntax error", "mapping values are not allowed"]),
            AtlasCase(name: "YAML syntax error (an unclosed list)",
                      make: { try self.write("events:\n  - id: x\n    title: [unclosed\n    date: 2024\n", to: $0) },
                      location: (4, 9), fragments: ["YAML syntax error", "while parsing a flow sequence"]),
            AtlasCase(name: "YAML syntax error (a tab for indentation)",
                      make: { try self.write("events:\n\t- id: x\n", to: $0) },
                      location: (2, 1), fragments: ["YAML syntax error"]),
            AtlasCase(name: "YAML nested 5,000 levels deep",
                      make: { try self.write("events: " + String(repeating: "[", count: 5_000) + "\n", to: $0) },
                      location: (1, 10), fragments: ["YAML syntax error: nested more than 1,000 levels deep"]),
            AtlasCase(name: "a number where a list is expected",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: 2024\n    aliases: 5\n" + cite, to: $0) },
                      location: (5, 14), fragments: ["'aliases' must be a list, found '5'"]),
            AtlasCase(name: "a number where the list of records is expected",
                      make: { try self.write("events: 5\n", to: $0) },
                      location: (1, 9), fragments: ["'events' must be a list of records"]),
            AtlasCase(name: "a list where text is expected",
                      make: { try self.write("events:\n  - id: x\n    title: [a, b]\n    date: 2024\n" + cite, to: $0) },
                      location: (3, 12), fragments: ["'title' must be text, found a list"]),
            AtlasCase(name: "text where a number is expected",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: 2024\n    figures:\n      - {category: killed, count: many}\n" + cite, to: $0) },
                      location: (6, 35), fragments: ["'count' must be a whole number", "'many'"]),
            AtlasCase(name: "a list at the top of the file",
                      make: { try self.write("- id: x\n", to: $0) },
                      location: (1, 1), fragments: ["expected a mapping"]),
            AtlasCase(name: "an unknown field",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: 2024\n    dte: 2024\n" + cite, to: $0) },
                      location: (5, 5), fragments: ["unknown field 'dte'", "did you mean 'date'?"]),
            AtlasCase(name: "an unknown top-level key",
                      make: { try self.write("evnts: []\n", to: $0) },
                      location: (1, 1), fragments: ["unknown top-level key 'evnts'", "did you mean 'events'?"]),
            AtlasCase(name: "a duplicate id",
                      make: { try self.write("events:\n  - id: arrival\n    title: T\n    date: 2024\n" + cite, to: $0) },
                      location: (2, 9), fragments: ["duplicate id 'arrival'", "events.yaml:15"]),
            AtlasCase(name: "a dangling link",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: 2024\n    links: [{rel: follows, to: nowhere}]\n" + cite, to: $0) },
                      location: (5, 32), fragments: ["no record with id 'nowhere'"]),
            AtlasCase(name: "a dangling actor",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: 2024\n    actors: [{actor: kazakstan, role: host}]\n" + cite, to: $0) },
                      location: (5, 22), fragments: ["no actor with id 'kazakstan'", "did you mean 'kazakhstan'?"]),
            AtlasCase(name: "an invalid EDTF date (month 13)",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: 2024-13-45\n" + cite, to: $0) },
                      location: (4, 16), fragments: ["invalid date '2024-13-45'", "month 13 does not exist", "EDTF"]),
            AtlasCase(name: "an invalid EDTF date (interval backwards)",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: 2024/2020\n" + cite, to: $0) },
                      location: (4, 16), fragments: ["interval ends before it starts"]),
            AtlasCase(name: "an invalid EDTF date (words)",
                      make: { try self.write("events:\n  - id: x\n    title: T\n    date: \"March 2024\"\n" + cite, to: $0) },
                      location: (4, 12), fragments: ["invalid date 'March 2024'"]),
            AtlasCase(name: "invalid UTF-8",
                      make: { try (Data("events:\n  - id: x\n    title: T".utf8) + [0xFF, 0xFE, 0x0A] + Data("    date: 2024\n".utf8)).write(to: $0) },
                      location: (3, 13), fragments: ["not valid UTF-8"]),
            AtlasCase(name: "a NUL character",
                      make: { try self.write("events:\n  - id: x\n    title: T\u{0}\n", to: $0) },
                      location: (3, 13), fragments: ["NUL"]),
            AtlasCase(name: "an empty file",
                      make: { try Data().write(to: $0) },
                      location: (1, 1), fragments: ["the file is empty"]),
            AtlasCase(name: "a file of comments only",
                      make: { try self.write("# nothing yet\n\n", to: $0) },
                      location: (1, 1), fragments: ["the file is empty"]),
            AtlasCase(name: "a folder where a file is expected",
                      make: { try FileManager.default.createDirectory(at: $0, withIntermediateDirectories: false) },
                      location: (1, 1), fragments: ["is a folder, not a YAML file"]),
            AtlasCase(name: "a named pipe (cannot be read)",
                      make: { try self.mkfifo($0) },
                      location: (1, 1), fragments: ["cannot be read", "named pipe"]),
            AtlasCase(name: "a symbolic link to nothing (cannot be read)",
                      make: { try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: "/nonexistent/\(UUID())") },
                      location: (1, 1), fragments: ["cannot be read", "symbolic link"]),
            AtlasCase(name: "a 200 MB file",
                      make: { try self.sparse($0, megabytes: 200, prefix: "events:\n") },
                      location: (1, 1), fragments: ["is 200 MB", "limited to 32 MB", "crossroads import"]),
        ]
        // Permissions do not stop root, which these tests usually run as.
        if !Self.isRoot {
            cases.append(AtlasCase(name: "a file without read permission",
                                   make: { try self.write("events: []\n", to: $0); chmod($0.path, 0) },
                                   location: (1, 1), fragments: ["cannot be read", "permission denied"]))
        }
        return cases
    }

    /// Each case through `validate` (the problem, then a count), `list` and the
    /// browser (one line each), all exit 65.
    func testMalformedAtlasFiles() throws {
        for (i, c) in atlasCases.enumerated() {
            let dir = try atlas("atlas-\(i)")
            let bad = dir.appendingPathComponent("zz.yaml")
            try c.make(bad)
            let located = "\(bad.path):\(c.location.line):\(c.location.column): "

            let v = try crossroads(["validate", "--atlas", dir.path])
            XCTAssertEqual(v.status, 65, "validate, \(c.name): \(v.stderr)")
            assertNoCrash(v, "validate, \(c.name)")
            XCTAssertEqual(v.stderrLines.count, 2, "validate, \(c.name): one problem and the count: \(v.stderr)")
            XCTAssertEqual(v.stderrLines.last, "crossroads: 1 problem in \(dir.path)", "validate, \(c.name)")
            XCTAssertEqual(v.stdout, "", "validate, \(c.name)")
            let problem = v.stderrLines.first ?? ""
            XCTAssertTrue(problem.hasPrefix(located), "validate, \(c.name): '\(problem)' does not start with '\(located)'")
            for f in c.fragments {
                XCTAssertTrue(problem.contains(f), "validate, \(c.name): '\(problem)' lacks '\(f)'")
            }

            for args in [["list", "events", "--atlas", dir.path], ["--atlas", dir.path], ["show", "arrival", "--atlas", dir.path]] {
                let r = try crossroads(args)
                let context = "\(args.first == "--atlas" ? "browse" : args[0]), \(c.name)"
                assertOneLine(r, 65, ["crossroads: " + located] + c.fragments, context)
                XCTAssertLessThan(r.seconds, 10, context)
                XCTAssertLessThan(r.peakMB, 150, "\(context): \(r.peakMB) MB")
            }
        }
    }

    func testDuplicateIDNamesBothPlaces() throws {
        let dir = try atlas()
        let bad = dir.appendingPathComponent("zz.yaml")
        try write("events:\n  - id: arrival\n    title: T\n    date: 2024\n" + Self.cite, to: bad)
        let r = try crossroads(["list", "events", "--atlas", dir.path])
        // Files are read in name order: events.yaml defines arrival first (line 15).
        assertOneLine(r, 65, ["\(bad.path):2:9: duplicate id 'arrival': already used by the event at \(dir.path)/events.yaml:15"], "duplicate id")
    }

    /// The folder itself: missing, a file, a path through a file, no YAML: exit 66.
    func testAtlasFoldersThatCannotBeRead() throws {
        let plain = work.appendingPathComponent("plain.txt")
        try write("hello\n", to: plain)
        let empty = work.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        let cases: [(String, String, [String])] = [
            ("a missing folder", work.appendingPathComponent("missing").path, ["no such folder"]),
            ("a file", plain.path, ["is a file; an atlas is a folder of .yaml files"]),
            ("a path through a file", plain.path + "/atlas", ["no such folder"]),
            ("a folder without YAML files", empty.path, ["holds no .yaml files"]),
        ]
        for (name, path, fragments) in cases {
            for args in [["validate", "--atlas", path], ["list", "events", "--atlas", path], ["--atlas", path]] {
                assertOneLine(try crossroads(args), 66, [path + ": "] + fragments, "\(args[0]), \(name)")
            }
        }
    }

    // MARK: the database opener

    func testMalformedDatabaseFiles() throws {
        let real = try database()
        let bytes = try Data(contentsOf: real)
        XCTAssertGreaterThan(bytes.count, 64 * 1024, "a database big enough to cut in half")

        var random = SystemRandomNumberGenerator()
        let corrupt = work.appendingPathComponent("random.sqlite")
        try Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: corrupt)
        let truncated = work.appendingPathComponent("truncated.sqlite")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let newer = try patched(real, "newer.sqlite", offset: 60, value: UInt32(Schema.version + 1))
        let foreign = try patched(real, "foreign.sqlite", offset: 68, value: 0)
        let empty = work.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        let text = work.appendingPathComponent("text.sqlite")
        try write("id,title\n1,not a database\n", to: text)
        let pipe = work.appendingPathComponent("pipe.sqlite")
        try mkfifo(pipe)
        let huge = work.appendingPathComponent("huge.sqlite")
        try sparse(huge, megabytes: 200)
        let folder = work.appendingPathComponent("folder.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let plain = work.appendingPathComponent("plain.txt")
        try write("x\n", to: plain)

        let cases: [(String, String, Int32, [String])] = [
            ("random bytes", corrupt.path, 65, ["not a readable SQLite database (file is not a database)"]),
            ("the first half of a real database", truncated.path, 65, ["not a readable SQLite database", "malformed"]),
            ("a newer schema", newer.path, 65, ["written by a newer Crossroads (schema \(Schema.version + 1))",
                                                "reads schema \(Schema.version) and older"]),
            ("SQLite but not Crossroads", foreign.path, 65, ["not a Crossroads database"]),
            ("an empty file", empty.path, 65, ["not a Crossroads database"]),
            ("a text file", text.path, 65, ["not a readable SQLite database"]),
            ("200 MB of zeros", huge.path, 65, ["not a readable SQLite database"]),
            ("a named pipe", pipe.path, 66, ["is a named pipe, not a database file"]),
            ("a folder", folder.path, 66, ["is a folder"]),
            ("a missing file", work.appendingPathComponent("missing.sqlite").path, 66, ["no such file"]),
            ("a path through a file", plain.path + "/x.sqlite", 66, ["no such file"]),
        ]
        if !Self.isRoot {
            let locked = work.appendingPathComponent("locked.sqlite")
            try bytes.write(to: locked)
            chmod(locked.path, 0)
            XCTAssertEqual(try crossroads(["stats", "--db", locked.path]).status, 66)
        }
        for (name, path, status, fragments) in cases {
            for args in [["list", "events"], ["show", "undof"], ["search", "undof"], ["stats"], []] {
                let r = try crossroads(args + ["--db", path])
                let context = "\(args.first ?? "browse"), \(name)"
                assertOneLine(r, status, [path + ": "] + fragments, context)
                XCTAssertLessThan(r.seconds, 10, context)
                XCTAssertLessThan(r.peakMB, 150, "\(context): \(r.peakMB) MB")
            }
        }
        // The real database still opens: the failures were the files'.
        XCTAssertEqual(try crossroads(["show", "undof", "--db", real.path]).status, 0)
    }

    // MARK: import

    static let header = "mission_acronym,mission_name,start_date,end_date\n"

    /// Runs a failing import into a copy of a real database and checks the copy is
    /// byte for byte what it was, with no partial file left beside it.
    private func assertFailedImportKeepsTheDatabase(_ args: [String], into db: URL, _ status: Int32, _ fragments: [String],
                                                    _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try? Data(contentsOf: db)
        let r = try crossroads(["import"] + args + ["--into", db.path])
        assertOneLine(r, status, fragments, context, file: file, line: line)
        XCTAssertLessThan(r.seconds, 10, context, file: file, line: line)
        XCTAssertLessThan(r.peakMB, 150, "\(context): \(r.peakMB) MB", file: file, line: line)
        let after = try? Data(contentsOf: db)
        XCTAssertEqual(before?.count, after?.count, "\(context): database size changed", file: file, line: line)
        XCTAssertTrue(before == after, "\(context): the database changed (fnv \(fnv(before)) -> \(fnv(after)))", file: file, line: line)
        let folder = db.deletingLastPathComponent().path
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".\(db.lastPathComponent).") }
        XCTAssertEqual(leftovers, [], "\(context): working files left beside the database", file: file, line: line)
    }

    private func fnv(_ data: Data?) -> String {
        guard let data else { return "none" }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return String(h, radix: 16)
    }

    func testRaggedRowsAreSkippedWithTheirLines() throws {
        let db = try database()
        let csv = work.appendingPathComponent("ragged.csv")
        try write(Self.header + "UNA,Mission A,2000-01-01,\nUNB,Mission B\nUNC,Mission C,2001-01-01,,extra\n", to: csv)
        let before = try Data(contentsOf: db)
        let r = try crossroads(["import", "un-missions", csv.path, "--into", db.path])
        // More rows skipped than imported: refused with its accounting (issue 12).
        XCTAssertEqual(r.status, 65, r.stderr)
        assertNoCrash(r, "ragged")
        XCTAssertEqual(r.stderrLines, ["\(csv.path):3: skipped: row has 2 fields, the header has 4",
                                       "\(csv.path):4: skipped: row has 5 fields, the header has 4",
                                       "crossroads: \(csv.path): more rows skipped (2) than imported (1); the database is as it was"])
        XCTAssertTrue(r.stdout.contains("3 rows read: 1 imported, 0 merged, 2 skipped"), r.stdout)
        XCTAssertEqual(try Data(contentsOf: db), before)
        try write(Self.header + "UNA,Mission A,2000-01-01,\nUNB,Mission B\nUNC,Mission C,2001-01-01,\nUND,Mission D,2002-01-01,\n", to: csv)
        let kept = try crossroads(["import", "un-missions", csv.path, "--into", db.path])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertEqual(kept.stderrLines, ["\(csv.path):3: skipped: row has 2 fields, the header has 4"])

        let strictDB = try database("strict.sqlite")
        try assertFailedImportKeepsTheDatabase(["un-missions", csv.path, "--strict"], into: strictDB, 65,
                                               ["\(csv.path):3: row has 2 fields, the header has 4 (--strict)"], "ragged --strict")
    }

    func testMalformedImportFiles() throws {
        let db = try database()
        func csv(_ name: String, _ text: String) throws -> String {
            let url = work.appendingPathComponent(name)
            try write(text, to: url)
            return url.path
        }
        let unclosed = try csv("unclosed.csv", Self.header + "UNA,Mission A,2000-01-01,\nUNB,\"Mission B,2000-01-01,\nUNC,C,2001-01-01,\n")
        let unclosedHeader = try csv("unclosed-header.csv", "mission_acronym,\"mission_name\n")
        let empty = try csv("empty.csv", "")
        let wrong = try csv("wrong.csv", "a,b,c\n1,2,3\n")
        let utf16 = work.appendingPathComponent("utf16.csv")
        try (Data([0xFF, 0xFE]) + Self.header.data(using: .utf16LittleEndian)!).write(to: utf16)
        let huge = work.appendingPathComponent("huge.csv")
        try sparse(huge, megabytes: 200)
        let hugeAfterHeader = work.appendingPathComponent("huge-after-header.csv")
        try sparse(hugeAfterHeader, megabytes: 200, prefix: Self.header + "UNA,Mission A,2000-01-01,\n")
        let pipe = work.appendingPathComponent("pipe.csv")
        try mkfifo(pipe)
        let folder = work.appendingPathComponent("folder.csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let plain = try csv("plain.txt", "x\n")
        let badUTF8 = work.appendingPathComponent("latin.csv")
        try (Data((Self.header + "UNA,Mission ").utf8) + [0xE9, 0xFF] + Data(",2000-01-01,\n".utf8)).write(to: badUTF8)

        let cases: [([String], Int32, [String], String)] = [
            (["un-missions", unclosed], 65, ["\(unclosed):3: a quoted field is never closed"], "an unclosed quote"),
            (["un-missions", unclosedHeader], 65, ["\(unclosedHeader):1: a quoted field is never closed"], "an unclosed quote in the header"),
            (["un-missions", empty], 65, ["\(empty):1: empty file"], "an empty file"),
            (["un-missions", wrong], 65, ["\(wrong):1: not this dataset's file: no columns mission_acronym"], "another dataset's file"),
            (["un-missions", utf16.path], 65, ["\(utf16.path):1: UTF-16"], "a UTF-16 file"),
            (["un-missions", huge.path], 65, ["\(huge.path):1: a NUL byte at column 1: not a text file"], "200 MB of zeros"),
            (["un-missions", hugeAfterHeader.path], 65, ["\(hugeAfterHeader.path):3: a NUL byte at column 1"], "a header, then 200 MB of zeros"),
            (["un-missions", badUTF8.path, "--encoding", "utf-8", "--strict"], 65,
             ["\(badUTF8.path):2: field 2 is not valid UTF-8"], "not UTF-8 with --encoding utf-8 --strict"),
            (["un-missions", pipe.path], 66, ["\(pipe.path): is a named pipe, not a regular file"], "a named pipe"),
            (["un-missions", folder.path], 66, ["\(folder.path): is a folder, not a file"], "a folder"),
            (["un-missions", work.appendingPathComponent("missing.csv").path], 66, ["missing.csv: no such file"], "a missing file"),
            (["un-missions", plain + "/x.csv"], 66, ["x.csv: no such file"], "a path through a file"),
            (["un-missions,geo-pko", unclosed], 64, ["2 presets need 2 files"], "presets without their files"),
            (["no-such-preset", unclosed], 64, ["unknown preset 'no-such-preset'"], "an unknown preset"),
            (["un-missions", unclosed, "--encoding", "latin9"], 64, ["--encoding"], "an unknown encoding"),
        ]
        for (args, status, fragments, name) in cases {
            try assertFailedImportKeepsTheDatabase(args, into: db, status, fragments, name)
        }
        // A good file before a bad one in the same command: nothing is written, and
        // no summary is printed for the good one.
        let good = try csv("good.csv", Self.header + "UNA,Mission A,2000-01-01,\n")
        try assertFailedImportKeepsTheDatabase(["un-missions", good, huge.path], into: db, 65, ["\(huge.path):1:"], "a good file, then a bad one")
        try assertFailedImportKeepsTheDatabase(["un-missions", good, unclosed], into: db, 65, ["\(unclosed):3:"],
                                               "a good file, then an unclosed quote")
        let vetoes = try csv("vetoes.csv", "date,draft,meeting_record,agenda_item,member_veto1\n1/2/2000,\"S/2000/1,x,y,USA\n")
        try assertFailedImportKeepsTheDatabase(["un-missions,unsc-vetoes", good, vetoes], into: db, 65,
                                               ["\(vetoes):2: a quoted field is never closed"], "two presets, the second file bad")
        try assertFailedImportKeepsTheDatabase(["un-missions,unsc-vetoes", good, vetoes, "--with-builtin"], into: db, 65,
                                               ["\(vetoes):2:"], "two presets with the built-in atlas, the second file bad")
        let fresh = work.appendingPathComponent("fresh.sqlite")
        try assertFailedImportKeepsTheDatabase(["un-missions,unsc-vetoes", good, vetoes], into: fresh, 65,
                                               ["\(vetoes):2:"], "two presets into a new database, the second file bad")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path), "a failed import creates no database")
        // And when both files are good, both are in.
        let goodVetoes = try csv("good-vetoes.csv", "date,draft,meeting_record,agenda_item,member_veto1\n1/2/2000,S/2000/1,x,y,USA\n")
        let both = try crossroads(["import", "un-missions,unsc-vetoes", good, goodVetoes, "--into", db.path])
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertEqual(both.stdout.split(separator: "\n").filter { $0.hasPrefix("un-missions: ") || $0.hasPrefix("unsc-vetoes: ") }.count, 2, both.stdout)
        XCTAssertEqual(try crossroads(["show", "unsc-veto:S/2000/1", "--db", db.path]).status, 0)
        XCTAssertEqual(try crossroads(["show", "un-mission:UNA", "--db", db.path]).status, 0)
    }

    /// Issue 12: the accounting in text and in JSON says the same; a wrong preset is
    /// one line and 65 with the database untouched.
    func testImportAccountingAsTextAndJSON() throws {
        let db = try database()
        let csv = work.appendingPathComponent("vetoes.csv")
        try write("date,draft,meeting_record,agenda_item,member_veto1\n6/26/1946,S/PV.49,S/PV.49,The Spanish question,USSR\n6/26/1946,S/PV.49,S/PV.49,The Spanish question,USSR\n1/2/2000,S/2000/1,S/PV.1,x,\n", to: csv)
        let text = try crossroads(["import", "unsc-vetoes", csv.path, "--into", work.appendingPathComponent("t.sqlite").path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("unsc-vetoes: 3 rows read: 2 imported, 0 merged, 1 skipped"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  events: 2 new, 0 unchanged, 0 updated"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  skipped rows: 1 no vetoing member"), text.stdout)
        let json = try crossroads(["import", "unsc-vetoes", csv.path, "--into", work.appendingPathComponent("j.sqlite").path, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let rows = try XCTUnwrap(parsed.first?["rows"] as? [String: Any])
        XCTAssertEqual(rows["read"] as? Int, 3)
        XCTAssertEqual(rows["imported"] as? Int, 2)
        XCTAssertEqual(rows["skipped"] as? [String: Int], ["no vetoing member": 1])
        XCTAssertEqual((parsed.first?["records"] as? [String: [String: Any]])?["events"]?["new"] as? Int, 2)
        XCTAssertEqual(parsed.first?["addsUp"] as? Bool, true)

        let acled = work.appendingPathComponent("acled.csv")
        try write("event_id_cnty,event_date,actor1,country,location,fatalities\nXMP1,21 March 2020,Example Brigade,Mali,Exampleville,0\n", to: acled)
        try assertFailedImportKeepsTheDatabase(["gdelt1", acled.path], into: db, 65, ["\(acled.path):1: not a GDELT 1.0 export"], "gdelt1 on an ACLED file")
    }

    /// `import mapping FILE --mapping MAP.yaml`: the mapping file's problems point at
    /// their line and column, as the atlas files' do.
    func testMalformedMappingFiles() throws {
        let db = try database()
        let csv = work.appendingPathComponent("data.csv")
        try write("event_id,headline,event_date\n1,A,2024-01-02\n", to: csv)
        let good = "namespace: x\nid: event_id\ntitle: headline\ndate: event_date\n"
        func map(_ name: String, _ text: String) throws -> String {
            let url = work.appendingPathComponent(name)
            try write(text, to: url)
            return url.path
        }
        let syntax = try map("syntax.yaml", "namespace: x\nid: [event_id\n")
        let type = try map("type.yaml", "namespace: x\nid: event_id\ntitle: headline\ndate: [event_date]\n")
        let unknown = try map("unknown.yaml", good + "dte_format: dd/mm/yyyy\n")
        let missing = try map("missing.yaml", "namespace: x\nid: event_id\ntitle: headline\n")
        let format = try map("format.yaml", good + "date_format: dd.mm.yyyy\n")
        let figures = try map("figures.yaml", good + "figures: [deaths]\n")
        let duplicate = try map("duplicate.yaml", good + "id: other\n")
        let list = try map("list.yaml", "- id\n")
        let empty = try map("empty.yaml", "")
        let latin = work.appendingPathComponent("latin.yaml")
        try (Data((good + "summary: r").utf8) + [0xE9, 0x0A]).write(to: latin)
        let huge = work.appendingPathComponent("huge.yaml")
        try sparse(huge, megabytes: 200)
        let pipe = work.appendingPathComponent("pipe.yaml")
        try mkfifo(pipe)
        let folder = work.appendingPathComponent("folder.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)

        let cases: [(String, Int32, [String], String)] = [
            (syntax, 65, ["\(syntax):3:1: YAML syntax error", "flow sequence"], "a YAML syntax error"),
            (type, 65, ["\(type):4:7: 'date' must be text (a column name), found a list"], "a list where a column is expected"),
            (unknown, 65, ["\(unknown):5:1: unknown field 'dte_format' (did you mean 'date_format'?)"], "an unknown field"),
            (missing, 65, ["\(missing):1: not a mapping: no date"], "a missing field"),
            (format, 65, ["\(format):5:14: date_format 'dd.mm.yyyy' is not one of"], "an unknown date format"),
            (figures, 65, ["\(figures):5:10: 'figures' must be a mapping of column: category"], "a list where a mapping is expected"),
            (duplicate, 65, ["\(duplicate):", "duplicate field 'id'"], "a duplicate field"),
            (list, 65, ["\(list):1:1: expected fields like `id: COLUMN`, found a list"], "a list at the top"),
            (empty, 65, ["\(empty):1: the file is empty"], "an empty file"),
            (latin.path, 65, ["\(latin.path):5:11: not valid UTF-8"], "invalid UTF-8"),
            (huge.path, 65, ["\(huge.path): is 200 MB"], "a 200 MB file"),
            (pipe.path, 66, ["\(pipe.path): is a named pipe"], "a named pipe"),
            (folder.path, 66, ["\(folder.path): is a folder"], "a folder"),
            (work.appendingPathComponent("missing-map.yaml").path, 66, ["missing-map.yaml: no such file"], "a missing file"),
        ]
        for (mapping, status, fragments, name) in cases {
            try assertFailedImportKeepsTheDatabase(["mapping", csv.path, "--mapping", mapping], into: db, status, fragments,
                                                   "mapping: \(name)")
        }
        let ok = try map("good.yaml", good)
        XCTAssertEqual(try crossroads(["import", "mapping", csv.path, "--mapping", ok, "--into", db.path]).status, 0)
    }

    /// Import into a database that cannot be added to: refused, untouched.
    func testImportIntoMalformedDatabases() throws {
        let real = try database()
        let bytes = try Data(contentsOf: real)
        let csv = work.appendingPathComponent("good.csv")
        try write(Self.header + "UNA,Mission A,2000-01-01,\n", to: csv)

        let corrupt = work.appendingPathComponent("random.sqlite")
        try Data((0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }).write(to: corrupt)
        let truncated = work.appendingPathComponent("truncated.sqlite")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let newer = try patched(real, "newer.sqlite", offset: 60, value: UInt32(Schema.version + 1))
        let foreign = try patched(real, "foreign.sqlite", offset: 68, value: 0x1234_5678)
        let text = work.appendingPathComponent("text.sqlite")
        try write("not a database\n", to: text)
        let cases: [(URL, Int32, [String], String)] = [
            (corrupt, 65, ["not a readable SQLite database"], "random bytes"),
            (truncated, 65, ["not a readable SQLite database", "malformed"], "a truncated database"),
            (newer, 65, ["written by a newer Crossroads"], "a newer schema"),
            (foreign, 65, ["not a Crossroads database"], "SQLite but not Crossroads"),
            (text, 65, ["not a readable SQLite database"], "a text file"),
        ]
        for (db, status, fragments, name) in cases {
            try assertFailedImportKeepsTheDatabase(["un-missions", csv.path], into: db, status, [db.path + ": "] + fragments,
                                                   "import into \(name)")
        }
        let pipe = work.appendingPathComponent("pipe.sqlite")
        try mkfifo(pipe)
        assertOneLine(try crossroads(["import", "un-missions", csv.path, "--into", pipe.path]), 66,
                      [pipe.path + ": is a named pipe"], "import into a named pipe")
        let folder = work.appendingPathComponent("folder.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        assertOneLine(try crossroads(["import", "un-missions", csv.path, "--into", folder.path]), 66,
                      [folder.path + ": is a folder"], "import into a folder")
        let plain = work.appendingPathComponent("plain.txt")
        try write("x\n", to: plain)
        let through = plain.path + "/x.sqlite"
        assertOneLine(try crossroads(["import", "un-missions", csv.path, "--into", through]), 74,
                      [through + ": cannot create the database: \(plain.path) is a file, not a folder"], "import into a path through a file")
        let nowhere = work.appendingPathComponent("no-such-folder/x.sqlite").path
        assertOneLine(try crossroads(["import", "un-missions", csv.path, "--into", nowhere]), 74,
                      [nowhere + ": cannot create the database: no folder"], "import into a missing folder")
        XCTAssertEqual(try String(contentsOf: plain, encoding: .utf8), "x\n")
    }
}
