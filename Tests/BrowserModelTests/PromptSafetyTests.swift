import XCTest
import Atlas
@testable import BrowserModel

/// Whatever a person types at `/`, `\` or `:` (every printable ASCII character,
/// every control key, FTS5 syntax, NUL, very long lines, right-to-left text and
/// combining marks), and then Enter: no SQL error is raised or shown, nothing
/// crashes, and the frame keeps its size. The store's search API is called with the
/// same strings and must not throw.
final class PromptSafetyTests: XCTestCase {
    /// The strings typed at each prompt.
    static let hostile: [String] = {
        var s: [String] = []
        // Every printable ASCII character alone, then all of them in one line.
        let printable = (0x20...0x7E).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        s += printable
        s.append(printable.joined())
        // FTS5 query syntax, whole and broken.
        s += ["\"", "\"\"", "\"\"\"", "\"unclosed", "unclosed\"", "\"a\" \"b", "a\"b\"c",
              "*", "**", "*a", "a*", "a**", "x*y", "\"faou\"*",
              "^", "^a", "a^", "^\"a\"",
              "NEAR(", "NEAR(a b", "NEAR(a b)", "NEAR(a b, 2)", "NEAR(a, -1)", "NEAR/2", "a NEAR b",
              "AND", "OR", "NOT", "AND OR NOT", "a AND", "OR b", "NOT a", "a AND (b", "a OR OR b", "NOT NOT",
              "col:", "title:", "title:faouar", ":faou", "{title}:x", "{title aliases} : x", "- title : x", "rank:",
              "-", "-a", "a-", "--", "-faou", "+", "+a", "a+b", "++",
              "(", ")", "()", "(a", "a)", "((((((((((a", "a))))))))))",
              "\u{0}", "a\u{0}b", "\u{0}faou", "faou\u{0}",
              "'", "''", "'; DROP TABLE entity; --", "1; SELECT 1", "%", "_", "%_%", "\\", "\\\"", "$", "?", "?1", ":x", "@x",
              "{", "}", "{}", "[", "]", "\t", "a\tb", "\n", "a\nb", "\r", "\u{7F}", "\u{1B}[2J", "\u{9B}31m",
              "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}", "\u{E000}", "\u{200B}", "\u{00AD}"]
        // Right-to-left scripts, bidi controls and combining marks.
        s += ["كازاخستان", "قازاقستان السلام", "שלום", "\u{202E}faou", "\u{202E}", "\u{2067}a\u{2069}", "\u{200F}", "\u{061C}",
              "\u{301}", "\u{301}\u{301}\u{301}", "e\u{301}", "faou\u{301}ar", "\u{301}faou", "a\u{20DD}",
              "T\u{337}\u{31B}\u{32C}\u{34D}u\u{336}\u{30C}\u{32E}rkiye", "\u{0915}\u{094D}\u{0937}", "🕊️", "👩‍👩‍👧", "東京 和平",
              "Türkiye", "TÜRKIYE", "ǅ", "ß", "ﬁ"]
        // Very long input: 5,000 characters.
        s += [String(repeating: "x", count: 5_000), String(repeating: "fa ", count: 1_667),
              String(repeating: "\"(*", count: 1_667), String(repeating: "é", count: 5_000),
              String(repeating: "NEAR(", count: 1_000)]
        return s
    }()

    /// What an SQL error looks like on screen.
    static let sqlWords = ["fts5", "FTS5", "syntax error", "SQL", "sqlite", "SQLite", "database error", "MATCH", "no such column",
                           "malformed", "unterminated", "SELECT"]

    /// Words of an SQL error on screen, leaving out those the person typed (which
    /// the status line may echo: "no matches for 1; SELECT 1").
    private func assertNoSQL(_ text: String, typed: String, _ context: @autoclosure () -> String,
                             file: StaticString = #filePath, line: UInt = #line) {
        for w in Self.sqlWords where text.contains(w) && !typed.contains(w) {
            XCTFail("screen shows '\(w)' \(context()):\n\(text)", file: file, line: line)
            return
        }
    }

    private func assertHealthy(_ s: Session, typed: String = "", _ context: @autoclosure () -> String,
                               file: StaticString = #filePath, line: UInt = #line) {
        assertFrameSize(s.frame, width: s.width, height: s.height, context(), file: file, line: line)
        assertCellsConsistent(s.frame, context(), file: file, line: line)
        assertNoControlCharacters(s.frame, context(), file: file, line: line)
        for id in [PaneID.events, .actors, .missions] {
            if let failure = s.browser.panes[id]?.failure {
                XCTFail("\(id) pane failed \(context()): \(failure)", file: file, line: line)
            }
        }
        // The status line is the only place a message shows; it must not carry SQL.
        assertNoSQL(s.frame.text, typed: typed, context(), file: file, line: line)
        if let c = s.frame.cursor {
            XCTAssertTrue((0..<s.width).contains(c.x) && (0..<s.height).contains(c.y),
                          "cursor \(c) outside \(s.width)x\(s.height) \(context())", file: file, line: line)
        }
    }

    /// Types `text` character by character at a prompt opened by `open`, then Enter.
    private func type(_ text: String, at open: Key, into s: Session) {
        s.key(.escape)
        s.key(open)
        XCTAssertNotNil(s.browser.prompt, "\(open) opens a prompt")
        for c in text { s.key(.char(c)) }
        XCTAssertLessThanOrEqual(s.browser.prompt?.text.count ?? 0, Prompt.maxLength)
        s.key(.enter)
    }

    func testEveryHostileStringAtEveryPrompt() {
        for (open, name) in [(Key.char("/"), "/"), (.char("\\"), "\\"), (.char(":"), ":")] {
            for (w, h) in [(120, 40), (40, 8)] {
                var s = Session(width: w, height: h)
                for text in Self.hostile {
                    type(text, at: open, into: s)
                    if s.quit {
                        // `:q` is the quit command; nothing else typed at a prompt quits.
                        XCTAssertEqual(name + text, ":q", "typing \(text.debugDescription) at \(name) quit the browser")
                        s = Session(width: w, height: h)
                        continue
                    }
                    assertHealthy(s, typed: text, "after \(name)\(text.prefix(40).debugDescription)<Enter> at \(w)x\(h)")
                }
            }
        }
    }

    /// The same strings as arguments of the commands that search, filter or jump,
    /// and as a prefix for Tab completion.
    func testHostileStringsAsCommandArguments() {
        var s = Session(width: 100, height: 30)
        for text in Self.hostile {
            for command in ["search ", "filter ", "goto ", ""] {
                type(command + text, at: .char(":"), into: s)
                if s.quit {
                    XCTAssertEqual(command + text, "q", ":\(command)\(text.debugDescription) quit the browser")
                    s = Session(width: 100, height: 30)
                    continue
                }
                assertHealthy(s, typed: text, "after :\(command)\(text.prefix(40).debugDescription)")
            }
            s.key(.escape)
            s.key(.char(":"))
            for c in "goto " + text { _ = s.browser.handle(.char(c)) }
            s.key(.tab)
            assertHealthy(s, typed: text, "after :goto \(text.prefix(40).debugDescription)<Tab>")
            s.key(.escape)
        }
    }

    /// Every control key, pressed at each prompt part-way through FTS5 syntax.
    func testEveryControlKeyInEveryPrompt() {
        var keys: [Key] = []
        for c in "abcdefghijklmnopqrstuvwxyz[\\]^_" { keys.append(.ctrl(c)) }
        for v in Array(0..<32) + [127] { keys.append(.char(Character(Unicode.Scalar(UInt8(v))))) }
        for v in 0x80..<0xA0 { keys.append(.char(Character(Unicode.Scalar(UInt8(v))))) }
        keys += [.enter, .tab, .backTab, .backspace, .delete, .escape, .up, .down, .left, .right, .home, .end,
                 .pageUp, .pageDown, .insert, .function(1), .function(12), .resize,
                 .mouse(MouseEvent(kind: .press, x: 5, y: 5)), .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5))]
        for open in [Key.char("/"), .char("\\"), .char(":")] {
            let s = Session(width: 90, height: 20)
            for k in keys {
                for prefix in ["\"a", "NEAR(", "faou*", "a AND (", ""] {
                    s.key(.escape)
                    s.key(open)
                    for c in prefix { s.key(.char(c)) }
                    if case .quit = s.key(k) { continue }
                    if s.browser.prompt != nil { s.key(.enter) }
                    assertHealthy(s, typed: prefix, "after \(open) \(prefix) then \(k)")
                }
            }
            XCTAssertFalse(s.quit, "a control key quit the browser from a prompt")
        }
    }

    /// The store's search API, called directly with every string: no throw, and the
    /// unranked path for many matches (forced by a cap of 0) takes the same input.
    func testSearchAPINeverThrows() throws {
        let stores = [("mini", Fixtures.store("mini")), ("hostile", Fixtures.store("hostile")),
                      ("large", Fixtures.largeStore(events: 1_200)), ("database file", try databaseStore())]
        for (name, store) in stores {
            for text in Self.hostile {
                let at = "\(name): \(text.prefix(40).debugDescription)"
                XCTAssertNoThrow(try store.search(text, limit: 50), at)
                for kind in RecordKind.allCases {
                    XCTAssertNoThrow(try store.search(text, kind: kind, limit: 5, offset: 1), at)
                    XCTAssertNoThrow(try store.searchCount(text, kind: kind), at)
                    let filter = ListFilter(kind: kind, text: text)
                    XCTAssertNoThrow(try store.count(filter), at)
                    XCTAssertNoThrow(try store.rows(filter, after: nil, limit: 5), at)
                    XCTAssertNoThrow(try store.rows(filter, before: nil, limit: 5), at)
                    XCTAssertNoThrow(try store.rows(filter, offset: 1, limit: 5), at)
                    XCTAssertNoThrow(try store.histogram(filter, byMonth: true), at)
                }
                XCTAssertNoThrow(try store.searchCount(text), at)
                XCTAssertNoThrow(try store.searchResults(text, limit: 300), at)
                XCTAssertNoThrow(try store.searchResults(text, limit: 300, rankedUpTo: 0), at)
                XCTAssertNoThrow(try store.searchResults(text, limit: 1, rankedUpTo: 1), at)
                XCTAssertNoThrow(try store.suggestions(for: text), at)
                XCTAssertNoThrow(try store.idCompletions(prefix: text, limit: 20), at)
                XCTAssertNoThrow(try store.lookup(text), at)
                XCTAssertNoThrow(try store.detail(text), at)
            }
        }
    }

    /// A database file as `crossroads import` writes it (the built-in atlas and two
    /// missions), opened read-only as `--db` opens it.
    private func databaseStore() throws -> AtlasStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-prompt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("missions.csv")
        try Data("""
            mission_acronym,mission_name,start_date,end_date
            UNQX,"UN Quiet Mission (""NEAR"" AND *)",1948-05-29,
            UNA,Mission "A" -x +y ^z,2000-01-01,
            """.utf8).write(to: csv)
        let db = folder.appendingPathComponent("atlas.db")   // its path shows in the title bar: no "sqlite" there
        _ = try Importer.run(preset: .unMissions, files: [csv], into: db, withBuiltin: true)
        return try AtlasStore.open(database: db.path)
    }

    /// The browser on a database file, every string at `/`, `\` and `:`.
    func testEveryHostileStringOnADatabaseFile() throws {
        let s = Session(try databaseStore(), width: 120, height: 40)
        for open in [Key.char("/"), .char("\\"), .char(":")] {
            for text in Self.hostile where !(open == .char(":") && text == "q") {
                type(text, at: open, into: s)
                XCTAssertFalse(s.quit, "\(open) \(text.debugDescription) quit")
                assertHealthy(s, typed: text, "database file, after \(open) \(text.prefix(40).debugDescription)<Enter>")
            }
        }
        // Searches that do match still work on the file.
        type("faouar", at: .char("/"), into: s)
        XCTAssertEqual(s.browser.current, "kazcon-undof-transfer-of-authority-2024")
        s.key(.escape)
        s.key(.char("/"))
        for c in "\"NEAR\" AND *" { s.key(.char(c)) }
        XCTAssertTrue(s.browser.search?.hits.map(\.id).contains("un-mission:UNQX") ?? false,
                      "the words of a title with FTS5 syntax in it find it: \(s.browser.search?.hits.map(\.id) ?? [])")
    }

    /// Input that is only syntax matches nothing rather than everything, and words
    /// wrapped in syntax still find their record. (`NEAR`, `AND`, `title` are plain
    /// words: the mini atlas has an event titled "Almaty talks (NEAR "quoted")".)
    func testSyntaxIsPlainText() throws {
        let store = Fixtures.store("mini")
        for text in ["\"", "*", "^", "(", ")", "-", "+", ":", "\u{0}", "\u{301}", "{}:", "\"\"*", "-- ;"] {
            let r = try store.searchResults(text, limit: 10)
            XCTAssertEqual(r.hits.count, 0, "\(text.debugDescription) matched \(r.hits.map(\.row.id))")
        }
        XCTAssertEqual(try store.searchResults("NEAR(", limit: 10).hits.map(\.row.id), ["talks-2013"], "NEAR is a word")
        // Words are ANDed, so only one word is wrapped here.
        for text in ["\"faou", "faou\"", "faou*", "*faou*", "(faou)", "( faou )", "^faou", "+faou", "faou\u{0}",
                     "{faou}", "faou:", ":faou", "\" faou \"", "faou)))", "\u{202E}faou"] {
            let ids = try store.searchResults(text, limit: 10).hits.map(\.row.id)
            XCTAssertTrue(ids.contains("handover"), "\(text.debugDescription) finds the handover: \(ids)")
        }
        // A leading '-' excludes the word (issue 13): alone it leaves nothing to look for.
        XCTAssertEqual(try store.searchResults("-faou", limit: 10).hits.count, 0)
    }
}
