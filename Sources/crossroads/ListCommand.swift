import ArgumentParser
import Atlas

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List events (in date order), actors or missions (by title).")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case events, actors, missions, sources

        init?(argument: String) {
            // `list event` reads as well as `list events`.
            let a = argument.lowercased()
            guard let k = Kind(rawValue: a) ?? Kind(rawValue: a + "s") else { return nil }
            self = k
        }
        var recordKind: RecordKind {
            switch self {
            case .events: return .event
            case .actors: return .actor
            case .missions: return .mission
            case .sources: return .source
            }
        }
    }

    @Argument(help: "What to list: events, actors, missions or sources.")
    var kind: Kind

    @Option(help: ArgumentHelp("Only events this actor takes part in.", valueName: "id"))
    var actor: String?

    @Option(help: ArgumentHelp("Only events of this mission.", valueName: "id"))
    var mission: String?

    @Option(help: ArgumentHelp("Only events on or after this EDTF date (2024, 2024-03, 2024-03-22).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only events on or before this EDTF date.", valueName: "date"))
    var to: String?

    @Option(help: "At most this many rows.")
    var limit: Int = 10_000

    @Option(help: "Skip this many rows first.")
    var offset: Int = 0

    @Option(help: ArgumentHelp("Columns for csv, tsv, ndjson and json, comma-separated (\(ExportField.allCases.map(\.rawValue).joined(separator: ", "))).",
                               valueName: "fields"))
    var fields: String?

    @OptionGroup var data: DataOptions

    @Option(help: "Output format: text (aligned, for people), json, csv, tsv or ndjson.")
    var format: ListFormat = .text

    func validate() throws {
        if kind != .events && (actor != nil || mission != nil || from != nil || to != nil) {
            throw ValidationError("--actor, --mission, --from and --to filter events only")
        }
        if limit < 0 || offset < 0 { throw ValidationError("--limit and --offset must not be negative") }
        if let fields {
            if case .failure(let e) = ExportField.parseList(fields) { throw ValidationError("--fields: \(e)") }
            if format == .text { throw ValidationError("--fields picks the columns of json, csv, tsv and ndjson") }
        }
    }

    func run() throws {
        let store = try data.openStore()
        var filter = ListFilter(kind: kind.recordKind, actor: actor, mission: mission)
        filter.from = try from.map { try Self.date($0, option: "--from").sortKey }
        filter.to = try to.map { try Self.date($0, option: "--to").endKey }
        if let f = filter.from, let t = filter.to, f > t {
            throw CLIError("--from \(from!) is after --to \(to!)", code: .usage)
        }
        for (id, expected) in [(actor, RecordKind.actor), (mission, .mission)] {
            guard let id else { continue }
            guard let found = try store.lookup(id) else { throw CLIError.notFound(id, in: store) }
            if found.kind != expected {
                throw CLIError("'\(id)' is a \(found.kind.rawValue), not a\(expected == .actor ? "n" : "") \(expected.rawValue)", code: .usage)
            }
        }
        let rows: [ListRow]
        let total: Int
        do {
            rows = try store.rows(filter, offset: offset, limit: limit)
            total = try store.count(filter)
        } catch { throw CLIError(error) }
        if offset + rows.count < total {
            // Scripts read stdout; the person running them should know it is not all.
            Output.note("first \(rows.count) of \(total) (use --limit and --offset)")
        }
        guard let export = format.export else {
            Output.write(RowJSON.textRows(rows))
            return
        }
        let chosen = try fields.map { text throws(CLIError) -> [ExportField] in
            switch ExportField.parseList(text) {
            case .success(let f): return f
            case .failure(let e): throw CLIError("--fields: \(e)", code: .usage)
            }
        } ?? (format == .json ? ListFormat.jsonFields : ExportField.defaults(for: kind.recordKind))
        var writer = ExportWriter(format: export, fields: chosen, provenance: nil)
        var out = writer.begin()
        // Windows of rows, so that a long list streams instead of building one string.
        for start in stride(from: 0, to: rows.count, by: 1000) {
            let window = Array(rows[start..<min(rows.count, start + 1000)])
            let records: [ExportRecord]
            do { records = try store.exportRecords(window) } catch { throw CLIError(error) }
            for r in records { out += writer.record(r) }
            Output.writeRaw(out)
            out = ""
        }
        Output.writeRaw(out + writer.end())
    }

    static func date(_ text: String, option: String) throws(CLIError) -> EDTFDate {
        do { return try EDTFDate(parsing: text) } catch {
            throw CLIError("\(option): \(error.description)", code: .usage)
        }
    }
}

/// What `list` prints.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, tsv, ndjson

    var export: ExportFormat? {
        switch self {
        case .text: return nil
        case .json: return .json
        case .csv: return .csv
        case .tsv: return .tsv
        case .ndjson: return .ndjson
        }
    }

    /// JSON as before (`id, kind, title, date`) with the type, place and country.
    static let jsonFields: [ExportField] = [.id, .kind, .title, .date, .type, .place, .country]
}
