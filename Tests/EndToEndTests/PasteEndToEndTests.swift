import Foundation
import XCTest

/// Forty keys pasted at once into the real browser give the screen that
/// `crossroads snapshot --keys` gives for the same keys. The loop reads a paste in
/// one batch and paints once; the snapshot paints only at the end too. Both must
/// agree because what a key does depends on the state alone (page sizes, hint
/// labels and scroll positions are computed in update, never by drawing).
final class PasteEndToEndTests: XCTestCase {
    /// The same forty keys twice: as bytes a terminal receives, and in KeyNotation.
    /// Page moves (Space, b, ^D), a hint follow (f a) in the detail, a search with
    /// n/N, a hint follow from the search's hit, back, moves in other panes, and a
    /// label that may or may not exist (f s): its outcome must agree too.
    static let pasted = "jjjj  b\u{04}4faj k/faou\rnnNfb\u{7f}2jj g3Gb1j4fsj"
    static let notation = "jjjj<Space><Space>b<C-d>4faj<Space>k/faou<Enter>nnNfb<BS>2jj<Space>g3Gb1j4fsj"

    override func setUp() {
        super.setUp()
        continueAfterFailure = false
        XCTAssertTrue(TmuxSession.tmuxAvailable, "tmux is needed for the end-to-end tests (apt-get install tmux)")
    }

    /// Lines without the spaces that end them (tmux trims them; the snapshot keeps them).
    private func trimmed(_ screen: String) -> [String] {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            while s.last == " " { s.removeLast() }
            return s
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    func testFortyPastedKeysGiveTheSnapshotsScreen() throws {
        XCTAssertEqual(Self.pasted.count, 40)
        XCTAssertEqual(Self.pasted.unicodeScalars.count, 40)
        let snapshot = try TmuxSession.run([TmuxSession.binary.path, "snapshot", "--size", "120x40", "--keys", Self.notation])
        XCTAssertEqual(snapshot.status, 0, snapshot.output)
        let expected = trimmed(snapshot.output)
        XCTAssertEqual(expected.count, 40, snapshot.output)
        XCTAssertTrue(snapshot.output.contains("/faou"), "the search ran:\n\(snapshot.output)")

        let t = try TmuxSession(width: 120, height: 40)
        try t.waitFor("Events")
        // One send-keys of the whole string, as a terminal delivers a paste.
        try t.type(Self.pasted)
        let screen = try t.screen(within: 15) { trimmed($0) == expected }
        if screen == nil {
            let actual = trimmed(try t.settledScreen())
            func line(_ lines: [String], _ i: Int) -> String { i < lines.count ? lines[i] : "<none>" }
            var i = 0
            while i < max(actual.count, expected.count) && line(actual, i) == line(expected, i) { i += 1 }
            XCTFail("""
                the pasted keys gave another screen than snapshot; first difference at line \(i + 1):
                  terminal: \(line(actual, i))
                  snapshot: \(line(expected, i))
                --- terminal ---
                \(actual.joined(separator: "\n"))
                --- snapshot ---
                \(expected.joined(separator: "\n"))
                """)
        }
        try t.send("Q")
        XCTAssertEqual(t.exitStatus(), 0, t.stderr)
        XCTAssertEqual(t.sttyBefore, t.sttyAfter)
    }
}
