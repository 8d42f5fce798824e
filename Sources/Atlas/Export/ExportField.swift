/// A column of an export (`--fields`, and the columns of `:export`).
public enum ExportField: String, Sendable, CaseIterable {
    case id, kind, date, title, type, place, country, acronym, status, actors, missions, sources, dataset

    /// The columns a kind of record exports unless `--fields` says otherwise.
    public static func defaults(for kind: RecordKind) -> [ExportField] {
        switch kind {
        case .event: return [.id, .date, .title, .type, .place, .country, .actors, .missions, .sources]
        case .actor: return [.id, .title, .type, .country, .sources]
        case .mission: return [.id, .acronym, .title, .type, .status, .date, .place, .sources]
        case .source: return [.id, .title, .type, .date]
        }
    }

    /// Parses `id,date,title`; the error names the field that is not one and the
    /// fields there are.
    public static func parseList(_ text: String) -> Result<[ExportField], ExportFieldError> {
        var fields: [ExportField] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let f = ExportField(rawValue: name) else {
                return .failure(ExportFieldError(name: name))
            }
            if !fields.contains(f) { fields.append(f) }
        }
        return fields.isEmpty ? .failure(ExportFieldError(name: "")) : .success(fields)
    }

    /// The field as one piece of text (lists joined by "; ", actors with their roles).
    public func text(of r: ExportRecord) -> String? {
        func names(_ list: [ExportRecord.Named], roles: Bool) -> String? {
            list.isEmpty ? nil : list.map { n in
                let name = n.title ?? n.id
                return roles && n.role != nil ? "\(name) (\(n.role!))" : name
            }.joined(separator: "; ")
        }
        switch self {
        case .id: return r.id
        case .kind: return r.kind.rawValue
        case .date: return r.date
        case .title: return r.title
        case .type: return r.type
        case .place: return r.place
        case .country: return r.country
        case .acronym: return r.acronym
        case .status: return r.status
        case .actors: return names(r.actors, roles: true)
        case .missions: return names(r.missions, roles: false)
        case .sources: return names(r.sources, roles: false)
        case .dataset: return r.dataset
        }
    }
}

public struct ExportFieldError: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        let known = ExportField.allCases.map(\.rawValue).joined(separator: ", ")
        let near = NearMatch.best(name, among: ExportField.allCases.map(\.rawValue)).first.map { " (did you mean '\($0)'?)" } ?? ""
        return name.isEmpty ? "no field named; fields: \(known)" : "unknown field '\(name)'\(near); fields: \(known)"
    }
}
