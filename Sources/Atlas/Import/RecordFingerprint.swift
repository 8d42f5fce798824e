import Foundation

/// A dataset record's values as named field hashes, stored beside each imported
/// record (`import_record`), so that importing a file again tells an unchanged
/// record from an updated one and names the fields that changed.
///
/// Citations count by their quotes only: their locators name the file, line and
/// import date, which move between releases without the record changing.
struct RecordFingerprint: Equatable {
    struct Field: Equatable {
        var name: String
        var hash: UInt64
    }
    var fields: [Field]

    init(_ content: AtlasContent) {
        var parts: [(String, String)] = []
        if let e = content.events.first {
            parts = [("title", e.title), ("date", e.date.text), ("type", e.type ?? ""), ("place", String(describing: e.place)),
                     ("actors", String(describing: e.actors)), ("missions", String(describing: e.missions)),
                     ("figures", String(describing: e.figures.map { [$0.category, "\($0.count)", $0.qualifier.rawValue] })),
                     ("summary", e.summary ?? ""), ("aliases", String(describing: e.aliases)),
                     ("quote", String(describing: e.sources.map(\.quote)))]
        } else if let m = content.missions.first {
            parts = [("title", m.title), ("acronym", m.acronym ?? ""), ("type", m.type ?? ""), ("status", m.status.rawValue),
                     ("location", m.location ?? ""), ("headquarters", m.headquarters ?? ""), ("mandate", m.mandate?.text ?? ""),
                     ("summary", m.summary ?? ""), ("aliases", String(describing: m.aliases)),
                     ("quote", String(describing: m.sources.map(\.quote)))]
        } else if let a = content.actors.first {
            // An actor cites the first row that names it, which differs from file to
            // file: its facts are its name, type and state, not that row.
            parts = [("title", a.title), ("type", a.type.rawValue), ("iso3", a.iso3 ?? ""), ("summary", a.summary ?? ""),
                     ("aliases", String(describing: a.aliases))]
        }
        parts += content.links.map { ("link", "\($0.from) \($0.relation.rawValue) \($0.to)") }
        fields = parts.map { Field(name: $0.0, hash: Self.fnv1a($0.1)) }
    }

    /// Read back from `stored`.
    init(stored: String) {
        fields = stored.split(separator: ";").compactMap { part in
            guard let eq = part.firstIndex(of: "="), let h = UInt64(part[part.index(after: eq)...], radix: 16) else { return nil }
            return Field(name: String(part[..<eq]), hash: h)
        }
    }

    var stored: String { fields.map { "\($0.name)=\(String($0.hash, radix: 16))" }.joined(separator: ";") }

    /// The names of the fields whose values differ (a field only one side has included).
    func changed(from old: RecordFingerprint) -> [String] {
        var names: [String] = []
        let count = max(fields.count, old.fields.count)
        for i in 0..<count {
            let a = i < fields.count ? fields[i] : nil, b = i < old.fields.count ? old.fields[i] : nil
            if a != b, let name = a?.name ?? b?.name, !names.contains(name) { names.append(name) }
        }
        return names.isEmpty ? ["values"] : names
    }

    /// FNV-1a, 64 bits: stable across runs (Swift's Hasher is seeded per process).
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
