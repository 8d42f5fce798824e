import XCTest
@testable import Atlas

final class CitationTextTests: XCTestCase {
    func testACitationNamesTheRecordAndEachSourceWithItsQuote() throws {
        let md = try XCTUnwrap(try AtlasStore.builtin().citationMarkdown("kazcon-arrival-damascus-2024"))
        let lines = md.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "**Kazakhstan's UNDOF contingent arrives in Damascus** (15 Mar 2024, Damascus) [`kazcon-arrival-damascus-2024`]")
        XCTAssertEqual(lines.count, 2, md)
        XCTAssertTrue(lines[1].hasPrefix("- [*Kazakhstan seeks larger role in international peacebuilding*](https://www.diplomaticourier.com/), Wilder Alejandro Sánchez, Diplomatic Courier, 1 Aug 2024, para 11: “Kazakhstani troops supporting"), lines[1])
        XCTAssertNil(try AtlasStore.builtin().citationMarkdown("nope"))
    }

    func testMarkdownIsInertAndEscaped() {
        let d = RecordDetail(id: "x", kind: .event, title: "A *bold* \u{1B}[2J\nline", aliases: [], summary: nil, type: nil,
                             date: nil, place: nil, iso3: nil, acronym: nil, status: nil, location: nil, headquarters: nil,
                             publisher: nil, author: nil, url: nil, dataset: nil, actors: [], missions: [], figures: [],
                             sources: [.init(source: .init(id: "s", title: "S", kind: .source), locator: "p1", quote: "q_1")],
                             links: [], eventCount: 0, citedBy: 0)
        let md = CitationText.markdown(d, sources: ["s": .init(url: "javascript:alert(1)")])
        XCTAssertEqual(md, "**A \\*bold\\* ␛\\[2J line** [`x`]\n- *S*, p1: “q\\_1”\n")
    }

    func testOnlyHTTPURLsAreOpenable() {
        XCTAssertTrue(SafeURL.isOpenable("https://www.diplomaticourier.com/"))
        XCTAssertTrue(SafeURL.isOpenable("HTTP://example.org/a?b=c"))
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "https://", "https:///x", "https://a b", "https://a\u{1B}]52",
                    "ftp://x", "-https://x", "https://@x"] {
            XCTAssertFalse(SafeURL.isOpenable(bad), bad)
        }
    }
}
