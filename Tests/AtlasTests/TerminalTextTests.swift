import XCTest
@testable import Atlas

final class TerminalTextTests: XCTestCase {
    /// True when nothing in `s` could make a terminal do something: no C0, DEL, C1
    /// or bidirectional controls.
    private func isInert(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            let v = u.value
            if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C { return false }
            return true
        }
    }

    // MARK: sanitize

    func testEscapeSequencesBecomeVisibleText() {
        XCTAssertEqual(TerminalText.sanitize("\u{1B}"), "\u{241B}")
        XCTAssertEqual(TerminalText.sanitize("\u{1B}[2J"), "␛[2J")
        XCTAssertEqual(TerminalText.sanitize("\u{1B}]0;title\u{07}"), "␛]0;title␇")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}[31mred\u{1B}[0m"), "a␛[31mred␛[0m")
    }

    func testControlCharactersBecomeControlPictures() {
        XCTAssertEqual(TerminalText.sanitize("\u{0}"), "\u{2400}")
        XCTAssertEqual(TerminalText.sanitize("a\u{1}b"), "a\u{2401}b")
        XCTAssertEqual(TerminalText.sanitize("\u{8}"), "\u{2408}", "backspace")
        XCTAssertEqual(TerminalText.sanitize("\u{1F}"), "\u{241F}")
        XCTAssertEqual(TerminalText.sanitize("x\u{7F}"), "x\u{2421}", "DEL")
    }

    func testC1AndBidiControlsAreReplaced() {
        XCTAssertEqual(TerminalText.sanitize("a\u{9B}2Jb"), "a\u{FFFD}2Jb", "CSI as one C1 character")
        XCTAssertEqual(TerminalText.sanitize("\u{85}"), "\u{FFFD}")
        XCTAssertEqual(TerminalText.sanitize("\u{80}\u{9F}"), "\u{FFFD}\u{FFFD}")
        XCTAssertEqual(TerminalText.sanitize("abc\u{202E}fed"), "abc\u{FFFD}fed", "right-to-left override")
        for u in [0x202A, 0x202B, 0x202C, 0x202D, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let s = "x" + String(Unicode.Scalar(UInt32(u))!) + "y"
            XCTAssertEqual(TerminalText.sanitize(s), "x\u{FFFD}y", String(u, radix: 16))
        }
    }

    func testLineBreaksAndTabs() {
        XCTAssertEqual(TerminalText.sanitize("a\tb\nc\rd"), "a b c d")
        XCTAssertEqual(TerminalText.sanitize("a\r\nb"), "a  b")
        XCTAssertEqual(TerminalText.sanitize("a\tb\nc\rd", singleLine: false), "a\u{2409}b\u{240A}c\u{240D}d")
        XCTAssertEqual(TerminalText.sanitize("a\u{2028}b\u{2029}c"), "a b c")
    }

    func testTextIsKept() {
        for s in ["Kazakhstan", "Казахстан", "كازاخستان", "哈萨克斯坦", "Հայաստան", "Türkiye", "e\u{301}",
                  "🇰🇿", "👍🏽", "👨‍👩‍👧", "❤️", "“quoted” — ok…", "Camp Faouar (UNDOF) 139", ""] {
            XCTAssertEqual(TerminalText.sanitize(s), s, s)
            XCTAssertEqual(TerminalText.sanitize(s, singleLine: false), s, s)
        }
    }

    func testEverythingHostileComesOutInert() {
        var all = ""
        for v in 0..<0x20 { all.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        for v in 0x7F...0x9F { all.unicodeScalars.append(Unicode.Scalar(UInt32(v))!) }
        all += "\u{202E}\u{2066}\u{200F}\u{1B}[?1049h\u{1B}P+q\u{1B}\\\u{9D}8;;http://x\u{9C}"
        for singleLine in [true, false] {
            let out = TerminalText.sanitize(all, singleLine: singleLine)
            XCTAssertTrue(isInert(out), out.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            XCTAssertEqual(out.unicodeScalars.count, all.unicodeScalars.count, "one visible symbol per character")
        }
    }

    // MARK: width

    func testWidths() {
        XCTAssertEqual(TerminalText.width(""), 0)
        XCTAssertEqual(TerminalText.width("a"), 1)
        XCTAssertEqual(TerminalText.width("Kazakhstan"), 10)
        XCTAssertEqual(TerminalText.width("中"), 2)
        XCTAssertEqual(TerminalText.width("哈萨克斯坦"), 10)
        XCTAssertEqual(TerminalText.width("한국"), 4)
        XCTAssertEqual(TerminalText.width("Ａ"), 2, "full-width Latin")
        XCTAssertEqual(TerminalText.width("ｱ"), 1, "half-width katakana")
        XCTAssertEqual(TerminalText.width("Казахстан"), 9)
        XCTAssertEqual(TerminalText.width("كازاخستان"), 9)
        XCTAssertEqual(TerminalText.width("a中b"), 4)
    }

    func testEmojiWidths() {
        XCTAssertEqual(TerminalText.width("❤️"), 2, "VS16 asks for emoji presentation")
        XCTAssertEqual(TerminalText.width("☺️"), 2)
        XCTAssertEqual(TerminalText.width("🇰🇿"), 2, "a flag")
        XCTAssertEqual(TerminalText.width("🇰🇿🇺🇳"), 4)
        XCTAssertEqual(TerminalText.width("👍"), 2)
        XCTAssertEqual(TerminalText.width("👍🏽"), 2, "skin tone modifier joins its base")
        XCTAssertEqual(TerminalText.width("👨‍👩‍👧"), 2, "a ZWJ sequence is one cluster")
    }

    func testCombiningMarksAddNothing() {
        XCTAssertEqual(TerminalText.width("e\u{301}"), 1)
        XCTAssertEqual(TerminalText.width("e\u{301}"), TerminalText.width("é"))
        XCTAssertEqual(TerminalText.width("a\u{308}\u{301}\u{323}"), 1)
        XCTAssertEqual(TerminalText.width("Ko\u{308}ln"), 4)
        XCTAssertEqual(TerminalText.width("a\u{200B}b"), 2, "zero-width space")
        XCTAssertEqual(TerminalText.width(of: "e\u{301}"), 1)
    }

    func testWidthOfSanitizedControlText() {
        XCTAssertEqual(TerminalText.width(TerminalText.sanitize("\u{1B}[2J")), 4)
    }

    // MARK: truncate and pad

    func testTruncate() {
        XCTAssertEqual(TerminalText.truncate("abcdef", to: 4), "abc…")
        XCTAssertEqual(TerminalText.truncate("abc", to: 3), "abc")
        XCTAssertEqual(TerminalText.truncate("abc", to: 10), "abc")
        XCTAssertEqual(TerminalText.truncate("abc", to: 0), "")
        XCTAssertEqual(TerminalText.truncate("中文中文", to: 5), "中文…")
        XCTAssertEqual(TerminalText.truncate("中文中文", to: 6), "中文…", "a wide character never half-fits")
        XCTAssertEqual(TerminalText.truncate("中文中文", to: 8), "中文中文")
        XCTAssertEqual(TerminalText.truncate("e\u{301}e\u{301}e\u{301}", to: 2), "e\u{301}…")
    }

    func testPadGivesExactlyTheRequestedWidth() {
        let samples = ["", "Kazakhstan", "中文中文中文", "a中b文c", "🇰🇿🇰🇿🇰🇿", "e\u{301}e\u{301}e\u{301}e\u{301}",
                       "❤️❤️x", "Казахстан", "كازاخستان", "👨‍👩‍👧 family", "Ａｂｃ"]
        for s in samples {
            for n in 0...16 {
                let padded = TerminalText.pad(s, to: n)
                XCTAssertEqual(TerminalText.width(padded), n, "pad('\(s)', \(n)) = '\(padded)'")
                let cut = TerminalText.truncate(s, to: n)
                XCTAssertLessThanOrEqual(TerminalText.width(cut), n, "truncate('\(s)', \(n))")
                if TerminalText.width(s) <= n {
                    XCTAssertEqual(cut, s)
                    XCTAssertEqual(padded, s + String(repeating: " ", count: n - TerminalText.width(s)))
                } else if n > 0 {
                    XCTAssertTrue(cut.hasSuffix("…"), cut)
                    // Cut at a grapheme boundary: what is kept is a prefix of the text.
                    XCTAssertTrue(s.hasPrefix(String(cut.dropLast())), "'\(cut)' is not a prefix of '\(s)'")
                    // Nothing more would have fit.
                    let kept = cut.dropLast().count
                    if kept < s.count {
                        let next = s[s.index(s.startIndex, offsetBy: kept)]
                        XCTAssertGreaterThan(TerminalText.width(String(cut.dropLast())) + TerminalText.width(of: next), n - 1,
                                             "truncate('\(s)', \(n)) stopped early")
                    }
                }
            }
        }
    }
}
