import Foundation

/// An import's accounting as people read it (text) and scripts read it (JSON): rows
/// read, what they became by kind, then the rows merged and skipped with why. The
/// two say the same thing; `crossroads import --format json` prints the second.
public struct ImportAccounting: Codable, Sendable, Equatable {
    public struct Rows: Codable, Sendable, Equatable {
        public var read: Int
        public var imported: Int
        /// Why rows added nothing new, with how many.
        public var merged: [String: Int]
        public var skipped: [String: Int]
    }
    public struct Records: Codable, Sendable, Equatable {
        public var new: Int
        public var unchanged: Int
        public var updated: [String: Int]
        /// Records of an earlier export this one no longer has: marked withdrawn today.
        public var withdrawn: Int
    }
    public struct Line: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
    }
    public var preset: String
    public var files: [String]
    public var rows: Rows
    /// By kind: events, figures, actors, missions (kinds with no record left out).
    public var records: [String: Records]
    /// Parts of imported rows left out (a contingent of unknown size), by why.
    public var skippedItems: [String: Int]
    /// The first skipped rows and items, with their lines.
    public var skippedRowLines: [Line]
    public var skippedItemLines: [Line]
    /// rows.read == rows.imported + merged + skipped.
    public var addsUp: Bool
    public var seconds: Double

    public init(preset: ImportPreset, files: [URL], summary s: ImportSummary, lines: Int = 20) {
        self.preset = preset.rawValue
        self.files = files.map(\.path)
        rows = Rows(read: s.rowsRead, imported: s.rowsImported, merged: s.mergedByReason, skipped: s.skippedByReason)
        var records: [String: Records] = [:]
        for kind in ImportedKind.allCases {
            let t = s.tally(kind)
            let gone = s.withdrawn[kind] ?? 0
            if t.total > 0 || gone > 0 {
                records[kind.rawValue] = Records(new: t.new, unchanged: t.unchanged, updated: t.updated, withdrawn: gone)
            }
        }
        self.records = records
        skippedItems = s.skippedItemsByReason
        skippedRowLines = s.skippedRows.prefix(lines).map { Line(file: $0.file, line: $0.line, reason: $0.reason) }
        skippedItemLines = s.skippedItems.prefix(lines).map { Line(file: $0.file, line: $0.line, reason: $0.reason) }
        addsUp = s.addsUp
        seconds = (s.seconds * 1000).rounded() / 1000
    }

    /// The summary for people: one line of rows, one line per kind of record, then
    /// merged and skipped rows and items by reason.
    public var text: String {
        func reasons(_ d: [String: Int]) -> String {
            d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ")
        }
        let merged = rows.merged.values.reduce(0, +), skipped = rows.skipped.values.reduce(0, +)
        let rate = seconds > 0 ? Int(Double(rows.read) / seconds) : 0
        var out = ["\(preset): \(rows.read) rows read: \(rows.imported) imported, \(merged) merged, \(skipped) skipped (\(String(format: "%.2f", seconds)) s, \(rate) rows/s)"]
        for kind in ImportedKind.allCases {
            guard let r = records[kind.rawValue] else { continue }
            var line = "  \(kind.rawValue): \(r.new) new, \(r.unchanged) unchanged, \(r.updated.values.reduce(0, +)) updated"
            if !r.updated.isEmpty { line += " (" + reasons(r.updated) + ")" }
            if r.withdrawn > 0 { line += ", \(r.withdrawn) withdrawn (not in this export)" }
            out.append(line)
        }
        if !rows.merged.isEmpty { out.append("  merged rows: " + reasons(rows.merged)) }
        if !rows.skipped.isEmpty { out.append("  skipped rows: " + reasons(rows.skipped)) }
        if !skippedItems.isEmpty { out.append("  skipped items: " + reasons(skippedItems)) }
        return out.joined(separator: "\n")
    }
}
