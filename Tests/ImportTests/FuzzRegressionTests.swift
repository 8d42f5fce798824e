import Foundation
import XCTest
import Atlas

/// Inputs the fuzzers (Tests/Fuzz) found, minimised: each once failed a whole import
/// or trapped; now a bad row is skipped with its line and the import goes on.
final class ImportFuzzRegressionTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-fuzzreg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func importing(_ preset: ImportPreset, _ text: String) throws -> ImportSummary {
        let file = folder.appendingPathComponent("input.csv")
        try Data(text.utf8).write(to: file)
        return try Importer.run(preset: preset, files: [file], into: folder.appendingPathComponent("fuzz.sqlite"))
    }

    static let missionHeader = "id,mission_acronym,mission_name,lead_department,mission_isactive,start_date,end_date,mission_location,mission_longitude,mission_latitude,last_update\n"

    /// A mission that ends before it starts made the mandate interval throw, and the
    /// whole import failed with "interval ends before it starts".
    func testMissionEndingBeforeItStartsIsASkippedRow() throws {
        let s = try importing(.unMissions, Self.missionHeader + """
            1,UNYOM,United Nations Yemen Observation Mission,DPO,No,1963-07-01,1964-09-01,,,,2024-02-19
            10,UNPSG,United Nations Civilian Police Support Group,DPO,No,3994-12-19,1998-10-15,Zagreb,"15,9833","45,8167",2024-02-19

            """)
        XCTAssertEqual(s.tally(.missions).new, 1, "UNYOM")
        XCTAssertEqual(s.skipped, 1)
        XCTAssertEqual(s.skippedRows.first?.line, 3)
    }

    /// A start or end date that is already an interval made "A/B/C", which is no date.
    func testMissionDatesThatAreIntervalsAreSkippedRows() throws {
        // Three good rows beside them: an import that skips more than it imports is refused.
        let s = try importing(.unMissions, Self.missionHeader + """
            1,UNA,Mission A,DPO,No,1990/1991,1992-01-01,,,,x
            2,UNB,Mission B,DPO,No,1990-01-01,../1995,,,,x
            3,UNC,Mission C,DPO,No,../1990,,,,,x
            4,UND,Mission D,DPO,No,1990-01-01,,,,,x
            5,UNE,Mission E,DPO,No,1991-01-01,,,,,x
            6,UNF,Mission F,DPO,No,1992-01-01,,,,,x

            """)
        XCTAssertEqual(s.skipped, 3)
        XCTAssertEqual(s.skippedRows.map(\.line), [2, 3, 4])
    }

    /// A NUL in an id: the record was stored with its picture ␀, but looked up with
    /// the NUL, so the same mission a second time was not found, inserted again, and
    /// the UNIQUE id failed the whole import. A NUL is ␀ from the moment it is read.
    /// (The first look at a file refuses a NUL in its first megabyte; the fuzzer
    /// skips that look, and a real file can have one further on.)
    func testAnIDWithANULIsFoundAgain() throws {
        let filler = "1,UNX,\(String(repeating: "x", count: 1_100_000)),DPO,No,,,,,,x\n"
        let row = "12,UNPRE\u{17}\u{0}DEP,United Nations Preventive Deployment Force,DPO,No,1995-03-01,1999-02-01,Skopje,,,x\n"
        let s = try importing(.unMissions, Self.missionHeader + filler + row + row)
        XCTAssertEqual(s.tally(.missions).new, 2, "the filler (a mission with unknown dates) and UNPRE␀DEP")
        XCTAssertEqual(s.rowsMerged, 1, "the second row is the same record as the first")
        XCTAssertEqual(s.skippedRows.map(\.line), [])
        let store = try AtlasStore.open(database: folder.appendingPathComponent("fuzz.sqlite").path)
        let detail = try XCTUnwrap(try store.detail("un-mission:UNPRE\u{17}\u{2400}DEP"))
        XCTAssertEqual(detail.acronym, "UNPRE\u{17}\u{2400}DEP")
    }
}
