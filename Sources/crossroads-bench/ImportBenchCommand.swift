import ArgumentParser
import Atlas
import Foundation

/// `crossroads-bench import --csv FILE`: the ucdp-ged import against SQLite's own
/// floor for the same file (see `SQLiteFloor`), run after run, interleaved, so the
/// noise of a shared machine falls on both alike; prints each run's times, their
/// ratio, and peak resident memory, then the middle run's figures.
struct ImportBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Measure the ucdp-ged import on a UCDP-GED-shaped CSV (from `generate`) against sqlite3's .import plus FTS5.")

    @Option(help: ArgumentHelp("The CSV file.", valueName: "file")) var csv: String
    @Option(help: "Runs of each, interleaved (floor, import, floor, import...).") var runs: Int = 3
    @Flag(help: "Only the import, without the floor (no sqlite3 needed).") var noFloor = false

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be positive") }
    }

    struct Pair {
        var floor: SQLiteFloor.Run?
        var seconds: Double
        var cpuSeconds: Double
        var rows: Int
        var peakRSSBytes: Int
        var ratio: Double? { floor.map { seconds / $0.seconds } }
    }

    func run() throws {
        let csvURL = URL(fileURLWithPath: csv)
        let tmp = FileManager.default.temporaryDirectory
        let db = tmp.appendingPathComponent("crossroads-bench-import-\(getpid()).sqlite")
        let floorDB = tmp.appendingPathComponent("crossroads-bench-floor-\(getpid()).sqlite")
        defer { try? FileManager.default.removeItem(at: db) }
        let floor = noFloor ? nil : try SQLiteFloor(csv: csvURL)
        var pairs: [Pair] = []
        for i in 1...runs {
            let f = try floor?.run(scratch: floorDB)
            try? FileManager.default.removeItem(at: db)
            let before = ResourceUse.current()
            let start = DispatchTime.now()
            let s = try Importer.run(preset: .ucdpGED, files: [csvURL], into: db)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let after = ResourceUse.current()
            let pair = Pair(floor: f, seconds: seconds, cpuSeconds: ResourceUse.cpuSeconds(after) - ResourceUse.cpuSeconds(before),
                            rows: s.rowsRead, peakRSSBytes: Int(after.ru_maxrss) * 1024)
            pairs.append(pair)
            FileHandle.standardError.write(Data("run \(i): \(Self.line(pair))\n".utf8))
        }
        try? FileManager.default.removeItem(at: db)
        // The middle run by ratio (by time without a floor).
        let middle = pairs.sorted { ($0.ratio ?? $0.seconds) < ($1.ratio ?? $1.seconds) }[pairs.count / 2]
        func round(_ x: Double, _ places: Double = 100) -> Double { (x * places).rounded() / places }
        func mb(_ bytes: Int) -> Double { round(Double(bytes) / 1_000_000, 10) }
        var fields: [(String, String)] = [
            ("cores", "\(ProcessInfo.processInfo.activeProcessorCount)"),
            ("csv", "\"\(csv)\""),
            ("rows", "\(middle.rows)"),
            ("runs", "\(runs)"),
            ("import_seconds", "\(round(middle.seconds))"),
            ("import_cpu_seconds", "\(round(middle.cpuSeconds))"),
            ("rows_per_second", "\(Int(Double(middle.rows) / middle.seconds))"),
            ("import_peak_rss_mb", "\(mb(pairs.map(\.peakRSSBytes).max() ?? 0))"),
        ]
        if let f = middle.floor, let ratio = middle.ratio {
            fields += [("floor_seconds", "\(round(f.seconds))"), ("floor_cpu_seconds", "\(round(f.cpuSeconds))"),
                       ("floor_peak_rss_mb", "\(mb(f.peakRSSBytes))"), ("ratio", "\(round(ratio))"),
                       ("ratios", "[" + pairs.compactMap(\.ratio).map { "\(round($0))" }.joined(separator: ", ") + "]")]
        }
        print("{\n" + fields.map { "  \"\($0.0)\" : \($0.1)" }.joined(separator: ",\n") + "\n}")
    }

    static func line(_ p: Pair) -> String {
        let imp = String(format: "import %.2f s (cpu %.2f s, %d rows, peak RSS %.1f MB)", p.seconds, p.cpuSeconds, p.rows,
                         Double(p.peakRSSBytes) / 1e6)
        guard let f = p.floor, let r = p.ratio else { return imp }
        return String(format: "sqlite3 floor %.2f s (cpu %.2f s, %d rows, peak RSS %.1f MB); ", f.seconds, f.cpuSeconds, f.rows,
                      Double(f.peakRSSBytes) / 1e6) + imp + String(format: "; ratio %.2f", r)
    }
}
