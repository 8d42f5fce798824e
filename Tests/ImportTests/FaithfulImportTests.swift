import Foundation
import GRDB
import XCTest
@testable import Atlas

/// Issue 12, "Faithful imports": every record of a real export arrives as itself, or
/// is accounted for. Fixtures in `Fixtures/real` are rows copied from the real
/// exports in ../shared/data/real (Fixtures/README.md names each line); ACLED's, in
/// `Fixtures/acled`, are invented in its shapes (its terms forbid shipping its data).
final class FaithfulImportTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-faithful-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private var db: URL { folder.appendingPathComponent("peace.sqlite") }
    private func fixture(_ path: String) -> URL { Self.fixtures.appendingPathComponent(path) }
    private func real(_ path: String) throws -> URL {
        let url = ImportPresetTests.real.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("no shared data beside the repository") }
        return url
    }
    private func store() throws -> AtlasStore { try AtlasStore.open(database: db.path) }
    private func sql<T: DatabaseValueConvertible>(_ query: String, _ args: StatementArguments = []) throws -> [T] {
        try DatabaseQueue(path: db.path).read { try T.fetchAll($0, sql: query, arguments: args) }
    }

    // MARK: 1. missions without a start date

    /// UNOHCI, UNFOR and UNSCOB have no start_date in the UN list; they are missions
    /// all the same, with the dates the list gives.
    func testMissionsWithoutAStartDateAreImported() throws {
        let s = try Importer.run(preset: .unMissions, files: [fixture("real/un-missions.csv")], into: db)
        XCTAssertEqual(s.rowsRead, 5)
        XCTAssertEqual(s.skipped, 0, "\(s.skippedRows)")
        XCTAssertEqual(s.tally(.missions).new, 5)
        let store = try store()
        XCTAssertNil(try XCTUnwrap(store.detail("un-mission:UNOHCI")).date, "no date is known")
        XCTAssertEqual(try XCTUnwrap(store.detail("un-mission:UNSCOB")).date, "/1951-07-12", "an unknown start, a known end")
        XCTAssertEqual(try XCTUnwrap(store.detail("un-mission:UNTSO")).date, "1948-05-29/..")
    }

    func testAllEightyOneUNMissions() throws {
        let s = try Importer.run(preset: .unMissions, files: [real("un-psdata-missions/DPPADPOSS-PKO.csv")], into: db)
        XCTAssertEqual(s.rowsRead, 81)
        XCTAssertEqual(s.tally(.missions).new, 81)
        XCTAssertEqual(try store().count(ListFilter(kind: .mission)), 81)
    }

    // MARK: 2. vetoes

    /// Rows sharing a meeting symbol (S/PV.49 three times, two of them identical;
    /// S/PV.57 for three applications) are one veto each, keyed in file order, and
    /// a re-import finds the same records.
    func testEveryVetoRowIsOneEvent() throws {
        let file = fixture("real/unsc-vetoes.csv")
        let s = try Importer.run(preset: .unscVetoes, files: [file], into: db)
        XCTAssertEqual(s.rowsRead, 9)
        XCTAssertEqual(s.tally(.events).new, 9)
        XCTAssertEqual(s.rowsMerged, 0)
        let ids: [String] = try sql("SELECT id FROM entity WHERE kind = 'event' ORDER BY rowid")
        XCTAssertEqual(ids, ["unsc-veto:S/PV.23", "unsc-veto:S/PV.45", "unsc-veto:S/PV.49", "unsc-veto:S/PV.49#2", "unsc-veto:S/PV.49#3",
                             "unsc-veto:S/PV.57", "unsc-veto:S/PV.57#2", "unsc-veto:S/PV.57#3", "unsc-veto:S/2016/846"])
        XCTAssertEqual(try store().detail("unsc-veto:S/PV.57#2")?.sources.first?.quote, "Application for Membership Portugal")
        let ussr: [Int] = try sql("SELECT count(*) FROM participant WHERE actor = 'country:SUN'")
        XCTAssertEqual(ussr, [8])

        let again = try Importer.run(preset: .unscVetoes, files: [file], into: db)
        XCTAssertEqual(again.tally(.events).unchanged, 9, "the same keys again")
        XCTAssertEqual(again.tally(.events).new + again.tally(.events).updatedTotal, 0)
        XCTAssertEqual(try sql("SELECT count(*) FROM entity WHERE kind = 'event'") as [Int], [9])
    }

    func testAllTwoHundredFourteenVetoesNinetyOfTheUSSR() throws {
        let s = try Importer.run(preset: .unscVetoes, files: [real("unsc-vetoes/unsc_vetoes_1946_sept2022.csv")], into: db, withBuiltin: true)
        XCTAssertEqual(s.rowsRead, 214)
        XCTAssertEqual(s.tally(.events).new, 214)
        XCTAssertEqual(try sql("SELECT count(*) FROM entity WHERE id LIKE 'unsc-veto:%'") as [Int], [214])
        let soviet: [Int] = try sql("SELECT count(*) FROM participant p JOIN entity e ON e.rowid = p.event WHERE e.id LIKE 'unsc-veto:%' AND p.actor = (SELECT id FROM entity WHERE iso3 = 'SUN' LIMIT 1)")
        XCTAssertEqual(soviet, [90])
    }

    // MARK: 3. citations

    /// A dataset record cites the file, line and key and the import date, and quotes
    /// a real text field only: the agenda item, UCDP's headline; never a CSV fragment
    /// or a number.
    func testDatasetCitationsQuoteRealTextFields() throws {
        _ = try Importer.run(preset: .unscVetoes, files: [fixture("real/unsc-vetoes.csv")], into: db)
        let store = try store()
        let veto = try XCTUnwrap(store.detail("unsc-veto:S/PV.23")?.sources.first)
        XCTAssertEqual(veto.quote, "Letter from the Heads of the Lebanese and Syrian delegations to the Secretary-General dated 4 February 1946")
        XCTAssertTrue(veto.locator?.hasPrefix("unsc-vetoes.csv line 2, draft S/PV.23, imported 20") == true, veto.locator ?? "")

        let ucdp = folder.appendingPathComponent("u.sqlite")
        _ = try Importer.run(preset: .ucdpGED, files: [fixture("real/ucdp-hdx-hxl.csv")], into: ucdp)
        let e = try XCTUnwrap(AtlasStore.open(database: ucdp.path).detail("ucdp-ged:209980")?.sources.first)
        XCTAssertNotEqual(e.quote, "Laukkaing Town", "not the place name")
        XCTAssertFalse(e.quote?.contains(",Laukkaing") ?? false)
        let headline: [String] = try DatabaseQueue(path: ucdp.path).read { db in
            try String.fetchAll(db, sql: "SELECT quote FROM citation c JOIN entity e ON e.rowid = c.entity WHERE e.id = 'ucdp-ged:209980'")
        }
        let row = try String(contentsOf: fixture("real/ucdp-hdx-hxl.csv"), encoding: .utf8)
        XCTAssertTrue(headline.allSatisfy { $0.isEmpty || row.contains($0) }, "\(headline)")

        let gdelt = folder.appendingPathComponent("g.sqlite")
        _ = try Importer.run(preset: .gdelt1, files: [real("gdelt/gdelt1_events_sample_20160728.tsv")], into: gdelt)
        let quotes: [String] = try DatabaseQueue(path: gdelt.path).read { try String.fetchAll($0, sql: "SELECT quote FROM citation") }
        XCTAssertFalse(quotes.contains { !$0.isEmpty && Int($0) != nil }, "no quote is a number")
    }

    func testAnExcerptIsCutAtAWord() {
        let long = String(repeating: "word ", count: 100)
        let cut = ImportSession.excerpt(long)
        XCTAssertTrue(cut.hasSuffix("word…"), cut)
        XCTAssertLessThanOrEqual(cut.count, 301)
        XCTAssertEqual(ImportSession.excerpt("short text"), "short text")
    }

    // MARK: 4. Geo-PKO contingents

    /// "Korea (ROK) (150)" is the Republic of Korea's 150; a contingent of unknown
    /// size or no state (CARICOM) is a skipped item with its line.
    func testGeoPKOKeepsEveryContingentOrListsIt() throws {
        let file = fixture("real/geo-pko.csv")
        let s = try Importer.run(preset: .geoPKO, files: [file], into: db)
        XCTAssertEqual(s.rowsRead, 7)
        XCTAssertEqual(s.skippedRows.map(\.line), [2], "Nepal (size unknown) is the row's only contingent")
        XCTAssertNil(try store().lookup("un-mission:MINUJUSTH"), "a skipped row makes nothing, not even its mission")
        XCTAssertEqual(s.tally(.missions).new, 4, "MINUSTAH, UNISFA, UNMIH, UNOCI")
        XCTAssertEqual(s.skippedItemsByReason["contingent of unknown size"], 1)
        XCTAssertEqual(s.skippedItemsByReason["contingent that is not a state (CARICOM)"], 1)
        XCTAssertEqual(s.skippedItems.first { $0.reason.contains("CARICOM") }?.line, 6)
        let minustah = try XCTUnwrap(store().detail("un-mission:MINUSTAH"))
        XCTAssertTrue(minustah.figures.contains { $0.actor?.id == "country:KOR" && $0.count == 150 && $0.date == "2010" && $0.location == "Leogâne" },
                      "\(minustah.figures)")
    }

    func testMINUSTAHHasKoreasTroopsIn2010() throws {
        let s = try Importer.run(preset: .geoPKO, files: [real("geo-pko/TCCMap_v.2.3.csv")], into: db)
        XCTAssertEqual(s.rowsRead, 4927)
        XCTAssertTrue(s.addsUp)
        XCTAssertEqual(s.tally(.figures).new, 7816, "every contingent with a state and a size (Python's count)")
        XCTAssertEqual(s.skippedItemCount, 769 + 87 + 55 + 1 + 1)
        let minustah = try XCTUnwrap(store().detail("un-mission:MINUSTAH"))
        XCTAssertTrue(minustah.figures.contains { $0.actor?.id == "country:KOR" && $0.count == 150 && $0.date == "2010" })
        XCTAssertEqual(try sql("SELECT count(*) FROM figure WHERE actor = 'country:KOR'") as [Int], [33], "30 Korea (ROK) with a size, 3 South Korea")
    }

    // MARK: 5. two sites under one name

    /// UNISFA 2011 has two sites named Diffra (Ethiopia 150 and 650): both figures
    /// stay, and nothing is "updated" on a fresh database.
    func testTwoSitesUnderOneNameAreTwoFigures() throws {
        let s = try Importer.run(preset: .geoPKO, files: [fixture("real/geo-pko.csv")], into: db)
        XCTAssertEqual(s.updatedRecords, 0)
        XCTAssertEqual(s.rowsMerged, 0)
        let unisfa = try XCTUnwrap(store().detail("un-mission:UNISFA"))
        XCTAssertEqual(unisfa.figures.filter { $0.location == "Diffra" && $0.actor?.id == "country:ETH" }.map(\.count).sorted(), [150, 650])
        let unoci = try XCTUnwrap(store().detail("un-mission:UNOCI"))
        XCTAssertEqual(unoci.figures.filter { $0.actor?.id == "country:BGD" }.count, 2, "Bangladesh at both Seguela sites")

        let again = try Importer.run(preset: .geoPKO, files: [fixture("real/geo-pko.csv")], into: db)
        XCTAssertEqual(again.tally(.figures).unchanged, s.tally(.figures).new)
        XCTAssertEqual(again.tally(.figures).new + again.tally(.figures).updatedTotal, 0)
    }

    /// A row repeated word for word is merged, and the summary says which line it repeats.
    func testARepeatedRowIsMergedWithItsReason() throws {
        let text = try String(contentsOf: fixture("real/geo-pko.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let file = folder.appendingPathComponent("twice.csv")
        try (lines.joined(separator: "\n") + "\n" + lines[2] + "\n").write(to: file, atomically: true, encoding: .utf8)
        let s = try Importer.run(preset: .geoPKO, files: [file], into: db)
        XCTAssertEqual(s.mergedByReason, ["the same site, year and contingents as line 3 (a repeated row)": 1])
        XCTAssertTrue(s.addsUp)
    }

    // MARK: 6. event types

    func testEventTypesFollowTheDatasetsClassification() throws {
        _ = try Importer.run(preset: .acled, files: [fixture("acled/current.csv")], into: db)
        let store = try store()
        XCTAssertEqual(try store.detail("acled:XMP2")?.type, "protest", "a peaceful protest is no attack")
        XCTAssertTrue(try XCTUnwrap(store.detail("acled:XMP2")?.summary).contains("Protests / Peaceful protest"), "the dataset's own label stays")
        XCTAssertEqual(try store.detail("acled:XMP1")?.type, "clash")
        XCTAssertEqual(EventTypes.ucdp(typeOfViolence: "3"), "attack")
        XCTAssertEqual(EventTypes.cameo(root: "14"), "protest")
        XCTAssertEqual(EventTypes.cameo(root: "04"), "talks")
        XCTAssertEqual(EventTypes.acled(eventType: "Riots/Protests", subEventType: ""), "protest")
    }

    // MARK: 7. named armed actors

    /// Yemen's two governments' forces stay two actors, each linked to the state,
    /// and the state is on the event; "of the Democratic Republic of Congo" too.
    func testNamedArmedActorsStayThemselves() throws {
        _ = try Importer.run(preset: .acled, files: [fixture("acled/rival-forces.csv")], into: db)
        let store = try store()
        let clash = try XCTUnwrap(store.detail("acled:XMP20"))
        let ids = clash.actors.map(\.actor.id)
        XCTAssertTrue(ids.contains("acled:actor-military-forces-of-yemen-2016-supreme-political-council"), "\(ids)")
        XCTAssertTrue(ids.contains("acled:actor-military-forces-of-yemen-2012"), "\(ids)")
        XCTAssertTrue(ids.contains("country:YEM"), "narrowing to the state finds the event")
        let links: [String] = try sql("SELECT from_id FROM link WHERE rel = 'part-of' AND to_id = 'country:YEM' ORDER BY from_id")
        XCTAssertEqual(links.count, 2)
        XCTAssertTrue(try XCTUnwrap(store.detail("acled:XMP21")).actors.contains { $0.actor.id == "country:COD" })
    }

    // MARK: 8. other ACLED shapes

    func testLegacyACLEDWithEmptyTrailingColumnsImportsCompletely() throws {
        let s = try Importer.run(preset: .acled, files: [fixture("acled/legacy-trailing-empty.csv")], into: db)
        XCTAssertEqual(s.rowsRead, 3)
        XCTAssertEqual(s.skipped, 0, "\(s.skippedRows)")
        XCTAssertEqual(s.tally(.events).new, 3)
        XCTAssertEqual(try store().detail("acled:XMP7")?.place?.name, "Ségouville", "cp1252 decoded")
    }

    func testACLEDRowsKeyedByDataIDImport() throws {
        let s = try Importer.run(preset: .acled, files: [fixture("acled/data-id-only.csv")], into: db)
        XCTAssertEqual(s.skipped, 0, "\(s.skippedRows)")
        XCTAssertEqual(s.tally(.events).new, 2)
        XCTAssertEqual(try store().detail("acled:data_id-9000011")?.date, "2020-03-23")
    }

    // MARK: UCDP from HDX

    func testUCDPFromHDXWithItsHXLTagRow() throws {
        let s = try Importer.run(preset: .ucdpGED, files: [fixture("real/ucdp-hdx-hxl.csv")], into: db)
        XCTAssertEqual(s.rowsRead, 2, "the tag row is a header, not a row")
        XCTAssertEqual(s.skipped, 0, "\(s.skippedRows)")
        XCTAssertEqual(s.tally(.events).new, 2)
    }

    // MARK: 9. too little imported

    /// More rows skipped than imported: refused, with the accounting, and the
    /// database byte for byte as it was.
    func testTooLittleImportedIsRefusedAndTheDatabaseKept() throws {
        _ = try Importer.run(preset: .unMissions, files: [fixture("real/un-missions.csv")], into: db)
        let before = try Data(contentsOf: db)
        let bad = folder.appendingPathComponent("bad.csv")
        try "mission_acronym,mission_name,start_date,end_date\nUNA,Mission A,2000-01-01,\nUNB,Mission B,not a date,\nUNC,Mission C,2001-13-45,\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Importer.run(preset: .unMissions, files: [bad], into: db)) { e in
            guard case ImportError.tooLittleImported(_, let summaries) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(summaries.first?.skipped, 2)
            XCTAssertEqual(summaries.first?.rowsImported, 1)
            XCTAssertEqual("\(e)", "\(bad.path): more rows skipped (2) than imported (1); the database is as it was")
        }
        XCTAssertEqual(try Data(contentsOf: db), before)
        let header = folder.appendingPathComponent("header.csv")
        try "mission_acronym,mission_name,start_date,end_date\n".write(to: header, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Importer.run(preset: .unMissions, files: [header], into: db)) { e in
            XCTAssertTrue("\(e)".contains("nothing imported"), "\(e)")
        }
        XCTAssertEqual(try Data(contentsOf: db), before)
    }

    // MARK: 10. wrong preset

    func testAWrongPresetIsRefusedFromTheFirstRows() throws {
        _ = try Importer.run(preset: .unMissions, files: [fixture("real/un-missions.csv")], into: db)
        let before = try Data(contentsOf: db)
        let acled = fixture("acled/current.csv")
        XCTAssertThrowsError(try Importer.run(preset: .gdelt1, files: [acled], into: db)) { e in
            guard case ImportError.notThisDataset(_, let line, _) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(line, 1)
            XCTAssertTrue("\(e)".hasPrefix("\(acled.path):1: not a GDELT 1.0 export"), "\(e)")
        }
        XCTAssertEqual(try Data(contentsOf: db), before)
        XCTAssertThrowsError(try Importer.run(preset: .ucdpGED, files: [acled], into: db)) { e in
            XCTAssertTrue("\(e)".contains("not this dataset's file"), "\(e)")
        }
    }

    // MARK: 11. text hygiene

    /// A no-break space before the longitude and after the place name (row 2 of
    /// UCDP 19.1 written so): the coordinates are read, the name has no space.
    func testUnicodeSpacesAroundValuesAreTrimmed() throws {
        _ = try Importer.run(preset: .ucdpGED, files: [fixture("real/ucdp-nbsp.csv")], into: db)
        let rows: [Row] = try DatabaseQueue(path: db.path).read { try Row.fetchAll($0, sql: "SELECT place_name, lat, lon FROM entity WHERE id = 'ucdp-ged:209980'") }
        XCTAssertEqual(rows.first?["place_name"], "Laukkaing Town")
        XCTAssertEqual(rows.first?["lon"] as Double?, 98.765042)
        XCTAssertNotNil(rows.first?["lat"] as Double?)
    }

    // MARK: 12. countries

    func testTheCountryTableHasEveryEntityAndTheDatasetsSpellings() {
        let c = Countries.shared
        XCTAssertEqual(c.iso3("Kosovo"), "XKX")
        XCTAssertEqual(c.iso3("XKX"), "XKX")
        XCTAssertEqual(c.iso3("Puerto Rico"), "PRI")
        XCTAssertEqual(c.iso3("Curaçao"), "CUW")
        XCTAssertEqual(c.iso3("Guadeloupe"), "GLP")
        XCTAssertEqual(c.iso3("Republic of Congo"), "COG")
        XCTAssertEqual(c.iso3("Korea (ROK)"), "KOR")
        XCTAssertEqual(c.iso3("USSR"), "SUN")
        XCTAssertGreaterThanOrEqual(c.names.count, 251, "every ISO 3166-1 entity and the Soviet Union")
        XCTAssertEqual(c.iso3(forcesOf: "Military Forces of the Democratic Republic of Congo (2019-)"), "COD")
        XCTAssertEqual(c.iso3(forcesOf: "Government of Myanmar (Burma)"), "MMR")
        XCTAssertEqual(c.iso3(forcesOf: "Government of Afghanistan (2014-)"), "AFG")
    }

    // MARK: 13. GDELT actors

    /// Actors coded USACVL, USAELI, USABUS are not seven "United States": each is
    /// titled by its CAMEO parts and linked to the state; CVL is "civilians" whether
    /// a row names it SETTLEMENT or VILLAGE.
    func testGDELTActorsAreTitledByTheirCAMEOParts() throws {
        let s = try Importer.run(preset: .gdelt1, files: [fixture("real/gdelt1.tsv")], into: db)
        XCTAssertEqual(s.rowsRead, 7)
        XCTAssertEqual(s.skipped, 0)
        let store = try store()
        XCTAssertEqual(try store.lookup("gdelt:actor-USABUS")?.title, "United States · business")
        XCTAssertEqual(try store.lookup("gdelt:actor-USACVL")?.title, "United States · civilians")
        XCTAssertEqual(try store.lookup("gdelt:actor-USAELI")?.title, "United States · elites")
        XCTAssertEqual(try store.lookup("gdelt:actor-CVL")?.title, "civilians")
        XCTAssertEqual(try store.lookup("gdelt:actor-CHRPRO")?.title, "Christian · Protestant")
        let titled: [String] = try sql("SELECT title FROM entity WHERE kind = 'actor' AND title = 'United States'")
        XCTAssertEqual(titled.count, 1, "one United States: the state")
        let links: [String] = try sql("SELECT from_id FROM link WHERE rel = 'part-of' AND to_id = 'country:USA' ORDER BY from_id")
        XCTAssertEqual(links, ["gdelt:actor-USABUS", "gdelt:actor-USACVL", "gdelt:actor-USAELI"])
    }

    // MARK: 14. merged missions

    /// With the built-in atlas, UNDOF of the UN list merges into the atlas's undof:
    /// the article's facts stay, the list's mandate dates and citation join them, and
    /// `un-mission:UNDOF` (the README's key) answers with that record.
    func testAMergedMissionGainsTheDatasetsFields() throws {
        let file = fixture("real/un-missions.csv")
        let s = try Importer.run(preset: .unMissions, files: [file], into: db, withBuiltin: true)
        XCTAssertEqual(s.tally(.missions).updated.keys.first { $0.contains("gains the dataset's mandate") }.map { _ in true }, true, "\(s.records)")
        let store = try store()
        let undof = try XCTUnwrap(store.detail("un-mission:UNDOF"))
        XCTAssertEqual(undof.id, "undof")
        XCTAssertEqual(undof.date, "1974-05-31/..", "the UN list's mandate")
        XCTAssertTrue(undof.figures.contains { $0.count == 139 }, "the article's figure stays")
        XCTAssertEqual(Set(undof.sources.map(\.source.id)).contains("un-psdata-missions"), true)
        XCTAssertGreaterThan(undof.sources.count, 1, "the article's citation stays beside the dataset's")
        XCTAssertEqual(try store.lookup("un-mission:UNDOF")?.title, "United Nations Disengagement Observer Force")

        let again = try Importer.run(preset: .unMissions, files: [file], into: db)
        XCTAssertEqual(again.tally(.missions).unchanged, 5)
        XCTAssertEqual(again.updatedRecords, 0, "\(again.records)")
    }

    /// The seed atlas put in again, or the UN list writing a mission Geo-PKO made:
    /// Geo-PKO's figures on the mission stay, and a re-import finds them.
    func testFiguresSurviveTheirMissionWrittenAgain() throws {
        _ = try Importer.run(preset: .geoPKO, files: [fixture("real/geo-pko.csv")], into: db, withBuiltin: true)
        let before: [Int] = try sql("SELECT count(*) FROM figure WHERE key IS NOT NULL")
        let missions = folder.appendingPathComponent("m.csv")
        try "mission_acronym,mission_name,start_date,end_date\nUNISFA,United Nations Interim Security Force for Abyei,2011-06-27,\nUNOCI,United Nations Operation in Côte d'Ivoire,2004-04-04,2017-06-30\n"
            .write(to: missions, atomically: true, encoding: .utf8)
        let m = try Importer.run(preset: .unMissions, files: [missions], into: db, withBuiltin: true)
        XCTAssertEqual(m.tally(.missions).updatedTotal, 2, "\(m.records)")
        XCTAssertEqual(try sql("SELECT count(*) FROM figure WHERE key IS NOT NULL") as [Int], before)
        XCTAssertEqual(try store().detail("un-mission:UNISFA")?.figures.count, 2, "Diffra's two sites")
        let again = try Importer.run(preset: .geoPKO, files: [fixture("real/geo-pko.csv")], into: db)
        XCTAssertEqual(again.tally(.figures).new, 0)
    }

    // MARK: 15. newer exports

    /// A newer export of the same country and weeks: the revised event is updated
    /// and says what changed, the dropped one is withdrawn with the day (kept, and
    /// `withdrawn` says so), the new one is new. Another country's file withdraws
    /// nothing of Mali's.
    func testANewerExportUpdatesAndWithdraws() throws {
        _ = try Importer.run(preset: .acled, files: [fixture("acled/export-2020-04.csv")], into: db)
        let other = try Importer.run(preset: .acled, files: [fixture("acled/export-niger.csv")], into: db)
        XCTAssertEqual(other.withdrawn, [:], "another country's export withdraws nothing")
        let s = try Importer.run(preset: .acled, files: [fixture("acled/export-2020-05.csv")], into: db)
        XCTAssertEqual(s.tally(.events).new, 1, "XMP33")
        XCTAssertEqual(s.tally(.events).unchanged, 1, "XMP31")
        XCTAssertEqual(s.tally(.events).updated, ["figures changed": 1], "XMP30's fatalities")
        XCTAssertEqual(s.withdrawn[.events], 1, "XMP32")
        let store = try store()
        XCTAssertNotNil(try store.detail("acled:XMP32"), "withdrawn, not deleted")
        let day = try XCTUnwrap(try store.withdrawn("acled:XMP32"))
        XCTAssertTrue(day.hasPrefix("20"), day)
        XCTAssertNil(try store.withdrawn("acled:XMP31"))
        XCTAssertNil(try store.withdrawn("acled:XMP40"))
        XCTAssertEqual(try store.detail("acled:XMP30")?.figures.first?.count, 5)
        let text = ImportAccounting(preset: .acled, files: [], summary: s).text
        XCTAssertTrue(text.contains("events: 1 new, 1 unchanged, 1 updated (1 figures changed), 1 withdrawn (not in this export)"), text)

        // The first export again: XMP32 is back; XMP33 lies past the days it covers.
        let back = try Importer.run(preset: .acled, files: [fixture("acled/export-2020-04.csv")], into: db)
        XCTAssertEqual(back.tally(.events).updated.keys.contains { $0.hasPrefix("back in this export after being withdrawn on") }, true, "\(back.records)")
        let after = try self.store()   // the import put a new file in the old one's place
        XCTAssertNil(try after.withdrawn("acled:XMP32"))
        XCTAssertNil(try after.withdrawn("acled:XMP33"), "the first export's days (21 to 23 March) do not reach XMP33's 24 March")
    }

    /// The veto list is one list: a newer list without a row withdraws its veto.
    func testAVetoMissingFromANewerListIsWithdrawn() throws {
        _ = try Importer.run(preset: .unscVetoes, files: [fixture("real/unsc-vetoes.csv")], into: db)
        let lines = try String(contentsOf: fixture("real/unsc-vetoes.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        let newer = folder.appendingPathComponent("newer.csv")
        try (lines.filter { !$0.contains("S/2016/846") }.joined(separator: "\n") + "\n").write(to: newer, atomically: true, encoding: .utf8)
        let s = try Importer.run(preset: .unscVetoes, files: [newer], into: db)
        XCTAssertEqual(s.withdrawn[.events], 1)
        XCTAssertEqual(s.tally(.events).unchanged, 8)
        XCTAssertNotNil(try store().withdrawn("unsc-veto:S/2016/846"))
    }

    // MARK: 16. the accounting

    /// Each real file alone into a fresh database: every row counted once, nothing
    /// "updated" without a repeated key, and the counts Python's csv module gives.
    func testEveryRealFileAddsUp() throws {
        let cases: [(ImportPreset, String, rows: Int, skipped: Int)] = [
            (.unMissions, "un-psdata-missions/DPPADPOSS-PKO.csv", 81, 0),
            (.geoPKO, "geo-pko/TCCMap_v.2.3.csv", 4927, 221),
            (.unscVetoes, "unsc-vetoes/unsc_vetoes_1946_sept2022.csv", 214, 0),
            (.ucdpGED, "ucdp-ged/ucdpged_23_1_sample1000.csv", 1000, 0),
            (.ucdpGED, "ucdp-ged/ged191_MMR_BGD.csv", 3194, 0),
            (.gdelt1, "gdelt/gdelt1_events_sample_20160728.tsv", 710, 0),
        ]
        for (preset, path, rows, skipped) in cases {
            let fresh = folder.appendingPathComponent(UUID().uuidString + ".sqlite")
            let s = try Importer.run(preset: preset, files: [real(path)], into: fresh)
            XCTAssertEqual(s.rowsRead, rows, path)
            XCTAssertEqual(s.skipped, skipped, path)
            XCTAssertTrue(s.addsUp, "\(path): \(s.rowsRead) != \(s.rowsImported) + \(s.rowsMerged) + \(s.skipped)")
            XCTAssertEqual(s.updatedRecords, 0, "\(path): \(s.records)")
            let text = ImportAccounting(preset: preset, files: [URL(fileURLWithPath: path)], summary: s).text
            XCTAssertTrue(text.hasPrefix("\(preset.rawValue): \(rows) rows read: \(rows - skipped - s.rowsMerged) imported, \(s.rowsMerged) merged, \(skipped) skipped"), text)
        }
    }
}
