import BrowserModel
import CNCursesW
@testable import CursesUI
import XCTest

/// Raw wget_wch results to keys, without a terminal.
final class KeyDecoderTests: XCTestCase {
    func char(_ value: UInt32) -> InputEvent { KeyDecoder.decode(status: OK, value: value) }
    func code(_ value: Int32, names: [Int32: String] = [:]) -> InputEvent {
        KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(bitPattern: value)) { names[$0] }
    }

    func testPrintableCharactersIncludingNonASCII() {
        XCTAssertEqual(char(0x6A), .key(.char("j")))
        XCTAssertEqual(char(0x20), .key(.char(" ")))
        XCTAssertEqual(char(0x416), .key(.char("Ж")))
        XCTAssertEqual(char(0x4E2D), .key(.char("中")))
        XCTAssertEqual(char(0x1F642), .key(.char("🙂")))
    }

    func testControlKeys() {
        XCTAssertEqual(char(0x01), .key(.ctrl("a")))
        XCTAssertEqual(char(0x04), .key(.ctrl("d")))
        XCTAssertEqual(char(0x0F), .key(.ctrl("o")))
        XCTAssertEqual(char(0x15), .key(.ctrl("u")))
        XCTAssertEqual(char(0x1A), .key(.ctrl("z")))
        XCTAssertEqual(char(0x1C), .key(.ctrl("\\")))
        XCTAssertEqual(char(0x1D), .key(.ctrl("]")))
        XCTAssertEqual(char(0x1E), .key(.ctrl("^")))
        XCTAssertEqual(char(0x1F), .key(.ctrl("_")))
    }

    func testEnterTabBackspaceEscape() {
        XCTAssertEqual(char(0x0D), .key(.enter))
        XCTAssertEqual(char(0x0A), .key(.enter))
        XCTAssertEqual(code(KEY_ENTER), .key(.enter))
        XCTAssertEqual(char(0x09), .key(.tab))
        XCTAssertEqual(code(KEY_BTAB), .key(.backTab))
        XCTAssertEqual(char(0x7F), .key(.backspace))
        XCTAssertEqual(char(0x08), .key(.backspace))
        XCTAssertEqual(code(KEY_BACKSPACE), .key(.backspace))
        XCTAssertEqual(code(KEY_DC), .key(.delete))
        XCTAssertEqual(code(KEY_IC), .key(.insert))
        XCTAssertEqual(char(0x1B), .key(.escape))
    }

    func testNothingThatIsNotAKeyGetsThrough() {
        XCTAssertEqual(char(0x00), .ignored)
        XCTAssertEqual(char(0x85), .ignored)     // C1 NEL
        XCTAssertEqual(char(0x9B), .ignored)     // C1 CSI
        XCTAssertEqual(char(0xD800), .ignored)   // a lone surrogate is no scalar
        XCTAssertEqual(code(KEY_B2), .ignored)
    }

    func testArrowsAndTheirShiftedForms() {
        XCTAssertEqual(code(KEY_UP), .key(.up))
        XCTAssertEqual(code(KEY_DOWN), .key(.down))
        XCTAssertEqual(code(KEY_LEFT), .key(.left))
        XCTAssertEqual(code(KEY_RIGHT), .key(.right))
        XCTAssertEqual(code(KEY_SR), .key(.up))
        XCTAssertEqual(code(KEY_SF), .key(.down))
        XCTAssertEqual(code(KEY_SLEFT), .key(.left))
        XCTAssertEqual(code(KEY_SRIGHT), .key(.right))
    }

    func testHomeEndAndPagingWithAlternativeCodes() {
        for c in [KEY_HOME, KEY_A1, KEY_FIND, KEY_BEG] { XCTAssertEqual(code(c), .key(.home), "\(c)") }
        for c in [KEY_END, KEY_C1, KEY_SELECT, KEY_LL] { XCTAssertEqual(code(c), .key(.end), "\(c)") }
        for c in [KEY_PPAGE, KEY_A3] { XCTAssertEqual(code(c), .key(.pageUp), "\(c)") }
        for c in [KEY_NPAGE, KEY_C3] { XCTAssertEqual(code(c), .key(.pageDown), "\(c)") }
    }

    func testFunctionKeys() {
        XCTAssertEqual(code(cr_KEY_F(1)), .key(.function(1)))
        XCTAssertEqual(code(cr_KEY_F(10)), .key(.function(10)))
        XCTAssertEqual(code(cr_KEY_F(12)), .key(.function(12)))
        XCTAssertEqual(code(cr_KEY_F(24)), .key(.function(24)))
    }

    func testResizeMouseAndTimeout() {
        XCTAssertEqual(code(KEY_RESIZE), .key(.resize))
        XCTAssertEqual(code(KEY_MOUSE), .mouseReport)
        XCTAssertEqual(KeyDecoder.decode(status: ERR, value: 0), .timeout)
    }

    func testModifiedKeysAboveKeyMaxByName() {
        let names: [Int32: String] = [KEY_MAX + 10: "kUP5", KEY_MAX + 11: "kDN3", KEY_MAX + 12: "kLFT5",
                                      KEY_MAX + 13: "kRIT6", KEY_MAX + 14: "kHOM5", KEY_MAX + 15: "kEND3",
                                      KEY_MAX + 16: "kPRV5", KEY_MAX + 17: "kNXT5", KEY_MAX + 18: "kDC5",
                                      KEY_MAX + 19: "kxIN"]
        XCTAssertEqual(code(KEY_MAX + 10, names: names), .key(.up))
        XCTAssertEqual(code(KEY_MAX + 11, names: names), .key(.down))
        XCTAssertEqual(code(KEY_MAX + 12, names: names), .key(.left))
        XCTAssertEqual(code(KEY_MAX + 13, names: names), .key(.right))
        XCTAssertEqual(code(KEY_MAX + 14, names: names), .key(.home))
        XCTAssertEqual(code(KEY_MAX + 15, names: names), .key(.end))
        XCTAssertEqual(code(KEY_MAX + 16, names: names), .key(.pageUp))
        XCTAssertEqual(code(KEY_MAX + 17, names: names), .key(.pageDown))
        XCTAssertEqual(code(KEY_MAX + 18, names: names), .key(.delete))
        XCTAssertEqual(code(KEY_MAX + 19, names: names), .ignored)   // focus report
        XCTAssertEqual(code(KEY_MAX + 20, names: names), .ignored)   // nameless
    }

    func testMouseReports() {
        XCTAssertEqual(KeyDecoder.decodeMouse(buttons: cr_BUTTON1_PRESSED(), x: 9, y: 4),
                       .mouse(MouseEvent(kind: .press, x: 9, y: 4)))
        XCTAssertEqual(KeyDecoder.decodeMouse(buttons: cr_BUTTON4_PRESSED(), x: 2, y: 3),
                       .mouse(MouseEvent(kind: .wheelUp, x: 2, y: 3)))
        XCTAssertEqual(KeyDecoder.decodeMouse(buttons: cr_BUTTON5_PRESSED(), x: 2, y: 3),
                       .mouse(MouseEvent(kind: .wheelDown, x: 2, y: 3)))
        XCTAssertNil(KeyDecoder.decodeMouse(buttons: 0, x: 0, y: 0))
    }

    func testAlternativeSequencesAreEscapeSequencesWithoutDuplicates() {
        let sequences = KeySequences.alternatives.map(\.sequence)
        XCTAssertEqual(Set(sequences).count, sequences.count)
        XCTAssertTrue(sequences.allSatisfy { $0.hasPrefix("\u{1B}") && $0.count >= 3 })
        XCTAssertTrue(KeySequences.alternatives.contains { $0 == ("\u{1B}[1~", KEY_HOME) })
        XCTAssertTrue(KeySequences.alternatives.contains { $0 == ("\u{1B}[4~", KEY_END) })
    }
}
