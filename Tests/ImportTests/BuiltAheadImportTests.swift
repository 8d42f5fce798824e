import Foundation
import GRDB
import XCTest
@testable import Atlas

/// The UCDP import that builds rows on a second thread and, into a new database,
/// its search index on that thread too (RowPipeline, SearchIndexBuilder): the same
/// records, the same accounting and the same search as the import that writes the
/// index in step, and failures that leave nothing behind.
final class BuiltAheadImportTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-ahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    static let header = "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"

    static let places = ["Aleppo", "Idlib", "Hama", "Homs", "Raqqa", "Deir ez-Zor", "Latakia", "Daraa"]
    static let words = ["convoy", "checkpoint", "shelling", "ambush", "airstrike", "market", "village", "bridge"]

    /// A UCDP GED 23.1 row; values not given are empty.
    static func row(_ values: [String: String]) -> String {
        header.split(separator: ",").map { name -> String in
            let v = values[String(name)] ?? ""
            return v.contains(",") || v.contains("\"") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
        }.joined(separator: ",")
    }

    /// Row `i` of an invented file: rotating places, words and sides.
    static func event(_ i: Int, id: Int? = nil, best: Int? = nil) -> String {
        let place = places[i % places.count], word = words[(i / 3) % words.count]
        let side = i % 2 == 0 ? "Government of Syria" : "Syrian insurgents"
        return row(["id": "\(id ?? 500_000 + i)", "type_of_violence": "\(1 + i % 3)", "conflict_name": "Syria: Government",
                    "dyad_name": "\(side) - IS", "side_a_new_id": i % 2 == 0 ? "118" : "\(900 + i % 5)", "side_a": side,
                    "side_b_new_id": "234", "side_b": "IS", "source_headline": "\(word.capitalized) near \(place), day \(i)",
                    "where_coordinates": place, "where_description": "the \(word) of \(place)", "adm_1": "\(place) governorate",
                    "latitude": "35.\(i % 90)", "longitude": "37.\(i % 70)", "country": "Syria", "date_prec": "1",
                    "date_start": "2013-0\(1 + i % 9)-1\(i % 10)", "date_end": "2013-0\(1 + i % 9)-1\(i % 10)",
                    "best": "\(best ?? i % 17)", "low": "\(best ?? i % 17)", "high": "\(best ?? i % 17)",
                    "deaths_civilians": "\(i % 4)"])
    }

    private func file(_ name: String, _ lines: [String]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    }

    /// Event ids each word finds, straight from the FTS5 table.
    private func matches(_ db: URL, _ words: [String]) throws -> [String: Set<String>] {
        let queue = try DatabaseQueue(path: db.path)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String: Set<String>] = [:]
            for w in words {
                out[w] = Set(try String.fetchAll(db, sql: """
                    SELECT e.id FROM search s JOIN entity e ON e.rowid = s.rowid WHERE search MATCH ? AND e.kind = 'event'
                    """, arguments: [w]))
            }
            return out
        }
    }

    private func integrityCheck(_ db: URL) throws {
        let queue = try DatabaseQueue(path: db.path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "INSERT INTO search(search, rank) VALUES ('integrity-check', 1)")
            let entities = try Int.fetchOne(db, sql: "SELECT count(*) FROM entity") ?? -1
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM search") ?? -2
            XCTAssertEqual(indexed, entities, "every record has its search entry")
            let hashsize = try Int.fetchOne(db, sql: "SELECT v FROM search_config WHERE k = 'hashsize'")
            XCTAssertTrue(hashsize == nil || hashsize == 1_048_576, "the import leaves FTS5's default buffer, not \(hashsize ?? 0)")
        }
    }

    /// Into a new database the index is built beside it and copied in; into an
    /// existing one it is written in step. Both must give the same search.
    func testANewDatabaseIsSearchableAsOneWrittenInStep() throws {
        let csv = try file("ged.csv", [Self.header] + (0..<1200).map { Self.event($0) })
        let fresh = folder.appendingPathComponent("fresh.sqlite")
        let s = try Importer.run(preset: .ucdpGED, files: [csv], into: fresh)
        XCTAssertEqual(s.rowsRead, 1200)
        XCTAssertEqual(s.rowsImported, 1200)
        XCTAssertEqual(s.records[.events]?.new, 1200)
        XCTAssertEqual(try leftovers(), [], "no working copy or index file stays behind")
        try integrityCheck(fresh)

        // The same rows into a database that already exists: the index in step.
        let missions = try file("missions.csv", ["mission_acronym,mission_name,start_date,end_date", "UNA,Mission A,1990-01-01,1992-01-01"])
        let existing = folder.appendingPathComponent("existing.sqlite")
        _ = try Importer.run(preset: .unMissions, files: [missions], into: existing)
        let t = try Importer.run(preset: .ucdpGED, files: [csv], into: existing)
        XCTAssertEqual(t.records[.events]?.new, 1200)
        try integrityCheck(existing)

        let probe = Self.places.map { $0.lowercased().split(separator: " ")[0] }.map(String.init) + Self.words + ["syria", "insurgents"]
        let a = try matches(fresh, probe), b = try matches(existing, probe)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a["aleppo"]?.count, 150)
        XCTAssertEqual(a["convoy"]?.count, 150)

        // And the browser's own search finds them by prefix as the user types.
        let store = try AtlasStore.open(database: fresh.path)
        XCTAssertEqual(try store.searchCount("aleppo"), try AtlasStore.open(database: existing.path).searchCount("aleppo"))
        XCTAssertGreaterThan(try store.searchCount("ale"), 0)
    }

    /// A key repeated in a new dataset's file is found although the lookups of
    /// keys never seen are skipped: the same values merge, others update.
    func testRepeatedKeysInANewDatasetAreStillFound() throws {
        let csv = try file("ged.csv", [Self.header, Self.event(1), Self.event(2), Self.event(1), Self.event(3, id: 500_002, best: 99)])
        let s = try Importer.run(preset: .ucdpGED, files: [csv], into: folder.appendingPathComponent("peace.sqlite"))
        XCTAssertEqual(s.rowsRead, 4)
        XCTAssertEqual(s.rowsImported, 3)
        XCTAssertEqual(s.mergedByReason, ["the same record as line 2 (a repeated row)": 1])
        XCTAssertEqual(s.records[.events]?.new, 2)
        XCTAssertEqual(s.records[.events]?.updated.keys.first?.hasPrefix("the key repeats line 3 with other"), true)
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("peace.sqlite").path)
        try queue.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM entity WHERE kind = 'event'"), 2)
            XCTAssertEqual(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM search s JOIN entity e ON e.rowid = s.rowid WHERE search MATCH 'syria' AND e.kind = 'event'
                """), 2)
        }
        try queue.close()
        try integrityCheck(folder.appendingPathComponent("peace.sqlite"))
    }

    /// A file broken far from its start: the reading thread stops, the import fails
    /// with the line, and the database and its folder are as before.
    func testAnUnclosedQuoteStopsBothThreadsAndLeavesNothing() throws {
        let rows = (0..<3000).map { Self.event($0) }
        let csv = try file("ged.csv", [Self.header] + rows + ["\"700000,broken"])
        let db = folder.appendingPathComponent("peace.sqlite")
        XCTAssertThrowsError(try Importer.run(preset: .ucdpGED, files: [csv], into: db)) { error in
            XCTAssertEqual((error as? ImportError)?.description, "\(csv.path):3002: a quoted field is never closed")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db.path))
        XCTAssertEqual(try leftovers(), [])
    }

    func testAFileWithoutUCDPColumnsIsRefusedBeforeAnyRow() throws {
        let csv = try file("other.csv", ["event_id,date,place", "1,2020-01-01,Aleppo"])
        let db = folder.appendingPathComponent("peace.sqlite")
        XCTAssertThrowsError(try Importer.run(preset: .ucdpGED, files: [csv], into: db)) { error in
            guard case .missingColumns(let path, let columns)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, csv.path)
            XCTAssertEqual(columns.first, "id")
        }
        XCTAssertEqual(try leftovers(), [])
    }

    /// --strict: the first bad row, built on the reading thread, fails the import
    /// on the writing one with its line.
    func testStrictFailsAtTheFirstBadRowWithItsLine() throws {
        let bad = Self.event(5).replacingOccurrences(of: "500005", with: "five")
        let csv = try file("ged.csv", [Self.header] + (0..<600).map { Self.event($0) } + [bad])
        let db = folder.appendingPathComponent("peace.sqlite")
        XCTAssertThrowsError(try Importer.run(preset: .ucdpGED, files: [csv], into: db, options: ImportOptions(strict: true))) { error in
            guard case .badRow(let row)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(row.line, 602)
            XCTAssertEqual(row.reason, "id 'five' is not a number")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db.path))
        XCTAssertEqual(try leftovers(), [])
        // Without --strict the row is skipped with its line, the others imported.
        let s = try Importer.run(preset: .ucdpGED, files: [csv], into: db)
        XCTAssertEqual(s.rowsImported, 600)
        XCTAssertEqual(s.skippedRows.map(\.line), [602])
    }

    /// The hand-over keeps order, holds at most its capacity, and a consumer that
    /// gives up stops the producer.
    func testTheQueueKeepsOrderAndStopsTheProducerWhenCancelled() {
        let queue = BoundedQueue<Int>(capacity: 2)
        let producer = Thread {
            for i in 0..<500 { _ = queue.put([i, i]) }
            queue.finish()
        }
        producer.start()
        var seen: [Int] = []
        while let batch = queue.take() { seen += batch }
        XCTAssertEqual(seen, (0..<500).flatMap { [$0, $0] })

        let stopped = BoundedQueue<Int>(capacity: 1)
        XCTAssertTrue(stopped.put([1]))
        let refused = DispatchSemaphore(value: 0)
        let blocked = Thread {
            // The queue is full: this waits until the consumer cancels, then is refused.
            if !stopped.put([2]) { refused.signal() }
        }
        blocked.start()
        stopped.cancel()
        XCTAssertEqual(refused.wait(timeout: .now() + 10), .success)
        XCTAssertNil(stopped.take())
    }
}
