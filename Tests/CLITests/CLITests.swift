import Atlas
import Foundation
import XCTest

/// Runs the built `crossroads` binary and checks what a script or a person sees:
/// stdout, stderr and the exit status.
final class CLITests: XCTestCase {
    // MARK: running the binary

    typealias Run = CommandRunner.Result

    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let mini = testsFolder.appendingPathComponent("AtlasTests/Fixtures/mini").path

    static let binary = BuiltBinary.crossroads

    private func crossroads(_ args: [String], in cwd: URL? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        try CommandRunner.crossroads(args, in: cwd, file: file, line: line)
    }

    private func json(_ run: Run, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        do { return try JSONSerialization.jsonObject(with: run.stdoutData, options: [.fragmentsAllowed]) } catch {
            XCTFail("stdout is not JSON: \(run.stdout.prefix(500)) (stderr: \(run.stderr))", file: file, line: line)
            throw error
        }
    }

    private func jsonRows(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let r = try crossroads(args + ["--format", "json"], file: file, line: line)
        XCTAssertEqual(r.status, 0, "exit status of \(args): \(r.stderr)", file: file, line: line)
        // Only the note that more rows match than were listed may reach stderr.
        XCTAssertTrue(r.stderr.isEmpty || r.stderr.hasPrefix("crossroads: first "), r.stderr, file: file, line: line)
        return try XCTUnwrap(try json(r, file: file, line: line) as? [[String: Any]], file: file, line: line)
    }

    private func jsonObject(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = try crossroads(args + ["--format", "json"], file: file, line: line)
        XCTAssertEqual(r.status, 0, "exit status of \(args): \(r.stderr)", file: file, line: line)
        return try XCTUnwrap(try json(r, file: file, line: line) as? [String: Any], file: file, line: line)
    }

    private func ids(_ rows: [[String: Any]]) -> [String] { rows.compactMap { $0["id"] as? String } }

    /// A one-line error: exactly one line on stderr, nothing on stdout, no crash text.
    private func assertOneLineError(_ r: Run, status: Int32? = nil, _ fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
        if let status { XCTAssertEqual(r.status, status, "exit status; stderr: \(r.stderr)", file: file, line: line) }
        XCTAssertNotEqual(r.status, 0, file: file, line: line)
        XCTAssertEqual(r.stderrLines.count, 1, "stderr: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasSuffix("\n"), file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        assertNoCrashText(r, file: file, line: line)
        for f in fragments { XCTAssertTrue(r.stderr.contains(f), "stderr '\(r.stderr)' lacks '\(f)'", file: file, line: line) }
    }

    private func assertNoCrashText(_ r: Run, file: StaticString = #filePath, line: UInt = #line) {
        for bad in ["Fatal error", "fatal error", "backtrace", "Backtrace", "Stack dump", "Current stack trace", "Illegal instruction"] {
            XCTAssertFalse(r.stderr.contains(bad) || r.stdout.contains(bad), "crash text '\(bad)': \(r.stderr)", file: file, line: line)
        }
        XCTAssertLessThan(r.status, 128, "killed by a signal", file: file, line: line)
    }

    /// A temporary atlas folder with the given files.
    private func tempAtlas(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-cli-atlas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testBinaryExists() throws {
        let binary = try XCTUnwrap(Self.binary, "crossroads not found next to \(Bundle(for: CLITests.self).bundleURL.path)")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path))
    }

    // MARK: list

    func testListEventsJSONShapeAndOrder() throws {
        let rows = try jsonRows(["list", "events", "--atlas", Self.mini])
        XCTAssertEqual(ids(rows), ["talks-2013", "arrival", "handover"], "date order")
        for row in rows {
            XCTAssertTrue(Set(["id", "kind", "title", "date"]).isSubset(of: row.keys), "\(row)")
            XCTAssertTrue(Set(row.keys).isSubset(of: ["id", "kind", "title", "date", "type", "place", "country"]), "\(row)")
        }
        XCTAssertEqual(rows.compactMap { $0["date"] as? String }, ["2013-02/2013-04", "2024-03-15", "2024-03-22"])
        XCTAssertEqual(rows.compactMap { $0["kind"] as? String }, ["event", "event", "event"])
        XCTAssertEqual(rows.first?["title"] as? String, "Almaty talks (NEAR \"quoted\")")
    }

    func testListActorsAndMissionsHaveNoDate() throws {
        let actors = try jsonRows(["list", "actors", "--atlas", Self.mini])
        XCTAssertEqual(ids(actors), ["csto", "kazakhstan", "turkiye"], "by title, folding case and accents")
        for row in actors {
            XCTAssertNil(row["date"])
            XCTAssertTrue(Set(["id", "kind", "title", "type"]).isSubset(of: row.keys), "\(row)")
            XCTAssertEqual(row["kind"] as? String, "actor")
        }
        XCTAssertEqual(actors.last?["title"] as? String, "Türkiye")
        let missions = try jsonRows(["list", "missions", "--atlas", Self.mini])
        XCTAssertEqual(ids(missions), ["undof"])
        XCTAssertNil(missions[0]["date"], "the mini atlas's UNDOF has no mandate")
        XCTAssertEqual(missions[0]["kind"] as? String, "mission")
    }

    func testListFilters() throws {
        let m = ["--atlas", Self.mini]
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--actor", "turkiye"] + m)), ["talks-2013", "arrival"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--mission", "undof"] + m)), ["handover"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--actor", "kazakhstan", "--mission", "undof"] + m)), ["handover"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--actor", "turkiye", "--mission", "undof"] + m)), [])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--from", "2024-03-16"] + m)), ["handover"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--to", "2024-03-15"] + m)), ["talks-2013", "arrival"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--from", "2014", "--to", "2024-03-15"] + m)), ["arrival"])
        // A month bound covers the whole month.
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--to", "2024-03"] + m)), ["talks-2013", "arrival", "handover"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--from", "2024-03"] + m)), ["arrival", "handover"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--to", "2023"] + m)), ["talks-2013"])
        XCTAssertEqual(ids(try jsonRows(["list", "events", "--limit", "1", "--offset", "1"] + m)), ["arrival"])
    }

    func testListFilterErrors() throws {
        let m = ["--atlas", Self.mini]
        assertOneLineError(try crossroads(["list", "events", "--actor", "undof"] + m), status: 64, "mission")
        assertOneLineError(try crossroads(["list", "events", "--actor", "kazakstan"] + m), "did you mean", "kazakhstan")
        assertOneLineError(try crossroads(["list", "events", "--from", "2024-13"] + m), status: 64, "--from", "2024-13")
        assertOneLineError(try crossroads(["list", "events", "--to", "yesterday"] + m), status: 64, "--to")
        let wrongKind = try crossroads(["list", "actors", "--from", "2024"] + m)
        XCTAssertEqual(wrongKind.status, 64)
        XCTAssertTrue(wrongKind.stderr.contains("events only"), wrongKind.stderr)
        assertNoCrashText(wrongKind)
    }

    /// `list` as CSV, TSV and NDJSON, with chosen columns; JSON carries type, place
    /// and country; the note on stderr when the limit cuts the list.
    func testListFormatsAndFields() throws {
        let m = ["--atlas", Self.mini]
        let csv = try crossroads(["list", "events", "--format", "csv"] + m)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.first, "id,date,title,type,place,country,actors,missions,sources")
        XCTAssertEqual(lines.count, 4, csv.stdout)
        XCTAssertTrue(lines[1].hasPrefix("talks-2013,2013-02/2013-04,\"Almaty talks (NEAR \"\"quoted\"\")\""), lines[1])

        let tsv = try crossroads(["list", "actors", "--format", "tsv", "--fields", "id,title"] + m)
        XCTAssertEqual(tsv.stdout, "id\ttitle\ncsto\tCollective Security Treaty Organization\nkazakhstan\tKazakhstan\nturkiye\tTürkiye\n")

        let nd = try crossroads(["list", "events", "--format", "ndjson", "--fields", "id,actors", "--limit", "1"] + m)
        XCTAssertEqual(nd.status, 0)
        let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(nd.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(record.keys), ["id", "actors"])
        XCTAssertEqual(nd.stderr, "crossroads: first 1 of 3 (use --limit and --offset)\n")

        let bad = try crossroads(["list", "events", "--format", "csv", "--fields", "id,dat"] + m)
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("unknown field 'dat' (did you mean 'date'?)"), bad.stderr)
    }

    func testListText() throws {
        let r = try crossroads(["list", "events", "--atlas", Self.mini])
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].contains("talks-2013") && lines[2].contains("handover"))
        XCTAssertTrue(lines[2].hasPrefix("22 Mar 2024"), lines[2])
        // The id column starts at the same terminal column on every row.
        let starts = zip(lines, ["talks-2013", "arrival", "handover"]).map { line, id in
            TerminalText.width(String(line[..<line.range(of: id)!.lowerBound]))
        }
        XCTAssertEqual(Set(starts).count, 1, "\(lines)")
    }

    // MARK: search

    func testSearchJSON() throws {
        let m = ["--atlas", Self.mini]
        let faou = try jsonRows(["search", "faou"] + m)
        XCTAssertEqual(Set(ids(faou)), ["handover", "undof"])
        for row in faou {
            var expectedKeys: Set<String> = row["kind"] as? String == "event" ? ["id", "kind", "title", "date"] : ["id", "kind", "title"]
            // Where a hit matched, when not in its title: UNDOF's headquarters is Camp Faouar.
            if row["id"] as? String == "undof" {
                expectedKeys.insert("matched")
                XCTAssertEqual(row["matched"] as? String, "place")
            }
            XCTAssertEqual(Set(row.keys), expectedKeys)
        }
        // Best first: a title match beats a match in the headquarters' place.
        XCTAssertEqual(ids(try jsonRows(["search", "camp"] + m)), ["handover", "undof"])
        XCTAssertEqual(ids(try jsonRows(["search", "faou", "--kind", "mission"] + m)), ["undof"])
        XCTAssertEqual(ids(try jsonRows(["search", "faou", "--kind", "events"] + m)), ["handover"])
        XCTAssertEqual(ids(try jsonRows(["search", "camp", "--limit", "1"] + m)), ["handover"])
        XCTAssertEqual(ids(try jsonRows(["search", "TÜRKIYE"] + m)), ["turkiye"])
        XCTAssertEqual(ids(try jsonRows(["search", "camp", "handover"] + m)), ["handover"], "several words")
        XCTAssertEqual(ids(try jsonRows(["search", "zzzz"] + m)), [], "no match is an empty array in JSON")
    }

    func testSearchTextNoMatchExitsOne() throws {
        let r = try crossroads(["search", "zzzz", "--atlas", Self.mini])
        assertOneLineError(r, status: 1, "zzzz")
        let ok = try crossroads(["search", "faou", "--atlas", Self.mini])
        XCTAssertEqual(ok.status, 0)
        XCTAssertEqual(ok.stdout.split(separator: "\n").count, 2)
    }

    func testHostileSearchStringsExitZeroWithJSON() throws {
        let hostile = ["\"", "'", "(", ")", "*", "-", "^", ":", "NEAR", "AND", "OR", "NOT", "a AND (b", "\"unclosed",
                       "NEAR(a b, 2)", "title:foo", "{a b}", "--", "-camp", "\u{1B}[2J", "😀", "Казахстан", "كازاخستان", "哈萨克斯坦",
                       String(repeating: "x", count: 10_000), String(repeating: "( ", count: 2_000)]
        for q in hostile {
            let r = try crossroads(["search", "--atlas", Self.mini, "--format", "json", "--", q])
            XCTAssertEqual(r.status, 0, "search '\(q.prefix(30))': \(r.stderr)")
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: r.stdoutData) as? [Any], "search '\(q.prefix(30))': \(r.stdout.prefix(200))")
            assertNoCrashText(r)
        }
        let near = try crossroads(["search", "--atlas", Self.mini, "--format", "json", "--", "NEAR(\"quoted"])
        XCTAssertEqual(near.status, 0, near.stderr)
        XCTAssertEqual(ids(try XCTUnwrap(try json(near) as? [[String: Any]])), ["talks-2013"])
    }

    // MARK: show

    func testShowEventJSON() throws {
        let d = try jsonObject(["show", "handover", "--atlas", Self.mini])
        XCTAssertEqual(d["id"] as? String, "handover")
        XCTAssertEqual(d["kind"] as? String, "event")
        XCTAssertEqual(d["title"] as? String, "Handover at Camp Faouar")
        XCTAssertEqual(d["aliases"] as? [String], [])
        XCTAssertNil(d["summary"], "no summary in the fixture")
        XCTAssertEqual(d["date"] as? String, "2024-03-22")
        XCTAssertEqual(d["type"] as? String, "handover")
        let place = try XCTUnwrap(d["place"] as? [String: Any])
        XCTAssertEqual(place["name"] as? String, "Camp Faouar")
        XCTAssertEqual(place["region"] as? String, "Golan Heights")

        let sources = try XCTUnwrap(d["sources"] as? [[String: Any]])
        XCTAssertEqual(sources.count, 1)
        XCTAssertEqual(Set(sources[0].keys), ["id", "title", "locator", "quote"])
        XCTAssertEqual(sources[0]["id"] as? String, "src-a")
        XCTAssertEqual(sources[0]["title"] as? String, "A test article")
        XCTAssertEqual(sources[0]["locator"] as? String, "para 10")
        XCTAssertEqual(sources[0]["quote"] as? String, "took over")

        let links = try XCTUnwrap(d["links"] as? [[String: Any]])
        XCTAssertEqual(links.count, 2)
        let follows = try XCTUnwrap(links.first { $0["id"] as? String == "arrival" })
        XCTAssertEqual(follows["rel"] as? String, "follows")
        XCTAssertEqual(follows["direction"] as? String, "out")
        XCTAssertEqual(follows["title"] as? String, "Arrival in Damascus")
        XCTAssertEqual(follows["resolved"] as? Bool, true)
        let veto = try XCTUnwrap(links.first { $0["id"] as? String == "unsc-veto:S/2016/846" })
        XCTAssertEqual(veto["rel"] as? String, "refers-to")
        XCTAssertEqual(veto["resolved"] as? Bool, false)
        XCTAssertNil(veto["title"])
        XCTAssertEqual(veto["dataset"] as? String, DatasetKey.dataset(of: "unsc-veto:S/2016/846"))

        let actors = try XCTUnwrap(d["actors"] as? [[String: Any]])
        XCTAssertEqual(actors.count, 1)
        XCTAssertEqual(Set(actors[0].keys), ["id", "title", "role"])
        XCTAssertEqual(actors[0]["id"] as? String, "kazakhstan")
        XCTAssertEqual(actors[0]["title"] as? String, "Kazakhstan")
        XCTAssertEqual(actors[0]["role"] as? String, "contributor")
        let missions = try XCTUnwrap(d["missions"] as? [[String: Any]])
        XCTAssertEqual(missions.count, 1)
        XCTAssertEqual(Set(missions[0].keys), ["id", "title"])
        XCTAssertEqual(missions[0]["id"] as? String, "undof")
        XCTAssertEqual(missions[0]["title"] as? String, "United Nations Disengagement Observer Force")
        XCTAssertEqual((d["figures"] as? [Any])?.count, 0)
        // Fields of other kinds are absent.
        for key in ["acronym", "status", "iso3", "publisher"] { XCTAssertNil(d[key], key) }
    }

    func testShowLinksFromTheOtherEndAndFigures() throws {
        let d = try jsonObject(["show", "arrival", "--atlas", Self.mini])
        let links = try XCTUnwrap(d["links"] as? [[String: Any]])
        let seen = Set(links.map { "\($0["direction"] as? String ?? "?") \($0["rel"] as? String ?? "?") \($0["id"] as? String ?? "?")" })
        XCTAssertEqual(seen, ["out leads-to talks-2013", "in followed-by handover"])
        let figures = try XCTUnwrap(d["figures"] as? [[String: Any]])
        XCTAssertEqual(figures.count, 1)
        XCTAssertEqual(figures[0]["count"] as? Int, 40)
        XCTAssertEqual(figures[0]["category"] as? String, "killed")
        XCTAssertEqual(figures[0]["qualifier"] as? String, "about")
        let talks = try jsonObject(["show", "talks-2013", "--atlas", Self.mini])
        let talkLinks = try XCTUnwrap(talks["links"] as? [[String: Any]])
        XCTAssertEqual(talkLinks.map { $0["rel"] as? String }, ["result-of"])
        XCTAssertEqual(talkLinks.first?["direction"] as? String, "in")
        XCTAssertEqual(talks["summary"] as? String, "Iran and the P5 met twice.")
    }

    func testShowMissionJSON() throws {
        let d = try jsonObject(["show", "undof", "--atlas", Self.mini])
        XCTAssertEqual(d["kind"] as? String, "mission")
        XCTAssertEqual(d["acronym"] as? String, "UNDOF")
        XCTAssertEqual(d["status"] as? String, "active")
        XCTAssertEqual(d["location"] as? String, "Golan Heights")
        XCTAssertEqual(d["headquarters"] as? String, "Camp Faouar")
        let figures = try XCTUnwrap(d["figures"] as? [[String: Any]])
        XCTAssertEqual(figures.count, 1)
        XCTAssertEqual(figures[0]["date"] as? String, "2024-05-31")
        XCTAssertEqual(figures[0]["actor"] as? String, "kazakhstan")
        XCTAssertEqual(figures[0]["category"] as? String, "peacekeepers")
        XCTAssertEqual(figures[0]["count"] as? Int, 139)
        let source = try XCTUnwrap(figures[0]["source"] as? [String: Any])
        XCTAssertEqual(source["quote"] as? String, "139")
        XCTAssertEqual(source["title"] as? String, "A test article")
        XCTAssertNil(d["actors"], "actors are for events")
        XCTAssertNil(d["place"])
    }

    func testShowActorJSON() throws {
        let d = try jsonObject(["show", "kazakhstan", "--atlas", Self.mini])
        XCTAssertEqual(d["kind"] as? String, "actor")
        XCTAssertEqual(d["type"] as? String, "state")
        XCTAssertEqual(d["iso3"] as? String, "KAZ")
        let links = try XCTUnwrap(d["links"] as? [[String: Any]])
        XCTAssertEqual(links.map { $0["rel"] as? String }, ["member-of"])
        XCTAssertEqual(links.first?["id"] as? String, "csto")
        let turkiye = try jsonObject(["show", "turkiye", "--atlas", Self.mini])
        XCTAssertEqual(turkiye["aliases"] as? [String], ["Turkey"])
        XCTAssertEqual(turkiye["iso3"] as? String, "TUR")
        XCTAssertNil(turkiye["figures"])
        XCTAssertNil(turkiye["date"])
    }

    func testShowText() throws {
        let r = try crossroads(["show", "arrival", "--atlas", Self.mini])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stderr, "")
        for fragment in ["Arrival in Damascus", "15 Mar 2024", "Damascus", "Kazakhstan", "Türkiye", "about 40",
                         "followed-by", "Handover at Camp Faouar", "leads-to", "A test article", "arrived in Damascus"] {
            XCTAssertTrue(r.stdout.contains(fragment), "show text lacks '\(fragment)':\n\(r.stdout)")
        }
    }

    func testUnknownIDIsOneLineWithAHint() throws {
        let r = try crossroads(["show", "handovr", "--atlas", Self.mini])
        assertOneLineError(r, "did you mean", "handover")
        let json = try crossroads(["show", "kazakstan", "--atlas", Self.mini, "--format", "json"])
        assertOneLineError(json, "did you mean", "kazakhstan")
    }

    // MARK: validate

    func testValidateCleanAtlases() throws {
        let mini = try crossroads(["validate", "--atlas", Self.mini])
        XCTAssertEqual(mini.status, 0, mini.stderr)
        XCTAssertEqual(mini.stderr, "")
        XCTAssertTrue(mini.stdout.contains("3 events"), mini.stdout)
        XCTAssertTrue(mini.stdout.contains("3 actors"), mini.stdout)
        let builtin = try crossroads(["validate"])
        XCTAssertEqual(builtin.status, 0, "the built-in atlas has problems:\n\(builtin.stderr)")
        XCTAssertEqual(builtin.stderr, "")
    }

    func testValidateBadAtlas() throws {
        let atlas = try tempAtlas([
            "events.yaml": "events:\n  - id: x\n    title: t\n    dte: 2024\n    sources: [{source: nope, locator: p, quote: q}]\n",
            "actors.yaml": "actors:\n  - id: a\n    title: A\n    type: stat\n",
        ])
        let r = try crossroads(["validate", "--atlas", "."], in: atlas)
        XCTAssertEqual(r.status, 65, r.stderr)
        assertNoCrashText(r)
        let lines = r.stderrLines
        let located = lines.filter { $0.range(of: #"^[^:]+\.yaml:\d+:\d+: "#, options: .regularExpression) != nil }
        XCTAssertGreaterThanOrEqual(located.count, 4, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("events.yaml:4:5: ") && $0.contains("did you mean 'date'") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("events.yaml:2:5: ") && $0.contains("'date'") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("events.yaml:5:24: ") && $0.contains("'nope'") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("actors.yaml:4:11: ") && $0.contains("'stat'") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("actors.yaml:2:5: ") && $0.contains("cites no source") }, r.stderr)
        // Every line is either a located problem or the one summary line.
        XCTAssertEqual(lines.count, located.count + 1, r.stderr)
        XCTAssertTrue(lines.last?.hasPrefix("crossroads: ") ?? false, r.stderr)

        let j = try crossroads(["validate", "--atlas", atlas.path, "--format", "json"])
        XCTAssertEqual(j.status, 65)
        let report = try XCTUnwrap(try json(j) as? [String: Any])
        XCTAssertEqual(report["valid"] as? Bool, false)
        let problems = try XCTUnwrap(report["problems"] as? [[String: Any]])
        XCTAssertEqual(problems.count, located.count)
        for p in problems { XCTAssertEqual(Set(p.keys), ["file", "line", "column", "kind", "message"]) }
        XCTAssertTrue(problems.contains { $0["kind"] as? String == "unknownField" && $0["line"] as? Int == 4 && $0["column"] as? Int == 5 })
    }

    func testValidateMissingFolder() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-atlas-\(UUID().uuidString)").path
        assertOneLineError(try crossroads(["validate", "--atlas", missing]), status: 66, missing)
        assertOneLineError(try crossroads(["list", "events", "--atlas", missing]), status: 66, missing)
        let empty = try tempAtlas(["notes.txt": "hello"])
        assertOneLineError(try crossroads(["validate", "--atlas", empty.path]), status: 66)
        let file = empty.appendingPathComponent("notes.txt").path
        assertOneLineError(try crossroads(["validate", "--atlas", file]), status: 66, file)
        assertOneLineError(try crossroads(["show", "x", "--atlas", file]), status: 66, file)
    }

    func testLoadingABadAtlasForListIsOneLine() throws {
        let atlas = try tempAtlas(["events.yaml": "evnts: []\n"])
        let r = try crossroads(["list", "events", "--atlas", atlas.path])
        assertOneLineError(r, status: 65, "evnts")
    }

    /// "1 missions, 1 sources": the counts of `validate` should agree in number.
    func testValidateSummaryPluralisesOne() throws {
        let r = try crossroads(["validate", "--atlas", Self.mini])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("1 mission,"), r.stdout)
        XCTAssertTrue(r.stdout.contains("1 source,"), r.stdout)
    }

    /// Aligned text tables pad empty trailing cells: lines end in spaces.
    func testTextOutputHasNoTrailingSpaces() throws {
        for args in [["show", "arrival"], ["show", "undof"], ["show", "handover"], ["list", "events"], ["stats"]] {
            let r = try crossroads(args + ["--atlas", Self.mini])
            XCTAssertEqual(r.status, 0)
            for line in r.stdout.split(separator: "\n") {
                XCTAssertFalse(line.hasSuffix(" "), "\(args): trailing spaces in '\(line)'")
            }
        }
    }

    /// `crossroads serch faou` falls through to the default `browse` command and reports
    /// "2 unexpected arguments: 'serch', 'faou'" with browse's usage; it should name the
    /// unknown command and suggest `search`.
    func testMistypedSubcommandSuggestsTheCommand() throws {
        let r = try crossroads(["serch", "faou", "--atlas", Self.mini])
        XCTAssertEqual(r.status, 64)
        assertNoCrashText(r)
        XCTAssertTrue(r.stderr.contains("serch"), r.stderr)
        XCTAssertTrue(r.stderr.contains("search"), "no suggestion of 'search': \(r.stderr)")
        XCTAssertFalse(r.stderr.contains("crossroads browse"), "the usage shown is browse's: \(r.stderr)")
    }

    // MARK: data options

    func testAtlasAndDBTogetherIsAUsageError() throws {
        let r = try crossroads(["list", "events", "--atlas", Self.mini, "--db", "/tmp/x.sqlite"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("--atlas") && r.stderr.contains("--db"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        assertNoCrashText(r)
    }

    func testDBFilesThatCannotBeUsed() throws {
        let folder = try tempAtlas([:])
        let missing = folder.appendingPathComponent("missing.sqlite").path
        let text = folder.appendingPathComponent("text.sqlite")
        try Data("this is not a database\n".utf8).write(to: text)
        let empty = folder.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        let random = folder.appendingPathComponent("random.sqlite")
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }).write(to: random)
        for command in [["list", "events"], ["show", "x"], ["search", "x"], ["stats"]] {
            assertOneLineError(try crossroads(command + ["--db", missing]), status: 66, missing)
            assertOneLineError(try crossroads(command + ["--db", text.path]), text.path)
            assertOneLineError(try crossroads(command + ["--db", empty.path]), empty.path)
            assertOneLineError(try crossroads(command + ["--db", random.path]), random.path)
            assertOneLineError(try crossroads(command + ["--db", folder.path]), status: 66)
        }
    }

    // MARK: terminal safety

    func testTextOutputIsSanitized() throws {
        let atlas = try tempAtlas([
            "atlas.yaml": """
                sources:
                  - id: s
                    title: "Source \\e]0;pwned\\a title"
                actors:
                  - id: evil
                    title: "Evil \\e[2J actor \\u009B31m"
                    type: state
                    aliases: ["\\e[31mred"]
                    sources: [{source: s, locator: "p \\e[1m", quote: "q \\e[5m"}]
                events:
                  - id: e
                    title: "Event \\e[2J\\e[H title \\u202E"
                    date: 2024
                    summary: "Line one\\nline two \\e[31m"
                    place: {name: "Place \\e[7m"}
                    actors: [{actor: evil, role: "host \\e[0m"}]
                    sources: [{source: s, locator: p, quote: "q \\e[5m"}]

                """,
        ])
        let runs = [
            try crossroads(["list", "events", "--atlas", atlas.path]),
            try crossroads(["list", "actors", "--atlas", atlas.path]),
            try crossroads(["search", "event", "--atlas", atlas.path]),
            try crossroads(["search", "evil", "--atlas", atlas.path]),
            try crossroads(["show", "e", "--atlas", atlas.path]),
            try crossroads(["show", "evil", "--atlas", atlas.path]),
            try crossroads(["show", "s", "--atlas", atlas.path]),
            try crossroads(["show", "e", "--atlas", atlas.path, "--format", "json"]),
            try crossroads(["show", "no\u{1B}[2Jsuch", "--atlas", atlas.path]),
            try crossroads(["validate", "--atlas", atlas.path]),
        ]
        for (i, r) in runs.enumerated() {
            XCTAssertFalse(r.stdoutData.contains(0x1B), "run \(i): raw ESC on stdout: \(r.stdout)")
            XCTAssertFalse(r.stderrData.contains(0x1B), "run \(i): raw ESC on stderr: \(r.stderr)")
            XCTAssertFalse(r.stdoutData.contains(0x07), "run \(i): raw BEL on stdout")
            if i != 7 {   // text output (JSON is checked in testBUG_jsonOutputEscapesC1AndBidiControls)
                XCTAssertFalse(r.stdout.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E },
                               "run \(i): C1 or bidi control on stdout")
            }
            assertNoCrashText(r)
        }
        XCTAssertEqual(runs[0].status, 0, runs[0].stderr)
        XCTAssertTrue(runs[0].stdout.contains("␛[2J"), "ESC is shown as a visible symbol: \(runs[0].stdout)")
        XCTAssertTrue(runs[4].stdout.contains("Evil ␛[2J actor"), runs[4].stdout)
        XCTAssertNotEqual(runs[8].status, 0)
        // JSON carries the data itself, escaped.
        let detail = try XCTUnwrap(try json(runs[7]) as? [String: Any])
        XCTAssertEqual(detail["title"] as? String, "Event \u{1B}[2J\u{1B}[H title \u{202E}")
        // An unknown field whose name holds an escape is reported inertly.
        let bad = try tempAtlas(["e.yaml": "events:\n  - id: x\n    title: t\n    date: 2024\n    \"\\e[2Jdte\": 1\n"])
        let v = try crossroads(["validate", "--atlas", bad.path])
        XCTAssertEqual(v.status, 65)
        XCTAssertFalse(v.stderrData.contains(0x1B), v.stderr)
        XCTAssertTrue(v.stderr.contains("␛[2Jdte"), v.stderr)
    }

    /// Only a summary spans lines in `show`: a line break in a title, a place or a
    /// quote would let one field print a line that looks like another field.
    func testShowTextKeepsOneLineFieldsOnOneLine() throws {
        let atlas = try tempAtlas([
            "atlas.yaml": """
                sources:
                  - id: s
                    title: "Source\\nurl: forged"
                events:
                  - id: e
                    title: "Event\\ntype: forged\\rdate: forged"
                    date: 2024
                    summary: "Line one\\nline two ␊ stays a picture"
                    place: {name: "Place\\nplace: forged"}
                    sources: [{source: s, locator: "p\\nq", quote: "said\\nActors"}]

                """,
        ])
        let r = try crossroads(["show", "e", "--atlas", atlas.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[0].hasPrefix("Event type: forged date: forged  [event e]"), r.stdout)
        XCTAssertFalse(lines.contains { $0.hasPrefix("type: ") || $0.hasPrefix("date: ") || $0.hasPrefix("place: ")
            || $0.hasPrefix("url: ") || $0 == "Actors" || $0.hasPrefix("q") }, r.stdout)
        XCTAssertFalse(r.stdout.contains("\r"), r.stdout)
        XCTAssertTrue(lines.contains("Line one") && lines.contains("line two ␊ stays a picture"),
                      "the summary keeps its own lines, and only those: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("“said Actors”"), r.stdout)
    }

    /// JSON goes to terminals too (`crossroads show x --format json`): C0 controls are
    /// escaped (\u001b), but C1 controls such as U+009B (CSI) and bidi overrides such as
    /// U+202E are written raw. Escaping them keeps the data identical for scripts.
    func testJsonOutputEscapesC1AndBidiControls() throws {
        let atlas = try tempAtlas([
            "atlas.yaml": """
                sources:
                  - id: s
                    title: S
                events:
                  - id: e
                    title: "Event \\u009B2J title \\u202Eevil"
                    date: 2024
                    sources: [{source: s, locator: p, quote: q}]

                """,
        ])
        for args in [["show", "e"], ["list", "events"], ["search", "event"]] {
            let r = try crossroads(args + ["--atlas", atlas.path, "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let raw = r.stdout.unicodeScalars.filter { (0x80...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
            XCTAssertEqual(raw.map { String($0.value, radix: 16) }, [], "\(args): raw control characters in JSON")
            XCTAssertTrue(r.stdout.contains("Event \u{9B}2J title \u{202E}evil") || r.stdout.lowercased().contains("\\u009b2j"),
                          "the title is still there")
        }
    }

    func testWideTextStaysAligned() throws {
        let atlas = try tempAtlas([
            "atlas.yaml": """
                sources:
                  - id: s
                    title: S
                actors:
                  - id: kz-zh
                    title: 哈萨克斯坦
                    type: state
                    sources: [{source: s, locator: p, quote: q}]
                  - id: kz-en
                    title: Kazakhstan
                    type: state
                    sources: [{source: s, locator: p, quote: q}]
                  - id: kz-flag
                    title: 🇰🇿 Qazaqstan
                    type: state
                    sources: [{source: s, locator: p, quote: q}]
                events:
                  - id: e
                    title: E
                    date: 2024
                    actors: [{actor: kz-zh, role: host}, {actor: kz-en, role: party}, {actor: kz-flag, role: observer}]
                    sources: [{source: s, locator: p, quote: q}]

                """,
        ])
        let r = try crossroads(["show", "e", "--atlas", atlas.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stdout.split(separator: "\n").map(String.init).filter { $0.hasSuffix(" kz-zh") || $0.hasSuffix(" kz-en") || $0.hasSuffix(" kz-flag") }
        XCTAssertEqual(rows.count, 3, r.stdout)
        let idColumns = rows.map { row -> Int in
            let id = row.split(separator: " ").last.map(String.init) ?? ""
            return TerminalText.width(String(row.dropLast(id.count)))
        }
        XCTAssertEqual(Set(idColumns).count, 1, "ids start at different columns: \(rows)")
    }

    // MARK: stats and the built-in atlas

    func testStatsJSON() throws {
        let s = try jsonObject(["stats", "--atlas", Self.mini])
        XCTAssertEqual(s["events"] as? Int, 3)
        XCTAssertEqual(s["actors"] as? Int, 3)
        XCTAssertEqual(s["missions"] as? Int, 1)
        XCTAssertEqual(s["sources"] as? Int, 1)
        XCTAssertEqual(s["links"] as? Int, 4)
        XCTAssertEqual(s["citations"] as? Int, 8)
        XCTAssertEqual(s["figures"] as? Int, 2)
    }

    func testFaouarFlowOnTheBuiltinAtlas() throws {
        let hits = try jsonRows(["search", "faouar"])
        let first = try XCTUnwrap(hits.first { $0["kind"] as? String == "event" }, "no event for 'faouar': \(hits)")
        let id = try XCTUnwrap(first["id"] as? String)
        let d = try jsonObject(["show", id])
        XCTAssertEqual(d["date"] as? String, "2024-03-22")
        XCTAssertEqual((d["place"] as? [String: Any])?["name"] as? String, "Camp Faouar")
        XCTAssertFalse((d["actors"] as? [Any] ?? []).isEmpty, "no actors")
        let sources = try XCTUnwrap(d["sources"] as? [[String: Any]])
        XCTAssertFalse(sources.isEmpty)
        XCTAssertNotNil(sources.first?["title"] as? String)
        XCTAssertFalse((sources.first?["quote"] as? String ?? "").isEmpty)
    }

    func testVersionAndHelp() throws {
        let v = try crossroads(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertFalse(v.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        let h = try crossroads(["--help"])
        XCTAssertEqual(h.status, 0)
        for command in ["list", "search", "show", "validate", "stats"] { XCTAssertTrue(h.stdout.contains(command), command) }
    }

    /// A second import into a database another is writing: one line, EX_TEMPFAIL,
    /// and the database and the running import's copy untouched.
    func testASecondImportAtOnceIsTempFail() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-cli-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("m.csv")
        try Data("mission_acronym,mission_name,start_date,end_date\nUNA,Mission A,1990-01-01,1992-01-01\n".utf8).write(to: csv)
        let db = dir.appendingPathComponent("peace.sqlite")
        XCTAssertEqual(try crossroads(["import", "un-missions", csv.path, "--into", db.path]).status, 0)
        let before = try Data(contentsOf: db)
        let fd = open(dir.appendingPathComponent(".peace.sqlite.partial").path, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0, "the test holds the running import's lock")
        let r = try crossroads(["import", "un-missions", csv.path, "--into", db.path])
        assertOneLineError(r, status: 75, "another import into it is running", "try again")
        XCTAssertEqual(try Data(contentsOf: db), before)
    }
}
