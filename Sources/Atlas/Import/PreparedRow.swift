import Foundation

/// What the reading thread makes of one row (see `RowPipeline`): an event ready to
/// write but for its actors, or why the row is skipped.
enum PreparedRow: Sendable {
    case event(PreparedEvent)
    case skip(String)
}

/// A dataset event built from its row without the database. Its sides are names:
/// finding or creating their actors reads and writes records, so the writer does it.
struct PreparedEvent: Sendable {
    struct Side: Sendable {
        var name: String
        var role: String
        var namespace: String
        var key: String?
        /// The state a named force or government belongs to.
        var state: String?
    }
    var event: Event
    var sides: [Side]
    var citation: Citation
    var source: Source
    var figures: Int
}

/// What building a row needs to know about its import, readable from any thread.
struct RowContext: Sendable {
    var fileName: String
    var importDate: String
    var line: Int
    let countries: Countries

    /// A dataset citation: the file, the row's line and key, and the day of the
    /// import; the quote is a real text field of the row, whole or cut at a word.
    func citation(_ source: String, key: String, quote: String) -> Citation {
        Citation(source: source, locator: "\(fileName) line \(line), \(key), imported \(importDate)",
                 quote: ImportSession.excerpt(quote))
    }
}

extension ImportSession {
    var rowContext: RowContext { RowContext(fileName: fileName, importDate: importDate, line: line, countries: countries) }

    func write(_ row: PreparedRow) throws {
        switch row {
        case .skip(let why): try skip(why)
        case .event(let e): try write(e)
        }
    }

    /// Writes an event built off this thread: its sides become actors (each made
    /// once per import, linked to its state), then the event is upserted.
    func write(_ p: PreparedEvent) throws {
        try ensureSource(p.source)
        var actors: [Participant] = []
        for s in p.sides {
            for a in try namedActor(s.name, role: s.role, namespace: s.namespace, cite: p.citation, state: s.state, key: s.key)
            where !actors.contains(where: { $0.actor == a.actor }) { actors.append(a) }
        }
        var c = AtlasContent()
        var e = p.event
        e.actors = actors
        c.events = [e]
        try upsert(c, kind: .events, dataset: p.source.id, figures: p.figures, scope: countryDay(e))
    }
}
