import Foundation
import GRDB
import XCTest
@testable import Atlas

/// Imports of the real dataset exports in ../shared/data/real (see its SOURCES.md)
/// and of small files written here for the error cases.
final class ImportPresetTests: XCTestCase {
    static let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/real")
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func file(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private var db: URL { folder.appendingPathComponent("peace.sqlite") }

    private func real(_ path: String) throws -> URL {
        let url = Self.real.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("the shared data folder is not beside the repository: \(url.path)")
        }
        return url
    }

    func testVetoesResolveTheSeedAtlasLinks() throws {
        let s = try Importer.run(preset: .unscVetoes, files: [real("unsc-vetoes/unsc_vetoes_1946_sept2022.csv")], into: db, withBuiltin: true)
        XCTAssertEqual(s.rowsRead, 214)
        XCTAssertEqual(s.skipped, 0)
        let store = try AtlasStore.open(database: db.path)
        let detail = try XCTUnwrap(try store.detail("russian-vetoes-middle-east-2016-2017"))
        let vetoes = detail.links.filter { $0.relation == .refersTo }.map(\.target)
        XCTAssertEqual(vetoes.map(\.id), ["unsc-veto:S/2016/846", "unsc-veto:S/2016/1026", "unsc-veto:S/2017/172", "unsc-veto:S/2017/315"])
        XCTAssertTrue(vetoes.allSatisfy(\.resolved), "the four vetoes are now in the atlas")
        let veto = try XCTUnwrap(try store.detail("unsc-veto:S/2016/1026"))
        XCTAssertEqual(veto.date, "2016-12-05")
        XCTAssertEqual(Set(veto.actors.map(\.actor.id)), ["russia", "china"], "vetoing members merge with the seed atlas's states")
    }

    func testUNDOFCarriesTheArticleAndGeoPKOFigures() throws {
        _ = try Importer.run(preset: .unMissions, files: [real("un-psdata-missions/DPPADPOSS-PKO.csv")], into: db, withBuiltin: true)
        let s = try Importer.run(preset: .geoPKO, files: [real("geo-pko/TCCMap_v.2.3.csv")], into: db)
        XCTAssertEqual(s.rowsRead, 4927)
        let store = try AtlasStore.open(database: db.path)
        let undof = try XCTUnwrap(try store.detail("undof"))
        XCTAssertTrue(undof.figures.contains { $0.actor?.id == "kazakhstan" && $0.count == 139 && $0.dataset == nil }, "the article's figure")
        XCTAssertTrue(undof.figures.contains { $0.actor?.id == "kazakhstan" && $0.count == 150 && $0.dataset == "geo-pko"
                && $0.location == "Camp Faouar" && $0.date == "2024" }, "Geo-PKO's figure on the same Kazakhstan actor")
        XCTAssertEqual(try store.detail("un-mission:UNDOF")?.id, "undof", "UNDOF stays one record, which answers to the dataset's key")
        XCTAssertNotNil(try store.lookup("un-mission:UNFICYP"))
        XCTAssertEqual(try store.count(ListFilter(kind: .mission)), 6 + 76, "81 rows, 5 of them missions the atlas has")
    }

    func testReimportingTheSameFileChangesNothing() throws {
        let file = try real("ucdp-ged/ged191_MMR_BGD.csv")
        let first = try Importer.run(preset: .ucdpGED, files: [file], into: db)
        XCTAssertEqual(first.rowsRead, 3194)
        let stats1 = try AtlasStore.open(database: db.path).stats()
        let again = try Importer.run(preset: .ucdpGED, files: [file], into: db)
        XCTAssertEqual(again.newRecords, 0)
        XCTAssertEqual(again.updatedRecords, 0)
        let stats2 = try AtlasStore.open(database: db.path).stats()
        XCTAssertEqual(stats1.events, stats2.events)
        XCTAssertEqual(stats1.actors, stats2.actors)
        XCTAssertEqual(stats1.figures, stats2.figures)
    }

    func testBothUCDPVersionsImportWithDatePrecision() throws {
        let s = try Importer.run(preset: .ucdpGED, files: [real("ucdp-ged/ucdpged_23_1_sample1000.csv")], into: db)
        XCTAssertEqual(s.rowsRead, 1000)
        XCTAssertEqual(s.skipped, 0)
        let store = try AtlasStore.open(database: db.path)
        let e = try XCTUnwrap(try store.detail("ucdp-ged:300380"))
        XCTAssertEqual(e.date, "2013-01-03")
        XCTAssertTrue(e.actors.contains { $0.actor.id == "syria" || $0.actor.id == "country:SYR" })
        XCTAssertEqual(e.figures.first?.count, 2)
        XCTAssertEqual(try store.count(ListFilter(kind: .event)), 1000)
    }

    func testRaggedRowsAreSkippedWithTheirLine() throws {
        let csv = try file("v.csv", """
            year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3
            2016,10/8/2016,10,S/2016/846,S/PV.7785,Middle East,Syria,Middle East,Russia,,
            2016,12/5/2016,12,S/2016/1026,S/PV.7825,Middle East
            2017,13/40/2017,2,S/2017/172,S/PV.7893,Middle East,Syria,Middle East,Russia,China,
            2017,4/12/2017,4,S/2017/315,S/PV.7922,Middle East,Syria,Middle East,Russia,,

            """)
        let s = try Importer.run(preset: .unscVetoes, files: [csv], into: db)
        XCTAssertEqual(s.tally(.events).new, 2, "two vetoes")
        XCTAssertEqual(s.tally(.actors).new, 1, "the Russia state actor")
        XCTAssertEqual(s.skippedRows.map(\.line), [3, 4])
        XCTAssertEqual(s.skippedRows.first?.description, "\(csv.path):3: skipped: row has 6 fields, the header has 11")
        XCTAssertTrue(s.skippedRows[1].reason.contains("13/40/2017"))
    }

    func testStrictFailsAndLeavesTheDatabaseAsItWas() throws {
        _ = try Importer.run(preset: .unscVetoes, files: [real("unsc-vetoes/unsc_vetoes_1946_sept2022.csv")], into: db)
        let before = try Data(contentsOf: db)
        let bad = try file("bad.csv", "year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1\n2020,1/1/2020,1,S/X,S/PV.1,a,b,c\n")
        XCTAssertThrowsError(try Importer.run(preset: .unscVetoes, files: [bad], into: db, options: ImportOptions(strict: true))) { e in
            XCTAssertEqual("\(e)", "\(bad.path):2: row has 8 fields, the header has 9 (--strict)")
        }
        XCTAssertEqual(try Data(contentsOf: db), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".peace.sqlite.partial").path))
    }

    func testUnclosedQuoteNamesItsLine() throws {
        let bad = try file("q.csv", "mission,year,location,year.overview\nUNDOF,2024,Camp,\"India (1)\nUNDOF,2024,X,Fiji (2)\n")
        XCTAssertThrowsError(try Importer.run(preset: .geoPKO, files: [bad], into: db)) { e in
            XCTAssertEqual("\(e)", "\(bad.path):2: a quoted field is never closed")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db.path), "nothing was created")
    }

    func testWrongFileAndEmptyFileAreOneLineErrors() throws {
        let other = try real("geo-pko/TCCMap_v.2.3.csv")
        XCTAssertThrowsError(try Importer.run(preset: .unscVetoes, files: [other], into: db)) { e in
            XCTAssertTrue("\(e)".hasPrefix("\(other.path):1: not this dataset's file: no columns date, draft"), "\(e)")
        }
        let empty = try file("empty.csv", "")
        XCTAssertThrowsError(try Importer.run(preset: .geoPKO, files: [empty], into: db)) { e in
            XCTAssertEqual("\(e)", "\(empty.path):1: empty file")
        }
    }

    func testADatabaseThatIsNotAnAtlasIsRefusedUntouched() throws {
        try Data("junk".utf8).write(to: db)
        let csv = try file("v.csv", "mission,year,location,year.overview\nUNDOF,2024,X,Fiji (2)\n")
        XCTAssertThrowsError(try Importer.run(preset: .geoPKO, files: [csv], into: db)) { e in
            XCTAssertEqual("\(e)", "\(db.path): not a readable SQLite database (file is not a database)")
        }
        XCTAssertEqual(try Data(contentsOf: db), Data("junk".utf8))
    }

    func testBOMAndCP1252Fields() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("mission,year,location,year.overview\nUNDOF,2024,Caf".utf8) + [0xE9] + Array(" Faouar,Fiji (3)\n".utf8)
        let url = folder.appendingPathComponent("b.csv")
        try Data(bytes).write(to: url)
        let s = try Importer.run(preset: .geoPKO, files: [url], into: db, withBuiltin: true)
        XCTAssertEqual(s.skipped, 0)
        let store = try AtlasStore.open(database: db.path)
        XCTAssertTrue(try XCTUnwrap(store.detail("undof")).figures.contains { $0.location == "Café Faouar" && $0.count == 3 })
        XCTAssertThrowsError(try Importer.run(preset: .geoPKO, files: [url], into: db, options: ImportOptions(strict: true, encoding: .utf8))) { e in
            XCTAssertTrue("\(e)".contains(":2: field 3 is not valid UTF-8"), "\(e)")
        }
    }

    func testCSVReaderQuotesAndLineEnds() throws {
        let text = "a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\nlast,\n"
        var rows: [[String]] = []
        var lines: [Int] = []
        try Array(text.utf8).withUnsafeBufferPointer { buf in
            try CSVReader.forEach(in: buf, separator: 0x2C, encoding: .detect) { r in
                rows.append((0..<r.count).map(r.string))
                lines.append(r.line)
            }
        }
        XCTAssertEqual(rows, [["a", "b"], ["x, \"y\"", "two\nlines"], ["last", ""]])
        XCTAssertEqual(lines, [1, 2, 4])
    }
}

/// ACLED's terms do not let us ship its data: these files, in its three shapes, are
/// written by hand with invented rows ("Exampleville").
final class EventPresetTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/acled")
    var db: URL!

    override func setUp() {
        db = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-events-\(UUID().uuidString).sqlite")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: db) }

    func testACLEDInItsThreeShapes() throws {
        let current = try Importer.run(preset: .acled, files: [Self.fixtures.appendingPathComponent("current.csv")], into: db, withBuiltin: true)
        XCTAssertEqual(current.rowsRead, 2)
        XCTAssertEqual(current.skipped, 0)
        let short = try Importer.run(preset: .acled, files: [Self.fixtures.appendingPathComponent("short-dates.csv")], into: db)
        XCTAssertEqual(short.skippedRows.map(\.line), [3], "31-Feb-20 is no date")
        let legacy = try Importer.run(preset: .acled, files: [Self.fixtures.appendingPathComponent("legacy.csv")], into: db)
        XCTAssertEqual(legacy.skipped, 0)
        let store = try AtlasStore.open(database: db.path)
        let a = try XCTUnwrap(try store.detail("acled:XMP1"))
        XCTAssertEqual(a.date, "2020-03-21")
        XCTAssertTrue(a.actors.contains { $0.actor.id == "country:MLI" }, "Military Forces of Mali is the state")
        XCTAssertEqual(a.sources.first?.quote, "Fictional row: \"no real event\", written by hand for tests.")
        XCTAssertEqual(try store.detail("acled:XMP2")?.date, "2020-03", "time_precision 3 is a month")
        XCTAssertEqual(try store.detail("acled:XMP3")?.date, "2020-05-08")
        let old = try XCTUnwrap(try store.detail("acled:XMP5"))
        XCTAssertEqual(old.date, "2005-04-03", "legacy dates are dd/mm/yyyy")
        XCTAssertEqual(old.place?.name, "Ségouville", "cp1252 decoded")
        XCTAssertEqual(old.sources.first?.quote, "Fictional legacy row – written in cp1252 for tests.")
    }

    func testGDELTBothColumnCounts() throws {
        let file = ImportPresetTests.real.appendingPathComponent("gdelt/gdelt1_events_sample_20160728.tsv")
        guard FileManager.default.fileExists(atPath: file.path) else { throw XCTSkip("no shared data beside the repository") }
        let s = try Importer.run(preset: .gdelt1, files: [file], into: db, withBuiltin: true)
        XCTAssertEqual(s.rowsRead, 710, "no header: every line is a row")
        XCTAssertEqual(s.skipped, 0)
        let store = try AtlasStore.open(database: db.path)
        let e = try XCTUnwrap(try store.detail("gdelt:564111644"))
        XCTAssertEqual(e.date, "2006-07-31")
        XCTAssertTrue(e.title.contains("Make public statement"), e.title)
        XCTAssertTrue(e.actors.contains { $0.actor.id == "united-states" || $0.actor.id == "country:USA" }, "\(e.actors)")
        XCTAssertEqual(try store.count(ListFilter(kind: .event)), 710 + 28)
    }
}

/// `--mapping`: a YAML file makes any CSV importable.
final class MappingImportTests: XCTestCase {
    var folder: URL!
    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-mapping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func testAMappedCSVBecomesEvents() throws {
        let map = try ImportMapping.load(write("m.yaml", """
            namespace: example
            id: Ref
            title: Headline
            date: When
            date_format: dd/mm/yyyy
            actors: [Who, Whom]
            place: Town
            figures: {Killed: deaths}
            summary: Notes
            separator: ";"
            """))
        let csv = try write("d.csv", "Ref;Headline;When;Who;Whom;Town;Killed;Notes\nE1;Invented clash;03/04/2005;Kazakhstan;Example Front;Exampleville;2;Made up for tests\nE2;Bad date;31/02/2005;;;;;\n")
        let db = folder.appendingPathComponent("x.sqlite")
        let s = try Importer.run(preset: .mapping, files: [csv], into: db, options: ImportOptions(mapping: map))
        XCTAssertEqual(s.rowsRead, 2)
        XCTAssertEqual(s.skippedRows.map(\.line), [3])
        let e = try XCTUnwrap(try AtlasStore.open(database: db.path).detail("example:E1"))
        XCTAssertEqual(e.date, "2005-04-03")
        XCTAssertEqual(e.actors.map(\.actor.id), ["country:KAZ", "example:actor-example-front"])
        XCTAssertEqual(e.figures.first?.count, 2)
        XCTAssertEqual(e.figures.first?.category, "deaths")
    }

    func testABadMappingIsOneLine() throws {
        let missing = try write("m.yaml", "namespace: x\nid: a\ntitle: b\n")
        XCTAssertThrowsError(try ImportMapping.load(missing)) { e in
            XCTAssertEqual("\(e)", "\(missing.path):1: not a mapping: no date")
        }
        let format = try write("f.yaml", "namespace: x\nid: a\ntitle: b\ndate: c\ndate_format: dd.mm.yy\n")
        XCTAssertThrowsError(try ImportMapping.load(format)) { e in
            XCTAssertTrue("\(e)".contains("date_format 'dd.mm.yy' is not one of"), "\(e)")
        }
        let csv = try write("d.csv", "a,b\n1,2\n")
        let map = try ImportMapping.load(write("ok.yaml", "namespace: x\nid: a\ntitle: b\ndate: c\n"))
        XCTAssertThrowsError(try Importer.run(preset: .mapping, files: [csv], into: folder.appendingPathComponent("y.sqlite"),
                                              options: ImportOptions(mapping: map))) { e in
            XCTAssertEqual("\(e)", "\(csv.path):1: not this dataset's file: no column c")
        }
    }
}
