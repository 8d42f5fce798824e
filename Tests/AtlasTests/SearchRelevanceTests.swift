import Foundation
import XCTest
@testable import Atlas

/// The relevance set (`Tests/Relevance/builtin-atlas.tsv`) on the built-in atlas: the
/// record meant is among the first five hits for at least 90% of the queries.
final class SearchRelevanceTests: XCTestCase {
    func testRelevanceSetFindsTheRecordsMeant() throws {
        let url = TestPaths.repositoryRoot.appendingPathComponent("Tests/Relevance/builtin-atlas.tsv")
        let set = try RelevanceSet.load(url)
        XCTAssertGreaterThanOrEqual(set.queries.count, 40)
        let store = try AtlasStore.builtin()
        // Every record meant exists, so a miss is search's doing, not a typo in the set.
        for q in set.queries { XCTAssertNotNil(try store.detail(q.expected), "\(q.expected) is not in the atlas") }
        let report = try set.evaluate(store)
        print(report.text)
        XCTAssertGreaterThanOrEqual(report.hitsAt5, 0.9, report.text)
        XCTAssertGreaterThan(report.meanReciprocalRank, 0.8, report.text)
    }

    func testAMalformedLineIsReportedWithItsLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("relevance-\(UUID().uuidString).tsv")
        try "# comment\nkazakhstan\tkazakhstan\nno id here\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try RelevanceSet.load(url)) { e in
            XCTAssertTrue(String(describing: e).hasSuffix(":3: expected QUERY<tab>ID[<tab>NOTE]"), "\(e)")
        }
    }
}
