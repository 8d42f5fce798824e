import Foundation
import XCTest

/// A usage error is one line saying what is wrong and one line of the usage of the
/// command it was given to (as the README says), exit 64; help and --version are
/// untouched.
final class UsageErrorTests: XCTestCase {
    private let cwd = FileManager.default.temporaryDirectory

    func testUsageErrorsAreOneLinePlusTheUsage() throws {
        let cases: [(args: [String], says: String, usage: String)] = [
            (["list"], "Missing expected argument '<kind>'", "usage: crossroads list <kind>"),
            (["show"], "Missing expected argument '<id>'", "usage: crossroads show <id>"),
            (["--bogus"], "Unknown option '--bogus'", "usage: crossroads browse"),
            (["list", "places"], "'places' is invalid", "usage: crossroads list <kind>"),
            (["validate", "--limit", "3"], "Unknown option '--limit'", "usage: crossroads validate"),
            // An empty query or id asks for nothing: a mistake, not an empty answer.
            (["search", ""], "give words to search for", "usage: crossroads search <query>"),
            (["search", " "], "give words to search for", "usage: crossroads search <query>"),
            (["show", ""], "the id is empty", "usage: crossroads show <id>"),
            (["figures", ""], "the id is empty", "usage: crossroads figures <id>"),
            (["search", "undof", "--fields", "id"], "--fields picks the columns", "usage: crossroads search <query>"),
        ]
        for c in cases {
            let r = try CommandRunner.crossroads(c.args, in: cwd)
            let lines = r.stderr.split(separator: "\n").map(String.init)
            XCTAssertEqual(r.status, 64, "\(c.args)")
            XCTAssertEqual(lines.count, 2, "\(c.args): \(r.stderr)")
            XCTAssertTrue(lines.first?.hasPrefix("crossroads: ") == true && lines.first?.contains(c.says) == true, "\(c.args): \(r.stderr)")
            XCTAssertTrue(lines.last?.hasPrefix(c.usage) == true, "\(c.args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(c.args)")
        }
    }

    func testHelpAndVersionStillPrint() throws {
        let help = try CommandRunner.crossroads(["list", "--help"], in: cwd)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("USAGE: crossroads list"), help.stdout)
        let version = try CommandRunner.crossroads(["--version"], in: cwd)
        XCTAssertEqual(version.status, 0)
        XCTAssertFalse(version.stdout.isEmpty)
    }
}
