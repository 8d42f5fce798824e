import Foundation

/// The datasets `crossroads import` reads, by the names the command takes.
public enum ImportPreset: String, CaseIterable, Sendable {
    case unMissions = "un-missions"
    case geoPKO = "geo-pko"
    case unscVetoes = "unsc-vetoes"
    case ucdpGED = "ucdp-ged"
    case acled
    case gdelt1
    /// UN peacekeeping contribution ranks: uniformed personnel by country and date.
    case unContributions = "un-contributions"
    /// Any other CSV, by a mapping file (`ImportOptions.mapping`).
    case mapping
    /// An atlas folder of one's own (`--with-atlas DIR`): its records with the
    /// datasets, accounted for like a dataset's.
    case atlas

    var separator: UInt8 { self == .gdelt1 ? 0x09 : 0x2C }
    /// GDELT 1.0 exports have no header row: columns go by position.
    var header: [String]? { self == .gdelt1 ? ImportSession.gdeltColumns : nil }
}

public enum TextEncodingChoice: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case cp1252
}

public struct ImportOptions: Sendable {
    /// Any bad row fails the import (and leaves the database as it was).
    public var strict: Bool
    /// nil: UTF-8, falling back to cp1252 for fields that are not valid UTF-8.
    public var encoding: TextEncodingChoice?
    /// For the `mapping` preset: which columns make an event.
    public var mapping: ImportMapping?
    public init(strict: Bool = false, encoding: TextEncodingChoice? = nil, mapping: ImportMapping? = nil) {
        self.strict = strict
        self.encoding = encoding
        self.mapping = mapping
    }
}

/// Where an import stands, for a progress bar.
public struct ImportProgress: Sendable {
    public var file: String
    public var rows: Int
    public var bytesRead: Int
    public var bytesTotal: Int
    public var seconds: Double
}

/// A row that was not imported, with where it is and why.
public struct SkippedRow: Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): skipped: \(reason)" }
}

/// The kinds of record a row can become, in the order a summary lists them.
public enum ImportedKind: String, CaseIterable, Sendable, Codable {
    case events, figures, actors, missions, sources
}

/// What an import did to the records of one kind.
public struct RecordTally: Sendable, Equatable, Codable {
    /// Not in the database before.
    public var new = 0
    /// Already there with the same values.
    public var unchanged = 0
    /// Already there with other values, by why (which fields changed, or what
    /// replaced them).
    public var updated: [String: Int] = [:]
    public var updatedTotal: Int { updated.values.reduce(0, +) }
    public var total: Int { new + unchanged + updatedTotal }
    public init() {}
}

/// The accounting of one preset's files: every row read is exactly one of
/// imported (it became or confirmed records), merged (it adds nothing another row
/// or the atlas does not already say, with why) or skipped (with why).
public struct ImportSummary: Sendable {
    public var rowsRead = 0
    /// Rows that became records (new, unchanged or updated).
    public var rowsImported = 0
    /// Rows whose records another row or the atlas already gives, by why.
    public var mergedByReason: [String: Int] = [:]
    public var rowsMerged: Int { mergedByReason.values.reduce(0, +) }
    /// Rows left out, by reason.
    public var skipped = 0
    public var skippedByReason: [String: Int] = [:]
    /// The first skipped rows, with their lines.
    public var skippedRows: [SkippedRow] = []
    /// Parts of imported rows left out (a Geo-PKO contingent of unknown size), by
    /// reason, with the first of them.
    public var skippedItemsByReason: [String: Int] = [:]
    public var skippedItems: [SkippedRow] = []
    public var skippedItemCount: Int { skippedItemsByReason.values.reduce(0, +) }
    /// What the rows became, by kind.
    public var records: [ImportedKind: RecordTally] = [:]
    /// Records of an earlier export this one no longer has, marked withdrawn today.
    public var withdrawn: [ImportedKind: Int] = [:]
    public var seconds: Double = 0

    public init() {}

    /// The records of a kind (all zero when none).
    public func tally(_ kind: ImportedKind) -> RecordTally { records[kind] ?? RecordTally() }
    /// New records of every kind.
    public var newRecords: Int { records.values.reduce(0) { $0 + $1.new } }
    public var updatedRecords: Int { records.values.reduce(0) { $0 + $1.updatedTotal } }
    /// Every row is counted once.
    public var addsUp: Bool { rowsRead == rowsImported + rowsMerged + skipped }

    mutating func skip(_ row: SkippedRow) {
        skipped += 1
        skippedByReason[row.reason, default: 0] += 1
        if skippedRows.count < 1000 { skippedRows.append(row) }
    }

    mutating func skipItem(_ item: SkippedRow, reason: String) {
        skippedItemsByReason[reason, default: 0] += 1
        if skippedItems.count < 1000 { skippedItems.append(item) }
    }

    mutating func count(_ kind: ImportedKind, _ outcome: RecordOutcome) {
        var t = records[kind] ?? RecordTally()
        switch outcome {
        case .new: t.new += 1
        case .unchanged: t.unchanged += 1
        case .updated(let why): t.updated[why, default: 0] += 1
        }
        records[kind] = t
    }
}

/// What writing one record did.
enum RecordOutcome: Equatable {
    case new, unchanged
    case updated(String)
}

/// Why an import failed; one line naming the file and line where there is one.
public enum ImportError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case badRow(SkippedRow)
    case malformed(path: String, line: Int, reason: String)
    /// A problem at a line and column (of a mapping file).
    case malformedAt(path: String, line: Int, column: Int, reason: String)
    case missingColumns(path: String, columns: [String])
    case database(path: String, reason: String)
    /// Another import is writing into the same database.
    case busy(path: String)
    /// The database to add to cannot be opened (not an atlas, newer, corrupt).
    case store(StoreError)
    /// The file is another dataset's (or another shape): refused from its first rows.
    case notThisDataset(path: String, line: Int, reason: String)
    /// The import brought nothing in, or skipped more rows than it imported: the
    /// database is left as it was, and the summaries say why.
    case tooLittleImported(path: String, summaries: [ImportSummary])
    /// An atlas given with `--with-atlas` has problems: every one is listed, and
    /// nothing is imported.
    case atlasProblems(path: String, problems: [AtlasProblem])

    public var isUnreadable: Bool { if case .unreadable = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .malformed(let path, 0, let reason): return "\(path): \(reason)"
        case .badRow(let r): return "\(r.file):\(r.line): \(r.reason) (--strict)"
        case .malformed(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .malformedAt(let path, let line, let column, let reason): return "\(path):\(line):\(column): \(reason)"
        case .missingColumns(let path, let columns):
            return "\(path):1: not this dataset's file: no column\(columns.count == 1 ? "" : "s") \(columns.joined(separator: ", "))"
        case .database(let path, let reason): return "\(path): \(reason)"
        case .busy(let path):
            let copy = URL(fileURLWithPath: path).lastPathComponent
            return "\(path): another import into it is running (it holds .\(copy).partial); try again when it has finished"
        case .store(let e): return e.description
        case .notThisDataset(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .atlasProblems(let path, let problems):
            let n = problems.count
            return "\(path): the atlas has \(n) problem\(n == 1 ? "" : "s"); nothing was imported"
        case .tooLittleImported(let path, let summaries):
            let imported = summaries.reduce(0) { $0 + $1.rowsImported + $1.rowsMerged }
            let skipped = summaries.reduce(0) { $0 + $1.skipped }
            return imported == 0
                ? "\(path): nothing imported (\(skipped) rows skipped); the database is as it was"
                : "\(path): more rows skipped (\(skipped)) than imported (\(imported)); the database is as it was"
        }
    }
}

extension CSVReader.Encoding {
    /// How the reader decodes a file for the `--encoding` chosen: as said, or detected
    /// (UTF-8, falling back to cp1252 per field) when none was.
    init(_ choice: TextEncodingChoice?) {
        switch choice {
        case .utf8: self = .utf8
        case .cp1252: self = .cp1252
        case nil: self = .detect
        }
    }
}
