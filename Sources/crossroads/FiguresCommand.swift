import ArgumentParser
import Atlas
import Foundation

struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "A record's figures as a table: by date with the total on each date, or by actor.",
        discussion: """
            For a mission, its contributors' figures; for an actor, its figures on every mission \
            and event that holds them. A total is the sum of the figures the atlas holds for that \
            date, not an official strength.
            """)

    enum By: String, ExpressibleByArgument, CaseIterable { case date, actor }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, tsv }

    @Argument(help: "The record's id.")
    var id: String

    @Option(name: .long, help: "Order the rows by date (with totals per date) or by actor.")
    var by: By = .date

    @OptionGroup var data: DataOptions

    @Option(name: .long, help: "Output format: text, json, csv or tsv.")
    var format: Format = .text

    func validate() throws {
        if id.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the id is empty") }
    }

    func run() throws {
        let store = try data.openStore()
        let found: FigureTable?
        do { found = try store.figureTable(id, sortedBy: by == .date ? .date : .actor) } catch { throw CLIError(error) }
        guard let table = found else { throw CLIError.notFound(id, in: store) }
        switch format {
        case .json: Output.write(try Output.json(FiguresJSON(id: id, table: table)))
        case .csv, .tsv:
            let header = ["date", "actor", "actor_title", "holder", "holder_title", "category", "count", "qualifier",
                          "location", "dataset", "source", "locator", "quote"]
            let rows: [[String?]] = table.rows.map { r in
                [r.date, r.actor?.id, r.actor?.title, r.holder.id, r.holder.title, r.category, "\(r.count)",
                 r.qualifier.rawValue, r.location, r.dataset, r.citation?.source.id, r.citation?.locator, r.citation?.quote]
            }
            FileHandle.standardOutput.write(Data(DelimitedText.write(header: header, rows: rows, as: format == .csv ? .csv : .tsv).utf8))
        case .text: Output.write(FiguresText.render(id: id, table: table, by: by))
        }
    }
}

/// The text of `crossroads figures`: a chart of the totals, the rows, the totals.
enum FiguresText {
    static func render(id: String, table: FigureTable, by: FiguresCommand.By) -> String {
        guard !table.rows.isEmpty else { return "\(id): no figures" }
        let totals = table.totals
        var out = "\(id): \(Output.count(table.rows.count, "figure"))"
        if let category = table.chartCategory {
            let series = totals.filter { $0.category == category }
            if series.count > 1, let first = series.first, let last = series.last {
                out += "\n" + table.chart(width: 60) + "  \(category) per date, \(first.date) … \(last.date)"
            }
        }
        let showHolder = table.rows.contains { $0.holder.id != id }
        var rows: [[String]] = [["date", "actor", "category", "count"] + (showHolder ? ["on"] : [])]
        for r in table.rows {
            rows.append([r.date ?? "—", r.actorTitle, r.category, r.countText] + (showHolder ? [r.holder.title ?? r.holder.id] : []))
        }
        out += "\n\n" + Output.table(rows)
        if by == .date, !totals.isEmpty {
            var t: [[String]] = [["date", "category", "total", "of"]]
            for total in totals {
                t.append([total.date, total.category, (total.approximate ? "about " : "") + "\(total.count)",
                          Output.count(total.figures, "figure")])
            }
            out += "\n\nTotals: the sum of the figures the atlas holds for each date and category"
            if showHolder { out += " (on missions and on \(id) itself; figures on events are listed, not added)" }
            out += "\n" + Output.table(t)
        }
        return out
    }
}

/// The JSON of `crossroads figures`: the rows in the order asked, and the totals.
struct FiguresJSON: Encodable {
    struct Row: Encodable {
        var date: String?; var actor: String?; var actorTitle: String?; var holder: String; var holderTitle: String?
        var category: String; var count: Int; var qualifier: String; var location: String?; var dataset: String?
        var source: String?; var locator: String?; var quote: String?
    }
    struct Total: Encodable { var date: String; var category: String; var count: Int; var figures: Int; var approximate: Bool }
    var id: String
    var rows: [Row]
    var totals: [Total]

    init(id: String, table: FigureTable) {
        self.id = id
        rows = table.rows.map { r in
            Row(date: r.date, actor: r.actor?.id, actorTitle: r.actor?.title, holder: r.holder.id, holderTitle: r.holder.title,
                category: r.category, count: r.count, qualifier: r.qualifier.rawValue, location: r.location, dataset: r.dataset,
                source: r.citation?.source.id, locator: r.citation?.locator, quote: r.citation?.quote)
        }
        totals = table.totals.map { Total(date: $0.date, category: $0.category, count: $0.count, figures: $0.figures, approximate: $0.approximate) }
    }
}
