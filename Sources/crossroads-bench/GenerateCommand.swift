import ArgumentParser
import Atlas
import Foundation

/// `crossroads-bench generate`: a synthetic atlas database and the same events as
/// a UCDP-GED-shaped CSV.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic atlas database (and a UCDP-GED-shaped CSV of its events).")

    @Option(help: "Number of events.") var events: Int = 100_000
    @Option(help: "Number of actors.") var actors: Int = 5_000
    @Option(help: "Number of missions.") var missions: Int = 80
    @Option(help: "Random seed; the same seed gives the same atlas.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Database file to write.", valueName: "file")) var into: String
    @Option(help: ArgumentHelp("CSV file to write (default: the database's name with .ged.csv).", valueName: "file"))
    var csv: String?

    func validate() throws {
        guard events > 0, actors > 1, missions > 0 else {
            throw ValidationError("--events, --actors and --missions must be positive (at least 2 actors)")
        }
    }

    func run() throws {
        let start = Date()
        var gen = SyntheticAtlas(events: events, actors: actors, missions: missions, seed: seed)
        let dbURL = URL(fileURLWithPath: into)
        let csvURL = URL(fileURLWithPath: csv ?? (into.hasSuffix(".sqlite") ? String(into.dropLast(7)) : into) + ".ged.csv")
        let builder = try DatabaseBuilder(creating: dbURL)
        let csvOut = try UCDPShapedCSV(url: csvURL)
        do {
            var head = AtlasContent()
            head.sources = [SyntheticAtlas.source]
            head.actors = (0..<gen.actors).map(gen.actor)
            head.missions = (0..<gen.missions).map(gen.mission)
            try builder.append(head)
            let batch = 20_000
            var i = 0
            while i < events {
                var content = AtlasContent()
                for k in i..<min(events, i + batch) {
                    let d = gen.draft(k)
                    let (e, links) = try gen.event(d)
                    content.events.append(e)
                    content.links += links
                    try csvOut.write(d, generator: gen)
                }
                try builder.append(content)
                i += batch
                FileHandle.standardError.write("\r\(min(i, events)) of \(events) events".data(using: .utf8)!)
            }
            FileHandle.standardError.write("\rfinishing (search index, statistics)…\n".data(using: .utf8)!)
            try csvOut.close()
            try builder.finish()
        } catch {
            builder.abandon()
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: dbURL.path)[.size] as? Int) ?? 0
        print("wrote \(dbURL.path) (\(size / 1_000_000) MB): \(events) events, \(gen.actors) actors, \(gen.missions) missions, seed \(seed)")
        print("wrote \(csvURL.path): the same events as UCDP GED 23.1 columns")
        print(String(format: "in %.1f s", Date().timeIntervalSince(start)))
    }
}

/// The generated events as UCDP GED 23.1 rows, for the import benchmark.
final class UCDPShapedCSV {
    static let header = "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"
    let handle: FileHandle
    var buffer = ""

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ValidationError("cannot create \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer = Self.header + "\n"
    }

    /// RFC 4180 quoting. Written here rather than with a CSV library because the
    /// generator controls every field and needs only this one rule.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    func write(_ d: SyntheticAtlas.EventDraft, generator g: SyntheticAtlas) throws {
        func date(_ t: (y: Int, m: Int, d: Int)) -> String { "\(t.y)-\(SyntheticAtlas.pad(t.m, 2))-\(SyntheticAtlas.pad(t.d, 2))" }
        let a = g.actorTitle(d.actors[0].id).title, b = g.actorTitle(d.actors[1].id).title
        let id = 1_000_000 + d.index
        let fields: [String] = [
            "\(id)", "SYN-\(d.start.y)-1-\(d.index)", "\(d.start.y)", "1", "Clear", "\(1 + d.index % 3)", "\(d.actors[0].id)",
            "\(d.actors[0].id)", "\(a): \(b)", "\(d.index % 5000)", "\(d.index % 5000)", "\(a) - \(b)", "\(d.actors[0].id)",
            "\(d.actors[0].id)", a, "\(d.actors[1].id)", "\(d.actors[1].id)", b, "1",
            "\"Synthetic wire, \(date(d.start))\" \(d.title)", "Synthetic wire", date(d.start), d.title, "synthetic",
            "1", d.place.name, "in \(d.place.name), \(d.place.region)", d.place.region, "",
            String(d.latitude), String(d.longitude), "POINT (\(d.longitude) \(d.latitude))", "\(100_000 + d.index % 50_000)",
            d.place.region, "\(600 + d.index % 100)", "Middle East", "1", "\(d.precision)", date(d.start), date(d.end),
            "\(d.deaths / 2)", "\(d.deaths - d.deaths / 2)", "0", "0", "\(d.deaths)", "\(d.deaths + d.deaths / 3)", "\(d.deaths)",
            "\(600 + d.index % 100)", "",
        ]
        buffer += fields.map(Self.field).joined(separator: ",") + "\n"
        if buffer.utf8.count > 1 << 20 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
