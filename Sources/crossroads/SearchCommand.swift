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

    @OptionGroup var data: DataOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let store = try data.openStore()
        let hits: [SearchHit]
        do { hits = try store.search(query.joined(separator: " "), kind: kind?.kind, limit: limit) } catch { throw CLIError(error) }
        switch output.format {
        case .json: Output.write(try Output.json(hits.map(SearchHitJSON.init)))
        case .text: Output.write(RowJSON.textRows(hits.map(\.row)))
        }
        // Like grep, text output says so and exits 1; JSON's empty array is the answer.
        if hits.isEmpty && output.format == .text {
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
