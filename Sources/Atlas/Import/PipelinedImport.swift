import Foundation
import GRDB

/// The import of a preset whose rows are built on a second thread (UCDP GED, the
/// dataset of millions of rows): `RowReader` reads the file and builds events while
/// this thread writes them. Rows are counted, skipped and accounted for here, in
/// file order, exactly as `importFile` does for the other presets.
extension ImportSession {
    /// Presets whose rows are built ahead of the writer.
    static func buildsAhead(_ preset: ImportPreset) -> Bool { preset == .ucdpGED }

    func importBuiltAhead(_ mapped: MappedFile, url: URL, preset: ImportPreset, progress: ((ImportProgress) -> Void)?,
                          start: Date) throws {
        let reader = RowReader(mapped: mapped, path: url.path, preset: preset, options: options, context: rowContext)
        let pipeline = RowPipeline<RowReader.Item> { reader.run($0) }
        var finished = false
        // The reader reads the mapped file until it has stopped: waited for on every
        // way out.
        defer { if finished { pipeline.wait() } else { pipeline.cancelAndWait() } }
        var rows = 0
        while let batch = pipeline.take() {
            for item in batch {
                let prepared: PreparedRow
                switch item.work {
                case .failure(let e): throw e
                case .row(let p): prepared = p
                }
                line = item.line
                rows += 1
                summary.rowsRead += 1
                let skippedBefore = summary.skipped
                rowMerged = nil
                do {
                    try write(prepared)
                } catch let e as ImportError {
                    throw e
                } catch let e as DatabaseError {
                    throw e
                } catch {
                    try skip("\(error)")
                }
                if summary.skipped == skippedBefore {
                    if let why = rowMerged { summary.mergedByReason[why, default: 0] += 1 } else { summary.rowsImported += 1 }
                }
                if rows % 20_000 == 0, let progress {
                    progress(ImportProgress(file: url.lastPathComponent, rows: summary.rowsRead, bytesRead: item.bytesDone,
                                            bytesTotal: mapped.bytes.count, seconds: Date().timeIntervalSince(start)))
                }
            }
        }
        finished = true
    }
}

/// The reading side of `importBuiltAhead`: the header, then each row checked and
/// built into its event (or a reason to skip it), in batches.
final class RowReader: @unchecked Sendable {
    /// One row as the reader hands it over, or why the file cannot be read on.
    struct Item {
        enum Work {
            case row(PreparedRow)
            case failure(ImportError)
        }
        var line: Int
        var bytesDone: Int
        var work: Work
    }

    /// Rows per batch: enough that the hand-over costs nothing per row.
    static let batchSize = 256

    let mapped: MappedFile
    let path: String
    let preset: ImportPreset
    let options: ImportOptions
    var context: RowContext

    init(mapped: MappedFile, path: String, preset: ImportPreset, options: ImportOptions, context: RowContext) {
        self.mapped = mapped
        self.path = path
        self.preset = preset
        self.options = options
        self.context = context
    }

    private struct Stopped: Error {}

    func run(_ pipeline: RowPipeline<Item>) {
        let encoding = CSVReader.Encoding(options.encoding)
        var header: [String: Int] = [:]
        var columns = 0
        var sawTags = false
        var rows = 0
        var batch: [Item] = []
        batch.reserveCapacity(Self.batchSize)
        func send(_ item: Item) throws {
            batch.append(item)
            guard batch.count >= Self.batchSize else { return }
            let open = pipeline.put(batch)
            batch = []
            batch.reserveCapacity(Self.batchSize)
            if !open { throw Stopped() }
        }
        do {
            try CSVReader.forEach(in: mapped.bytes, separator: options.mapping?.separatorByte ?? preset.separator, encoding: encoding) { record in
                if header.isEmpty {
                    // Legacy exports end their header with empty names: no columns.
                    var names = (0..<record.count).map { record.trimmed($0).lowercased() }
                    while names.last == "" { names.removeLast() }
                    for (i, name) in names.enumerated() where header[name] == nil { header[name] = i }
                    columns = names.count
                    let missing = ImportSession.missingColumns(preset, header, mapping: options.mapping)
                    if !missing.isEmpty { throw ImportError.missingColumns(path: path, columns: missing) }
                    return
                }
                // A HDX export repeats its header as HXL tags on the second line.
                if rows == 0 && !sawTags && ImportSession.isHXLTagRow(record) {
                    sawTags = true
                    return
                }
                rows += 1
                context.line = record.line
                let work: PreparedRow
                let extraEmpty = record.count > columns && (columns..<record.count).allSatisfy { record.fields[$0].isEmpty || record.trimmed($0).isEmpty }
                if record.count != columns && !extraEmpty {
                    work = .skip("row has \(record.count) fields, the header has \(columns)")
                } else if options.encoding == .utf8, let bad = (0..<record.count).first(where: { !record.isUTF8($0) }) {
                    work = .skip("field \(bad + 1) is not valid UTF-8 (try --encoding cp1252)")
                } else {
                    work = ImportSession.ucdpPrepare(ImportSession.Row(record: record, header: header), context)
                }
                let done = record.fields.last.map(\.upperBound) ?? 0
                mapped.release(before: record.fields.first?.lowerBound ?? 0)
                try send(Item(line: record.line, bytesDone: done, work: .row(work)))
            }
            if header.isEmpty { try send(Item(line: 1, bytesDone: 0, work: .failure(.malformed(path: path, line: 1, reason: "no header row")))) }
        } catch is Stopped {
            return
        } catch let failure as CSVReader.Failure {
            switch failure {
            case .unclosedQuote(let at):
                try? send(Item(line: at, bytesDone: 0, work: .failure(.malformed(path: path, line: at, reason: "a quoted field is never closed"))))
            }
        } catch let e as ImportError {
            try? send(Item(line: context.line, bytesDone: 0, work: .failure(e)))
        } catch {
            try? send(Item(line: context.line, bytesDone: 0, work: .failure(.malformed(path: path, line: context.line, reason: "\(error)"))))
        }
        if !batch.isEmpty { _ = pipeline.put(batch) }
    }
}
