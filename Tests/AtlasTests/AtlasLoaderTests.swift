import Foundation
import XCTest
@testable import Atlas

final class AtlasLoaderTests: XCTestCase {
    /// A small clean atlas the bad files refer to: source `src-a`, actor `kazakhstan`,
    /// mission `undof`, event `arrival`.
    static let base = """
        sources:
          - id: src-a
            title: A test article
        actors:
          - id: kazakhstan
            title: Kazakhstan
            type: state
            sources: [{source: src-a, locator: p1, quote: q}]
        missions:
          - id: undof
            title: UNDOF
            status: active
            sources: [{source: src-a, locator: p1, quote: q}]
        events:
          - id: arrival
            title: Arrival
            date: 2024-03-15
            sources: [{source: src-a, locator: p1, quote: q}]

        """
    /// One citation line, at the indentation of a record's fields.
    static let cite = "    sources: [{source: src-a, locator: p1, quote: q}]\n"

    /// Problems of `base.yaml` plus `bad.yaml` (and any other files).
    private func problems(_ bad: String, name: String = "bad.yaml", extra: [String: String] = [:],
                          file: StaticString = #filePath, line: UInt = #line) throws -> [AtlasProblem] {
        var files = extra
        files["base.yaml"] = Self.base
        files[name] = bad
        let atlas = try TempAtlas(files)
        return readAtlas(atlas.url, file: file, line: line)?.problems ?? []
    }

    /// Finds the problem of `kind` at `line:column` in `file` and checks its message.
    @discardableResult
    private func expect(_ problems: [AtlasProblem], _ kind: AtlasProblem.Kind, in fileName: String = "bad.yaml",
                        line: Int, column: Int, _ fragments: String...,
                        file: StaticString = #filePath, sourceLine: UInt = #line) -> AtlasProblem? {
        let listing = problems.map { "\($0.kind) \($0)" }.joined(separator: "\n")
        guard let p = problems.first(where: { $0.kind == kind && $0.line == line && $0.column == column
                                                && URL(fileURLWithPath: $0.file).lastPathComponent == fileName }) else {
            XCTFail("no \(kind) problem at \(fileName):\(line):\(column); got:\n\(listing)", file: file, line: sourceLine)
            return nil
        }
        for f in fragments {
            XCTAssertTrue(p.message.contains(f), "message '\(p.message)' lacks '\(f)'", file: file, line: sourceLine)
        }
        XCTAssertTrue(p.description.hasSuffix(":\(line):\(column): \(p.message)"), p.description, file: file, line: sourceLine)
        return p
    }

    // MARK: a clean atlas

    func testMiniFixtureLoadsCleanly() throws {
        guard let r = readAtlas(TestPaths.mini) else { return }
        XCTAssertEqual(r.problems, [], r.problems.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(r.files, ["actors.yaml", "events.yaml", "missions.yaml", "sources.yaml"])
        let c = r.content
        XCTAssertEqual(c.sources.count, 1)
        XCTAssertEqual(c.actors.count, 3)
        XCTAssertEqual(c.missions.count, 1)
        XCTAssertEqual(c.events.count, 3)
        XCTAssertEqual(c.links.count, 4)
        // 3 actor + 1 mission + 1 figure + 3 event citations.
        XCTAssertEqual(c.citationCount, 8)

        let handover = try XCTUnwrap(c.events.first { $0.id == "handover" })
        XCTAssertEqual(handover.date.sortKey, 20240322)
        XCTAssertEqual(handover.place, Place(name: "Camp Faouar", region: "Golan Heights"))
        XCTAssertEqual(handover.actors, [Participant(actor: "kazakhstan", role: "contributor")])
        XCTAssertEqual(handover.missions, ["undof"])
        XCTAssertEqual(handover.sources, [Citation(source: "src-a", locator: "para 10", quote: "took over")])
        let arrival = try XCTUnwrap(c.events.first { $0.id == "arrival" })
        XCTAssertEqual(arrival.place?.name, "Damascus", "a place may be written as plain text")
        XCTAssertEqual(arrival.figures.first?.qualifier, .about)
        XCTAssertEqual(arrival.figures.first?.count, 40)
        let turkiye = try XCTUnwrap(c.actors.first { $0.id == "turkiye" })
        XCTAssertEqual(turkiye.title, "Türkiye")
        XCTAssertEqual(turkiye.aliases, ["Turkey"])
        XCTAssertEqual(turkiye.iso3, "TUR")
        XCTAssertEqual(turkiye.type, .state)
        let undof = try XCTUnwrap(c.missions.first)
        XCTAssertEqual(undof.status, .active)
        XCTAssertEqual(undof.acronym, "UNDOF")
        XCTAssertEqual(undof.figures.first?.count, 139)
        XCTAssertEqual(undof.figures.first?.actor, "kazakhstan")
        XCTAssertEqual(undof.figures.first?.date?.text, "2024-05-31")
        XCTAssertEqual(undof.figures.first?.source?.quote, "139")
        let source = try XCTUnwrap(c.sources.first)
        XCTAssertEqual(source.publisher, "Test Publisher")
        XCTAssertEqual(source.date?.sortKey, 20240801)

        XCTAssertNoThrow(try AtlasLoader.load(directory: TestPaths.mini))
    }

    func testBaseAtlasOfTheseTestsIsClean() throws {
        let atlas = try TempAtlas(["base.yaml": Self.base])
        XCTAssertEqual(readAtlas(atlas.url)?.problems, [])
    }

    // MARK: one bad atlas per kind of problem

    /// Every kind of problem has a test below; a new kind needs one too.
    func testEveryProblemKindIsCovered() throws {
        let covered: Set<AtlasProblem.Kind> = [.syntax, .encoding, .emptyFile, .missingField, .unknownField, .wrongType,
                                               .duplicateID, .danglingReference, .badDate, .unknownRelation,
                                               .missingSource, .badValue]
        XCTAssertEqual(Set(AtlasProblem.Kind.allCases), covered)
    }

    func testSyntaxMappingValueInsideAValue() throws {
        let p = try problems("events:\n  - id: x\n    title: a: b\n")
        XCTAssertEqual(p.count, 1, p.map(\.description).joined(separator: "\n"))
        expect(p, .syntax, line: 3, column: 13, "YAML syntax error", "mapping values are not allowed")
    }

    func testSyntaxUnclosedFlowSequence() throws {
        let p = try problems("events:\n  - id: x\n    aliases: [a, b\n    title: t\n")
        XCTAssertEqual(p.count, 1)
        // The parser notices on the next line, at the ':' that cannot be in a list.
        expect(p, .syntax, line: 4, column: 10, "flow sequence", "']'")
    }

    func testSyntaxBadIndentation() throws {
        let p = try problems("events:\n  - id: x\n  title: t\n")
        XCTAssertEqual(p.count, 1)
        expect(p, .syntax, line: 3, column: 3, "YAML syntax error")
        let q = try problems("events:\n\t- id: x\n")
        expect(q, .syntax, line: 2, column: 1, "YAML syntax error")
    }

    func testSyntaxDuplicateKeyInOneRecord() throws {
        let p = try problems("events:\n  - id: x\n    title: t\n    title: u\n")
        let dup = try XCTUnwrap(p.first { $0.kind == .syntax }, p.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(dup.message.contains("duplicate key 'title'"), dup.message)
        XCTAssertTrue([3, 4].contains(dup.line), "points at one of the two 'title' keys: \(dup)")
        XCTAssertEqual(dup.column, 5)
    }

    func testEncodingInvalidUTF8PointsAtTheFirstBadByte() throws {
        // Line 3: four spaces, "title: " (7), then é (column 12, two bytes) and 0xFF (column 13).
        var bytes = Data("events:\n  - id: x\n    title: é".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array("\n".utf8))
        let atlas = try TempAtlas(["base.yaml": Self.base])
        try atlas.write("bad.yaml", bytes)
        let p = readAtlas(atlas.url)?.problems ?? []
        XCTAssertEqual(p.count, 1)
        expect(p, .encoding, line: 3, column: 13, "UTF-8")

        // Latin-1 "Türkiye": ü is 0xFC.
        let latin1 = try TempAtlas(["base.yaml": Self.base])
        try latin1.write("bad.yaml", Data([0x61, 0x3A, 0x20, 0x54, 0xFC, 0x72, 0x0A]))   // "a: T\xFCr"
        expect(readAtlas(latin1.url)?.problems ?? [], .encoding, line: 1, column: 5, "UTF-8")

        // A sequence cut off by the end of the file.
        let cut = try TempAtlas(["base.yaml": Self.base])
        try cut.write("bad.yaml", Data("a: b\nc: d".utf8) + Data([0xE2, 0x82]))
        expect(readAtlas(cut.url)?.problems ?? [], .encoding, line: 2, column: 5, "UTF-8")
    }

    /// CESU-8 (UTF-8-encoded surrogates, as Java writes them) and overlong forms are not
    /// UTF-8; the reported position must be that of the bad bytes, not the end of the file.
    func testInvalidUTF8SurrogateOrOverlongPointsAtTheEndOfFile() throws {
        for bad in [[0xED, 0xA0, 0x80] as [UInt8], [0xC0, 0xAF], [0xF5, 0x80, 0x80, 0x80]] {
            var bytes = Data("events:\n  - id: x\n    title: ".utf8)
            bytes.append(contentsOf: bad)
            bytes.append(contentsOf: Array("\n    date: 2024\n".utf8))
            let atlas = try TempAtlas(["base.yaml": Self.base])
            try atlas.write("bad.yaml", bytes)
            let p = readAtlas(atlas.url)?.problems ?? []
            XCTAssertEqual(p.count, 1)
            expect(p, .encoding, line: 3, column: 12, "UTF-8")
        }
    }

    func testEncodingNULCharacter() throws {
        let p = try problems("events:\n  - id: x\n    title: a\u{0}b\n")
        XCTAssertEqual(p.count, 1)
        expect(p, .encoding, line: 3, column: 13, "NUL")
    }

    func testEmptyFile() throws {
        expect(try problems(""), .emptyFile, line: 1, column: 1, "empty")
        expect(try problems("# only a comment\n"), .emptyFile, line: 1, column: 1, "empty")
        expect(try problems("\n\n   \n"), .emptyFile, line: 1, column: 1, "empty")
    }

    func testMissingRequiredFields() throws {
        let cases: [(String, String)] = [
            ("events:\n  - title: t\n    date: 2024\n" + Self.cite, "id"),
            ("events:\n  - id: x\n    date: 2024\n" + Self.cite, "title"),
            ("events:\n  - id: x\n    title: t\n" + Self.cite, "date"),
            ("missions:\n  - id: m\n    title: M\n" + Self.cite, "status"),
            ("actors:\n  - id: a\n    title: A\n" + Self.cite, "type"),
        ]
        for (yaml, field) in cases {
            let p = try problems(yaml)
            XCTAssertEqual(p.count, 1, "\(field): " + p.map(\.description).joined(separator: "\n"))
            // Located at the record, which is where the field should go.
            expect(p, .missingField, line: 2, column: 5, "missing required field '\(field)'")
        }
        // A citation without its quote: at the citation's '{' (column 15).
        let c = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    sources: [{source: src-a, locator: p1}]\n")
        expect(c, .missingField, line: 5, column: 15, "'quote'")
    }

    /// YAML's null (`~`, `null`, nothing) is "no value": a required field written
    /// `title: ~` is missing, not the text "~", and an optional list may be null.
    func testNullValuesCountAsMissing() throws {
        for null in ["~", "null", "Null", "NULL"] {
            let p = try problems("events:\n  - id: x\n    title: \(null)\n    date: 2024\n" + Self.cite)
            expect(p, .missingField, line: 2, column: 5, "missing required field 'title'")
        }
        let atlas = try TempAtlas(["base.yaml": Self.base, "more.yaml": """
            events:
              - id: x
                title: t
                date: 2024
                summary: ~
                aliases: ~
                links: null
                sources: [{source: src-a, locator: p1, quote: q}]
            actors: ~

            """])
        guard let r = readAtlas(atlas.url) else { return }
        XCTAssertEqual(r.problems.map(\.description), [])
        let x = r.content.events.first { $0.id == "x" }
        XCTAssertNotNil(x)
        XCTAssertNil(x?.summary, "summary: ~ is no summary, not the text '~'")
        XCTAssertEqual(x?.aliases, [])
    }

    func testUnknownFieldWithHint() throws {
        let p = try problems("events:\n  - id: x\n    title: t\n    dte: 2024\n" + Self.cite)
        expect(p, .unknownField, line: 4, column: 5, "unknown field 'dte'", "did you mean 'date'?")
        // ... and the date it was meant to be is missing.
        expect(p, .missingField, line: 2, column: 5, "'date'")
        // In a nested mapping too.
        let q = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    place: {name: A, regoin: B}\n" + Self.cite)
        expect(q, .unknownField, line: 5, column: 22, "'regoin'", "did you mean 'region'?")
    }

    /// Columns count characters, not bytes: ü is two bytes, 哈 three, 🇰🇿 eight.
    func testColumnsCountCharacters() throws {
        let p = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    place: {name: Türkiye, regoin: B}\n" + Self.cite)
        expect(p, .unknownField, line: 5, column: 28, "'regoin'")
        let q = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    place: {name: 哈萨克斯坦, regoin: B}\n" + Self.cite)
        expect(q, .unknownField, line: 5, column: 26, "'regoin'")
        let r = try problems("events:\n  - id: x\n    title: t\n    aliases: [🇰🇿, x]\n    date: 2024-13\n" + Self.cite)
        expect(r, .badDate, line: 5, column: 16, "month 13")
    }

    func testWrongTypes() throws {
        let title = try problems("events:\n  - id: x\n    title: [a, b]\n    date: 2024\n" + Self.cite)
        XCTAssertEqual(title.count, 1)
        expect(title, .wrongType, line: 3, column: 12, "'title' must be text", "a list")

        let count = try problems("missions:\n  - id: m\n    title: M\n    status: active\n    figures:\n"
                                 + "      - category: troops\n        count: many\n" + Self.cite)
        XCTAssertEqual(count.count, 1)
        expect(count, .wrongType, line: 7, column: 16, "'count' must be a whole number", "'many'")

        let negative = try problems("missions:\n  - id: m\n    title: M\n    status: active\n    figures:\n"
                                    + "      - category: troops\n        count: -3\n" + Self.cite)
        expect(negative, .wrongType, line: 7, column: 16, "'count'")

        let topList = try problems("- id: x\n  title: t\n")
        expect(topList, .wrongType, line: 1, column: 1, "mapping")

        let notAList = try problems("events: 5\n")
        expect(notAList, .wrongType, line: 1, column: 9, "'events' must be a list")

        let aliases = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    aliases: Turkey\n" + Self.cite)
        expect(aliases, .wrongType, line: 5, column: 14, "'aliases' must be a list")

        let latitude = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    place: {name: A, lat: 95}\n" + Self.cite)
        expect(latitude, .wrongType, line: 5, column: 27, "'lat'")
    }

    func testDuplicateIDAcrossTwoFilesNamesTheFirstDefinition() throws {
        let a = "events:\n  - id: dup\n    title: t\n    date: 2024\n" + Self.cite
        let b = "actors:\n  - id: other\n    title: X\n    type: state\n" + Self.cite
            + "  - id: dup\n    title: D\n    type: state\n" + Self.cite
        let atlas = try TempAtlas(["a.yaml": a, "b.yaml": b, "base.yaml": Self.base])
        let p = readAtlas(atlas.url)?.problems ?? []
        XCTAssertEqual(p.count, 1, p.map(\.description).joined(separator: "\n"))
        expect(p, .duplicateID, in: "b.yaml", line: 6, column: 9, "duplicate id 'dup'", "a.yaml:2", "event")
    }

    func testDanglingReferencesWithNearMatches() throws {
        let bad = """
            events:
              - id: x
                title: t
                date: 2024
                actors:
                  - {actor: kazakstan, role: host}
                  - {actor: kazakhstan, role: host}
                missions: [undfo]
                links:
                  - {rel: follows, to: arival}
                  - {rel: refers-to, to: "foo:bar"}
                  - {rel: refers-to, to: "unsc-veto:S/2016/846"}
                sources: [{source: src-b, locator: p1, quote: q}]

            """
        let p = try problems(bad)
        XCTAssertEqual(p.count, 5, p.map(\.description).joined(separator: "\n"))
        expect(p, .danglingReference, line: 6, column: 17, "no actor with id 'kazakstan'", "did you mean 'kazakhstan'?")
        expect(p, .danglingReference, line: 8, column: 16, "no mission with id 'undfo'", "did you mean 'undof'?")
        expect(p, .danglingReference, line: 10, column: 28, "'arival'", "did you mean 'arrival'?")
        // Not a declared dataset: an ordinary missing record.
        expect(p, .danglingReference, line: 11, column: 30, "'foo:bar'")
        expect(p, .danglingReference, line: 13, column: 24, "no source with id 'src-b'", "did you mean 'src-a'?")
        XCTAssertFalse(p.contains { $0.line == 12 }, "a declared dataset key is not an error")
        XCTAssertFalse(p.contains { $0.line == 7 })

        // Figures name their contributor.
        let figure = try problems("missions:\n  - id: m\n    title: M\n    status: active\n    figures:\n"
                                  + "      - {category: troops, count: 3, actor: kazakstn}\n" + Self.cite)
        expect(figure, .danglingReference, line: 6, column: 45, "'kazakstn'", "'kazakhstan'")
    }

    func testDatasetLinksAreResolvedLaterNotErrors() throws {
        let atlas = try TempAtlas(["base.yaml": Self.base, "bad.yaml": """
            events:
              - id: x
                title: t
                date: 2024
                links:
                  - {rel: refers-to, to: "unsc-veto:S/2016/846"}
                  - {rel: refers-to, to: "ucdp-ged:300380"}
                  - {rel: same-as, to: "un-mission:UNDOF"}
                  - {rel: refers-to, to: "unsc-veto:"}
                sources: [{source: src-a, locator: p1, quote: q}]

            """])
        guard let r = readAtlas(atlas.url) else { return }
        // Only the key with nothing after the colon is wrong.
        XCTAssertEqual(r.problems.count, 1, r.problems.map(\.description).joined(separator: "\n"))
        expect(r.problems, .danglingReference, line: 9, column: 30, "'unsc-veto:'")
        XCTAssertTrue(r.content.links.contains(Link(from: "x", relation: .refersTo, to: "unsc-veto:S/2016/846")))
        XCTAssertTrue(r.content.links.contains(Link(from: "x", relation: .sameAs, to: "un-mission:UNDOF")))
    }

    func testReferenceToARecordOfTheWrongKind() throws {
        let p = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    actors:\n      - {actor: undof, role: host}\n"
                             + "    missions: [kazakhstan]\n" + Self.cite)
        XCTAssertEqual(p.count, 2, p.map(\.description).joined(separator: "\n"))
        expect(p, .danglingReference, line: 6, column: 17, "'undof' is a mission", "actor")
        expect(p, .danglingReference, line: 7, column: 16, "'kazakhstan' is a", "mission is expected")
        // A citation must name a source.
        let c = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    sources: [{source: arrival, locator: p, quote: q}]\n")
        expect(c, .danglingReference, line: 5, column: 24, "'arrival' is a", "event", "source")
        // Links may point at any kind.
        let l = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    links: [{rel: refers-to, to: undof}]\n" + Self.cite)
        XCTAssertEqual(l, [])
    }

    /// "a actor" / "a event": the article must agree with the kind.
    func testWrongKindMessageSaysAnActor() throws {
        let p = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    actors:\n      - {actor: undof, role: host}\n"
                             + "    sources: [{source: arrival, locator: p, quote: q}]\n")
        expect(p, .danglingReference, line: 6, column: 17, "an actor is expected")
        expect(p, .danglingReference, line: 7, column: 24, "is an event")
    }

    func testBadDatesPointInsideTheValue() throws {
        let bad = """
            events:
              - id: x
                title: t
                date: 2024-13-01
                sources: [{source: src-a, locator: p1, quote: q}]
              - id: y
                title: t
                date: "2024-02-30"
                sources: [{source: src-a, locator: p1, quote: q}]
              - id: z
                title: t
                date: 2017~/2016
                sources: [{source: src-a, locator: p1, quote: q}]
              - id: w
                title: t
                date: '2024-3-01'
                sources: [{source: src-a, locator: p1, quote: q}]
            missions:
              - id: m
                title: M
                status: active
                mandate: 1974-05-32/..
                sources: [{source: src-a, locator: p1, quote: q}]

            """
        let p = try problems(bad)
        XCTAssertEqual(p.count, 5, p.map(\.description).joined(separator: "\n"))
        // The value starts at column 11; the month is 5 characters in.
        expect(p, .badDate, line: 4, column: 16, "2024-13-01", "month 13")
        // A quoted value starts one column later.
        expect(p, .badDate, line: 8, column: 20, "day 30")
        expect(p, .badDate, line: 12, column: 17, "before")
        expect(p, .badDate, line: 16, column: 17, "two digits")
        expect(p, .badDate, line: 22, column: 22, "day 32")
    }

    func testUnknownRelationWithHint() throws {
        let p = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    links:\n      - {rel: folows, to: arrival}\n" + Self.cite)
        XCTAssertEqual(p.count, 1)
        expect(p, .unknownRelation, line: 6, column: 15, "unknown relation 'folows'", "did you mean 'follows'?")
    }

    func testRecordWithoutASource() throws {
        let none = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n")
        XCTAssertEqual(none.count, 1)
        expect(none, .missingSource, line: 2, column: 5, "event 'x' cites no source")

        let empty = try problems("events:\n  - id: x\n    title: t\n    date: 2024\n    sources: []\n")
        XCTAssertEqual(empty.count, 1)
        expect(empty, .missingSource, line: 5, column: 14, "cites no source")

        let actor = try problems("actors:\n  - id: a\n    title: A\n    type: state\n")
        expect(actor, .missingSource, line: 2, column: 5, "actor 'a'")
        let mission = try problems("missions:\n  - id: m\n    title: M\n    status: closed\n")
        expect(mission, .missingSource, line: 2, column: 5, "mission 'm'")
        // Sources themselves cite nothing.
        XCTAssertEqual(try problems("sources:\n  - id: s\n    title: S\n"), [])
    }

    func testBadValues() throws {
        let status = try problems("missions:\n  - id: m\n    title: M\n    status: finished\n" + Self.cite)
        XCTAssertEqual(status.count, 1)
        expect(status, .badValue, line: 4, column: 13, "'status' is 'finished'", "active, closed, proposed")

        let iso = try problems("actors:\n  - id: a\n    title: A\n    type: state\n    iso3: kz\n" + Self.cite)
        XCTAssertEqual(iso.count, 1)
        expect(iso, .badValue, line: 5, column: 11, "'iso3' is 'kz'", "ISO 3166-1 alpha-3")

        let slug = try problems("actors:\n  - id: Bad_ID\n    title: B\n    type: state\n" + Self.cite)
        XCTAssertEqual(slug.count, 1)
        expect(slug, .badValue, line: 2, column: 9, "'Bad_ID'", "slug")

        let leadingDash = try problems("actors:\n  - id: -a\n    title: B\n    type: state\n" + Self.cite)
        expect(leadingDash, .badValue, line: 2, column: 9, "slug")

        let type = try problems("actors:\n  - id: a\n    title: A\n    type: country\n" + Self.cite)
        expect(type, .badValue, line: 4, column: 11, "'type' is 'country'", "state")

        let qualifier = try problems("missions:\n  - id: m\n    title: M\n    status: active\n    figures:\n"
                                     + "      - {category: troops, count: 3, qualifier: roughly}\n" + Self.cite)
        expect(qualifier, .badValue, line: 6, column: 49, "'roughly'", "about")

        let emptyTitle = try problems("events:\n  - id: x\n    title: \"  \"\n    date: 2024\n" + Self.cite)
        expect(emptyTitle, .badValue, line: 3, column: 12, "'title' is empty")
    }

    /// Every allowed-value list the README documents is enforced, with a position
    /// and, where one is near, a suggestion.
    func testDocumentedValueListsAreEnforced() throws {
        let podcast = try problems("sources:\n  - id: s\n    title: S\n    kind: podcast\n")
        XCTAssertEqual(podcast.count, 1)
        expect(podcast, .badValue, line: 4, column: 11, "'kind' is 'podcast'", "article, dataset, report, statement")
        let typo = try problems("sources:\n  - id: s\n    title: S\n    kind: artcle\n")
        expect(typo, .badValue, line: 4, column: 11, "did you mean 'article'?")

        let mission = try problems("missions:\n  - id: m\n    title: M\n    type: nonsense\n    status: active\n" + Self.cite)
        XCTAssertEqual(mission.count, 1)
        expect(mission, .badValue, line: 4, column: 11, "'type' is 'nonsense'", "peacekeeping, observer, political, regional")

        let country = try problems("events:\n  - id: e\n    title: E\n    date: 2024\n    place: {name: Astana, country: kz}\n" + Self.cite)
        XCTAssertEqual(country.count, 1)
        expect(country, .badValue, line: 5, column: 36, "'country' is 'kz'", "ISO 3166-1 alpha-3")
        let byName = try problems("events:\n  - id: e\n    title: E\n    date: 2024\n    place: {name: Astana, country: Kazakhstan}\n" + Self.cite)
        expect(byName, .badValue, line: 5, column: 36, "did you mean 'KAZ', Kazakhstan?")
        let unknownCode = try problems("actors:\n  - id: a\n    title: A\n    type: state\n    iso3: ABC\n" + Self.cite)
        expect(unknownCode, .badValue, line: 5, column: 11, "'iso3' is 'ABC'")

        let person = try problems("actors:\n  - id: a\n    title: A\n    type: person\n    iso3: KAZ\n" + Self.cite)
        XCTAssertEqual(person.count, 1)
        expect(person, .badValue, line: 5, column: 11, "iso3 is for states", "'person'")

        // The values the README shows are accepted.
        XCTAssertEqual(try problems("actors:\n  - id: a\n    title: A\n    type: state\n    iso3: KAZ\n" + Self.cite), [])
        XCTAssertEqual(try problems("events:\n  - id: e\n    title: E\n    date: 2024\n    place: {name: Q, country: SDN}\n" + Self.cite), [])
    }

    func testUnknownTopLevelKey() throws {
        let p = try problems("evnts:\n  - id: x\n")
        XCTAssertEqual(p.count, 1)
        expect(p, .unknownField, line: 1, column: 1, "unknown top-level key 'evnts'", "did you mean 'events'?")
        let q = try problems("events: []\npeople: []\n")
        expect(q, .unknownField, line: 2, column: 1, "'people'")
    }

    func testInverseRelationLabelsAreStoredReversed() throws {
        let atlas = try TempAtlas(["base.yaml": Self.base, "more.yaml": """
            events:
              - id: x
                title: t
                date: 2024
                links:
                  - {rel: result-of, to: arrival}
                  - {rel: includes, to: arrival}
                  - {rel: followed-by, to: arrival}
                  - {rel: follows, to: arrival}
                sources: [{source: src-a, locator: p1, quote: q}]
            actors:
              - id: csto
                title: CSTO
                type: organization
                links: [{rel: has-member, to: kazakhstan}]
                sources: [{source: src-a, locator: p1, quote: q}]

            """])
        guard let r = readAtlas(atlas.url) else { return }
        XCTAssertEqual(r.problems, [])
        let links = Set(r.content.links)
        XCTAssertTrue(links.contains(Link(from: "arrival", relation: .leadsTo, to: "x")))
        XCTAssertTrue(links.contains(Link(from: "arrival", relation: .partOf, to: "x")))
        XCTAssertTrue(links.contains(Link(from: "arrival", relation: .follows, to: "x")))
        XCTAssertTrue(links.contains(Link(from: "x", relation: .follows, to: "arrival")))
        XCTAssertTrue(links.contains(Link(from: "kazakhstan", relation: .memberOf, to: "csto")))
        XCTAssertEqual(r.content.links.count, 5)
    }

    func testRelationLabels() {
        for r in Relation.allCases {
            XCTAssertEqual(Relation.parse(r.rawValue)?.relation, r)
            XCTAssertEqual(Relation.parse(r.rawValue)?.reversed, false)
            if r.inverse != r.rawValue {
                XCTAssertEqual(Relation.parse(r.inverse)?.relation, r)
                XCTAssertEqual(Relation.parse(r.inverse)?.reversed, true)
            }
        }
        XCTAssertEqual(Relation.leadsTo.inverse, "result-of")
        XCTAssertEqual(Relation.partOf.inverse, "includes")
        XCTAssertNil(Relation.parse("folows"))
        XCTAssertEqual(Set(Relation.allLabels).count, Relation.allLabels.count)
    }

    func testEveryProblemInEveryFileIsListedInOrder() throws {
        let atlas = try TempAtlas([
            "base.yaml": Self.base,
            "a.yaml": "events:\n  - id: x\n    title: t\n    dte: 2024\n" + Self.cite,
            "c.yml": "actors:\n  - id: y\n    title: Y\n    type: stat\n" + Self.cite,
            "b.yaml": "evnts: []\n",
            "notes.txt": "not: [an atlas\n",
        ])
        guard let r = readAtlas(atlas.url) else { return }
        XCTAssertEqual(r.files, ["a.yaml", "b.yaml", "base.yaml", "c.yml"], ".yml is read, .txt is not")
        let names = r.problems.map { URL(fileURLWithPath: $0.file).lastPathComponent }
        XCTAssertEqual(Set(names), ["a.yaml", "b.yaml", "c.yml"])
        let order = r.problems.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0.line, $0.column) }
        XCTAssertTrue(zip(order, order.dropFirst()).allSatisfy { $0 <= $1 }, "\(order)")
        XCTAssertThrowsError(try AtlasLoader.load(directory: atlas.url)) { error in
            guard case AtlasError.invalid(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems, r.problems)
            XCTAssertTrue(String(describing: error).contains("more problem"), String(describing: error))
        }
    }

    // MARK: folders and files that cannot be read

    func testMissingPathAndFileAreUnreadable() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-atlas-\(UUID().uuidString)")
        XCTAssertThrowsError(try AtlasLoader.read(directory: missing)) { error in
            guard case AtlasError.unreadable(let path, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing.path)
            XCTAssertFalse(reason.isEmpty)
        }
        let atlas = try TempAtlas(["base.yaml": Self.base])
        let file = atlas.url.appendingPathComponent("base.yaml")
        XCTAssertThrowsError(try AtlasLoader.read(directory: file)) { error in
            guard case AtlasError.unreadable(let path, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
            XCTAssertTrue(reason.contains("file"), reason)
        }
    }

    func testFolderWithoutYAMLIsUnreadable() throws {
        let atlas = try TempAtlas(["README.md": "# notes\n", ".hidden.yaml": "events: []\n"])
        XCTAssertThrowsError(try AtlasLoader.read(directory: atlas.url)) { error in
            guard case AtlasError.unreadable(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains(".yaml"), reason)
        }
    }

    func testAYAMLNamedFolderIsAProblem() throws {
        let atlas = try TempAtlas(["base.yaml": Self.base])
        try FileManager.default.createDirectory(at: atlas.url.appendingPathComponent("events.yaml"),
                                                withIntermediateDirectories: false)
        guard let r = readAtlas(atlas.url) else { return }
        XCTAssertEqual(r.problems.count, 1)
        expect(r.problems, .wrongType, in: "events.yaml", line: 1, column: 1, "folder")
        XCTAssertEqual(r.content.events.map(\.id), ["arrival"], "the other files are still read")
    }

    func testByteOrderMarkIsAccepted() throws {
        let atlas = try TempAtlas(["base.yaml": "\u{FEFF}" + Self.base])
        guard let r = readAtlas(atlas.url) else { return }
        XCTAssertEqual(r.problems, [])
        XCTAssertEqual(r.content.sources.first?.id, "src-a")
        XCTAssertEqual(r.content.events.count, 1)
        // Positions after a BOM are not shifted.
        let bad = try TempAtlas(["base.yaml": Self.base, "bad.yaml": "\u{FEFF}events:\n  - id: x\n    dte: 2024\n"])
        expect(readAtlas(bad.url)?.problems ?? [], .unknownField, line: 3, column: 5, "'dte'")
    }

    func testErrorDescriptionsCarryPathAndPosition() {
        let p = AtlasProblem(file: "events.yaml", line: 42, column: 7, kind: .unknownField, message: "unknown field 'dte'")
        XCTAssertEqual(p.description, "events.yaml:42:7: unknown field 'dte'")
        XCTAssertEqual(AtlasError.unreadable(path: "/x", reason: "no such folder").description, "/x: no such folder")
        XCTAssertEqual(AtlasError.invalid([p]).description, p.description)
    }

    func testNearMatch() {
        XCTAssertEqual(NearMatch.best("dte", among: ["date", "type", "title"]).first, "date")
        XCTAssertEqual(NearMatch.best("kazakstan", among: ["kazakhstan", "kyrgyzstan", "undof"]).first, "kazakhstan")
        XCTAssertEqual(NearMatch.best("zzzzzzzz", among: ["date", "title"]), [])
        XCTAssertEqual(NearMatch.distance(Array("kitten"), Array("sitting")), 3)
        XCTAssertEqual(NearMatch.distance([], Array("abc")), 3)
    }

    func testSlugs() {
        for good in ["undof", "kazcon-toa-2024-03-22", "2024", "a"] { XCTAssertTrue(RecordID.isValidSlug(good), good) }
        for bad in ["", "-a", "Undof", "a_b", "a b", "é", "a:b"] { XCTAssertFalse(RecordID.isValidSlug(bad), bad) }
    }
}

/// An atlas with problems still opens with what is valid; the hint names the folder.
final class AtlasWithProblemsTests: XCTestCase {
    func testOpensWithTheValidRecordsAndListsTheProblems() throws {
        let atlas = try TempAtlas([
            "sources.yaml": "sources:\n  - id: src\n    title: S\n",
            "events.yaml": """
                events:
                  - id: good
                    title: Good
                    date: 2024-03-22
                    sources: [{source: src, locator: p1, quote: q}]
                  - id: bad-date
                    title: Bad date
                    date: 2024-13-40
                    sources: [{source: src, locator: p1, quote: q}]
                  - id: good
                    title: Second with the same id
                    date: 2020
                    sources: [{source: src, locator: p1, quote: q}]
                  - id: dangling
                    title: Points nowhere
                    date: 2021
                    actors: [{actor: nobody, role: party}]
                    sources: [{source: src, locator: p1, quote: q}]

                """,
        ])
        XCTAssertThrowsError(try AtlasStore.load(atlas: atlas.url), "the strict load refuses it as before")
        let (store, problems) = try AtlasStore.loadShowingProblems(atlas: atlas.url)
        XCTAssertEqual(problems.map(\.kind), [.badDate, .duplicateID, .danglingReference], "\(problems)")
        XCTAssertEqual(problems.first?.line, 8)
        XCTAssertEqual(try store.detail("good")?.title, "Good", "the first of two records with one id")
        XCTAssertNil(try store.detail("bad-date"), "a record without its required date is left out")
        let read = try AtlasLoader.read(directory: atlas.url)
        XCTAssertEqual(read.locations["dangling"]?.line, 14, "where `e` opens the editor")
        XCTAssertTrue(read.locations["dangling"]?.file.hasSuffix("events.yaml") == true)
        let dangling = try XCTUnwrap(try store.detail("dangling"))
        XCTAssertEqual(dangling.actors.first?.actor.resolved, false, "a missing actor shows as unresolved")
    }

    func testTheHintNamesTheAtlasFolder() {
        let p = AtlasProblem(file: "my atlas/events.yaml", line: 3, column: 5, kind: .badDate, message: "bad date")
        let q = AtlasProblem(file: "my atlas/events.yaml", line: 9, column: 5, kind: .badDate, message: "bad date")
        XCTAssertEqual(AtlasError.invalid([p, q]).description,
                       "my atlas/events.yaml:3:5: bad date (and 1 more problem; run `crossroads validate --atlas 'my atlas'`)")
        let r = AtlasProblem(file: "atlas/events.yaml", line: 1, column: 1, kind: .badDate, message: "x")
        XCTAssertEqual(AtlasError.validateCommand(for: r), "crossroads validate --atlas atlas")
        XCTAssertEqual(AtlasError.validateCommand(for: AtlasProblem(file: "events.yaml", line: 1, column: 1, kind: .badDate, message: "x")),
                       "crossroads validate --atlas .")
    }
}
