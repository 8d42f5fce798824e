import Foundation
import XCTest
import Atlas
@testable import BrowserModel

/// Shared helpers: fixture atlases, a key-driving session (keys in through update,
/// one frame when asked, as the terminal and `crossroads snapshot` do), snapshot
/// files, and frame checks.
enum Fixtures {
    /// Tests/BrowserModelTests/, found from this file's path (not bundle resources).
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let snapshotsDirectory = testsDirectory.appendingPathComponent("__Snapshots__")

    static func atlasURL(_ name: String) -> URL {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// A fixture atlas. The origin is fixed so that the title bar does not depend on
    /// the folder the tests run from.
    static func store(_ name: String = "mini") -> AtlasStore {
        do {
            return try AtlasStore.load(atlas: atlasURL(name), origin: "\(name) atlas")
        } catch {
            fatalError("fixture atlas \(name) does not load: \(error)")
        }
    }

    static let source = Source(id: "src", title: "Generated source")

    static func cite(_ n: Int) -> [Citation] { [Citation(source: "src", locator: "row \(n)", quote: "q\(n)")] }

    /// `count` events, one a week from 1990 on, with two actors and one mission, for
    /// scale tests through `AtlasStore.inMemory`.
    static func largeStore(events count: Int) -> AtlasStore {
        var c = AtlasContent()
        c.sources = [source]
        c.actors = [Actor(id: "alpha", title: "Alpha State", type: .state, iso3: "ALP", sources: cite(0)),
                    Actor(id: "beta", title: "Beta Union", type: .organization, sources: cite(0))]
        c.missions = [Mission(id: "mission-x", title: "Mission X", acronym: "MX", status: .active, sources: cite(0))]
        var day = DateComponents(calendar: Calendar(identifier: .gregorian), year: 1990, month: 1, day: 1).date!
        for i in 0..<count {
            let comps = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: day)
            let text = String(format: "%04d-%02d-%02d", comps.year!, comps.month!, comps.day!)
            let date = try! EDTFDate(parsing: text)
            c.events.append(Event(id: "ev-\(i)", title: "Generated event \(i) in sector \(i % 17)", date: date,
                                  actors: [Participant(actor: i % 2 == 0 ? "alpha" : "beta", role: "party")],
                                  missions: i % 5 == 0 ? ["mission-x"] : [],
                                  summary: "Event number \(i).", sources: cite(i)))
            day = day.addingTimeInterval(7 * 86_400)
        }
        return try! AtlasStore.inMemory(c, origin: "generated")
    }
}

/// Drives a browser the way the terminal does: the size arrives as an event, keys
/// go through update, and the frame is the view of the state after the last one.
/// Nothing is drawn between keys: what a key does depends on the state only.
final class Session {
    let browser: Browser
    private(set) var width: Int
    private(set) var height: Int
    /// Effects asked for by keys, in order (saves of the state file left out).
    private(set) var effects: [Effect] = []
    /// Every state the browser asked to save, in order.
    private(set) var saves: [UserState] = []
    private(set) var quit = false

    init(_ store: AtlasStore = Fixtures.store(), width: Int = 120, height: Int = 40) {
        browser = Browser(store: store)
        self.width = width
        self.height = height
        _ = browser.update(.resize(width: width, height: height))
    }

    convenience init(atlas: String, width: Int = 120, height: Int = 40) {
        self.init(Fixtures.store(atlas), width: width, height: height)
    }

    var frame: Frame { browser.frame() }

    /// Presses keys written in KeyNotation; stops at a quit, like `crossroads
    /// snapshot`. Returns the frame after the last.
    @discardableResult
    func press(_ keys: String, file: StaticString = #filePath, line: UInt = #line) -> Frame {
        let parsed: [Key]
        do { parsed = try KeyNotation.parse(keys) } catch {
            XCTFail("bad key notation \(keys): \(error)", file: file, line: line)
            return frame
        }
        for k in parsed {
            if key(k)?.isQuit == true { break }
        }
        return frame
    }

    /// Presses one key; returns the first effect it asked for other than saving
    /// the state file (nil for none), which `saves` records.
    @discardableResult
    func key(_ k: Key) -> Effect? {
        let out = browser.update(.key(k))
        for e in out {
            if case .saveUserState(let s) = e { saves.append(s) } else { effects.append(e) }
            if e.isQuit { quit = true }
        }
        return out.first(where: { if case .saveUserState = $0 { return false } else { return true } })
    }

    func resize(_ w: Int, _ h: Int) {
        width = w
        height = h
        _ = browser.update(.resize(width: w, height: h))
    }

    var text: String { frame.text }
    var lines: [String] { frame.text.components(separatedBy: "\n") }
    /// The status line (second to last row) and the bottom line, trimmed.
    var status: String { lines[height - 2].trimmingCharacters(in: .whitespaces) }
    var bottom: String { lines[height - 1].trimmingCharacters(in: .whitespaces) }
    var titleBar: String { lines[0] }

    func pane(_ id: PaneID) -> ListPane { browser.panes[id]! }
    var selectedEventID: String? { pane(.events).selectedRow?.id }
}

extension Browser {
    /// A key as the terminal sends it.
    func handle(_ key: Key) -> [Effect] { update(.key(key)) }

    /// The screen at a size: the size arrives as an event, then the view draws.
    func frame(width: Int, height: Int) -> Frame {
        _ = update(.resize(width: width, height: height))
        return frame()
    }
}

extension XCTestCase {
    /// A fresh browser on a fixture atlas, keys pressed one by one (as `crossroads
    /// snapshot` does); returns the frame after the last.
    /// (An XCTestCase method, because XCTestCase's own `run()` hides a global one.)
    func run(keys: String, width: Int, height: Int, atlas: String = "mini",
             file: StaticString = #filePath, line: UInt = #line) -> Frame {
        Session(atlas: atlas, width: width, height: height).press(keys, file: file, line: line)
    }
}

// MARK: snapshots

/// Compares `frame.text` with `__Snapshots__/NAME.txt`. A missing file, or
/// CROSSROADS_RECORD=1, writes the file and fails ("recorded snapshot NAME; re-run"),
/// so a snapshot never passes the first time unseen.
func assertSnapshot(_ frame: Frame, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = Fixtures.snapshotsDirectory.appendingPathComponent(name + ".txt")
    let actual = frame.text + "\n"
    let record = ProcessInfo.processInfo.environment["CROSSROADS_RECORD"] == "1"
    guard !record, let expectedData = FileManager.default.contents(atPath: url.path) else {
        do {
            try FileManager.default.createDirectory(at: Fixtures.snapshotsDirectory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            XCTFail("cannot write snapshot \(url.path): \(error)", file: file, line: line)
            return
        }
        XCTFail("recorded snapshot \(name); re-run", file: file, line: line)
        return
    }
    let expected = String(decoding: expectedData, as: UTF8.self)
    guard expected != actual else { return }
    let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
    var message = "snapshot \(name) differs"
    if let i = (0..<max(e.count, a.count)).first(where: { ($0 < e.count ? e[$0] : nil) != ($0 < a.count ? a[$0] : nil) }) {
        message += " first at line \(i + 1):\n  expected: \(i < e.count ? "|" + e[i] + "|" : "<none>")\n  actual:   \(i < a.count ? "|" + a[i] + "|" : "<none>")"
    }
    message += "\n--- actual screen ---\n\(actual)(CROSSROADS_RECORD=1 re-records)"
    XCTFail(message, file: file, line: line)
}

// MARK: frame checks

/// The frame has exactly the requested size, as cells and as text: `height` lines of
/// `width` columns each, measured as the terminal measures them.
func assertFrameSize(_ frame: Frame, width: Int, height: Int, _ context: @autoclosure () -> String = "",
                     file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(frame.width, width, "frame width \(context())", file: file, line: line)
    XCTAssertEqual(frame.height, height, "frame height \(context())", file: file, line: line)
    XCTAssertEqual(frame.cells.count, width * height, "cell count \(context())", file: file, line: line)
    let lines = frame.text.components(separatedBy: "\n")
    XCTAssertEqual(lines.count, height, "text lines \(context())", file: file, line: line)
    for (i, l) in lines.enumerated() where TerminalText.width(l) != width {
        XCTFail("line \(i) is \(TerminalText.width(l)) columns, not \(width) \(context()): |\(l)|", file: file, line: line)
        return
    }
}

/// Why a frame's cells are inconsistent (a wide cell without its width-0
/// continuation, or a continuation after no wide cell), or nil when they are fine.
func cellProblem(_ frame: Frame) -> String? {
    for y in 0..<frame.height {
        var x = 0
        while x < frame.width {
            let c = frame[x, y]
            switch c.width {
            case 2:
                guard x + 1 < frame.width, frame[x + 1, y].width == 0 else {
                    return "wide cell \(c.text) at (\(x), \(y)) has no continuation"
                }
                x += 2
            case 1:
                x += 1
            default:
                return "continuation cell at (\(x), \(y)) follows no wide cell"
            }
        }
    }
    return nil
}

/// Cells are consistent: a wide cell is followed by a width-0 continuation, and a
/// continuation only ever follows a wide cell.
func assertCellsConsistent(_ frame: Frame, _ context: @autoclosure () -> String = "",
                           file: StaticString = #filePath, line: UInt = #line) {
    if let p = cellProblem(frame) { XCTFail("\(p) \(context())", file: file, line: line) }
}

/// Scalars a terminal would act on rather than show.
func isDangerous(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    return v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v)
        || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
}

func assertNoControlCharacters(_ frame: Frame, _ context: @autoclosure () -> String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
    for y in 0..<frame.height {
        for x in 0..<frame.width {
            let t = frame[x, y].text
            if let bad = t.unicodeScalars.first(where: isDangerous) {
                XCTFail(String(format: "cell (%d, %d) holds U+%04X \(context())", x, y, bad.value), file: file, line: line)
                return
            }
        }
    }
}
