import XCTest
@testable import BrowserModel

final class KeyNotationTests: XCTestCase {
    private func parse(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> [Key] {
        do { return try KeyNotation.parse(s) } catch {
            XCTFail("\(s): \(error)", file: file, line: line)
            return []
        }
    }

    func testTextAndNamedKeys() {
        XCTAssertEqual(parse("/faouar<Enter><Tab>"),
                       [.char("/"), .char("f"), .char("a"), .char("o"), .char("u"), .char("a"), .char("r"), .enter, .tab])
        XCTAssertEqual(parse(""), [])
    }

    func testControlShiftTabLtAndFunctionKeys() {
        XCTAssertEqual(parse("<C-o>"), [.ctrl("o")])
        XCTAssertEqual(parse("<c-O>"), [.ctrl("o")], "names are case-insensitive")
        XCTAssertEqual(parse("<C-[>"), [.ctrl("[")])
        XCTAssertEqual(parse("<S-Tab>"), [.backTab])
        XCTAssertEqual(parse("<lt>"), [.char("<")])
        XCTAssertEqual(parse("<lt>Enter>"), [.char("<"), .char("E"), .char("n"), .char("t"), .char("e"), .char("r"), .char(">")])
        XCTAssertEqual(parse("<F5>"), [.function(5)])
        XCTAssertEqual(parse("<F1><F24>"), [.function(1), .function(24)])
        XCTAssertEqual(parse("<Space><Bslash><BS><Del><Esc><PgUp><PgDn><Home><End><Up><Down><Left><Right><Insert><Resize>"),
                       [.char(" "), .char("\\"), .backspace, .delete, .escape, .pageUp, .pageDown, .home, .end,
                        .up, .down, .left, .right, .insert, .resize])
        XCTAssertEqual(parse("<CR><Return><enter>"), [.enter, .enter, .enter])
    }

    func testLiteralAngleBrackets() {
        XCTAssertEqual(parse("<"), [.char("<")])
        XCTAssertEqual(parse("a<"), [.char("a"), .char("<")])
        XCTAssertEqual(parse("<>"), [.char("<"), .char(">")])
        XCTAssertEqual(parse("1 < 2"), [.char("1"), .char(" "), .char("<"), .char(" "), .char("2")])
        XCTAssertEqual(parse("<a b>"), [.char("<"), .char("a"), .char(" "), .char("b"), .char(">")])
    }

    func testRawControlCharacters() {
        XCTAssertEqual(parse("\t\u{1B}\u{7F}\u{08}\u{01}"), [.tab, .escape, .backspace, .backspace, .ctrl("a")])
        XCTAssertEqual(parse("a\rb"), [.char("a"), .enter, .char("b")])
        XCTAssertEqual(parse("a\nb"), [.char("a"), .enter, .char("b")])
    }

    /// Regression (fixed): KeyNotation.key(for:) compares the Character with "\r" and "\n", but a
    /// CR LF pair is one Character in Swift, so "\r\n" (a keys string or file with
    /// Windows line ends) falls through to the control-letter branch and becomes ^J
    /// (Character("\r\n").asciiValue is 10) instead of Enter.
    func testRegression_crlfParsesAsEnter() {
        XCTAssertEqual(parse("a\r\nb"), [.char("a"), .enter, .char("b")])
    }

    func testUnknownNameThrowsWithItsOffset() {
        XCTAssertThrowsError(try KeyNotation.parse("ab<Foo>")) { error in
            guard let e = error as? KeyNotation.ParseError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.offset, 2)
            XCTAssertTrue(e.message.contains("<Foo>"), e.message)
            XCTAssertTrue(e.description.hasPrefix("--keys: unknown key name <Foo>"), e.description)
            XCTAssertTrue(e.description.hasSuffix("at character 3"), e.description)
        }
        XCTAssertThrowsError(try KeyNotation.parse("<Foo>"), "at the start") { error in
            XCTAssertEqual((error as? KeyNotation.ParseError)?.offset, 0)
        }
        for bad in ["<F0>", "<F25>", "<C-oo>", "<Entr>"] {
            XCTAssertThrowsError(try KeyNotation.parse(bad), bad)
        }
    }

    func testNamesForHelp() {
        XCTAssertEqual(KeyNotation.name(.char("j")), "j")
        XCTAssertEqual(KeyNotation.name(.char(" ")), "Space")
        XCTAssertEqual(KeyNotation.name(.ctrl("d")), "^D")
        XCTAssertEqual(KeyNotation.name(.backTab), "S-Tab")
        XCTAssertEqual(KeyNotation.name(.function(5)), "F5")
        XCTAssertEqual(KeyNotation.name(.down), "↓")
        XCTAssertEqual(KeyNotation.name(.backspace), "BS")
    }
}

/// The one-line editor of the `/`, `\` and `:` prompts.
final class PromptEditingTests: XCTestCase {
    private func typed(_ s: String, kind: Prompt.Kind = .search, history: [String] = []) -> Prompt {
        var p = Prompt(kind: kind, history: history)
        for c in s { _ = p.handle(.char(c)) }
        return p
    }

    func testTypingAndCursorMoves() {
        var p = typed("hello world")
        XCTAssertEqual(p.text, "hello world")
        XCTAssertEqual(p.cursor, 11)
        XCTAssertEqual(p.handle(.ctrl("a")), .moved)
        XCTAssertEqual(p.cursor, 0)
        XCTAssertEqual(p.handle(.ctrl("e")), .moved)
        XCTAssertEqual(p.cursor, 11)
        XCTAssertEqual(p.handle(.home), .moved)
        XCTAssertEqual(p.cursor, 0)
        XCTAssertEqual(p.handle(.left), .moved)
        XCTAssertEqual(p.cursor, 0, "stops at the start")
        XCTAssertEqual(p.handle(.end), .moved)
        XCTAssertEqual(p.handle(.right), .moved)
        XCTAssertEqual(p.cursor, 11, "stops at the end")
        _ = p.handle(.ctrl("b")); _ = p.handle(.ctrl("b"))
        XCTAssertEqual(p.cursor, 9)
        _ = p.handle(.char("X"))
        XCTAssertEqual(p.text, "hello worXld", "typing inserts at the cursor")
        _ = p.handle(.ctrl("f"))
        XCTAssertEqual(p.cursor, 11)
    }

    func testKillKeys() {
        var p = typed("hello big world")
        XCTAssertEqual(p.handle(.ctrl("w")), .edited)
        XCTAssertEqual(p.text, "hello big ")
        XCTAssertEqual(p.cursor, 10)
        _ = p.handle(.ctrl("w"))
        XCTAssertEqual(p.text, "hello ")
        _ = p.handle(.ctrl("w"))
        XCTAssertEqual(p.text, "")
        XCTAssertEqual(p.handle(.ctrl("w")), .edited, "nothing left to delete is harmless")

        p = typed("abc def")
        for _ in 0..<3 { _ = p.handle(.left) }
        XCTAssertEqual(p.handle(.ctrl("k")), .edited)
        XCTAssertEqual(p.text, "abc ")
        XCTAssertEqual(p.cursor, 4)

        p = typed("abc def")
        for _ in 0..<3 { _ = p.handle(.left) }
        XCTAssertEqual(p.handle(.ctrl("u")), .edited)
        XCTAssertEqual(p.text, "def")
        XCTAssertEqual(p.cursor, 0)

        p = typed("abc")
        _ = p.handle(.home)
        XCTAssertEqual(p.handle(.delete), .edited)
        XCTAssertEqual(p.text, "bc")
        _ = p.handle(.ctrl("d"))
        XCTAssertEqual(p.text, "c")
        _ = p.handle(.end)
        XCTAssertEqual(p.handle(.delete), .ignored, "nothing after the cursor")
    }

    func testBackspace() {
        var p = typed("ab")
        XCTAssertEqual(p.handle(.backspace), .edited)
        XCTAssertEqual(p.text, "a")
        _ = p.handle(.home)
        XCTAssertEqual(p.handle(.backspace), .ignored, "nothing before the cursor")
        XCTAssertEqual(p.text, "a")
        _ = p.handle(.end)
        XCTAssertEqual(p.handle(.ctrl("h")), .edited)
        XCTAssertEqual(p.text, "")
        XCTAssertEqual(p.handle(.backspace), .cancel, "Backspace on an empty line cancels")
    }

    func testSubmitCancelComplete() {
        var p = typed("x")
        XCTAssertEqual(p.handle(.enter), .submit)
        XCTAssertEqual(p.handle(.escape), .cancel)
        XCTAssertEqual(p.handle(.ctrl("c")), .cancel)
        XCTAssertEqual(p.handle(.ctrl("g")), .cancel)
        XCTAssertEqual(p.handle(.tab), .complete)
        XCTAssertEqual(p.handle(.function(3)), .ignored)
        XCTAssertEqual(p.handle(.mouse(MouseEvent(kind: .press, x: 0, y: 0))), .ignored)
        XCTAssertEqual(p.text, "x")
    }

    func testHistoryWalk() {
        var p = typed("draft", history: ["one", "two"])
        XCTAssertEqual(p.handle(.up), .edited)
        XCTAssertEqual(p.text, "two")
        XCTAssertEqual(p.cursor, 3)
        _ = p.handle(.ctrl("p"))
        XCTAssertEqual(p.text, "one")
        _ = p.handle(.up)
        XCTAssertEqual(p.text, "one")
        _ = p.handle(.ctrl("n"))
        XCTAssertEqual(p.text, "two")
        _ = p.handle(.down)
        XCTAssertEqual(p.text, "draft")
        XCTAssertNil(p.historyIndex)
        XCTAssertEqual(p.handle(.down), .ignored)
        var empty = Prompt(kind: .command, history: [])
        XCTAssertEqual(empty.handle(.up), .ignored)
    }

    func testLengthIsCapped() {
        let p = typed(String(repeating: "z", count: Prompt.maxLength + 100))
        XCTAssertEqual(p.text.count, Prompt.maxLength)
        var q = Prompt(kind: .search, history: [])
        q.setText(String(repeating: "y", count: 600))
        XCTAssertEqual(q.text.count, Prompt.maxLength)
        XCTAssertEqual(q.cursor, Prompt.maxLength)
    }

    func testRemember() {
        var h: [String] = []
        Prompt.remember("  a  ", in: &h)
        Prompt.remember("b", in: &h)
        Prompt.remember("a", in: &h)
        Prompt.remember("   ", in: &h)
        XCTAssertEqual(h, ["b", "a"])
        for i in 0..<150 { Prompt.remember("x\(i)", in: &h) }
        XCTAssertEqual(h.count, 100)
        XCTAssertEqual(h.last, "x149")
    }

    func testSymbols() {
        XCTAssertEqual(Prompt(kind: .search, history: []).symbol, "/")
        XCTAssertEqual(Prompt(kind: .filter, history: []).symbol, "\\")
        XCTAssertEqual(Prompt(kind: .command, history: []).symbol, ":")
    }
}

final class KeymapTests: XCTestCase {
    let k = Keymap.standard

    func testContextOverridesGlobal() {
        XCTAssertEqual(k.action(for: .escape, in: .overlay), .close, "Esc closes a box")
        XCTAssertEqual(k.action(for: .escape, in: .list), .clearFilters, "and clears filters elsewhere")
        XCTAssertEqual(k.action(for: .ctrl("d"), in: .overlay), .pageDown)
        XCTAssertEqual(k.action(for: .ctrl("d"), in: .list), .halfPageDown)
        XCTAssertEqual(k.action(for: .char("?"), in: .overlay), .close)
        XCTAssertEqual(k.action(for: .char("?"), in: .detail), .help)
        let custom = Keymap(bindings: [
            KeyBinding(keys: [.char("x")], context: .global, action: .quit, help: "global x"),
            KeyBinding(keys: [.char("x")], context: .list, action: .down, help: "list x"),
        ])
        XCTAssertEqual(custom.action(for: .char("x"), in: .list), .down)
        XCTAssertEqual(custom.action(for: .char("x"), in: .detail), .quit, "falls back to global")
        XCTAssertEqual(custom.action(for: .char("x"), in: .global), .quit)
        XCTAssertNil(custom.action(for: .char("x"), in: .overlay), "the overlay context does not fall back")
    }

    func testGlobalFallbackAndContextOnlyKeys() {
        XCTAssertEqual(k.action(for: .char("j"), in: .list), .down)
        XCTAssertEqual(k.action(for: .char("j"), in: .detail), .down)
        XCTAssertEqual(k.action(for: .enter, in: .list), .open)
        XCTAssertEqual(k.action(for: .enter, in: .overlay), .open)
        XCTAssertNil(k.action(for: .enter, in: .global))
        XCTAssertEqual(k.action(for: .char("f"), in: .detail), .hints)
        XCTAssertNil(k.action(for: .char("f"), in: .global))
        XCTAssertNil(k.action(for: .char("/"), in: .overlay), "no search from inside a box")
        XCTAssertNil(k.action(for: .char("z"), in: .list))
        XCTAssertEqual(k.action(for: .char("Q"), in: .overlay), .quit)
    }

    func testEveryActionHasAKeyAndNoKeyIsBoundTwiceInAContext() {
        let all: [Action] = [.down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom, .nextPane, .previousPane,
                             .focus(.events), .focus(.actors), .focus(.missions), .focus(.detail), .open, .back, .forward,
                             .search, .nextHit, .previousHit, .filter, .command, .clearFilters, .hints, .help, .history,
                             .bookmarks, .mark, .toggleMouse, .redraw, .close, .quit]
        for a in all { XCTAssertFalse(k.keyNames(for: a).isEmpty, "\(a) has no key") }
        for context in KeyContext.allCases {
            var seen: [Key: Action] = [:]
            for b in k.bindings where b.context == context {
                for key in b.keys {
                    if let other = seen[key] { XCTFail("\(key) bound to \(other) and \(b.action) in \(context)") }
                    seen[key] = b.action
                }
            }
        }
    }

    func testKeyNamesAndHintLine() {
        XCTAssertEqual(k.keyNames(for: .down), "j ↓")
        XCTAssertEqual(k.keyNames(for: .back), "BS ^O [ h ←")
        XCTAssertEqual(k.keyNames(for: .open, in: .list), "Enter l →")
        let list = k.hintLine(for: .list)
        XCTAssertEqual(list.first?.keys, "Enter")
        XCTAssertEqual(list.first?.what, "open")
        XCTAssertTrue(list.contains { $0.keys == "?" && $0.what == "help" })
        XCTAssertTrue(list.allSatisfy { !$0.keys.isEmpty }, "every hint names a key")
        XCTAssertEqual(k.hintLine(for: .overlay).map(\.keys), ["Enter", "q"])
    }

    func testHelpIsGeneratedFromTheLiveKeymap() {
        var bindings = Keymap.standard.bindings
        bindings.append(KeyBinding(keys: [.function(2)], context: .global, action: .history, help: "zap through the trail"))
        let b = Browser(store: Fixtures.store(), keymap: Keymap(bindings: bindings))
        _ = b.handle(.function(2))
        XCTAssertNotNil(b.overlay, "the new key works")
        _ = b.handle(.escape)
        _ = b.handle(.char("?"))
        let f = b.frame(width: 120, height: 100)  // tall enough for the whole global section
        XCTAssertTrue(f.text.contains("zap through the trail"))
    }

    func testAKeymapWithoutQuitStillShowsItsHints() {
        let k = Keymap(bindings: [KeyBinding(keys: [.char("x")], context: .global, action: .help, help: "help")])
        let b = Browser(store: Fixtures.store(), keymap: k)
        let f = b.frame(width: 80, height: 24)
        assertFrameSize(f, width: 80, height: 24)
        XCTAssertTrue(f.text.components(separatedBy: "\n").last!.contains("x help"))
    }
}
