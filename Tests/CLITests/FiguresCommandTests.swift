import Foundation
import XCTest

/// `crossroads figures`: the table by date with totals, by actor, as JSON and CSV.
final class FiguresCommandTests: XCTestCase {
    private let cwd = FileManager.default.temporaryDirectory

    func testTextShowsRowsAndTotals() throws {
        let r = try CommandRunner.crossroads(["figures", "kazakhstan"], in: cwd)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("United Nations Disengagement Observer Force"), r.stdout)
        XCTAssertTrue(r.stdout.contains("2024-05-31  peacekeepers  145"), r.stdout)
    }

    func testJSONAndCSVCarryTheSameRows() throws {
        let json = try CommandRunner.crossroads(["figures", "undof", "--format", "json"], in: cwd)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["count"] as? Int }, [139])
        XCTAssertEqual((object["totals"] as? [[String: Any]])?.first?["count"] as? Int, 139)

        let csv = try CommandRunner.crossroads(["figures", "undof", "--format", "csv"], in: cwd)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("date,actor,actor_title,holder"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("2024-05-31,kazakhstan,Kazakhstan,undof,"), lines[1])
    }

    func testUnknownIDAndBadOptions() throws {
        let missing = try CommandRunner.crossroads(["figures", "undoff"], in: cwd)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("did you mean 'undof'"), missing.stderr)
        let by = try CommandRunner.crossroads(["figures", "undof", "--by", "size"], in: cwd)
        XCTAssertEqual(by.status, 64)
        let empty = try CommandRunner.crossroads(["figures", ""], in: cwd)
        XCTAssertEqual(empty.status, 64)
    }
}
