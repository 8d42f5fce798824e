import Foundation
import XCTest
@testable import Atlas

/// Exports in each format: the records of the seed atlas, the provenance where each
/// format keeps it, and text made inert.
final class ExportWriterTests: XCTestCase {
    private func records(_ n: Int) throws -> [ExportRecord] {
        let store = try AtlasStore.builtin()
        return try store.exportRecords(try store.rows(ListFilter(kind: .event), offset: 0, limit: n))
    }

    private func write(_ format: ExportFormat, _ records: [ExportRecord], provenance: ExportProvenance?) -> String {
        var w = ExportWriter(format: format, fields: ExportField.defaults(for: .event), provenance: provenance)
        return w.begin() + records.map { w.record($0) }.joined() + w.end()
    }

    private let provenance = ExportProvenance(atlas: "the built-in atlas",
                                              datasets: [.init(dataset: "unsc-vetoes", file: "vetoes.csv", imported: "2026-12-06")],
                                              search: "veto", chips: ["actor:russia"], exported: Date(timeIntervalSince1970: 0))

    func testRecordsCarryActorsMissionsAndSources() throws {
        let all = try records(30)
        let handover = try XCTUnwrap(all.first { $0.id == "kazcon-undof-transfer-of-authority-2024" })
        XCTAssertEqual(handover.missions.map(\.id), ["undof"])
        XCTAssertTrue(handover.actors.contains { $0.id == "kazcon" && $0.role == "contributor" && $0.title == "Kazakhstan Contingent (KAZCON)" })
        XCTAssertEqual(handover.sources.map(\.id), ["diplomatic-courier-2024-kazakhstan-peacebuilding"], "a source cited three times is listed once")
        XCTAssertEqual(handover.place, "Camp Faouar, Golan Heights")
        XCTAssertEqual(all.map(\.id), try AtlasStore.builtin().rows(ListFilter(kind: .event), offset: 0, limit: 30).map(\.id), "list order")
    }

    func testJSONHasProvenanceThenRecords() throws {
        let text = write(.json, try records(2), provenance: provenance)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let p = try XCTUnwrap(object["provenance"] as? [String: Any])
        XCTAssertEqual(p["search"] as? String, "veto")
        XCTAssertEqual(p["exported"] as? String, "1970-01-01T00:00:00Z")
        XCTAssertEqual((p["datasets"] as? [[String: Any]])?.first?["file"] as? String, "vetoes.csv")
        XCTAssertEqual((object["records"] as? [[String: Any]])?.count, 2)
        let empty = write(.json, [], provenance: provenance)
        XCTAssertEqual(((try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [String: Any])?["records"] as? [Any])?.count, 0)
        let bare = write(.json, try records(2), provenance: nil)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(bare.utf8)) as? [Any])?.count, 2, "without provenance, an array")
    }

    func testNDJSONStartsWithProvenance() throws {
        let lines = write(.ndjson, try records(3), provenance: provenance).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        let first = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertNotNil(first["provenance"])
        for l in lines.dropFirst() { XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any]) }
    }

    func testMarkdownTableIsInertAndEscaped() {
        var r = ExportRecord(id: "x", kind: .event, title: "A | B \u{1B}[31m", date: "2024")
        r.actors = [.init(id: "a", title: "Alpha", role: "host")]
        let text = write(.markdown, [r], provenance: provenance)
        XCTAssertTrue(text.hasPrefix("Exported from the built-in atlas on 1970-01-01T00:00:00Z by crossroads"), text)
        XCTAssertTrue(text.contains("- search: veto\n"), text)
        XCTAssertTrue(text.contains("| x | 2024 | A \\| B ␛[31m |  |  |  | Alpha (host) |  |  |\n"), text)
        XCTAssertFalse(text.contains("\u{1B}"))
    }

    func testFormatByExtension() {
        XCTAssertEqual(ExportFormat(fileExtension: "CSV"), .csv)
        XCTAssertEqual(ExportFormat(fileExtension: "md"), .markdown)
        XCTAssertEqual(ExportFormat(fileExtension: "jsonl"), .ndjson)
        XCTAssertNil(ExportFormat(fileExtension: "xlsx"))
        XCTAssertTrue(ExportFormat.csv.provenanceBeside)
        XCTAssertFalse(ExportFormat.json.provenanceBeside)
    }
}
