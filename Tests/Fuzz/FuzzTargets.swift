// The harness reaches the importer's internals (`ImportSession`, `CSVReader`), so it
// needs Atlas built for testing: debug builds are, and run.sh builds the fuzzer so.
// A plain release build (`swift build -c release`) compiles the replayer's stub.
#if DEBUG || FUZZING
import Foundation
import GRDB
@testable import Atlas

/// What the fuzzer feeds: each target takes one input (a date, a YAML file, a CSV
/// file) and must return without trapping, whatever the bytes. Errors the code
/// reports (a bad date, a bad row, a YAML problem) are answers, not findings.
enum FuzzTarget {
    case edtf
    case atlasYAML
    case csv
    /// Each preset but `mapping` (which needs a mapping file as well).
    case preset(ImportPreset)

    static let allCases: [FuzzTarget] = [.edtf, .atlasYAML, .csv] + ImportPreset.allCases.filter { $0 != .mapping && $0 != .atlas }.map { .preset($0) }

    var rawValue: String {
        switch self {
        case .edtf: "edtf"
        case .atlasYAML: "atlas-yaml"
        case .csv: "csv"
        case .preset(let p): p.rawValue
        }
    }

    init?(rawValue: String) {
        guard let target = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = target
    }

    var preset: ImportPreset? { if case .preset(let p) = self { p } else { nil } }
}

/// One target's state, made once per process: libFuzzer calls `run` millions of
/// times, so the scratch files and the import database are set up only once.
final class FuzzHarness {
    let target: FuzzTarget
    /// Scratch space of this process (atlas folder, CSV file).
    let scratch: URL
    /// The import database: schema and seed atlas in place; each input is imported
    /// in a transaction that is rolled back, so inputs do not see each other.
    private var importQueue: DatabaseQueue?

    init(_ target: FuzzTarget) throws {
        self.target = target
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-fuzz-\(getpid())-\(target.rawValue)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        if target.preset != nil {
            let queue = try DatabaseQueue()
            try queue.write { db in
                try Schema.create(db)
                // The seed atlas is in, as with `--with-builtin`: un-missions keeps its
                // UNDOF, links to dataset keys resolve.
                try ImportSession(db: db, options: ImportOptions()).upsertBuiltin()
            }
            importQueue = queue
        }
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch target {
        case .edtf: Self.edtf(String(decoding: bytes, as: UTF8.self))
        case .atlasYAML: atlasYAML(bytes)
        case .csv: Self.csv(bytes)
        case .preset(let preset): importCSV(bytes, preset: preset)
        }
    }

    // MARK: targets

    /// A date either parses or is refused; a parsed date reads back the same, shows,
    /// and covers at least one day.
    static func edtf(_ text: String) {
        guard let date = try? EDTFDate(parsing: text) else { return }
        _ = date.display
        _ = date.compact
        _ = date.precision
        guard let again = try? EDTFDate(parsing: date.text), again == date else {
            fatalError("'\(date.text)' parsed once but not again the same")
        }
        if date.sortKey != Int.min, date.endKey != Int.max, date.sortKey > date.endKey {
            fatalError("'\(date.text)' starts (\(date.sortKey)) after it ends (\(date.endKey))")
        }
    }

    /// One YAML file as an atlas folder: read and checked; a clean one is loaded
    /// into a store and every record's detail is built.
    func atlasYAML(_ bytes: UnsafeBufferPointer<UInt8>) {
        let file = scratch.appendingPathComponent("fuzz.yaml")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(buffer: bytes))
        guard let result = try? AtlasLoader.read(directory: scratch) else { return }
        for p in result.problems { _ = p.description }
        guard result.problems.isEmpty else { return }
        guard let store = try? AtlasStore.inMemory(result.content, origin: "fuzz") else {
            fatalError("a clean atlas did not load into a store")
        }
        let c = result.content
        for id in (c.sources.map(\.id) + c.actors.map(\.id) + c.missions.map(\.id) + c.events.map(\.id)).prefix(50) {
            guard (try? store.detail(id)) != nil else { fatalError("record '\(id)' of a clean atlas has no detail") }
        }
    }

    /// The CSV reader on its own, comma- and tab-separated, every field decoded.
    static func csv(_ bytes: UnsafeBufferPointer<UInt8>) {
        for (separator, encoding) in [(UInt8(0x2C), CSVReader.Encoding.detect), (0x09, .cp1252)] {
            var lastLine = 0
            try? CSVReader.forEach(in: bytes, separator: separator, encoding: encoding) { record in
                precondition(record.line > lastLine, "record lines go forward")
                lastLine = record.line
                for i in 0..<record.count {
                    precondition(record.fields[i].lowerBound >= 0 && record.fields[i].upperBound <= bytes.count)
                    _ = record.string(i)
                    _ = record.trimmed(i)
                    _ = record.isUTF8(i)
                }
            }
        }
    }

    /// A whole file through a preset, into the import database, rolled back after.
    func importCSV(_ bytes: UnsafeBufferPointer<UInt8>, preset: ImportPreset) {
        let file = scratch.appendingPathComponent("fuzz.csv")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(buffer: bytes))
        do {
            try importQueue!.inTransaction { db in
                let session = try ImportSession(db: db, options: ImportOptions())
                do {
                    try session.importFile(file, preset: preset, progress: nil, start: Date())
                    try ListSummary.refresh(db)
                } catch let e as ImportError {
                    _ = e.description
                }
                for row in session.summary.skippedRows { _ = row.description }
                return .rollback
            }
        } catch {
            fatalError("the import failed with an error that is not an ImportError: \(error)")
        }
    }
}
#endif
