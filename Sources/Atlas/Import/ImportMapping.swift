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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case namespace, id, title, date, dateFormat = "date_format", actors, place, region, latitude, longitude, figures,
             summary, type, separator
    }

    static let formats = ["yyyy-mm-dd", "dd/mm/yyyy", "m/d/yyyy", "yyyymmdd"]

    /// Reads and checks a mapping file; errors name the file, and the line and
    /// column where there is one. The YAML is composed first (it keeps positions),
    /// so that syntax errors, unknown fields and wrong types point at their place.
    public static func load(_ url: URL) throws(ImportError) -> ImportMapping {
        let path = url.path
        let data: Data
        switch InputFile.read(path, maxBytes: 1 << 20) {
        case .success(let d): data = d
        case .failure(.tooLarge(let size)):
            throw .malformed(path: path, line: 0, reason: "is \(size / 1_048_576) MB; a mapping file is a few lines of YAML")
        case .failure(.notRegular("a folder")): throw .unreadable(path: path, reason: "is a folder, not a mapping file")
        case .failure(let f): throw .unreadable(path: path, reason: f.reason)
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            let (line, column) = AtlasLoader.firstInvalidUTF8(data)
            throw .malformedAt(path: path, line: line, column: column, reason: "not valid UTF-8 (mapping files are UTF-8)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw syntaxError(error, path: path)
        }
        guard let root else {
            throw .malformed(path: path, line: 1, reason: "the file is empty; a mapping names the columns of id, title and date (see the README)")
        }
        guard case .mapping(let top) = root else {
            let (line, column) = position(root)
            throw .malformedAt(path: path, line: line, column: column, reason: "expected fields like `id: COLUMN`, found \(describe(root))")
        }
        let known = CodingKeys.allCases.map(\.rawValue)
        for (key, _) in top {
            let name = key.string ?? ""
            guard !known.contains(name) else { continue }
            let hint = NearMatch.best(name, among: known).first.map { " (did you mean '\($0)'?)" } ?? ""
            let (line, column) = position(key)
            throw .malformedAt(path: path, line: line, column: column, reason: "unknown field '\(name)'\(hint)")
        }
        let m: ImportMapping
        do { m = try YAMLDecoder().decode(ImportMapping.self, from: root) } catch {
            throw decodingError(error, top: top, path: path)
        }
        func at(_ key: CodingKeys) -> (Int, Int) { top[key.rawValue].map(position) ?? (1, 1) }
        if let f = m.dateFormat, !formats.contains(f) {
            let (line, column) = at(.dateFormat)
            throw .malformedAt(path: path, line: line, column: column,
                               reason: "date_format '\(f)' is not one of \(formats.joined(separator: ", "))")
        }
        if let s = m.separator, s != ",", s != "\t", s != ";" {
            let (line, column) = at(.separator)
            throw .malformedAt(path: path, line: line, column: column, reason: "separator must be \",\", \";\" or \"\\t\"")
        }
        guard !m.namespace.isEmpty, !m.namespace.contains(":") else {
            let (line, column) = at(.namespace)
            throw .malformedAt(path: path, line: line, column: column, reason: "namespace must be a word without ':'")
        }
        return m.lowercasedColumns()
    }

    private static func position(_ node: Node) -> (Int, Int) { (node.mark?.line ?? 1, node.mark?.column ?? 1) }

    private static func syntaxError(_ error: any Error, path: String) -> ImportError {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
             .composer(let context, let problem, let mark, _)?:
            return .malformedAt(path: path, line: mark.line, column: mark.column,
                                reason: "YAML syntax error: \(yamlProblem(problem))\(context.map { " \($0.text)" } ?? "")")
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return .malformedAt(path: path, line: context.mark.line, column: context.mark.column,
                                reason: "duplicate field \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return .malformed(path: path, line: 1, reason: "cannot parse YAML")
        }
    }

    /// A decoding error as a person reads it: which field, where, and what it needs.
    private static func decodingError(_ error: any Error, top: Node.Mapping, path: String) -> ImportError {
        let wants: (String) -> String = { key in
            switch key {
            case "actors": return "a list of column names"
            case "figures": return "a mapping of column: category"
            default: return "text (a column name)"
            }
        }
        switch error {
        case DecodingError.keyNotFound(let key, _):
            return .malformed(path: path, line: 1, reason: "not a mapping: no \(key.stringValue)")
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.dataCorrupted(let c):
            guard let field = c.codingPath.first?.stringValue, let node = top[field] else {
                return .malformed(path: path, line: 1, reason: "not a mapping of fields to columns")
            }
            let (line, column) = position(node)
            return .malformedAt(path: path, line: line, column: column, reason: "'\(field)' must be \(wants(field)), found \(describe(node))")
        default:
            return .malformed(path: path, line: 1, reason: "not a mapping of fields to columns")
        }
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
}

extension ImportSession {
    func mappedEvent(_ row: Row, _ m: ImportMapping) throws {
        let key = row[m.id]
        guard !key.isEmpty else { return try skip("no \(m.id)") }
        guard let date = m.parseDate(row[m.date]) else { return try skip("\(m.date) '\(row[m.date])' is not a \(m.dateFormat ?? "yyyy-mm-dd") date") }
        let source = Source(id: "\(m.namespace)-dataset", title: "\(m.namespace) (imported with a mapping)", kind: "dataset", locator: m.id)
        try ensureSource(source)
        let cite = citation(source.id, key: "\(m.id) \(key)", quote: row[m.title])
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
        try upsert(c, kind: .events, dataset: m.namespace, figures: figures.count)
    }
}
