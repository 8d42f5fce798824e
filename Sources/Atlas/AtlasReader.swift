import Foundation
import Yams

/// Reads one atlas YAML file into records, collecting every problem with its line
/// and column. It walks Yams' node tree (which keeps positions) instead of using
/// `Decodable`, because decoding errors lose the position a person needs.
struct AtlasFileReader {
    let file: String
    private(set) var problems: [AtlasProblem] = []
    private(set) var content = AtlasContent()
    /// Where each record was defined and where each reference was made, for the
    /// checks that need the whole atlas (duplicates, dangling references).
    private(set) var definitions: [(id: String, kind: RecordKind, at: Position)] = []
    private(set) var references: [(id: String, kind: RecordKind, at: Position)] = []
    private(set) var linkSites: [Position] = []

    struct Position: Hashable { var line: Int; var column: Int }

    init(file: String) { self.file = file }

    mutating func read(text: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(syntaxProblem(error))
            return
        } catch {
            problems.append(problem(nil, .syntax, "cannot parse YAML: \(error)"))
            return
        }
        guard let root else {
            problems.append(AtlasProblem(file: file, line: 1, column: 1, kind: .emptyFile,
                                         message: "the file is empty; an atlas file lists sources, actors, missions or events"))
            return
        }
        guard case .mapping(let top) = root else {
            problems.append(problem(root, .wrongType,
                                    "expected a mapping with keys sources, actors, missions, events at the top of the file"))
            return
        }
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            guard let kind = RecordKind.allCases.first(where: { $0.listKey == key }) else {
                let hint = NearMatch.best(key, among: RecordKind.allCases.map(\.listKey)).first.map { " (did you mean '\($0)'?)" } ?? ""
                problems.append(problem(keyNode, .unknownField, "unknown top-level key '\(key)'\(hint); expected sources, actors, missions or events"))
                continue
            }
            if isYAMLNull(value) { continue }
            guard case .sequence(let items) = value else {
                problems.append(problem(value, .wrongType, "'\(key)' must be a list of records"))
                continue
            }
            for item in items { readRecord(kind, item) }
        }
    }

    // MARK: records

    private mutating func readRecord(_ kind: RecordKind, _ node: Node) {
        guard var r = Fields(node, reader: &self, what: "a \(kind.rawValue)") else { return }
        let id = r.requiredString("id", &self)
        let title = r.requiredString("title", &self)
        if let id, let idNode = r.node("id") {
            if !RecordID.isValidSlug(id) {
                problems.append(problem(idNode, .badValue,
                    "id '\(id)' must be a slug: lower-case letters, digits and '-', starting with a letter or digit"))
            }
            definitions.append((id, kind, position(idNode)))
        }
        let aliases = r.stringList("aliases", &self) ?? []
        let summary = r.optionalString("summary", &self)
        let rid = id ?? "?"
        var sources: [Citation] = []
        if kind != .source {
            if let list = r.list("sources", &self) {
                for c in list { if let cit = readCitation(c) { sources.append(cit) } }
            }
            if sources.isEmpty, r.node("sources") == nil || r.list("sources", &self)?.isEmpty == true {
                problems.append(problem(r.node("sources") ?? r.anchor ?? node, .missingSource,
                                        "\(kind.rawValue) '\(rid)' cites no source; add sources: [{source, locator, quote}]"))
            }
            if let links = r.list("links", &self) {
                for l in links { readLink(from: rid, l) }
            }
        }
        switch kind {
        case .source:
            let k = r.allowedValue("kind", among: Source.kinds, &self) ?? "article"
            let publisher = r.optionalString("publisher", &self)
            let author = r.optionalString("author", &self)
            let date = r.date("date", &self)
            let url = r.optionalString("url", &self)
            let locator = r.optionalString("locator", &self)
            r.finish(allowed: ["id", "title", "aliases", "summary", "kind", "publisher", "author", "date", "url", "locator"], &self)
            if let id, let title {
                content.sources.append(Source(id: id, title: title, kind: k, publisher: publisher, author: author,
                                              date: date, url: url, locator: locator, summary: summary))
            }
        case .actor:
            let type = r.enumValue("type", Actor.ActorType.self, required: true, &self)
            var iso3 = r.countryCode("iso3", &self)
            if iso3 != nil, let type, type != .state, let n = r.node("iso3") {
                // The code merges a record with a dataset's state; on a person or a
                // contingent it would merge that record with the state.
                problems.append(problem(n, .badValue, "iso3 is for states; this actor's type is '\(type.rawValue)' (link it to its state instead)"))
                iso3 = nil
            }
            r.finish(allowed: ["id", "title", "aliases", "summary", "sources", "links", "type", "iso3"], &self)
            if let id, let title, let type {
                content.actors.append(Actor(id: id, title: title, aliases: aliases, type: type, iso3: iso3,
                                            summary: summary, sources: sources))
            }
        case .mission:
            let acronym = r.optionalString("acronym", &self)
            let type = r.allowedValue("type", among: Mission.types, &self)
            let status = r.enumValue("status", Mission.Status.self, required: true, &self)
            let location = r.optionalString("location", &self)
            let hq = r.optionalString("headquarters", &self)
            let mandate = r.date("mandate", &self)
            var figures: [Figure] = []
            for f in r.list("figures", &self) ?? [] { if let fig = readFigure(f) { figures.append(fig) } }
            r.finish(allowed: ["id", "title", "aliases", "summary", "sources", "links", "acronym", "type", "status",
                               "location", "headquarters", "mandate", "figures"], &self)
            if let id, let title, let status {
                content.missions.append(Mission(id: id, title: title, aliases: aliases, acronym: acronym, type: type,
                                                status: status, location: location, headquarters: hq, mandate: mandate,
                                                summary: summary, figures: figures, sources: sources))
            }
        case .event:
            let date = r.date("date", &self, required: true)
            let type = r.optionalString("type", &self)
            var place: Place?
            if let p = r.node("place") { place = readPlace(p) }
            var actors: [Participant] = []
            for a in r.list("actors", &self) ?? [] { if let p = readParticipant(a) { actors.append(p) } }
            var missions: [String] = []
            if let list = r.list("missions", &self) {
                for m in list {
                    guard let s = scalarString(m, what: "a mission id") else { continue }
                    references.append((s, .mission, position(m)))
                    missions.append(s)
                }
            }
            var figures: [Figure] = []
            for f in r.list("figures", &self) ?? [] { if let fig = readFigure(f) { figures.append(fig) } }
            r.finish(allowed: ["id", "title", "aliases", "summary", "sources", "links", "date", "type", "place",
                               "actors", "missions", "figures"], &self)
            if let id, let title, let date {
                content.events.append(Event(id: id, title: title, aliases: aliases, date: date, type: type, place: place,
                                            actors: actors, missions: missions, figures: figures, summary: summary,
                                            sources: sources))
            }
        }
    }

    private mutating func readCitation(_ node: Node) -> Citation? {
        guard var r = Fields(node, reader: &self, what: "a citation {source, locator, quote}") else { return nil }
        let source = r.requiredString("source", &self)
        let locator = r.requiredString("locator", &self)
        let quote = r.requiredString("quote", &self)
        r.finish(allowed: ["source", "locator", "quote"], &self)
        if let source, let n = r.node("source") { references.append((source, .source, position(n))) }
        guard let source, let locator, let quote else { return nil }
        return Citation(source: source, locator: locator, quote: quote)
    }

    private mutating func readLink(from: String, _ node: Node) {
        guard var r = Fields(node, reader: &self, what: "a link {rel, to}") else { return }
        let rel = r.requiredString("rel", &self)
        let to = r.requiredString("to", &self)
        r.finish(allowed: ["rel", "to"], &self)
        guard let rel, let to, let relNode = r.node("rel"), let toNode = r.node("to") else { return }
        guard let (relation, reversed) = Relation.parse(rel) else {
            let hint = NearMatch.best(rel, among: Relation.allLabels).first.map { " (did you mean '\($0)'?)" } ?? ""
            problems.append(problem(relNode, .unknownRelation,
                                    "unknown relation '\(rel)'\(hint); known: \(Relation.allLabels.joined(separator: ", "))"))
            return
        }
        if DatasetKey.dataset(of: to) == nil {
            references.append((to, .event, position(toNode)))   // any kind may be linked; checked loosely
        }
        linkSites.append(position(toNode))
        content.links.append(reversed ? Link(from: to, relation: relation, to: from)
                                      : Link(from: from, relation: relation, to: to))
    }

    private mutating func readPlace(_ node: Node) -> Place? {
        if let name = node.scalar?.string, !name.isEmpty { return Place(name: name) }
        guard var r = Fields(node, reader: &self, what: "a place {name, region, country, lat, lon}") else { return nil }
        let name = r.requiredString("name", &self)
        let region = r.optionalString("region", &self)
        let country = r.countryCode("country", &self)
        let lat = r.number("lat", range: -90...90, &self)
        let lon = r.number("lon", range: -180...180, &self)
        r.finish(allowed: ["name", "region", "country", "lat", "lon"], &self)
        guard let name else { return nil }
        return Place(name: name, region: region, country: country, latitude: lat, longitude: lon)
    }

    private mutating func readParticipant(_ node: Node) -> Participant? {
        guard var r = Fields(node, reader: &self, what: "an actor with a role {actor, role}") else { return nil }
        let actor = r.requiredString("actor", &self)
        let role = r.requiredString("role", &self)
        r.finish(allowed: ["actor", "role"], &self)
        if let actor, let n = r.node("actor") { references.append((actor, .actor, position(n))) }
        guard let actor, let role else { return nil }
        return Participant(actor: actor, role: role)
    }

    private mutating func readFigure(_ node: Node) -> Figure? {
        guard var r = Fields(node, reader: &self, what: "a figure {category, count, ...}") else { return nil }
        let category = r.requiredString("category", &self)
        let count = r.integer("count", &self)
        let date = r.date("date", &self)
        let actor = r.optionalString("actor", &self)
        if let actor, let n = r.node("actor") { references.append((actor, .actor, position(n))) }
        let qualifier = r.enumValue("qualifier", Figure.Qualifier.self, required: false, &self) ?? .exactly
        let location = r.optionalString("location", &self)
        var source: Citation?
        if let s = r.node("source") { source = readCitation(s) }
        r.finish(allowed: ["category", "count", "date", "actor", "qualifier", "location", "source"], &self)
        guard let category, let count else { return nil }
        return Figure(date: date, actor: actor, category: category, count: count, qualifier: qualifier,
                      location: location, source: source)
    }

    // MARK: helpers

    fileprivate mutating func scalarString(_ node: Node, what: String) -> String? {
        guard case .scalar(let s) = node else {
            problems.append(problem(node, .wrongType, "expected \(what), found \(describe(node))"))
            return nil
        }
        return s.string
    }

    func position(_ node: Node) -> Position {
        Position(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    func problem(_ node: Node?, _ kind: AtlasProblem.Kind, _ message: String) -> AtlasProblem {
        let p = node.map(position) ?? Position(line: 1, column: 1)
        return AtlasProblem(file: file, line: p.line, column: p.column, kind: kind, message: message)
    }

    fileprivate mutating func report(_ node: Node?, _ kind: AtlasProblem.Kind, _ message: String) {
        problems.append(problem(node, kind, message))
    }

    fileprivate mutating func report(at p: Position, _ kind: AtlasProblem.Kind, _ message: String) {
        problems.append(AtlasProblem(file: file, line: p.line, column: p.column, kind: kind, message: message))
    }

    private func syntaxProblem(_ error: YamlError) -> AtlasProblem {
        switch error {
        case .scanner(let context, let problemText, let mark, _),
             .parser(let context, let problemText, let mark, _),
             .composer(let context, let problemText, let mark, _):
            let ctx = context.map { " \($0.text)" } ?? ""
            return AtlasProblem(file: file, line: mark.line, column: mark.column, kind: .syntax,
                                message: "YAML syntax error: \(yamlProblem(problemText))\(ctx)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return AtlasProblem(file: file, line: context.mark.line, column: context.mark.column, kind: .syntax,
                                message: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in one record")
        case .reader(let problemText, let offset, _, _):
            return AtlasProblem(file: file, line: 1, column: (offset ?? 0) + 1, kind: .encoding,
                                message: "cannot read YAML: \(problemText)")
        default:
            return AtlasProblem(file: file, line: 1, column: 1, kind: .syntax, message: "cannot parse YAML: \(error)")
        }
    }
}

/// libyaml's problem text, in words for the person who wrote the file (its nesting
/// limit names the C function that sets it).
func yamlProblem(_ text: String) -> String {
    text.hasPrefix("Maximum nesting level reached") ? "nested more than 1,000 levels deep" : text
}

/// YAML's null: `~`, `null` or nothing, written plain. The composed tree does not
/// resolve tags yet, so the plain spellings are checked here.
func isYAMLNull(_ node: Node) -> Bool {
    guard case .scalar(let s) = node, s.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(s.string)
}

func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let s): return s.string.isEmpty ? "an empty value" : "'\(s.string.prefix(40))'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
}

/// The fields of one YAML mapping, tracking which were read so that the rest can be
/// reported as unknown.
private struct Fields {
    let mapping: Node.Mapping
    let anchor: Node?
    var seen: Set<String> = []

    init?(_ node: Node, reader: inout AtlasFileReader, what: String) {
        guard case .mapping(let m) = node else {
            reader.report(node, .wrongType, "expected \(what), found \(describe(node))")
            return nil
        }
        mapping = m
        anchor = node
    }

    func node(_ key: String) -> Node? { mapping[key] }

    private func isNull(_ n: Node) -> Bool { isYAMLNull(n) }

    mutating func requiredString(_ key: String, _ reader: inout AtlasFileReader) -> String? {
        seen.insert(key)
        guard let n = mapping[key], !isNull(n) else {
            reader.report(anchor, .missingField, "missing required field '\(key)'")
            return nil
        }
        guard case .scalar(let s) = n else {
            reader.report(n, .wrongType, "'\(key)' must be text, found \(describe(n))")
            return nil
        }
        if s.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            reader.report(n, .badValue, "'\(key)' is empty")
            return nil
        }
        return s.string
    }

    mutating func optionalString(_ key: String, _ reader: inout AtlasFileReader) -> String? {
        seen.insert(key)
        guard let n = mapping[key], !isNull(n) else { return nil }
        guard case .scalar(let s) = n else {
            reader.report(n, .wrongType, "'\(key)' must be text, found \(describe(n))")
            return nil
        }
        return s.string
    }

    mutating func list(_ key: String, _ reader: inout AtlasFileReader) -> [Node]? {
        seen.insert(key)
        guard let n = mapping[key], !isNull(n) else { return nil }
        guard case .sequence(let seq) = n else {
            reader.report(n, .wrongType, "'\(key)' must be a list, found \(describe(n))")
            return nil
        }
        return Array(seq)
    }

    mutating func stringList(_ key: String, _ reader: inout AtlasFileReader) -> [String]? {
        guard let items = list(key, &reader) else { return nil }
        return items.compactMap { reader.scalarString($0, what: "text in '\(key)'") }
    }

    mutating func date(_ key: String, _ reader: inout AtlasFileReader, required: Bool = false) -> EDTFDate? {
        let text = required ? requiredString(key, &reader) : optionalString(key, &reader)
        guard let text, let n = mapping[key] else { return nil }
        do {
            return try EDTFDate(parsing: text)
        } catch {
            var p = reader.position(n)
            let quoted = n.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            p.column += error.offset + (quoted ? 1 : 0)
            reader.report(at: p, .badDate,
                          "\(error.description) (EDTF: 2024-03-22, 2024-02, 2017~, 2013-02/2013-04)")
            return nil
        }
    }

    mutating func integer(_ key: String, _ reader: inout AtlasFileReader) -> Int? {
        seen.insert(key)
        guard let n = mapping[key], !isNull(n) else {
            reader.report(anchor, .missingField, "missing required field '\(key)'")
            return nil
        }
        guard case .scalar(let s) = n, let v = Int(s.string), v >= 0 else {
            reader.report(n, .wrongType, "'\(key)' must be a whole number of zero or more, found \(describe(n))")
            return nil
        }
        return v
    }

    mutating func number(_ key: String, range: ClosedRange<Double>, _ reader: inout AtlasFileReader) -> Double? {
        seen.insert(key)
        guard let n = mapping[key], !isNull(n) else { return nil }
        guard case .scalar(let s) = n, let v = Double(s.string), range.contains(v) else {
            reader.report(n, .wrongType, "'\(key)' must be a number in \(Int(range.lowerBound))...\(Int(range.upperBound)), found \(describe(n))")
            return nil
        }
        return v
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool,
                                                                 _ reader: inout AtlasFileReader) -> E? where E.RawValue == String {
        let text = required ? requiredString(key, &reader) : optionalString(key, &reader)
        guard let text else { return nil }
        if let v = E(rawValue: text) { return v }
        reportNotAllowed(key, text, among: E.allCases.map(\.rawValue), &reader)
        return nil
    }

    /// A text field whose value must be one of a documented list.
    mutating func allowedValue(_ key: String, among allowed: [String], _ reader: inout AtlasFileReader) -> String? {
        guard let text = optionalString(key, &reader) else { return nil }
        if allowed.contains(text) { return text }
        reportNotAllowed(key, text, among: allowed, &reader)
        return nil
    }

    private func reportNotAllowed(_ key: String, _ text: String, among allowed: [String], _ reader: inout AtlasFileReader) {
        let hint = NearMatch.best(text, among: allowed).first.map { " (did you mean '\($0)'?)" } ?? ""
        reader.report(mapping[key], .badValue, "'\(key)' is '\(text)'\(hint); expected one of \(allowed.joined(separator: ", "))")
    }

    /// An ISO 3166-1 alpha-3 code that the country reference knows (`KAZ`, `XKX`).
    mutating func countryCode(_ key: String, _ reader: inout AtlasFileReader) -> String? {
        guard let text = optionalString(key, &reader) else { return nil }
        if Countries.shared.names[text] != nil { return text }
        var hint = ""
        if let code = Countries.shared.iso3(text) {
            hint = " (did you mean '\(code)', \(Countries.shared.names[code] ?? code)?)"
        }
        reader.report(mapping[key], .badValue,
                      "'\(key)' is '\(text)'; expected an ISO 3166-1 alpha-3 country code such as KAZ\(hint)")
        return nil
    }

    func finish(allowed: Set<String>, _ reader: inout AtlasFileReader) {
        for (k, _) in mapping {
            let name = k.string ?? ""
            if !allowed.contains(name) {
                let hint = NearMatch.best(name, among: allowed).first.map { " (did you mean '\($0)'?)" } ?? ""
                reader.report(k, .unknownField, "unknown field '\(name)'\(hint)")
            }
        }
    }
}

