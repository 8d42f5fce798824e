import Foundation
import XCTest
@testable import Atlas

/// Issue 18: one's own atlas beside the datasets (`--with-atlas`), and the UN
/// contributions preset.
final class OwnAtlasImportTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-own-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private var db: URL { folder.appendingPathComponent("peace.sqlite") }
    private func real(_ path: String) -> URL { ImportPresetTests.real.appendingPathComponent(path) }

    /// A copy of the built-in atlas as one's own folder.
    private func ownAtlas() throws -> URL {
        let copy = folder.appendingPathComponent("my-atlas")
        try FileManager.default.copyItem(at: AtlasLoader.builtinDirectory, to: copy)
        return copy
    }

    private func importAll(_ atlas: URL) throws -> [ImportSummary] {
        try Importer.run([
            ImportJob(preset: .atlas, files: [atlas]),
            ImportJob(preset: .unMissions, files: [real("un-psdata-missions/DPPADPOSS-PKO.csv")]),
            ImportJob(preset: .geoPKO, files: [real("geo-pko/TCCMap_v.2.3.csv")]),
            ImportJob(preset: .unscVetoes, files: [real("unsc-vetoes/unsc_vetoes_1946_sept2022.csv")]),
            ImportJob(preset: .unContributions, files: [real("un-pko-contributions/odp_contributionranks_2021-01.csv")]),
        ], into: db)
    }

    func testOwnAtlasBesideTheDatasets() throws {
        let atlas = try ownAtlas()
        let first = try importAll(atlas)
        XCTAssertEqual(first[0].tally(.events).new, 28)
        XCTAssertEqual(first[0].tally(.sources).new, 3)
        XCTAssertTrue(first.allSatisfy(\.addsUp))
        let store = try AtlasStore.open(database: db.path)

        // The 2017 veto event's four links resolve to the imported vetoes.
        let vetoes = try XCTUnwrap(try store.detail("russian-vetoes-middle-east-2016-2017"))
        let toVetoes = vetoes.links.filter { $0.target.id.hasPrefix("unsc-veto:") }
        XCTAssertEqual(toVetoes.count, 4)
        XCTAssertTrue(toVetoes.allSatisfy(\.target.resolved), "\(toVetoes.map(\.target))")

        // Kazakhstan: 128 uniformed personnel (rank 64) on 2021-01-31 from the UN,
        // beside the article's 139 and 6 on 2024-05-31.
        let kaz = try XCTUnwrap(try store.figureTable("kazakhstan"))
        func has(_ date: String, _ category: String, _ count: Int) -> Bool {
            kaz.rows.contains { $0.date == date && $0.category == category && $0.count == count }
        }
        XCTAssertTrue(has("2021-01-31", "uniformed personnel", 128), "\(kaz.rows.map { "\($0.date ?? "") \($0.category) \($0.count)" })")
        XCTAssertTrue(has("2021-01-31", "contribution rank", 64))
        XCTAssertTrue(has("2021-01-31", "female uniformed personnel", 1))
        XCTAssertTrue(has("2024-05-31", "peacekeepers", 139))
        XCTAssertTrue(has("2024-05-31", "peacekeepers", 6))

        // Editing one title and importing again changes that record only.
        let events = atlas.appendingPathComponent("events.yaml")
        let text = try String(contentsOf: events, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "    title: KAZCON takes over from the Irish Contingent at Camp Faouar\n",
                                               with: "    title: KAZCON relieves the Irish at Camp Faouar\n")
        XCTAssertNotEqual(edited, text)
        try edited.write(to: events, atomically: true, encoding: .utf8)
        let second = try importAll(atlas)
        XCTAssertEqual(second[0].tally(.events).unchanged, 27)
        XCTAssertEqual(second[0].tally(.events).updated, ["title changed": 1])
        for kind in [ImportedKind.actors, .missions, .sources, .figures] {
            XCTAssertEqual(second[0].tally(kind).updatedTotal + second[0].tally(kind).new, 0, "\(kind)")
        }
        for s in second.dropFirst() { XCTAssertEqual(s.newRecords + s.updatedRecords, 0, "the datasets are unchanged") }
        let after = try AtlasStore.open(database: db.path)
        XCTAssertEqual(try after.detail("kazcon-undof-transfer-of-authority-2024")?.title, "KAZCON relieves the Irish at Camp Faouar")
        XCTAssertEqual(try after.detail("russian-vetoes-middle-east-2016-2017")?.links.filter { $0.target.resolved }.count,
                       vetoes.links.filter { $0.target.resolved }.count, "links survive")
    }

    func testAnAtlasWithProblemsImportsNothingAndListsThem() throws {
        let atlas = try ownAtlas()
        _ = try Importer.run(preset: .unMissions, files: [real("un-psdata-missions/DPPADPOSS-PKO.csv")], into: db)
        let before = try Data(contentsOf: db)
        let events = atlas.appendingPathComponent("events.yaml")
        let text = try String(contentsOf: events, encoding: .utf8)
        try text.replacingOccurrences(of: "date: 2024-03-22", with: "date: 2024-13-22")
            .replacingOccurrences(of: "date: 2024-03-15", with: "date: yesterday")
            .write(to: events, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Importer.run([ImportJob(preset: .atlas, files: [atlas]),
                                               ImportJob(preset: .unMissions, files: [real("un-psdata-missions/DPPADPOSS-PKO.csv")])],
                                              into: db)) { error in
            guard case ImportError.atlasProblems(_, let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.count, 2)
            XCTAssertTrue(problems.allSatisfy { $0.kind == .badDate && $0.file.hasSuffix("events.yaml") }, "\(problems)")
            XCTAssertTrue(problems.allSatisfy { $0.description.contains("events.yaml:") }, "each problem with its line")
        }
        XCTAssertEqual(try Data(contentsOf: db), before, "the database is as it was")
    }

    func testUNContributionsAreFiguresOnEachState() throws {
        let s = try Importer.run(preset: .unContributions, files: [real("un-pko-contributions/odp_contributionranks_2021-01.csv")], into: db)
        // 122 rows (Python's csv module counts 122), four figures each.
        XCTAssertEqual(s.rowsRead, 122)
        XCTAssertEqual(s.rowsImported, 122)
        XCTAssertEqual(s.tally(.figures).new, 488)
        XCTAssertTrue(s.addsUp)
        let store = try AtlasStore.open(database: db.path)
        let bgd = try XCTUnwrap(try store.figureTable("country:BGD"))
        XCTAssertEqual(bgd.rows.first { $0.category == "uniformed personnel" }?.count, 6711)
        XCTAssertEqual(bgd.rows.first { $0.category == "contribution rank" }?.count, 1)
        XCTAssertEqual(bgd.rows.first?.date, "2021-01-31")
        XCTAssertEqual(bgd.rows.first?.citation?.quote, "Bangladesh")
        // Again: unchanged.
        let again = try Importer.run(preset: .unContributions, files: [real("un-pko-contributions/odp_contributionranks_2021-01.csv")], into: db)
        XCTAssertEqual(again.tally(.figures).unchanged, 488)
    }

    func testReportingDates() {
        XCTAssertEqual(ImportSession.reportingDate("31-Jan-21")?.text, "2021-01-31")
        XCTAssertEqual(ImportSession.reportingDate("30-Nov-99")?.text, "1999-11-30")
        XCTAssertEqual(ImportSession.reportingDate("01-Feb-2024")?.text, "2024-02-01")
        XCTAssertEqual(ImportSession.reportingDate("2021-01-31")?.text, "2021-01-31")
        for bad in ["31-Foo-21", "32-Jan-21", "2021", "", "31-Jan-021"] { XCTAssertNil(ImportSession.reportingDate(bad), bad) }
    }

    func testAContributionsFileIsRecognizedByItsColumns() throws {
        XCTAssertThrowsError(try Importer.run(preset: .unContributions, files: [real("un-psdata-missions/DPPADPOSS-PKO.csv")], into: db)) { error in
            XCTAssertTrue("\(error)".contains("not this dataset's file"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db.path))
    }
}
