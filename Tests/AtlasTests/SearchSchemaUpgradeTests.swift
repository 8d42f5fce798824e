import GRDB
import XCTest
@testable import Atlas

/// A database of schema 1 (no quotes in the search index, no derived search tables) is
/// searched without error, and writing to it (an import) upgrades it first.
final class SearchSchemaUpgradeTests: XCTestCase {
    func testSchemaOneIsSearchedAndUpgradedOnWrite() throws {
        let queue = try DatabaseQueue()
        var c = AtlasContent()
        c.sources = [Source(id: "s", title: "Source")]
        c.events = [Event(id: "e", title: "Joint training", date: try EDTFDate(parsing: "2024"),
                          sources: [Citation(source: "s", locator: "p1", quote: "the evacuation of wounded individuals")])]
        try queue.write { db in
            try Schema.create(db)
            try StoreWriter(db).insert(c, dataset: nil)
            // Back to schema 1: the index without quotes, no derived search tables.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE old USING fts5(title, aliases, summary, place, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
                INSERT INTO old(rowid, title, aliases, summary, place) SELECT rowid, title, aliases, summary, place FROM search;
                DROP TABLE search; ALTER TABLE old RENAME TO search; PRAGMA user_version = 1;
                """)
        }
        let old = AtlasStore(db: queue, origin: "schema 1")
        XCTAssertEqual(try old.search("training", limit: 5).map(\.row.id), ["e"])
        XCTAssertEqual(try old.search("evacuation", limit: 5).map(\.row.id), [], "schema 1 has no quotes to search")
        try queue.write { db in
            _ = try StoreWriter(db)
            try ListSummary.refresh(db)
        }
        let upgraded = AtlasStore(db: queue, origin: "schema 2")
        XCTAssertEqual(try queue.read { try Schema.version($0) }, Schema.version)
        XCTAssertEqual(try upgraded.search("evacuation", limit: 5).map(\.row.id), ["e"])
        XCTAssertEqual(try upgraded.search("evacuation", limit: 5).first?.matchedIn, .quote)
    }
}
