import Atlas
import Foundation

/// Carries out an `ExportRequest`: reads the rows in windows, writes them through
/// `ExportWriter` to a temporary file beside the target and renames it over, so
/// that a reader sees the old file or the whole new one. The loop and `snapshot`
/// both run it.
public enum ExportJob {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case store(String)
        case cannotWrite(path: String, reason: String)
        public var description: String {
            switch self {
            case .store(let why): return "could not read the list: \(why)"
            case .cannotWrite(let p, let why): return "could not write \(p): \(why)"
            }
        }
    }

    static let window = 1000

    /// Writes the export; returns how many records it holds. `progress(done, total)`
    /// is called after each window of rows.
    @discardableResult
    public static func run(_ r: ExportRequest, progress: (Int, Int) -> Void = { _, _ in }) throws(Failure) -> Int {
        let store = r.store
        let fields = ExportField.defaults(for: .event)
        // The rows first (ids and sort keys only), so the provenance can say how many.
        let rows: [ListRow]
        do {
            switch r.rows {
            case .list(let filter):
                rows = try store.rows(filter, offset: 0, limit: Int.max / 2)
            case .search(let query, let within):
                let hits = try store.search(query, kind: .event, limit: 1_000_000).map(\.row)
                if within == ListFilter(kind: .event) {
                    rows = hits
                } else {
                    let shown = Set(try store.rows(within, offset: 0, limit: Int.max / 2).map(\.id))
                    rows = hits.filter { shown.contains($0.id) }
                }
            }
        } catch { throw .store(error.description) }
        var provenance = r.provenance
        provenance.records = rows.count
        var writer = ExportWriter(format: r.format, fields: fields, provenance: r.format.provenanceBeside ? nil : provenance)

        let url = URL(fileURLWithPath: r.path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
              let out = FileHandle(forWritingAtPath: tmp.path) else {
            throw .cannotWrite(path: r.path, reason: String(cString: strerror(errno)))
        }
        do {
            defer { try? out.close() }
            try out.write(contentsOf: Data(writer.begin().utf8))
            for start in stride(from: 0, to: rows.count, by: window) {
                let part = Array(rows[start..<min(rows.count, start + window)])
                let records: [ExportRecord]
                do { records = try store.exportRecords(part) } catch { throw Failure.store(error.description) }
                var text = ""
                for rec in records { text += writer.record(rec) }
                try out.write(contentsOf: Data(text.utf8))
                progress(start + part.count, rows.count)
            }
            try out.write(contentsOf: Data(writer.end().utf8))
            try out.synchronize()
        } catch let f as Failure {
            unlink(tmp.path)
            throw f
        } catch {
            unlink(tmp.path)
            throw .cannotWrite(path: r.path, reason: "\(error.localizedDescription)")
        }
        if r.format.provenanceBeside {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try AtomicFile.write(try encoder.encode(provenance), to: URL(fileURLWithPath: r.path + ".provenance.json"))
            } catch {
                unlink(tmp.path)
                throw .cannotWrite(path: r.path + ".provenance.json", reason: "\(error)")
            }
        }
        guard rename(tmp.path, url.path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp.path)
            throw .cannotWrite(path: r.path, reason: why)
        }
        AtomicFile.syncFolder(of: url)
        return rows.count
    }

    /// The status line after an export.
    public static func done(_ r: ExportRequest, count: Int) -> String {
        "exported \(count) event\(count == 1 ? "" : "s") to \(TerminalText.sanitize(r.path))"
            + (r.format.provenanceBeside ? " (provenance in \(TerminalText.sanitize(r.path)).provenance.json)" : "")
    }
}
