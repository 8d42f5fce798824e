import ArgumentParser
import Atlas
import BrowserModel

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one record: its fields, sources with quotes, and links in both directions.")

    @Argument(help: "The record's id.")
    var id: String

    @OptionGroup var data: DataOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if id.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the id is empty") }
    }

    func run() throws {
        let store = try data.openStore()
        let found: RecordDetail?
        do { found = try store.detail(id) } catch { throw CLIError(error) }
        guard let d = found else { throw CLIError.notFound(id, in: store) }
        // A dataset record a newer export no longer has is shown, marked (issue 12).
        let withdrawn = (try? store.withdrawn(d.id)) ?? nil
        switch output.format {
        case .json:
            var json = RecordJSON(d)
            json.withdrawn = withdrawn
            Output.write(try Output.json(json))
        case .text:
            let mark = withdrawn.map { "withdrawn on \($0): the latest export of its dataset no longer has it\n" } ?? ""
            Output.write(mark + RecordText.render(d))
        }
    }
}

/// The stable JSON shape of `show`.
struct RecordJSON: Encodable {
    struct Ref: Encodable {
        var id: String
        var title: String?
        init(_ r: RecordDetail.Ref) { id = r.id; title = r.title }
    }
    struct Source: Encodable { var id: String; var title: String?; var locator: String?; var quote: String? }
    struct Link: Encodable {
        var rel: String; var direction: String; var id: String; var title: String?
        var kind: String?; var resolved: Bool; var dataset: String?
    }
    struct ActorRole: Encodable { var id: String; var title: String?; var role: String }
    struct Place: Encodable { var name: String; var region: String?; var country: String?; var lat: Double?; var lon: Double? }
    struct Figure: Encodable {
        var date: String?; var actor: String?; var actorTitle: String?; var category: String; var count: Int
        var qualifier: String; var location: String?; var source: Source?; var dataset: String?
    }

    var id: String
    var kind: String
    var title: String
    /// The day a newer export of its dataset no longer had it; nil when current.
    var withdrawn: String? = nil
    var aliases: [String]
    var summary: String?
    var sources: [Source]
    var links: [Link]
    // events
    var date: String?
    var place: Place?
    var type: String?
    var actors: [ActorRole]?
    var missions: [Ref]?
    var figures: [Figure]?
    // missions
    var acronym: String?
    var status: String?
    var location: String?
    var headquarters: String?
    // actors
    var iso3: String?
    // sources
    var publisher: String?
    var author: String?
    var url: String?

    init(_ d: RecordDetail) {
        func source(_ c: RecordDetail.CitationDetail) -> Source {
            Source(id: c.source.id, title: c.source.title, locator: c.locator, quote: c.quote)
        }
        id = d.id; kind = d.kind.rawValue; title = d.title; aliases = d.aliases; summary = d.summary
        sources = d.sources.map(source)
        links = d.links.map {
            Link(rel: $0.label, direction: $0.direction.rawValue, id: $0.target.id, title: $0.target.title,
                 kind: $0.target.kind?.rawValue, resolved: $0.target.resolved, dataset: $0.dataset)
        }
        type = d.type
        let figs = d.figures.map {
            Figure(date: $0.date, actor: $0.actor?.id, actorTitle: $0.actor?.title, category: $0.category, count: $0.count,
                   qualifier: $0.qualifier.rawValue, location: $0.location, source: $0.citation.map(source), dataset: $0.dataset)
        }
        switch d.kind {
        case .event:
            date = d.date
            place = d.place.map { Place(name: $0.name, region: $0.region, country: $0.country, lat: $0.latitude, lon: $0.longitude) }
            actors = d.actors.map { ActorRole(id: $0.actor.id, title: $0.actor.title, role: $0.role) }
            missions = d.missions.map(Ref.init)
            figures = figs
        case .mission:
            date = d.date
            acronym = d.acronym; status = d.status; location = d.location; headquarters = d.headquarters
            figures = figs
        case .actor:
            iso3 = d.iso3
        case .source:
            date = d.date
            publisher = d.publisher; author = d.author; url = d.url
        }
    }
}

/// `show` for people: a heading, the fields, then sources and links.
///
/// Only the summary may span lines: a line break anywhere else (a title, a quote)
/// becomes a space, so no field of a record can forge a line of another.
enum RecordText {
    static func render(_ d: RecordDetail) -> String {
        func line(_ s: String) -> String { TerminalText.sanitize(s) }
        var out: [String] = []
        out.append(line("\(d.title)  [\(d.kind.rawValue) \(d.id)]"))
        var fields: [[String]] = []
        func add(_ k: String, _ v: String?) { if let v, !v.isEmpty { fields.append([k, v]) } }
        if let date = d.date { add(d.kind == .mission ? "mandate" : "date", DateText.display(date)) }
        add("type", d.type)
        // The same fields, in the same order, as the browser's detail pane.
        for f in d.fields { add(f.name, f.value) }
        if d.kind == .actor || d.kind == .mission { add("events", "\(d.eventCount)") }
        if d.kind == .source { add("cited by", d.citedByText) }
        if !fields.isEmpty { out.append(Output.table(fields)) }
        if let s = d.summary {
            out.append("")
            // Each line made inert on its own: no round trip through ␊, which the
            // summary's own text may hold.
            out.append(s.split(separator: "\n", omittingEmptySubsequences: false)
                .map { TerminalText.sanitize(String($0), singleLine: false) }.joined(separator: "\n"))
        }
        if !d.actors.isEmpty {
            out.append(""); out.append("Actors")
            out.append(Output.table(d.actors.map { ["  " + $0.role, $0.actor.title ?? "(not in this atlas)", $0.actor.id] }))
        }
        if !d.missions.isEmpty {
            out.append(""); out.append("Missions")
            out.append(Output.table(d.missions.map { ["  " + ($0.title ?? "(not in this atlas)"), $0.id] }))
        }
        if !d.figures.isEmpty {
            out.append(""); out.append("Figures")
            out.append(Output.table(d.figures.map {
                ["  " + ($0.date.map(DateText.display) ?? ""), $0.actor?.title ?? "",
                 $0.countText, $0.category, $0.location ?? "", $0.dataset.map { "[\($0)]" } ?? ""]
            }))
        }
        if !d.links.isEmpty {
            out.append(""); out.append("Links")
            out.append(Output.table(d.links.map {
                let title = $0.target.title ?? "unresolved: imported from \($0.dataset ?? "another atlas")"
                return ["  " + ($0.direction == .out ? "→ " : "← ") + $0.label, title, $0.target.id]
            }))
        }
        if !d.sources.isEmpty {
            out.append(""); out.append("Sources")
            for c in d.sources {
                out.append(line("  \(c.source.title ?? c.source.id), \(c.locator ?? "")"))
                if let q = c.quote { out.append(line("    “\(q)”")) }
            }
        }
        // Tables sanitize their own cells.
        return out.joined(separator: "\n")
    }
}
