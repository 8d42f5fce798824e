import Foundation
import XCTest
@testable import Atlas

/// The atlas Crossroads ships with: clean, fully cited, and every quote verbatim.
final class SeedAtlasTests: XCTestCase {
    private func builtin(file: StaticString = #filePath, line: UInt = #line) throws -> AtlasLoader.Result {
        let result = try AtlasLoader.read(directory: AtlasLoader.builtinDirectory)
        XCTAssertEqual(result.problems.map(\.description), [], file: file, line: line)
        return result
    }

    private static func normalise(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The text each source id stands for, found from the sources' titles.
    private func sourceTexts(_ content: AtlasContent) throws -> [String: String] {
        let seeds = TestPaths.shared.appendingPathComponent("seeds")
        let files: [(match: (Source) -> Bool, url: URL)] = [
            ({ $0.title.localizedCaseInsensitiveContains("Kazakh and Kyrgyz Troops") },
             seeds.appendingPathComponent("000_fb5e9bcb114601d6.txt")),
            ({ $0.title.localizedCaseInsensitiveContains("peacebuilding") },
             seeds.appendingPathComponent("002_3e422ea94a0b9098.txt")),
            ({ $0.kind == "dataset" && ($0.title.localizedCaseInsensitiveContains("veto") || $0.id.contains("veto")) },
             TestPaths.shared.appendingPathComponent("data/real/unsc-vetoes/unsc_vetoes_1946_sept2022.csv")),
        ]
        var texts: [String: String] = [:]
        for source in content.sources {
            guard let entry = files.first(where: { $0.match(source) }) else { continue }
            let text = try String(contentsOf: entry.url, encoding: .utf8)
            texts[source.id] = Self.normalise(text)
        }
        return texts
    }

    func testBuiltinAtlasHasNoProblems() throws {
        let r = try builtin()
        XCTAssertGreaterThan(r.content.events.count, 0)
        XCTAssertGreaterThan(r.content.actors.count, 0)
        XCTAssertGreaterThan(r.content.missions.count, 0)
        XCTAssertGreaterThan(r.content.sources.count, 0)
    }

    func testEveryRecordIsCited() throws {
        let c = try builtin().content
        for a in c.actors { XCTAssertFalse(a.sources.isEmpty, "actor \(a.id) cites nothing") }
        for m in c.missions { XCTAssertFalse(m.sources.isEmpty, "mission \(m.id) cites nothing") }
        for e in c.events { XCTAssertFalse(e.sources.isEmpty, "event \(e.id) cites nothing") }
        for a in c.actors { XCTAssertFalse((a.summary ?? "").isEmpty, "actor \(a.id) has no summary") }
        for m in c.missions { XCTAssertFalse((m.summary ?? "").isEmpty, "mission \(m.id) has no summary") }
        for e in c.events { XCTAssertFalse((e.summary ?? "").isEmpty, "event \(e.id) has no summary") }
    }

    func testEveryQuoteIsVerbatimFromItsSource() throws {
        let c = try builtin().content
        let texts = try sourceTexts(c)
        XCTAssertFalse(texts.isEmpty, "no source of the built-in atlas maps to a seed article")
        var citations: [(owner: String, citation: Citation)] = []
        for a in c.actors { citations += a.sources.map { (a.id, $0) } }
        for m in c.missions {
            citations += m.sources.map { (m.id, $0) }
            citations += m.figures.compactMap(\.source).map { (m.id + " figure", $0) }
        }
        for e in c.events {
            citations += e.sources.map { (e.id, $0) }
            citations += e.figures.compactMap(\.source).map { (e.id + " figure", $0) }
        }
        XCTAssertGreaterThan(citations.count, 0)
        for (owner, citation) in citations {
            guard let text = texts[citation.source] else {
                XCTFail("\(owner): no text known for source '\(citation.source)'")
                continue
            }
            let quote = Self.normalise(citation.quote)
            XCTAssertFalse(quote.isEmpty, "\(owner): empty quote")
            XCTAssertTrue(text.contains(quote), "\(owner): quote not found verbatim in \(citation.source): “\(citation.quote)”")
            XCTAssertFalse(citation.locator.isEmpty, "\(owner): no locator")
        }
    }

    func testEveryLinkResolvesOrIsADatasetKey() throws {
        let c = try builtin().content
        var ids = Set(c.sources.map(\.id))
        ids.formUnion(c.actors.map(\.id)); ids.formUnion(c.missions.map(\.id)); ids.formUnion(c.events.map(\.id))
        for l in c.links {
            XCTAssertTrue(ids.contains(l.from), "link from unknown '\(l.from)'")
            XCTAssertTrue(ids.contains(l.to) || DatasetKey.dataset(of: l.to) != nil, "link to unknown '\(l.to)' from \(l.from)")
        }
        for e in c.events {
            for p in e.actors { XCTAssertTrue(c.actors.contains { $0.id == p.actor }, "\(e.id): actor \(p.actor)") }
            for m in e.missions { XCTAssertTrue(c.missions.contains { $0.id == m }, "\(e.id): mission \(m)") }
        }
    }

    func testFaouarLeadsToTheHandoverAtCampFaouar() throws {
        let store = try AtlasStore.builtin()
        let hits = try store.search("faouar", limit: 50)
        let events = hits.filter { $0.row.kind == .event && $0.row.date == "2024-03-22" }
        let first = try XCTUnwrap(events.first, "no event dated 2024-03-22 among \(hits.map(\.row.id))")
        let d = try XCTUnwrap(try store.detail(first.row.id))
        XCTAssertEqual(d.date, "2024-03-22")
        XCTAssertEqual(d.place?.name, "Camp Faouar")
        XCTAssertFalse(d.actors.isEmpty)
        XCTAssertTrue(d.actors.allSatisfy(\.actor.resolved))
        XCTAssertTrue(d.missions.contains { $0.id == "undof" && $0.resolved }, "\(d.missions.map(\.id))")
        XCTAssertFalse(d.sources.isEmpty)
        XCTAssertTrue(d.sources.allSatisfy { $0.source.resolved && !($0.quote ?? "").isEmpty })
    }

    func testUNDOFHasTheKazakhstaniFigure() throws {
        let store = try AtlasStore.builtin()
        let undof = try XCTUnwrap(try store.detail("undof"), "no mission 'undof' in the built-in atlas")
        XCTAssertEqual(undof.kind, .mission)
        let figure = undof.figures.first { $0.count == 139 }
        XCTAssertNotNil(figure, "figures: \(undof.figures.map { "\($0.date ?? "?") \($0.count)" })")
        XCTAssertEqual(figure?.date, "2024-05-31")
        XCTAssertNotNil(figure?.actor?.title, "the contributor is in the atlas")
        XCTAssertNotNil(figure?.citation, "the figure cites its source")
    }
}
