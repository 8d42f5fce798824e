import XCTest
@testable import CursesUI

/// The config file's one setting so far: a clipboard command, split into words
/// (no shell), comments and unknown keys ignored.
final class UserConfigTests: XCTestCase {
    func testClipboardCommandIsReadAsWords() {
        let c = UserConfig.parse("""
            # my settings
            colour = blue
            clipboard = xclip -selection clipboard   # X11
            """)
        XCTAssertEqual(c.clipboard, ["xclip", "-selection", "clipboard"])
        XCTAssertNil(UserConfig.parse("clipboard =\n").clipboard)
        XCTAssertNil(UserConfig.parse("").clipboard)
    }

    func testTheFileIsFoundInXDGConfigHome() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-config-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("crossroads"), withIntermediateDirectories: true)
        try Data("clipboard = wl-copy\n".utf8).write(to: dir.appendingPathComponent("crossroads/config"))
        XCTAssertEqual(UserConfig.load(environment: ["XDG_CONFIG_HOME": dir.path]).clipboard, ["wl-copy"])
        XCTAssertNil(UserConfig.load(environment: ["HOME": "/nonexistent"]).clipboard)
    }
}
