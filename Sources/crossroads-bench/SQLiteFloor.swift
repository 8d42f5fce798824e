import Atlas
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The floor an import is measured against: what SQLite itself needs for the same
/// file. The `sqlite3` shell's `.import` loads the CSV into one flat table, then an
/// FTS5 index over four of its text columns is built with the prefix indexes search
/// as you type needs (`prefix = '1 2 3'`), in a new database file.
///
/// Run as a child process so its time and peak memory are its own; it gets the
/// import's settings (no journal, no syncs, the same page cache and FTS5 buffer),
/// so the ratio compares work done, not configuration.
struct SQLiteFloor {
    /// What one run of the floor took.
    struct Run {
        var seconds: Double
        var cpuSeconds: Double
        var peakRSSBytes: Int
        var rows: Int
    }

    enum Failure: Error, CustomStringConvertible {
        case noShell
        case failed(status: Int32, stderr: String)
        var description: String {
            switch self {
            case .noShell: "the sqlite3 shell is not installed (apt-get install sqlite3): it measures the floor"
            case .failed(let status, let stderr): "sqlite3 exited \(status): \(stderr)"
            }
        }
    }

    /// The UCDP columns that carry text a person searches for.
    static let textColumns = ["dyad_name", "conflict_name", "where_description", "source_headline"]

    let shell: String
    let csv: URL

    init(csv: URL) throws {
        guard let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure.noShell
        }
        self.shell = shell
        self.csv = csv
    }

    /// The shell script: settings, `.import`, the FTS5 table and its build.
    var script: String {
        let cols = Self.textColumns.joined(separator: ", ")
        return """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -\(Importer.pageCacheKiB);
            .mode csv
            .import '\(csv.path.replacingOccurrences(of: "'", with: "''"))' rows
            BEGIN;
            CREATE VIRTUAL TABLE rows_search USING fts5(\(cols), content = 'rows', tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
            INSERT INTO rows_search(rows_search, rank) VALUES ('hashsize', \(Importer.ftsBuffer));
            INSERT INTO rows_search(rowid, \(cols)) SELECT rowid, \(cols) FROM rows;
            COMMIT;
            SELECT count(*) FROM rows;
            .system grep VmHWM /proc/$PPID/status

            """
    }

    /// Runs the floor once into a new database file at `scratch`, removed after.
    func run(scratch: URL) throws -> Run {
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-batch", scratch.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        var before = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &before)
        let start = DispatchTime.now()
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var after = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &after)
        guard process.terminationStatus == 0, err.isEmpty else {
            throw Failure.failed(status: process.terminationStatus, stderr: String(decoding: err, as: UTF8.self))
        }
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
        let rows = lines.lazy.compactMap { Int($0) }.first ?? 0
        // The shell's own high-water mark, read from /proc by a command it runs:
        // getrusage's figure for a child starts from the parent's memory at the
        // spawn, so after the first import it was the import's peak, not sqlite3's.
        let hwm = lines.first { $0.hasPrefix("VmHWM:") }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
        return Run(seconds: seconds, cpuSeconds: ResourceUse.cpuSeconds(after) - ResourceUse.cpuSeconds(before),
                   peakRSSBytes: (hwm ?? 0) * 1024, rows: rows)
    }
}

/// getrusage in the units the benchmark prints.
enum ResourceUse {
    static func cpuSeconds(_ r: rusage) -> Double {
        Double(r.ru_utime.tv_sec) + Double(r.ru_utime.tv_usec) / 1e6 + Double(r.ru_stime.tv_sec) + Double(r.ru_stime.tv_usec) / 1e6
    }

    static func current() -> rusage {
        var r = rusage()
        getrusage(RUSAGE_SELF.rawValue, &r)
        return r
    }
}
