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
        // Values joined by hand: String(describing:) goes through reflection, which
        // cost a third of an import's time.
        func join(_ parts: [String?]) -> String { parts.map { $0 ?? "" }.joined(separator: "\u{1F}") }
        var parts: [(String, String)] = []
        if let e = content.events.first {
            let place = e.place.map { join([$0.name, $0.region, $0.country, $0.latitude.map { "\($0)" }, $0.longitude.map { "\($0)" }]) } ?? ""
            parts = [("title", e.title), ("date", e.date.text), ("type", e.type ?? ""), ("place", place),
                     ("actors", join(e.actors.map { $0.actor + "\u{1E}" + $0.role })), ("missions", join(e.missions)),
                     ("figures", join(e.figures.map { $0.category + "\u{1E}\($0.count)\u{1E}" + $0.qualifier.rawValue })),
                     ("summary", e.summary ?? ""), ("aliases", join(e.aliases)), ("quote", join(e.sources.map(\.quote)))]
        } else if let m = content.missions.first {
            parts = [("title", m.title), ("acronym", m.acronym ?? ""), ("type", m.type ?? ""), ("status", m.status.rawValue),
                     ("location", m.location ?? ""), ("headquarters", m.headquarters ?? ""), ("mandate", m.mandate?.text ?? ""),
                     ("summary", m.summary ?? ""), ("aliases", join(m.aliases)), ("quote", join(m.sources.map(\.quote)))]
        } else if let a = content.actors.first {
            // An actor cites the first row that names it, which differs from file to
            // file: its facts are its name, type and state, not that row.
            parts = [("title", a.title), ("type", a.type.rawValue), ("iso3", a.iso3 ?? ""), ("summary", a.summary ?? ""),
                     ("aliases", join(a.aliases))]
        }
        parts += content.links.map { ("link", "\($0.from) \($0.relation.rawValue) \($0.to)") }
        fields = parts.map { Field(name: $0.0, hash: Self.fnv1a($0.1)) }
    }

    /// Read back from `stored`: the hashes in the order this kind of record lists its
    /// fields (the names come from the record compared with it).
    init(stored: String) {
        fields = stored.split(separator: ",").map { Field(name: "", hash: UInt64($0, radix: 16) ?? 0) }
    }

    /// The hashes only, in field order: a few bytes per record.
    var stored: String { fields.map { String($0.hash, radix: 16) }.joined(separator: ",") }

    static func == (a: RecordFingerprint, b: RecordFingerprint) -> Bool { a.fields.map(\.hash) == b.fields.map(\.hash) }

    /// The names of this record's fields whose values differ from `old`'s (a field
    /// only one side has included).
    func changed(from old: RecordFingerprint) -> [String] {
        var names: [String] = []
        for i in 0..<max(fields.count, old.fields.count) {
            let a = i < fields.count ? fields[i].hash : nil, b = i < old.fields.count ? old.fields[i].hash : nil
            let name = i < fields.count ? fields[i].name : "link"
            if a != b, !names.contains(name) { names.append(name) }
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
