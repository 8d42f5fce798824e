import Foundation
import XCTest
@testable import Atlas

/// The copy an import writes beside the database: locked against a second import,
/// taken over when a killed import left it, and several presets as one import.
final class WorkingCopyTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private var db: URL { folder.appendingPathComponent("peace.sqlite") }
    private var partial: URL { folder.appendingPathComponent(".peace.sqlite.partial") }

    private func file(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static let missions = "mission_acronym,mission_name,start_date,end_date\nUNA,Mission A,1990-01-01,1992-01-01\n"

    /// Two imports into one database at once: the second would have overwritten the
    /// first one's copy and lost its records at the rename. It now fails at once.
    func testASecondImportWhileOneIsRunningFailsAndLosesNothing() throws {
        _ = try Importer.run(preset: .unMissions, files: [file("a.csv", Self.missions)], into: db)
        let before = try Data(contentsOf: db)
        // The running import: it holds the lock on its working copy.
        let fd = open(partial.path, O_RDWR | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        try Data("the running import's pages".utf8).write(to: partial)
        let second = "mission_acronym,mission_name,start_date,end_date\nUNB,Mission B,1991-01-01,1993-01-01\n"
        XCTAssertThrowsError(try Importer.run(preset: .unMissions, files: [file("b.csv", second)], into: db)) { error in
            XCTAssertEqual("\(error)", "\(db.path): another import into it is running (it holds .peace.sqlite.partial); try again when it has finished")
        }
        XCTAssertEqual(try Data(contentsOf: db), before, "the database is as it was")
        XCTAssertEqual(try String(contentsOf: partial, encoding: .utf8), "the running import's pages", "the running import's copy is untouched")
        close(fd)

        // Once that import is gone (killed: its copy is left), the next one takes the copy over.
        let s = try Importer.run(preset: .unMissions, files: [file("b.csv", second)], into: db)
        XCTAssertEqual(s.tally(.missions).new, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path))
        let store = try AtlasStore.open(database: db.path)
        XCTAssertEqual(try store.search("Mission", limit: 10).map(\.row.title).sorted(), ["Mission A", "Mission B"])
    }

    /// Several presets are one import: a bad file for the last leaves the database as
    /// it was; good files land together, with one summary each.
    func testSeveralPresetsAreOneImport() throws {
        let missions = try file("m.csv", Self.missions)
        let vetoes = try file("v.csv", "date,draft,meeting_record,agenda_item,member_veto1\n1/2/2000,S/2000/1,S/PV.1,x,USA\n")
        let notVetoes = try file("x.csv", "a,b\n1,2\n")
        _ = try Importer.run(preset: .unMissions, files: [file("first.csv", "mission_acronym,mission_name,start_date,end_date\nUNZ,Mission Z,1980-01-01,1981-01-01\n")], into: db)
        let before = try Data(contentsOf: db)
        XCTAssertThrowsError(try Importer.run([ImportJob(preset: .unMissions, files: [missions]), ImportJob(preset: .unscVetoes, files: [notVetoes])], into: db)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(notVetoes.path):1: not this dataset's file"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: db), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path))

        let summaries = try Importer.run([ImportJob(preset: .unMissions, files: [missions]), ImportJob(preset: .unscVetoes, files: [vetoes])], into: db)
        XCTAssertEqual(summaries.map(\.rowsRead), [1, 1])
        XCTAssertEqual(summaries.map(\.newRecords), [1, 2], "a mission; a veto and its state")
        XCTAssertTrue(summaries.allSatisfy { $0.seconds > 0 })
    }

    /// A value a preset does not foresee fails its row, not the import.
    func testAnUnforeseenValueIsASkippedRow() throws {
        let s = try Importer.run(preset: .unMissions, files: [file("m.csv", Self.missions + "UNC,Mission C,1990-01-01,1989-01-01\n")], into: db)
        XCTAssertEqual(s.tally(.missions).new, 1)
        XCTAssertEqual(s.skippedRows.map(\.line), [3])
    }
}
