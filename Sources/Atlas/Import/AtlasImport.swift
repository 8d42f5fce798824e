import Foundation
import GRDB

/// `--with-atlas DIR`: an analyst's own atlas put in beside the datasets, each
/// record accounted for like a dataset record (new, unchanged, or updated with the
/// fields that changed), so importing again after an edit rewrites only what the
/// edit touched. Its links to dataset keys (`unsc-veto:S/2016/846`) resolve to
/// the imported records.
extension ImportSession {
    func importAtlas(_ atlas: AtlasLoader.Result, from folder: URL) throws {
        let content = atlas.content
        let dataset = "atlas:" + folder.standardizedFileURL.path
        let ids = Set(content.sources.map(\.id) + content.actors.map(\.id) + content.missions.map(\.id) + content.events.map(\.id))
        // A link is written again with the record at its atlas end: the record it
        // starts from, or the one it reaches from a dataset key.
        var links: [String: [Link]] = [:]
        for l in content.links { links[ids.contains(l.from) ? l.from : l.to, default: []].append(l) }

        func put(_ record: AtlasContent, id: String, kind: ImportedKind, extra: [(String, String)], figures: Int = 0) throws {
            var record = record
            record.links = links[id] ?? []
            var fingerprint = RecordFingerprint(record)
            fingerprint.fields += extra.map { RecordFingerprint.Field(name: $0.0, hash: RecordFingerprint.fnv1a($0.1)) }
            let location = atlas.locations[id]
            fileName = location?.file ?? folder.lastPathComponent
            line = location?.line ?? 0
            summary.rowsRead += 1
            summary.rowsImported += 1
            if let previous = try previousImport(id), previous.fingerprint != fingerprint.stored {
                // Links written on this record that reach it from a dataset key are
                // not removed with the record (it only owns the links it starts).
                try db.cachedStatement(sql: "DELETE FROM link WHERE to_id = ? AND from_id LIKE '%:%'").execute(arguments: [id])
            }
            try upsert(record, kind: kind, dataset: dataset, figures: figures, scope: .list, fingerprint: fingerprint)
        }

        func cited(_ sources: [Citation]) -> String {
            sources.map { "\($0.source)\u{1E}\($0.locator)\u{1E}\($0.quote)" }.joined(separator: "\u{1F}")
        }
        func figureText(_ figures: [Figure]) -> String {
            figures.map { f in
                [f.date?.text, f.actor, f.category, "\(f.count)", f.qualifier.rawValue, f.location,
                 f.source.map { cited([$0]) }].map { $0 ?? "" }.joined(separator: "\u{1E}")
            }.joined(separator: "\u{1F}")
        }

        for s in content.sources {
            var c = AtlasContent()
            c.sources = [s]
            let values = [s.title, s.kind, s.publisher, s.author, s.date?.text, s.url, s.locator, s.summary].map { $0 ?? "" }
            try put(c, id: s.id, kind: .sources, extra: [("source", values.joined(separator: "\u{1F}"))])
        }
        for a in content.actors {
            var c = AtlasContent()
            c.actors = [a]
            try put(c, id: a.id, kind: .actors, extra: [("citations", cited(a.sources))])
        }
        for m in content.missions {
            var c = AtlasContent()
            c.missions = [m]
            try put(c, id: m.id, kind: .missions, extra: [("citations", cited(m.sources)), ("figures", figureText(m.figures))],
                    figures: m.figures.count)
        }
        for e in content.events {
            var c = AtlasContent()
            c.events = [e]
            try put(c, id: e.id, kind: .events, extra: [("citations", cited(e.sources)), ("figures", figureText(e.figures))],
                    figures: e.figures.count)
        }
    }
}
