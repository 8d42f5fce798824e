import Foundation
import XCTest

/// `search` speaks the export formats as `list` does, with `--fields`, and says on
/// stderr when `--limit` cut the hits.
final class SearchFormatTests: XCTestCase {
    private let cwd = FileManager.default.temporaryDirectory

    func testSearchAsCSVHasTheChosenColumnsInHitOrder() throws {
        let json = try CommandRunner.crossroads(["search", "undof", "--kind", "event", "--format", "json"], in: cwd)
        XCTAssertEqual(json.status, 0, json.stderr)
        let ids = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String }
        let csv = try CommandRunner.crossroads(["search", "undof", "--kind", "event", "--format", "csv", "--fields", "id,date"], in: cwd)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        XCTAssertEqual(lines.first, "id,date")
        XCTAssertEqual(lines.dropFirst().map { String($0.prefix { $0 != "," }) }, ids)
        XCTAssertFalse(ids.isEmpty)
    }

    func testSearchAsTSVAndNDJSON() throws {
        let tsv = try CommandRunner.crossroads(["search", "kazakhstan", "--kind", "actor", "--format", "tsv"], in: cwd)
        XCTAssertEqual(tsv.status, 0, tsv.stderr)
        XCTAssertEqual(tsv.stdout.split(separator: "\n").first, "id\ttitle\ttype\tcountry\tsources")
        let nd = try CommandRunner.crossroads(["search", "undof", "--format", "ndjson", "--fields", "id,kind"], in: cwd)
        XCTAssertEqual(nd.status, 0, nd.stderr)
        for line in nd.stdout.split(separator: "\n") {
            let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
            XCTAssertEqual(Set(o.keys), ["id", "kind"])
        }
    }

    func testALimitThatCutsIsSaidOnStderr() throws {
        let all = try CommandRunner.crossroads(["search", "kazakhstan", "--limit", "1000", "--format", "csv", "--fields", "id"], in: cwd)
        let total = all.stdout.split(separator: "\r\n").count - 1
        XCTAssertGreaterThan(total, 2)
        XCTAssertEqual(all.stderr, "")
        let cut = try CommandRunner.crossroads(["search", "kazakhstan", "--limit", "2", "--format", "csv", "--fields", "id"], in: cwd)
        XCTAssertEqual(cut.status, 0, cut.stderr)
        XCTAssertEqual(cut.stdout.split(separator: "\r\n").count, 3)
        XCTAssertEqual(cut.stderr.trimmingCharacters(in: .newlines), "crossroads: first 2 of \(total) (use --limit)")
    }
}
