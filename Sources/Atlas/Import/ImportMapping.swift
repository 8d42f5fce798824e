import Foundation
import Yams

/// A mapping file: which columns of some other CSV make an event, so that a new
/// dataset needs no code (`crossroads import mapping FILE --mapping MAP.yaml`).
///
/// ```yaml
/// namespace: mydata          # ids become mydata:<id>
/// id: event_id               # column names, as in the header row
/// title: headline
/// date: event_date
/// date_format: dd/mm/yyyy    # yyyy-mm-dd (default), dd/mm/yyyy, m/d/yyyy, yyyymmdd
/// actors: [actor1, actor2]
/// place: location
/// region: admin1
/// latitude: lat
/// longitude: lon
/// figures: {fatalities: deaths}   # column: category
/// summary: notes
/// separator: ","             # or "\t"
/// ```
public struct ImportMapping: Codable, Sendable {
    public var namespace: String
    public var id: String
    public var title: String
    public var date: String
    public var dateFormat: String?
    public var actors: [String]?
    public var place: String?
    public var region: String?
    public var latitude: String?
    public var longitude: String?
    public var figures: [String: String]?
    public var summary: String?
    public var type: String?
    public var separator: String?

    enum CodingKeys: String, CodingKey {
        case namespace, id, title, date, dateFormat = "date_format", actors, place, region, latitude, longitude, figures,
             summary, type, separator
    }

    static let formats = ["yyyy-mm-dd", "dd/mm/yyyy", "m/d/yyyy", "yyyymmdd"]

    /// Reads and checks a mapping file; errors name the file.
    public static func load(_ url: URL) throws(ImportError) -> ImportMapping {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: FileManager.default.fileExists(atPath: url.path) ? "cannot be read as UTF-8 text" : "no such file")
        }
        let m: ImportMapping
        do { m = try YAMLDecoder().decode(ImportMapping.self, from: text) } catch {
            throw .malformed(path: url.path, line: Self.line(of: error), reason: "not a mapping: " + Self.reason(error))
        }
        if let f = m.dateFormat, !formats.contains(f) {
            throw .malformed(path: url.path, line: 1, reason: "date_format '\(f)' is not one of \(formats.joined(separator: ", "))")
        }
        if let s = m.separator, s != ",", s != "\t", s != ";" {
            throw .malformed(path: url.path, line: 1, reason: "separator must be \",\", \";\" or \"\\t\"")
        }
        guard !m.namespace.isEmpty, !m.namespace.contains(":") else {
            throw .malformed(path: url.path, line: 1, reason: "namespace must be a word without ':'")
        }
        return m.lowercasedColumns()
    }

    /// Header names are matched without case, as the presets match them.
    func lowercasedColumns() -> ImportMapping {
        var m = self
        m.id = id.lowercased(); m.title = title.lowercased(); m.date = date.lowercased()
        m.actors = actors?.map { $0.lowercased() }
        m.place = place?.lowercased(); m.region = region?.lowercased()
        m.latitude = latitude?.lowercased(); m.longitude = longitude?.lowercased()
        m.summary = summary?.lowercased(); m.type = type?.lowercased()
        m.figures = figures.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.lowercased(), $0.value) }) }
        return m
    }

    var columns: [String] {
        [id, title, date] + (actors ?? []) + [place, region, latitude, longitude, summary, type].compactMap { $0 }
            + (figures.map { Array($0.keys) } ?? [])
    }

    var separatorByte: UInt8 { separator.flatMap { $0.utf8.first } ?? 0x2C }

    func parseDate(_ s: String) -> EDTFDate? {
        let t = s.trimmingCharacters(in: .whitespaces)
        switch dateFormat ?? "yyyy-mm-dd" {
        case "dd/mm/yyyy":
            let p = t.split(separator: "/")
            guard p.count == 3 else { return nil }
            return try? EDTFDate(parsing: "\(p[2])-\(p[1].count == 1 ? "0" : "")\(p[1])-\(p[0].count == 1 ? "0" : "")\(p[0])")
        case "m/d/yyyy": return ImportSession.monthDayYear(t)
        case "yyyymmdd":
            guard t.count == 8 else { return nil }
            return try? EDTFDate(parsing: "\(t.prefix(4))-\(t.dropFirst(4).prefix(2))-\(t.suffix(2))")
        default: return try? EDTFDate(parsing: t)
        }
    }

    private static func line(of error: any Error) -> Int {
        if let y = error as? YamlError, case .scanner(_, _, let mark, _) = y { return mark.line }
        if let y = error as? YamlError, case .parser(_, _, let mark, _) = y { return mark.line }
        return 1
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "no \(key.stringValue)" }
        if case DecodingError.typeMismatch(_, let c) = error { return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))" }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
}

extension ImportSession {
    func mappedEvent(_ row: Row, _ m: ImportMapping) throws {
        let key = row[m.id]
        guard !key.isEmpty else { return try skip("no \(m.id)") }
        guard let date = m.parseDate(row[m.date]) else { return try skip("\(m.date) '\(row[m.date])' is not a \(m.dateFormat ?? "yyyy-mm-dd") date") }
        let source = Source(id: "\(m.namespace)-dataset", title: "\(m.namespace) (imported with a mapping)", kind: "dataset", locator: m.id)
        try ensureSource(source)
        let cite = Citation(source: source.id, locator: "\(m.id) \(key)", quote: row[m.title])
        var actors: [Participant] = []
        for (i, column) in (m.actors ?? []).enumerated() {
            let name = row[column]
            guard !name.isEmpty else { continue }
            let actor = try countries.iso3(name).map { try stateActor(iso3: $0) }
                ?? datasetActor(id: "\(m.namespace):actor-" + Self.slug(name), title: name, type: .organization, source: cite)
            if !actors.contains(where: { $0.actor == actor }) { actors.append(Participant(actor: actor, role: "actor \(i + 1)")) }
        }
        let figures = (m.figures ?? [:]).sorted { $0.key < $1.key }.compactMap { column, category in
            Int(row[column]).map { Figure(category: category, count: $0) }
        }
        let placeName = m.place.map { row[$0] } ?? ""
        let place = placeName.isEmpty ? nil : Place(name: placeName, region: m.region.map { row[$0] },
                                                    latitude: m.latitude.flatMap { Double(row[$0]) }, longitude: m.longitude.flatMap { Double(row[$0]) })
        var c = AtlasContent()
        c.events = [Event(id: "\(m.namespace):\(key)", title: row[m.title].isEmpty ? "\(m.namespace) \(key)" : row[m.title], date: date,
                          type: m.type.map { row[$0] }, place: place, actors: actors, figures: figures,
                          summary: m.summary.map { row[$0] }, sources: [cite])]
        try upsert(c)
    }
}
