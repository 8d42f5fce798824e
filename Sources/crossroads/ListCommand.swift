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

    @OptionGroup var data: DataOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if kind != .events && (actor != nil || mission != nil || from != nil || to != nil) {
            throw ValidationError("--actor, --mission, --from and --to filter events only")
        }
        if limit < 0 || offset < 0 { throw ValidationError("--limit and --offset must not be negative") }
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
        do { rows = try store.rows(filter, offset: offset, limit: limit) } catch { throw CLIError(error) }
        switch output.format {
        case .json: Output.write(try Output.json(rows.map(RowJSON.init)))
        case .text: Output.write(RowJSON.textRows(rows))
        }
    }

    static func date(_ text: String, option: String) throws(CLIError) -> EDTFDate {
        do { return try EDTFDate(parsing: text) } catch {
            throw CLIError("\(option): \(error.description)", code: .usage)
        }
    }
}
