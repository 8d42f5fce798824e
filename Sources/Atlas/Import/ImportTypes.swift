import Foundation

/// The datasets `crossroads import` reads, by the names the command takes.
public enum ImportPreset: String, CaseIterable, Sendable {
    case unMissions = "un-missions"
    case geoPKO = "geo-pko"
    case unscVetoes = "unsc-vetoes"
    case ucdpGED = "ucdp-ged"
    case acled
    case gdelt1
    /// Any other CSV, by a mapping file (`ImportOptions.mapping`).
    case mapping

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

public struct ImportSummary: Sendable {
    public var rowsRead = 0
    /// Records (and figures) new to the database.
    public var imported = 0
    /// Records already there, replaced by this import's version.
    public var updated = 0
    /// Rows whose record the atlas already has from a cited source (the seed
    /// atlas's UNDOF): that record is kept, and dataset figures attach to it.
    public var kept = 0
    /// Rows left out, by reason.
    public var skipped = 0
    public var skippedByReason: [String: Int] = [:]
    /// The first skipped rows, with their lines.
    public var skippedRows: [SkippedRow] = []
    public var seconds: Double = 0

    mutating func skip(_ row: SkippedRow) {
        skipped += 1
        skippedByReason[row.reason, default: 0] += 1
        if skippedRows.count < 1000 { skippedRows.append(row) }
    }
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
        }
    }
}
