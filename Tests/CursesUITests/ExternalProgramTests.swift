import Foundation
import XCTest
@testable import CursesUI

final class ExternalProgramTests: XCTestCase {
    func testWordsAreSplitWithoutAShell() {
        XCTAssertEqual(ExternalProgram.words("code --wait"), ["code", "--wait"])
        XCTAssertEqual(ExternalProgram.words("'/opt/my editor/bin/ed' -n"), ["/opt/my editor/bin/ed", "-n"])
        XCTAssertEqual(ExternalProgram.words("xclip -selection clipboard"), ["xclip", "-selection", "clipboard"])
        XCTAssertEqual(ExternalProgram.words("vi; rm -rf /"), ["vi;", "rm", "-rf", "/"], "a ; is text, not a command separator")
        XCTAssertNil(ExternalProgram.words("vi 'open"))
        XCTAssertEqual(ExternalProgram.words("  "), [])
    }

    func testAnArgumentReachesTheProgramAsOneWord() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let hostile = "https://x.org/$(touch \(dir.path)/pwned);`id`|a b"
        XCTAssertNil(ExternalProgram.run(["sh", "-c", "printf '%s' \"$1\" > \"$2\"", "sh", hostile, out.path], quiet: true))
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), hostile)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path))
    }

    func testInputAndFailures() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("clip")
        XCTAssertNil(ExternalProgram.run(["sh", "-c", "cat > \"$1\"", "sh", out.path], input: Data("yanked id".utf8)))
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "yanked id")
        XCTAssertEqual(ExternalProgram.run(["false"], quiet: true), .exited(program: "false", status: 1))
        guard case .cannotStart(let p, _) = ExternalProgram.run(["no-such-program-xyz"], quiet: true) else {
            return XCTFail("a missing program is a failure")
        }
        XCTAssertEqual(p, "no-such-program-xyz")
        XCTAssertEqual(ExternalProgram.run([]), .emptyCommand)
        // A program that ignores its input does not kill us with SIGPIPE.
        XCTAssertNil(ExternalProgram.run(["true"], input: Data(count: 1 << 20), quiet: true))
    }

    func testOSC52CarriesTheTextAsBase64() {
        let s = OSC52.sequence("undof \u{1B}[2J")
        XCTAssertEqual(s, "\u{1B}]52;c;" + Data("undof \u{1B}[2J".utf8).base64EncodedString() + "\u{07}")
        XCTAssertEqual(s.unicodeScalars.filter { $0 == "\u{1B}" }.count, 1, "the text's own ESC is inside the base64")
        let long = OSC52.sequence(String(repeating: "é", count: OSC52.maxBytes))
        let payload = long.dropFirst(7).dropLast()
        let decoded = Data(base64Encoded: String(payload))!
        XCTAssertLessThanOrEqual(decoded.count, OSC52.maxBytes)
        XCTAssertNotNil(String(data: decoded, encoding: .utf8), "cut at a character boundary")
    }
}
