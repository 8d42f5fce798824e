import ArgumentParser
import Atlas

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, aliases, summaries and places; best matches first.",
        discussion: "Words match by prefix and ignore case and accents: 'turkiye' finds 'Türkiye'. Any text is safe to type.")

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
        case .json: Output.write(try Output.json(hits.map { RowJSON($0.row) }))
        case .text: Output.write(RowJSON.textRows(hits.map(\.row)))
        }
        // Like grep, text output says so and exits 1; JSON's empty array is the answer.
        if hits.isEmpty && output.format == .text {
            throw CLIError("no matches for '\(query.joined(separator: " "))'", code: .failure)
        }
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
