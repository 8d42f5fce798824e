import Foundation
import XCTest
import Atlas
@testable import BrowserModel

/// Getting things out (issue 15): each key asks for an effect value and says on the
/// status line what it did; the effects carry the right text, URL, record, rows.
final class OutwardTests: XCTestCase {
    func testYankAsksToCopyTheOpenRecordsIDAndSaysSo() {
        let s = Session(width: 100, height: 30)
        s.press("<Enter>")
        let id = try! XCTUnwrap(s.browser.current)
        XCTAssertEqual(s.key(.char("y")), .copy(Clip(text: id, what: "id \(id)")))
        XCTAssertEqual(s.status.components(separatedBy: "  ").first, "copied id \(id)")
    }

    func testYankCitationCopiesTheStoresMarkdownCitation() throws {
        let s = Session(width: 100, height: 30)
        s.press("<Enter>")
        let id = try XCTUnwrap(s.browser.current)
        let md = try XCTUnwrap(try s.browser.store.citationMarkdown(id))
        XCTAssertEqual(s.key(.char("Y")), .copy(Clip(text: md, what: "citation of \(id)")))
        XCTAssertTrue(md.contains("[`\(id)`]"))
        XCTAssertTrue(s.status.hasPrefix("copied a Markdown citation of \(id)"), s.status)
    }

    func testYankWithNothingOpenAsksNothing() {
        let s = Session(width: 100, height: 30)
        s.browser.state.current = nil
        XCTAssertNil(s.key(.char("y")))
        XCTAssertTrue(s.status.hasPrefix("nothing open to yank"), s.status)
    }

    func testOpenAsksForTheSourcesHTTPURL() throws {
        let s = Session(try AtlasStore.builtin(), width: 100, height: 30)
        s.press("<Enter>")
        guard case .openURL(let url)? = s.key(.char("o")) else { return XCTFail("no openURL effect: \(s.effects)") }
        XCTAssertTrue(SafeURL.isOpenable(url), url)
        XCTAssertTrue(s.status.hasPrefix("opening \(url)"), s.status)
    }

    func testOpenWithoutAnyURLSaysSo() {
        let s = Session(width: 100, height: 30)  // the mini atlas has no URLs
        s.press("<Enter>")
        XCTAssertNil(s.key(.char("o")))
        XCTAssertTrue(s.status.hasPrefix("no URL here"), s.status)
    }

    func testEditOnAnAtlasFolderAsksForTheEditorAndElsewhereSaysWhyNot() {
        let s = Session(width: 100, height: 30)
        s.press("<Enter>")
        let id = s.browser.current!
        XCTAssertNil(s.key(.char("e")))
        XCTAssertTrue(s.status.hasPrefix("cannot edit mini atlas"), s.status)
        s.browser.atlasFolder = "/some/atlas"
        XCTAssertEqual(s.key(.char("e")), .edit(EditRequest(folder: "/some/atlas", id: id)))
    }

    func testAReloadedAtlasKeepsTheOpenRecordAndTheTrail() {
        let s = Session(width: 100, height: 30)
        s.press("<Enter>j<Enter>")
        let id = s.browser.current!
        let trail = s.browser.history.entries
        _ = s.browser.update(.atlasReloaded(StoreBox(Fixtures.store())))
        XCTAssertEqual(s.browser.current, id)
        XCTAssertEqual(s.browser.history.entries, trail)
        XCTAssertTrue(s.status.hasPrefix("reloaded"), s.status)
    }

    func testExportAfterASearchWritesExactlyTheEventHitsWithProvenance() throws {
        let s = Session(width: 100, height: 30)
        let path = NSTemporaryDirectory() + "outward-\(getpid()).csv"
        defer { unlink(path); unlink(path + ".provenance.json") }
        s.press("/patrol<Enter>")
        s.press(":export \(path)<Enter>")
        guard case .export(let request)? = s.effects.last else { return XCTFail("no export effect: \(s.effects)") }
        XCTAssertEqual(request.format, .csv)
        XCTAssertEqual(request.provenance.search, "patrol")
        let n = try ExportJob.run(request)
        let expected = try s.browser.store.search("patrol", kind: .event, limit: 1000).map(\.row.id)
        XCTAssertGreaterThan(n, 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n").map(String.init)
        XCTAssertEqual(lines.first, "id,date,title,type,place,country,actors,missions,sources")
        XCTAssertEqual(lines.dropFirst().map { String($0.prefix { $0 != "," }) }, expected)
        let prov = try JSONDecoder().decode(ExportProvenance.self, from: Data(contentsOf: URL(fileURLWithPath: path + ".provenance.json")))
        XCTAssertEqual(prov.records, expected.count)
        XCTAssertEqual(prov.search, "patrol")
    }

    func testExportOfTheWholeListAsNDJSONHasProvenanceFirst() throws {
        let s = Session(width: 100, height: 30)
        let path = NSTemporaryDirectory() + "outward-\(getpid()).ndjson"
        defer { unlink(path) }
        s.press(":export \(path)<Enter>")
        guard case .export(let request)? = s.effects.last else { return XCTFail("no export effect") }
        let n = try ExportJob.run(request)
        XCTAssertEqual(n, s.pane(.events).count)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, n + 1)
        XCTAssertTrue(lines[0].hasPrefix("{\"provenance\""), String(lines[0]))
    }

    func testExportNeedsAKnownExtension() {
        let s = Session(width: 100, height: 30)
        s.press(":export /tmp/list.xlsx<Enter>")
        XCTAssertFalse(s.effects.contains { if case .export = $0 { return true } else { return false } })
        XCTAssertTrue(s.status.hasPrefix("export: the file's extension says the format"), s.status)
        s.press(":export<Enter>")
        XCTAssertTrue(s.status.hasPrefix("usage: :export FILE"), s.status)
    }

    func testAnExportThatCannotBeWrittenFailsAndLeavesNoFile() throws {
        let s = Session(width: 100, height: 30)
        s.press(":export /nonexistent-dir/x.json<Enter>")
        guard case .export(let request)? = s.effects.last else { return XCTFail("no export effect") }
        XCTAssertThrowsError(try ExportJob.run(request))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/nonexistent-dir/x.json"))
    }

    func testDInTheBookmarksBoxDeletesTheSelectedBookmarkAndSaves() {
        let s = Session(width: 100, height: 30)
        s.press("<Enter>m")
        let first = s.browser.current!
        s.press("1j<Enter>m")
        let second = s.browser.current!
        XCTAssertEqual(s.browser.userState.bookmarks, [first, second])
        s.press("'")
        let o = try! XCTUnwrap(s.browser.overlay)
        let selected = try! XCTUnwrap(o.rows[o.selected].target)
        let kept = [first, second].filter { $0 != selected }
        s.press("d")
        XCTAssertEqual(s.browser.userState.bookmarks, kept)
        XCTAssertEqual(s.saves.last?.bookmarks, kept)
        XCTAssertTrue(s.status.hasPrefix("bookmark deleted: \(selected)"), s.status)
        XCTAssertEqual(s.browser.overlay?.title, "Bookmarks 1")
        s.press("q")
        s.press("d")  // outside the box, d deletes nothing
        XCTAssertEqual(s.browser.userState.bookmarks, kept)
    }

    func testANoteBookmarksTheRecordAndShowsInTheBookmarksBox() {
        let s = Session(width: 100, height: 30)
        s.press("<Enter>")
        let id = s.browser.current!
        s.press(":note read the annex first<Enter>")
        XCTAssertEqual(s.browser.userState.bookmarks, [id])
        XCTAssertEqual(s.browser.userState.notes[id], "read the annex first")
        XCTAssertEqual(s.saves.last?.notes[id], "read the annex first")
        XCTAssertTrue(s.press("'").text.contains("— read the annex first"))
        s.press("d")  // deleting the bookmark drops its note
        XCTAssertEqual(s.browser.userState.notes, [:])
    }

    func testEachAtlasHasItsOwnStateFile() {
        let env = ["XDG_STATE_HOME": "/state"]
        let builtin = UserStateFile.standard(for: .builtin, environment: env)!.url.path
        let db = UserStateFile.standard(for: .database("/data/acled.sqlite"), environment: env)!.url.path
        let other = UserStateFile.standard(for: .database("/elsewhere/acled.sqlite"), environment: env)!.url.path
        let folder = UserStateFile.standard(for: .folder("/data/acled.sqlite"), environment: env)!.url.path
        XCTAssertEqual(builtin, "/state/crossroads/atlases/builtin.json")
        XCTAssertEqual(Set([builtin, db, other, folder]).count, 4)
        XCTAssertTrue(db.hasPrefix("/state/crossroads/atlases/db-acled.sqlite-"), db)
    }
}

/// A long export reports its progress a window at a time, and its provenance counts
/// every record.
final class ExportProgressTests: XCTestCase {
    func testProgressComesPerWindowOfRows() throws {
        let store = Fixtures.largeStore(events: 2500)
        let path = NSTemporaryDirectory() + "outward-progress-\(getpid()).json"
        defer { unlink(path) }
        let request = ExportRequest(path: path, format: .json, rows: .list(ListFilter(kind: .event)),
                                    provenance: ExportProvenance(atlas: "generated"), store: store)
        var seen: [Int] = []
        XCTAssertEqual(try ExportJob.run(request) { done, total in XCTAssertEqual(total, 2500); seen.append(done) }, 2500)
        XCTAssertEqual(seen, [1000, 2000, 2500])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        XCTAssertEqual((json?["records"] as? [Any])?.count, 2500)
        XCTAssertEqual((json?["provenance"] as? [String: Any])?["records"] as? Int, 2500)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix(".outward-progress-") }
        XCTAssertEqual(leftovers, [], "no temporary file is left beside it")
    }
}
