import ArgumentParser
import Atlas
import BrowserModel
import Foundation
import TestTools

/// `crossroads-bench run`: opens a database the way the browser does and drives
/// the real `Browser` with keys, rendering a `Frame` after each as the terminal
/// front end would (no terminal is involved), timing each key to its frame.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure opening, searching, scrolling, jumping and cross-filtering on a database.")

    @Option(help: ArgumentHelp("Database to open (written by `generate` or `crossroads import`).", valueName: "file"))
    var db: String
    @Option(help: "json (one object) or text (a table).") var format: String = "json"
    @Option(help: ArgumentHelp("Screen size as COLUMNSxROWS.", valueName: "size")) var size: String = "120x40"

    func run() throws {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2 else { throw ValidationError("--size: expected COLUMNSxROWS like 120x40") }
        let report = try Measurement(path: db, width: parts[0], height: parts[1]).run()
        if format == "text" { print(report.table) } else { print(report.json) }
    }
}

/// Latencies of one kind of key, in milliseconds.
struct Latency: Codable {
    var count: Int
    var p50: Double
    var p99: Double
    var max: Double

    init(_ samples: [Double]) {
        let s = samples.sorted()
        count = s.count
        func pct(_ p: Double) -> Double { s.isEmpty ? 0 : s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)] }
        p50 = Self.round(pct(0.5)); p99 = Self.round(pct(0.99)); max = Self.round(s.last ?? 0)
    }
    static func round(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}

struct Report: Codable {
    var database: String
    var events: Int
    var cores: Int
    var date: String
    var screen: String
    var openToFirstFrameMs: Double
    var searchKeystroke: Latency
    var searchQueries: [String]
    var slowestSearchPrefixes: [String]
    var scrollJ: Latency
    var pageDown: Latency
    var jumpEnd: Latency
    var jumpStart: Latency
    var followLink: Latency
    var back: Latency
    var crossFilterMs: Double
    var crossFilterEvents: Int
    var peakRssMb: Double

    var json: String {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try! e.encode(self), as: UTF8.self)
    }

    var table: String {
        func row(_ name: String, _ l: Latency) -> String {
            name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + String(format: "%6d  %8.3f  %8.3f  %8.3f", l.count, l.p50, l.p99, l.max)
        }
        return """
            \(database): \(events) events, \(cores) cores, \(screen), \(date)
            open to first frame          \(String(format: "%.1f ms", openToFirstFrameMs))
            cross-filter to first frame  \(String(format: "%.1f ms", crossFilterMs)) (\(crossFilterEvents) events)
            peak resident memory         \(String(format: "%.0f MB", peakRssMb))
            key                           count    p50 ms    p99 ms    max ms
            \(row("search keystroke", searchKeystroke))
              slowest: \(slowestSearchPrefixes.joined(separator: ", "))
            \(row("j (down)", scrollJ))
            \(row("PgDn", pageDown))
            \(row("G (end)", jumpEnd))
            \(row("g (start)", jumpStart))
            \(row("follow link", followLink))
            \(row("back", back))
            """
    }
}

struct Measurement {
    let path: String
    let width: Int
    let height: Int

    static let queries = ["kazakhstan talks", "camp faouar", "دمشق", "ceasefire monitoring", "Алматы", "contingent arrives"]

    func run() throws -> Report {
        let clock = ContinuousClock()
        var browser: Browser!
        let open = try clock.measure {
            let store = try AtlasStore.open(database: path)
            browser = Browser(store: store)
            _ = browser.update(.resize(width: width, height: height))
            _ = browser.frame()
        }
        let events = try AtlasStore.open(database: path).count(ListFilter(kind: .event))

        /// Presses keys and returns the time from the first key to the frame after the last.
        func press(_ keys: [Key]) -> Double {
            let d = clock.measure {
                for k in keys { _ = browser.update(.key(k)) }
                _ = browser.frame()
            }
            return d.ms
        }
        func press(_ notation: String) -> Double { press(try! KeyNotation.parse(notation)) }

        // Search, typed one character at a time.
        var searchTimes: [Double] = []
        var slowest: [(String, Double)] = []
        for q in Self.queries {
            _ = press("/")
            var typed = ""
            for ch in q {
                typed.append(ch)
                let t = press([.char(ch)])
                searchTimes.append(t)
                slowest.append((typed, t))
            }
            _ = press("<Esc>")
        }
        slowest.sort { $0.1 > $1.1 }

        _ = press("1g")
        let j = (0..<1000).map { _ in press("j") }
        let pgdn = (0..<100).map { _ in press("<PgDn>") }
        var ends: [Double] = [], starts: [Double] = []
        for _ in 0..<200 { ends.append(press("G")); starts.append(press("g")) }

        // Follow a link from an event to another record, then go back; on events
        // spread over the list.
        var follows: [Double] = [], backs: [Double] = []
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let id = SyntheticAtlas.eventID(rng.int(0..<max(1, events)))
            guard browser.open(id: id) else { continue }
            // An event-to-event link, the jump this benchmark is about.
            guard let link = browser.visibleLinks.last(where: { $0.id.hasPrefix("ev-") }) else { continue }
            follows.append(press([.char("f")] + link.label.map { Key.char($0) }))
            backs.append(press("<BS>"))
        }

        // Cross-filter the Events pane by the actor in one event of ten.
        _ = press("<Esc>2")
        _ = press(":goto \(SyntheticAtlas.hubActor)<Enter>2")
        let cross = press("<Enter>")
        let crossCount = try AtlasStore.open(database: path).count(ListFilter(kind: .event, actor: SyntheticAtlas.hubActor))

        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let date = ISO8601DateFormatter().string(from: Date())
        return Report(database: path, events: events, cores: ProcessInfo.processInfo.activeProcessorCount,
                      date: String(date.prefix(10)), screen: "\(width)x\(height)",
                      openToFirstFrameMs: Latency.round(open.ms), searchKeystroke: Latency(searchTimes),
                      searchQueries: Self.queries, slowestSearchPrefixes: slowest.prefix(5).map { "\($0.0) \(Latency.round($0.1)) ms" }, scrollJ: Latency(j), pageDown: Latency(pgdn), jumpEnd: Latency(ends),
                      jumpStart: Latency(starts), followLink: Latency(follows), back: Latency(backs),
                      crossFilterMs: Latency.round(cross), crossFilterEvents: crossCount,
                      peakRssMb: (Double(usage.ru_maxrss) / 1024 * 10).rounded() / 10)
    }
}

extension Duration {
    var ms: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
