import ArgumentParser
import Atlas
import Foundation

/// `crossroads-bench import --csv FILE`: rows per second of the ucdp-ged preset,
/// into a new database (written beside the CSV, then removed).
struct ImportBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Measure the ucdp-ged import on a UCDP-GED-shaped CSV (from `generate`).")

    @Option(help: ArgumentHelp("The CSV file.", valueName: "file")) var csv: String

    func run() throws {
        let csvURL = URL(fileURLWithPath: csv)
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-bench-import-\(getpid()).sqlite")
        defer { try? FileManager.default.removeItem(at: db) }
        let s = try Importer.run(preset: .ucdpGED, files: [csvURL], into: db)
        let rate = s.seconds > 0 ? Double(s.rowsRead) / s.seconds : 0
        print("""
            {
              "cores" : \(ProcessInfo.processInfo.activeProcessorCount),
              "csv" : "\(csv)",
              "rows" : \(s.rowsRead),
              "rows_per_second" : \(Int(rate)),
              "seconds" : \((s.seconds * 100).rounded() / 100),
              "skipped" : \(s.skipped)
            }
            """)
    }
}
