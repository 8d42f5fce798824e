import Atlas
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
import TestTools
#endif

/// "Nothing lost": a SIGKILL at any moment of an import or of a state-file write
/// leaves what was there readable and as it was (or, for the state file, as the
/// newer whole state), and a damaged state file never stops the browser.
///
/// Kill points are drawn from seeded generators, so a run is repeatable up to the
/// machine's timing; each run prints where its kill landed.
final class NothingLostTests: XCTestCase {
    // MARK: the built binary, and the test binary as a child process

    static let binary = BuiltBinary.crossroads

    static let realData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/real")
    /// UCDP GED 23.1, 1,000-row sample (see shared/data/real/SOURCES.md).
    static let ucdpSample = realData.appendingPathComponent("ucdp-ged/ucdpged_23_1_sample1000.csv")

    /// When the test binary is started with this variable set to a path, it becomes
    /// the state-file writer that `testStateFileKilledWhileWritingIsOldOrNew` kills:
    /// it saves numbered states to that path until it is killed (or 30 s pass).
    static let writerVariable = "CROSSROADS_NOTHING_LOST_STATE_WRITER"
    static let writerTestName = "CLITests.NothingLostTests/testMissingStateFileIsNoWarning"

    override class func setUp() {
        super.setUp()
        let env = ProcessInfo.processInfo.environment
        if let path = env[writerVariable] {
            let file = UserStateFile(url: URL(fileURLWithPath: path))
            var i = Int(env[writerVariable + "_FROM"] ?? "") ?? 0
            let end = Date().addingTimeInterval(30)
            while Date() < end {
                i += 1
                try? file.save(numberedState(i))
            }
            exit(0)
        }
    }

    private func tempFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-nothing-lost-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func crossroadsBinary(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        guard let b = Self.binary else {
            XCTFail("the crossroads executable was not found next to the test bundle; run `swift build` first", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return b
    }

    struct Finished {
        var status: Int32
        var killed: Bool
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs `crossroads` to the end, or sends it `signal` (SIGKILL unless told) as
    /// soon as `killWhen` (asked every half millisecond with the seconds since the
    /// start) says so; `beforeKill` sees the moment of the kill.
    private func crossroads(_ args: [String], killWhen: ((Double) -> Bool)? = nil, signal: Int32 = SIGKILL,
                            beforeKill: (() -> Void)? = nil) throws -> Finished {
        let process = Process()
        process.executableURL = try crossroadsBinary()
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let scratch = try tempFolder("out")
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let deadline = start.addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if let killWhen, killWhen(Date().timeIntervalSince(start)) {
                beforeKill?()
                kill(process.processIdentifier, signal)
                break
            }
            usleep(500)
        }
        if process.isRunning && Date() >= deadline {
            kill(process.processIdentifier, SIGKILL)
            XCTFail("crossroads \(args) did not finish in 120 s")
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try outHandle.close(); try errHandle.close()
        return Finished(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
                        stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                        stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self), seconds: seconds)
    }

    // MARK: 1. an import killed at random points

    /// What a database holds, read back two ways: its bytes, and its records
    /// through the Atlas API (counts, every row of every list, sampled details).
    struct DatabaseState: Equatable {
        var bytes: Data
        var logical: LogicalContent
        var hash: String { String(Self.fnv1a(bytes), radix: 16) }

        static func fnv1a(_ data: Data) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }
    }

    struct LogicalContent: Equatable {
        var stats: AtlasStore.Stats
        /// Every row of every list as kind|id|title|date|tag, sorted (row ids and
        /// ties in list order may differ between two imports of the same file).
        var rows: [String]
        var details: [RecordDetail]
        var searchCount: Int
    }

    private func logicalContent(_ path: String) throws -> LogicalContent {
        let store = try AtlasStore.open(database: path)
        var rows: [String] = []
        var sampled: [String] = []
        for kind in [RecordKind.event, .actor, .mission, .source] {
            let filter = ListFilter(kind: kind)
            let n = try store.count(filter)
            let all = try store.rows(filter, offset: 0, limit: n + 1)
            XCTAssertEqual(all.count, n, "\(kind) rows vs count in \(path)")
            rows += all.map { "\($0.kind)|\($0.id)|\($0.title)|\($0.date ?? "")|\($0.tag ?? "")" }
            let ids = all.map(\.id).sorted()
            sampled += stride(from: 0, to: ids.count, by: max(1, ids.count / 25)).map { ids[$0] }
        }
        let details = try sampled.map { try XCTUnwrap(try store.detail($0), "detail of \($0)") }
        return LogicalContent(stats: try store.stats(), rows: rows.sorted(), details: details,
                              searchCount: try store.searchCount("government"))
    }

    private func databaseState(_ db: URL) throws -> DatabaseState {
        DatabaseState(bytes: try Data(contentsOf: db), logical: try logicalContent(db.path))
    }

    /// A UCDP-GED-shaped CSV (23.1 column names, the columns the preset reads):
    /// ids that the real sample does not use, quoted fields with commas and quotes,
    /// Cyrillic and Arabic names, every date precision.
    static func generatedGED(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let columns = ["id", "relid", "year", "type_of_violence", "conflict_name", "dyad_name", "side_a_new_id", "side_a",
                       "side_b_new_id", "side_b", "source_headline", "where_coordinates", "where_description", "adm_1",
                       "latitude", "longitude", "country", "date_prec", "date_start", "date_end", "deaths_civilians",
                       "best", "high", "low"]
        let governments = ["Government of Syria", "Government of Myanmar (Burma)", "Government of Afghanistan",
                           "Government of Sudan", "Government of Mali", "Government of Ukraine"]
        let countries = ["Syria", "Myanmar (Burma)", "Afghanistan", "Sudan", "Mali", "Ukraine"]
        let places = ["Хомс", "Алеппо", "حلب", "Kidal", "Mandalay", "Kunduz", "El Fasher", "Бахмут"]
        var text = columns.joined(separator: ",") + "\n"
        text.reserveCapacity(rows * 200)
        for i in 0..<rows {
            let c = Int(rng.next() % UInt64(countries.count))
            let year = 1989 + Int(rng.next() % 35), month = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let start = "\(year)-\(two(month))-\(two(day))"
            let end = "\(year)-\(two(month))-\(two(min(28, day + Int(rng.next() % 3))))"
            let group = Int(rng.next() % 400)
            let sideB = rng.next() % 5 == 0 ? "Civilians" : "Armed group \(group) «\(places[group % places.count])»"
            let place = places[Int(rng.next() % UInt64(places.count))]
            let best = Int(rng.next() % 60)
            let fields: [String] = [
                String(7_000_000 + i), "GEN-\(i)", String(year), String(1 + rng.next() % 3),
                "\(countries[c]): Government", "\(governments[c]) - \(sideB)", String(100 + c), governments[c],
                String(10_000 + group), sideB, "\"Clash near \(place), \"\"\(i)\"\" reported\"", "\(place) village",
                "\"\(place), \(countries[c]) district\"", "\(place) province",
                "\(Double(rng.next() % 90_000) / 1000)", "\(Double(rng.next() % 180_000) / 1000)",
                countries[c], String(1 + rng.next() % 5), start, end, String(rng.next() % 4),
                String(best), String(best + 3), String(max(0, best - 2)),
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    func testImportKilledAtRandomPointsLeavesTheDatabaseAsItWas() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: Self.ucdpSample.path), "real data not found at \(Self.ucdpSample.path)")
        let dir = try tempFolder("import")
        let db = dir.appendingPathComponent("atlas.sqlite")
        let partial = dir.appendingPathComponent(".atlas.sqlite.partial")

        let first = try crossroads(["import", "ucdp-ged", Self.ucdpSample.path, "--with-builtin", "--into", db.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let before = try databaseState(db)
        XCTAssertGreaterThan(before.logical.stats.events, 1000, "the sample and the seed atlas")
        let listBefore = try crossroads(["list", "events", "--db", db.path, "--format", "json", "--limit", "100000"])
        XCTAssertEqual(listBefore.status, 0, listBefore.stderr)

        // 20,000 rows: long enough (4–7 s in a debug build) to spread ten kills over, short
        // enough that the twelve imports stay near a minute on a shared 2-core machine.
        let rows = 20_000
        let csv = dir.appendingPathComponent("ged-generated.csv")
        try Data(Self.generatedGED(rows: rows, seed: 0x6E6F_7468).utf8).write(to: csv)
        let importArgs = ["import", "ucdp-ged", csv.path, "--into", db.path]

        // The import's duration, measured on a copy; the copy is also the state an
        // import that finishes must reach.
        let measured = dir.appendingPathComponent("measured.sqlite")
        try FileManager.default.copyItem(at: db, to: measured)
        let measuredPartial = dir.appendingPathComponent(".measured.sqlite.partial")
        func size(_ url: URL) -> Int? { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil }
        var growthStart: Double?
        let timing = try crossroads(["import", "ucdp-ged", csv.path, "--into", measured.path], killWhen: { t in
            // Only watching: when the copy starts to grow past the database's size.
            if growthStart == nil, (size(measuredPartial) ?? 0) > before.bytes.count { growthStart = t }
            return false
        })
        XCTAssertEqual(timing.status, 0, timing.stderr)
        let after = try logicalContent(measured.path)
        XCTAssertEqual(after.stats.events, before.logical.stats.events + rows, "every generated row became an event")
        let duration = timing.seconds
        print("NothingLost: import of \(rows) rows takes \(String(format: "%.2f", duration)) s, the partial copy grows from \(growthStart.map { String(format: "%.2f s", $0) } ?? "(not seen)"); database \(before.bytes.count) bytes, hash \(before.hash)")

        // Ten kills. Seven spread over the import's time, one in each seventh of
        // its first 85% (start-up, copy, rows, index) at a seeded point. Three while
        // the partial copy grows from the database's size to the finished one's
        // (writing the pages, sync, rename), where a non-atomic import would break
        // the file: killed when the copy reaches a seeded share of that growth (or,
        // if the measured import never showed it growing, in its last 15%).
        // An import that finishes before its kill (the machine got faster) must
        // have finished whole; the database is put back, the expected duration
        // shortened, and the kill tried again.
        let finalSize = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: measured.path)[.size] as? Int)
        var rng = SplitMix64(seed: 20_261_122)
        var expected = timing.seconds
        var kills = 0, attempts = 0, keptBefore = 0
        while kills < 10 && attempts < 15 {
            attempts += 1
            let jitter = Double(rng.next() % 1000) / 1000
            let when: String
            let killWhen: (Double) -> Bool
            if kills < 7 {
                let at = expected * (0.01 + 0.84 * (Double(kills) + jitter) / 7)
                when = "at \(String(format: "%.2f", at)) s (\(Int(at / expected * 100))% of \(String(format: "%.2f", expected)) s)"
                killWhen = { $0 >= at }
            } else if growthStart != nil {
                let share = [0.1 + 0.4 * jitter, 0.5 + 0.4 * jitter, 0.999][kills - 7]
                let target = before.bytes.count + Int(Double(finalSize - before.bytes.count) * share)
                when = "when the partial copy reached \(target) bytes (\(Int(share * 100))% of its growth)"
                let latest = expected * 1.3
                // A copy left by the last kill may already be that big: the trigger
                // arms only once the copy is seen smaller (removed, copied afresh).
                var armed = false
                killWhen = { t in
                    let now = size(partial) ?? 0
                    if now < target { armed = true }
                    return (armed && now >= target) || t >= latest
                }
            } else {
                // The copy was not seen growing (written another way): the last 15% by time.
                let at = expected * (0.85 + 0.14 * (Double(kills - 7) + jitter) / 3)
                when = "at \(String(format: "%.2f", at)) s (\(Int(at / expected * 100))% of \(String(format: "%.2f", expected)) s)"
                killWhen = { $0 >= at }
            }
            var phase = ""
            let r = try crossroads(importArgs, killWhen: killWhen) {
                phase = size(partial).map { "\(partial.lastPathComponent) at \($0) bytes" } ?? "no \(partial.lastPathComponent)"
                if size(db) != before.bytes.count { phase += ", database already replaced" }
            }
            let leftover = FileManager.default.fileExists(atPath: partial.path)
            if r.killed {
                kills += 1
                XCTAssertEqual(r.status, SIGKILL, "kill \(kills)")
                let now = try Data(contentsOf: db)
                if now == before.bytes {
                    keptBefore += 1
                    print("NothingLost: import kill \(kills): SIGKILL \(when) after \(String(format: "%.2f", r.seconds)) s, \(phase); database as before (hash \(String(DatabaseState.fnv1a(now), radix: 16))); partial left: \(leftover)")
                    XCTAssertEqual(try logicalContent(db.path), before.logical, "kill \(kills): the records changed")
                    let list = try crossroads(["list", "events", "--db", db.path, "--format", "json", "--limit", "100000"])
                    XCTAssertEqual(list.status, 0, "kill \(kills): \(list.stderr)")
                    XCTAssertEqual(list.stdout, listBefore.stdout, "kill \(kills): `crossroads list events` differs")
                } else {
                    // Killed after the rename: then the database is the finished import, whole.
                    print("NothingLost: import kill \(kills): SIGKILL \(when) after \(String(format: "%.2f", r.seconds)) s, \(phase); database replaced by the finished import; partial left: \(leftover)")
                    XCTAssertEqual(try logicalContent(db.path), after,
                                   "kill \(kills): the database (hash \(String(DatabaseState.fnv1a(now), radix: 16)), was \(before.hash)) is neither as before nor the finished import")
                    XCTAssertFalse(leftover, "kill \(kills): the partial copy was renamed")
                    try before.bytes.write(to: db)
                }
            } else {
                print("NothingLost: import attempt \(attempts): finished in \(String(format: "%.2f", r.seconds)) s, before its kill \(when)")
                XCTAssertEqual(r.status, 0, "attempt \(attempts): \(r.stderr)")
                XCTAssertEqual(try logicalContent(db.path), after, "attempt \(attempts): a finished import")
                XCTAssertFalse(leftover, "attempt \(attempts): a finished import leaves no partial copy")
                try before.bytes.write(to: db)
                expected = min(expected, r.seconds) * 0.95
            }
        }
        XCTAssertEqual(kills, 10, "ten imports killed before they finished, in \(attempts) attempts")
        XCTAssertGreaterThanOrEqual(keptBefore, 8, "kills before the rename leave the database as it was")

        // A leftover partial copy must not stand in the way of the next import. If
        // the last kill left none, a damaged one stands in for it.
        if !FileManager.default.fileExists(atPath: partial.path) {
            try Data("SQLite format 3\0 not really".utf8).write(to: partial)
        }
        let final = try crossroads(importArgs)
        XCTAssertEqual(final.status, 0, final.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path), "the partial copy is gone after a finished import")
        XCTAssertEqual(try logicalContent(db.path), after, "the import after the kills reaches the same records as one never interrupted")
        let list = try crossroads(["list", "events", "--db", db.path, "--format", "json", "--limit", "1", "--from", "1989"])
        XCTAssertEqual(list.status, 0, list.stderr)
    }

    /// ^C, TERM and HUP end an import as they end any process (killed by the signal,
    /// so the shell says 130, 143, 129), and its working copy, as large as the
    /// database, goes with it instead of staying behind hidden.
    func testImportInterruptedBySignalRemovesItsCopy() throws {
        let dir = try tempFolder("interrupt")
        let db = dir.appendingPathComponent("atlas.sqlite")
        let partial = dir.appendingPathComponent(".atlas.sqlite.partial")
        let seed = dir.appendingPathComponent("seed.csv")
        try Data(Self.generatedGED(rows: 500, seed: 7).utf8).write(to: seed)
        let first = try crossroads(["import", "ucdp-ged", seed.path, "--with-builtin", "--into", db.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let before = try Data(contentsOf: db)
        let csv = dir.appendingPathComponent("ged-generated.csv")
        try Data(Self.generatedGED(rows: 20_000, seed: 8).utf8).write(to: csv)
        func size(_ url: URL) -> Int { ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? -1 }

        for (sig, name) in [(SIGINT, "INT"), (SIGTERM, "TERM"), (SIGHUP, "HUP")] {
            var copied = false
            let r = try crossroads(["import", "ucdp-ged", csv.path, "--into", db.path], killWhen: { _ in
                // Once the database is copied, the rows are being written.
                copied = size(partial) >= before.count
                return copied
            }, signal: sig)
            XCTAssertTrue(copied, "SIG\(name): the import finished before its copy was seen: \(r.stderr)")
            XCTAssertTrue(r.killed, "SIG\(name): the import ends by the signal, status \(r.status): \(r.stderr)")
            XCTAssertEqual(r.status, sig, "SIG\(name)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path), "SIG\(name): the working copy is removed")
            XCTAssertEqual(try Data(contentsOf: db), before, "SIG\(name): the database is as it was")
        }
    }

    // MARK: 2. the user state file

    /// State number `i`: big enough that a write takes a while (about 40 KB), and
    /// every field tied to `i`, so that a mix of two states cannot pass for one.
    static func numberedState(_ i: Int) -> UserState {
        var s = UserState()
        s.searches = ["state \(i)"]
        s.bookmarks = (0...(i % 37)).map { "bookmark-\(i)-\($0)" }
        s.history = (0..<200).map { "ucdp-ged:\(i * 1000 + $0) Қазақстан \(String(repeating: "·", count: 60))" }
        s.commands = ["goto \(i)"]
        return s
    }

    private func stateNumber(_ url: URL) -> Int? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let s = try? JSONDecoder().decode(UserState.self, from: data),
              let first = s.searches.first, first.hasPrefix("state ") else { return nil }
        return Int(first.dropFirst(6))
    }

    func testStateFileKilledWhileWritingIsOldOrNew() throws {
        #if os(Linux)
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #else
        throw XCTSkip("the writer child re-runs the test binary, which is done on Linux only")
        #endif
        let dir = try tempFolder("state")
        let url = dir.appendingPathComponent("crossroads/state.json")
        let file = UserStateFile(url: url)
        try file.save(Self.numberedState(0))
        var rng = SplitMix64(seed: 0x5741_7465)
        var last = 0
        var deadPids: [Int32] = []
        for run in 1...12 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: testBinary)
            child.arguments = [Self.writerTestName]
            var env = ProcessInfo.processInfo.environment
            env[Self.writerVariable] = url.path
            env[Self.writerVariable + "_FROM"] = String(last + 1000)
            child.environment = env
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Wait for the child's first state, then let it write for a seeded while.
            let deadline = Date().addingTimeInterval(20)
            while (stateNumber(url) ?? 0) <= last + 1000, child.isRunning, Date() < deadline { usleep(200) }
            XCTAssertTrue(child.isRunning, "run \(run): the writer child stopped by itself")
            let wait = UInt32(rng.next() % 40_000)
            usleep(wait)
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            deadPids.append(child.processIdentifier)
            XCTAssertEqual(child.terminationReason, .uncaughtSignal, "run \(run)")

            let data = try XCTUnwrap(FileManager.default.contents(atPath: url.path), "run \(run): the state file is gone")
            XCTAssertFalse(data.isEmpty, "run \(run): the state file is empty")
            let decoded: UserState
            do { decoded = try JSONDecoder().decode(UserState.self, from: data) } catch {
                XCTFail("run \(run): the state file does not decode (\(error)): \(String(decoding: data.prefix(200), as: UTF8.self))")
                continue
            }
            let n = try XCTUnwrap(stateNumber(url), "run \(run)")
            XCTAssertEqual(decoded, Self.numberedState(n), "run \(run): state \(n) is not whole")
            XCTAssertGreaterThan(n, last, "run \(run): an older state came back")
            let temporaries = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
                .filter { $0.hasSuffix(".tmp") }
            print("NothingLost: state run \(run): SIGKILL \(wait / 1000) ms into writing, \(n - last - 1000) states written, file is state \(n); temporary files left: \(temporaries.count)")
            last = n
        }
        // What killed writers left behind (their temporary files) is cleared when
        // the state is next loaded, and the state loads whole.
        let loaded = file.load()
        XCTAssertNil(loaded.warning)
        XCTAssertEqual(loaded.state, Self.numberedState(last))
        let left = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        XCTAssertEqual(left, ["state.json"], "temporary files of killed writers (pids \(deadPids)) are removed")
    }

    func testStaleTemporaryFilesAreRemovedButALiveWritersAreKept() throws {
        let dir = try tempFolder("stale")
        let url = dir.appendingPathComponent("state.json")
        let file = UserStateFile(url: url)
        try file.save(Self.numberedState(1))
        // A process that has exited and been reaped: its pid names no process now.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = dir.appendingPathComponent(".state.json.\(gone.processIdentifier).tmp")
        let live = dir.appendingPathComponent(".state.json.\(getpid()).tmp")
        let other = dir.appendingPathComponent(".other.json.\(gone.processIdentifier).tmp")
        for f in [stale, live, other] { try Data("{\"bookm".utf8).write(to: f) }
        XCTAssertEqual(file.load().state, Self.numberedState(1))
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "a dead writer's temporary file is removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path), "a live writer's temporary file is kept")
        XCTAssertTrue(FileManager.default.fileExists(atPath: other.path), "another file's temporaries are not ours")
    }

    /// A damaged state file is set aside with one line and the state starts empty;
    /// the next save works.
    func testDamagedStateFileIsSetAsideWithAWarning() throws {
        let valid = try JSONEncoder().encode(Self.numberedState(7))
        let cases: [(String, Data?)] = [
            ("garbage bytes", Data([0xFF, 0x00, 0xFE, 0x1B, 0x5B, 0x32, 0x4A, 0x80])),
            ("truncated JSON", valid.prefix(valid.count / 2)),
            ("an empty file", Data()),
            ("JSON of the wrong shape", Data("{\"bookmarks\": 3}".utf8)),
            ("a JSON array", Data("[\"a\"]".utf8)),
            ("a folder in its place", nil),
        ]
        for (name, content) in cases {
            let dir = try tempFolder("damaged")
            let url = dir.appendingPathComponent("crossroads/state.json")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let content { try content.write(to: url) } else {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data("x".utf8).write(to: url.appendingPathComponent("inside"))
            }
            let file = UserStateFile(url: url)
            let loaded = file.load()
            XCTAssertEqual(loaded.state, UserState(), name)
            let warning = try XCTUnwrap(loaded.warning, "\(name): no warning")
            XCTAssertFalse(warning.contains("\n"), "\(name): one line: \(warning)")
            XCTAssertTrue(warning.contains("state.json.corrupt"), "\(name): says where it went: \(warning)")
            let aside = url.appendingPathExtension("corrupt")
            XCTAssertTrue(FileManager.default.fileExists(atPath: aside.path), "\(name): set aside")
            if let content { XCTAssertEqual(FileManager.default.contents(atPath: aside.path), content, "\(name): kept as it was") }
            XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "\(name): moved, not copied")
            try file.save(Self.numberedState(8))
            XCTAssertEqual(file.load().state, Self.numberedState(8), "\(name): saving works after")
            XCTAssertNil(file.load().warning, name)
        }
    }

    func testMissingStateFileIsNoWarning() throws {
        let dir = try tempFolder("missing")
        let loaded = UserStateFile(url: dir.appendingPathComponent("crossroads/state.json")).load()
        XCTAssertEqual(loaded.state, UserState())
        XCTAssertNil(loaded.warning)
    }

    // MARK: the browser on a terminal

    /// The browser starts on a damaged state file, says so in one line before its
    /// screen, and saves a fresh state.
    func testBrowserStartsOnADamagedStateFile() throws {
        #if !os(Linux)
        throw XCTSkip("the pseudo-terminal is opened the Linux way")
        #endif
        let builtin = try AtlasStore.builtin()
        let firstEvent = try XCTUnwrap(try builtin.rows(ListFilter(kind: .event), offset: 0, limit: 1).first?.id)
        let cases: [(String, Data?)] = [
            ("garbage bytes", Data([0x00, 0xFF, 0x1B, 0x5D, 0x30, 0x3B, 0x07])),
            ("truncated JSON", Data("{\"bookmarks\": [\"undof\", \"kaz".utf8)),
            ("a folder in its place", nil),
        ]
        for (name, content) in cases {
            let dir = try tempFolder("browse")
            // The built-in atlas's own state file (history and bookmarks are kept per atlas).
            let url = dir.appendingPathComponent("crossroads/atlases/builtin.json")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let content { try content.write(to: url) } else { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
            let term = try TerminalProcess(binary: try crossroadsBinary(), arguments: [], stateHome: dir)
            XCTAssertTrue(term.waitFor("Crossroads", timeout: 20), "\(name): the browser did not draw its screen: \(term.text.suffix(300))")
            term.send("\rQ")  // Enter opens the first event: a history entry to save
            let status = term.wait(timeout: 20)
            XCTAssertEqual(status, 0, "\(name): exit status; output: \(term.text.suffix(300))")
            let beforeScreen = term.text.split(separator: "\u{1B}", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let lines = beforeScreen.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).filter { !$0.isEmpty }
            XCTAssertEqual(lines.count, 1, "\(name): one line before the screen: \(lines)")
            XCTAssertTrue(lines.first?.hasPrefix("crossroads: warning: ") ?? false, "\(name): \(lines)")
            XCTAssertTrue(lines.first?.contains("builtin.json.corrupt") ?? false, "\(name): \(lines)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: url.appendingPathExtension("corrupt").path), name)
            let saved = try XCTUnwrap(FileManager.default.contents(atPath: url.path), "\(name): no state saved")
            let state = try JSONDecoder().decode(UserState.self, from: saved)
            XCTAssertEqual(state.history, [firstEvent], "\(name): the fresh state holds this session's trail")
        }
    }

    /// The real browser, saving its history on every Enter, killed at random
    /// moments: the file is each time a whole state, the previous one or a later.
    func testBrowserKilledWhileSavingLeavesAWholeState() throws {
        #if !os(Linux)
        throw XCTSkip("the pseudo-terminal is opened the Linux way")
        #endif
        let builtin = try AtlasStore.builtin()
        let two = try builtin.rows(ListFilter(kind: .event), offset: 0, limit: 2).map(\.id)
        XCTAssertEqual(two.count, 2)
        let (e1, e2) = (two[0], two[1])
        let dir = try tempFolder("browse-kill")
        let url = dir.appendingPathComponent("crossroads/atlases/builtin.json")  // the built-in atlas's own
        var initial = UserState()
        initial.bookmarks = ["undof", "kazakhstan"]
        initial.searches = ["faouar", "Астана"]
        initial.commands = ["goto 2024-03"]
        try UserStateFile(url: url).save(initial)
        // j Enter opens the second event (focus moves to the detail), 1 back to the
        // Events pane, k Enter the first: the trail alternates e2, e1, e2, ... The
        // keys go in paced, a seeded number of them, and the kill comes at a seeded
        // moment after the last, so that it can land inside a save. At most 20
        // opens a run keeps the trail under the 200 entries saved.
        var previous = initial
        var rng = SplitMix64(seed: 0x6272_6F77)
        var grew = 0
        for run in 1...8 {
            let term = try TerminalProcess(binary: try crossroadsBinary(), arguments: [], stateHome: dir)
            XCTAssertTrue(term.waitFor("Crossroads", timeout: 20), "run \(run): no screen: \(term.text.suffix(300))")
            let opens = 1 + Int(rng.next() % 20)
            for k in 0..<opens {
                term.send(k % 2 == 0 ? "j\r1" : "k\r1")
                usleep(2_000)
            }
            let wait = UInt32(rng.next() % 4_000)
            usleep(wait)
            term.killNow()
            XCTAssertNotEqual(term.wait(timeout: 20), 0, "run \(run): killed")
            let data = try XCTUnwrap(FileManager.default.contents(atPath: url.path), "run \(run): state file gone")
            let state: UserState
            do { state = try JSONDecoder().decode(UserState.self, from: data) } catch {
                XCTFail("run \(run): the state file does not decode: \(String(decoding: data.prefix(200), as: UTF8.self))")
                continue
            }
            XCTAssertEqual(state.bookmarks, initial.bookmarks, "run \(run)")
            XCTAssertEqual(state.searches, initial.searches, "run \(run)")
            XCTAssertEqual(state.commands, initial.commands, "run \(run)")
            // The trail must be the previous one continued by the alternation, by
            // no more than this run's keys.
            var trail = previous.history
            var steps = 0, matched = state.history == trail
            while !matched && steps < opens {
                let next = steps % 2 == 0 ? e2 : e1
                if trail.last != next { trail.append(next) }
                steps += 1
                matched = state.history == trail
            }
            XCTAssertTrue(matched, "run \(run): the trail \(state.history.suffix(6)) (\(state.history.count)) is not the previous one \(previous.history.suffix(6)) (\(previous.history.count)) continued by at most \(opens) opens")
            if state != previous { grew += 1 }
            print("NothingLost: browser run \(run): \(opens) opens sent, SIGKILL \(wait) µs after the last; trail \(previous.history.count) -> \(state.history.count) entries")
            previous = state
        }
        print("NothingLost: browser: the state changed in \(grew) of 8 killed runs")
        // And a session that ends normally continues the same trail: the saves the
        // kills interrupted did not leave the browser unable to save.
        let term = try TerminalProcess(binary: try crossroadsBinary(), arguments: [], stateHome: dir)
        XCTAssertTrue(term.waitFor("Crossroads", timeout: 20), "no screen: \(term.text.suffix(300))")
        term.send("j\r1k\r1Q")
        XCTAssertEqual(term.wait(timeout: 20), 0, term.text.suffix(300).description)
        let last = try JSONDecoder().decode(UserState.self, from: try Data(contentsOf: url))
        var expectedTrail = previous.history
        for id in [e2, e1] where expectedTrail.last != id { expectedTrail.append(id) }
        XCTAssertEqual(last.history, expectedTrail, "the trail after a normal session")
        XCTAssertEqual(last.bookmarks, initial.bookmarks)
    }
}

private func sigkill(_ pid: pid_t) { _ = kill(pid, SIGKILL) }

/// `crossroads` on a pseudo-terminal of 100×30, its output collected.
final class TerminalProcess: @unchecked Sendable {
    let process = Process()
    let master: Int32
    private let lock = NSLock()
    private var output = Data()
    private let done = DispatchSemaphore(value: 0)

    init(binary: URL, arguments: [String], stateHome: URL) throws {
        // posix_openpt and friends sit behind _XOPEN_SOURCE in Swift's Glibc; these
        // are the ioctls they make on Linux (devpts needs no grantpt). The request
        // numbers are _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned), which Swift
        // does not import (x86-64 and ARM values).
        let TIOCSPTLCK: UInt = 0x4004_5431, TIOCGPTN: UInt = 0x8004_5430
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
            throw CocoaError(.fileNoSuchFile)
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw CocoaError(.fileNoSuchFile) }
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["NO_COLOR"] = "1"
        env["XDG_STATE_HOME"] = stateHome.path
        env["XDG_CONFIG_HOME"] = stateHome.path
        env["LINES"] = nil
        env["COLUMNS"] = nil
        process.environment = env
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                lock.lock(); output.append(contentsOf: buffer[0..<n]); lock.unlock()
            }
            done.signal()
        }
        thread.start()
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: output, as: UTF8.self)
    }

    func waitFor(_ s: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.contains(s) { return true }
            if !process.isRunning { return text.contains(s) }
            usleep(5_000)
        }
        return false
    }

    func send(_ s: String) {
        let bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            offset += n
        }
    }

    func killNow() { sigkill(process.processIdentifier) }

    /// The exit status (a signal's number when killed), or nil on timeout.
    func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        if process.isRunning { killNow(); process.waitUntilExit(); return nil }
        process.waitUntilExit()
        // The reader stops at end of output; then the master can go.
        _ = done.wait(timeout: .now() + 5)
        close(master)
        return process.terminationStatus
    }
}
