import ArgumentParser
import Atlas

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, aliases, ids, summaries, places and quotes; best matches first.",
        discussion: """
            Words match by prefix, in their other forms (vetoed finds vetoes) and with typos \
            (one in words of 5+ letters, two in 9+), ignoring case and accents: 'turkiye' finds \
            'Türkiye', 'Kazakhstani' finds Kazakhstan. "a phrase", a OR b (a | b) and -word \
            are understood; any other text is safe to type. The record named by the query comes \
            first; JSON says where a hit matched when not in its title ("matched": "quote").
            """)

    @Argument(help: "Words to search for.")
    var query: [String]

    @Option(help: "Only this kind: event, actor, mission or source.")
    var kind: RecordKindArgument?

    @Option(help: "At most this many results.")
    var limit: Int = 50

    @Option(help: ArgumentHelp("Columns for csv, tsv and ndjson, comma-separated (\(ExportField.allCases.map(\.rawValue).joined(separator: ", "))).",
                               valueName: "fields"))
    var fields: String?

    @OptionGroup var data: DataOptions

    @Option(help: "Output format: text (aligned, for people), json, csv, tsv or ndjson.")
    var format: ListFormat = .text

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        // An empty query would match nothing; it is a mistake on the command line.
        if query.joined(separator: " ").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("give words to search for")
        }
        if let fields {
            if case .failure(let e) = ExportField.parseList(fields) { throw ValidationError("--fields: \(e)") }
            if format == .text || format == .json { throw ValidationError("--fields picks the columns of csv, tsv and ndjson") }
        }
    }

    func run() throws {
        let store = try data.openStore()
        let text = query.joined(separator: " ")
        var hits: [SearchHit]
        do { hits = try store.search(text, kind: kind?.kind, limit: limit + 1) } catch { throw CLIError(error) }
        if hits.count > limit {
            // One more than asked says the limit cut; the count says by how much.
            hits.removeLast()
            let total = (try? store.searchCount(text, kind: kind?.kind)).map { "\($0)" } ?? "more"
            Output.note("first \(limit) of \(total) (use --limit)")
        }
        switch format {
        case .json: Output.write(try Output.json(hits.map(SearchHitJSON.init)))
        case .text: Output.write(RowJSON.textRows(hits.map(\.row)))
        case .csv, .tsv, .ndjson:
            let chosen = try fields.map { text throws(CLIError) -> [ExportField] in
                switch ExportField.parseList(text) {
                case .success(let f): return f
                case .failure(let e): throw CLIError("--fields: \(e)", code: .usage)
                }
            } ?? (kind.map { ExportField.defaults(for: $0.kind) } ?? ListFormat.jsonFields)
            var writer = ExportWriter(format: format.export!, fields: chosen, provenance: nil)
            var out = writer.begin()
            let records: [ExportRecord]
            do { records = try store.exportRecords(hits.map(\.row)) } catch { throw CLIError(error) }
            for r in records { out += writer.record(r) }
            Output.writeRaw(out + writer.end())
        }
        // Like grep, text output says so and exits 1; JSON's empty array is the answer.
        if hits.isEmpty && format == .text {
            throw CLIError("no matches for '\(query.joined(separator: " "))'", code: .failure)
        }
    }
}

/// A row of `search --format json`: the list row, and where it matched when that was
/// not its title.
struct SearchHitJSON: Encodable {
    var row: RowJSON
    var matched: String?

    init(_ hit: SearchHit) {
        row = RowJSON(hit.row)
        matched = hit.matchedIn == .title ? nil : hit.matchedIn.rawValue
    }

    enum CodingKeys: String, CodingKey { case matched }

    func encode(to encoder: any Encoder) throws {
        try row.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(matched, forKey: .matched)
    }
}

struct RecordKindArgument: ExpressibleByArgument {
    var kind: RecordKind
    init?(argument: String) {
        let a = argument.hasSuffix("s") ? String(argument.dropLast()) : argument
        guard let k = RecordKind(rawValue: a) else { return nil }
        kind = k
    }
    static var allValueStrings: [String] { RecordKind.allCases.map(\.rawValue) }
}
