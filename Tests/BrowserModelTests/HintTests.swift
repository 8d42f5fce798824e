import XCTest
import Atlas
@testable import BrowserModel

/// Hint labels on the detail's links: any visible link is one or two keys away.
final class HintTests: XCTestCase {
    func testDetailLinksCarryLabels() {
        let s = Session()
        s.press(":goto handover<Enter>")
        XCTAssertEqual(s.browser.visibleHints.map(\.label), ["a", "s", "d", "f", "g"])
        XCTAssertEqual(s.browser.visibleHints.map(\.target), [
            .record("kazakhstan"), .record("undof"), .record("arrival"), .record("unsc-veto:S/2016/846"), .record("src-a"),
        ])
        XCTAssertTrue(s.lines.contains { $0.contains("│ a Kazakhstan  contributor") }, s.text)
        XCTAssertTrue(s.lines.contains { $0.contains("│ d → follows    Arrival in Damascus") }, s.text)
        // Labels are drawn in the hint style.
        let y = s.lines.firstIndex { $0.contains("│ d → follows") }!
        let x = s.lines[y].distance(from: s.lines[y].startIndex, to: s.lines[y].range(of: "d → follows")!.lowerBound)
        XCTAssertEqual(s.frame[x, y].style, .hint)
    }

    func testFThenALabelFollowsThatLink() {
        let s = Session()
        s.press(":goto handover<Enter>f")
        XCTAssertEqual(s.bottom, "follow link: type its label   Esc cancels")
        s.press("d")
        XCTAssertEqual(s.browser.current, "arrival")
        XCTAssertEqual(s.browser.history.entries, ["handover", "arrival"])
        XCTAssertFalse(s.bottom.hasPrefix("follow link"), "hint mode ends after a label")
    }

    func testHintModeIsCancelledByEscAndUnknownLabelsSaySo() {
        let s = Session()
        s.press(":goto handover<Enter>f<Esc>")
        XCTAssertNil(s.browser.hintInput)
        XCTAssertEqual(s.browser.current, "handover")
        s.press("fz")
        XCTAssertNil(s.browser.hintInput)
        XCTAssertEqual(s.browser.current, "handover")
        XCTAssertTrue(s.status.hasPrefix("no link labelled z"), s.status)
    }

    func testNoLinksToFollowOnANarrowListScreen() {
        // At 60 columns only the list is shown: no detail, so no labels.
        let s = Session(width: 60, height: 20)
        s.press("f")
        XCTAssertNil(s.browser.hintInput)
        XCTAssertTrue(s.status.hasPrefix("no links to follow here"), s.status)
    }

    func testLabelsAreSingleLettersUpTo26AndTwoLettersBeyond() {
        XCTAssertEqual(DetailView.hintLabels(count: 0), [])
        XCTAssertEqual(DetailView.hintLabels(count: 3), ["a", "s", "d"])
        let single = DetailView.hintLabels(count: 26)
        XCTAssertEqual(single.count, 26)
        XCTAssertTrue(single.allSatisfy { $0.count == 1 })
        XCTAssertEqual(Set(single).count, 26)
        let double = DetailView.hintLabels(count: 27)
        XCTAssertEqual(double.count, 27)
        XCTAssertTrue(double.allSatisfy { $0.count == 2 }, "no single letter may be a prefix of a two-letter label")
        XCTAssertEqual(Set(double).count, 27)
        XCTAssertEqual(Array(double.prefix(3)), ["aa", "as", "ad"])
        let many = DetailView.hintLabels(count: 600)
        XCTAssertEqual(Set(many).count, 600)
        XCTAssertTrue(many.allSatisfy { $0.allSatisfy { DetailView.hintAlphabet.contains($0) } })
    }

    /// Regression (fixed): DetailView.hintLabels(count:) stops at 26×26 = 676 labels, while
    /// BrowserFrame.drawDetail indexes `labels[k]` for every visible link: a detail
    /// with more than 676 links on screen (e.g. `crossroads snapshot --size 200x1000`
    /// on a record with 700 links; the CLI accepts 1000 rows) traps with an index out
    /// of range. The count asked for should always be returned (three letters beyond
    /// 676, or the labels stop and the rest of the links go unlabelled).
    func testRegression_hintLabelsRunOutAfter676() {
        XCTAssertEqual(DetailView.hintLabels(count: 676).count, 676)
        XCTAssertEqual(DetailView.hintLabels(count: 677).count, 677)
    }

    /// A record with 30 links: on a tall screen all are visible, so labels have two letters.
    private func hubStore(links: Int) -> AtlasStore {
        var c = AtlasContent()
        c.sources = [Fixtures.source]
        c.events.append(Event(id: "hub", title: "Hub event", date: try! EDTFDate(parsing: "2020-01-01"), sources: Fixtures.cite(0)))
        for i in 0..<links {
            c.events.append(Event(id: "spoke-\(i)", title: "Spoke \(i)", date: try! EDTFDate(parsing: "2020-02-01"),
                                  sources: Fixtures.cite(i)))
            c.links.append(Link(from: "hub", relation: .leadsTo, to: "spoke-\(i)"))
        }
        return try! AtlasStore.inMemory(c, origin: "hub")
    }

    func testTwoLetterLabelsWhenMoreThan26LinksAreVisible() {
        let s = Session(hubStore(links: 30), width: 120, height: 60)
        s.press(":goto hub<Enter>")
        let labels = s.browser.visibleHints.map(\.label)
        XCTAssertEqual(labels.count, 31, "30 links and the source")
        XCTAssertTrue(labels.allSatisfy { $0.count == 2 }, labels.description)
        XCTAssertEqual(labels[1], "as")
        assertSnapshot(s.frame, named: "hints_two_letters_120x60")
        s.press("fa")
        XCTAssertEqual(s.browser.hintInput, "a", "one letter of two: still waiting")
        XCTAssertEqual(s.bottom, "follow link: type its label (a)   Esc cancels")
        s.press("s")
        XCTAssertEqual(s.browser.current, "spoke-1")
    }

    /// Regression (fixed): two-letter labels run into the link text. BrowserFrame.drawDetail writes
    /// `TerminalText.pad(label, to: 2)` over the two-space indent that
    /// DetailView.lines gives a link line, which leaves one space after a one-letter
    /// label but none after a two-letter one: the hub's links read "aa→ leads-to",
    /// "as→ leads-to", and its source "sgGenerated source, row 0"
    /// (__Snapshots__/hints_two_letters_120x60.txt). The label column should be as
    /// wide as the longest label plus a space.
    func testRegression_twoLetterLabelsAreSeparatedFromTheLinkText() {
        let s = Session(hubStore(links: 30), width: 120, height: 60)
        s.press(":goto hub<Enter>")
        XCTAssertTrue(s.lines.contains { $0.contains("│ as → leads-to") }, "a space after the label")
        XCTAssertTrue(s.lines.contains { $0.contains("│ sg Generated source, row 0") }, "a space after the label")
    }

    func testSingleLettersWhenFewLinksAreVisibleOfMany() {
        // 30 links but a short screen: only the visible ones get labels, single letters.
        let s = Session(hubStore(links: 30), width: 120, height: 24)
        s.press(":goto hub<Enter>")
        let labels = s.browser.visibleHints.map(\.label)
        XCTAssertGreaterThan(labels.count, 0)
        XCTAssertLessThanOrEqual(labels.count, 26)
        XCTAssertTrue(labels.allSatisfy { $0.count == 1 })
        // Scrolling the detail relabels from `a`.
        s.press("4<C-d><C-d>")
        XCTAssertEqual(s.browser.visibleHints.first?.label, "a")
        XCTAssertNotEqual(s.browser.visibleHints.first?.target, .record("spoke-0"))
    }

    func testUnresolvedDatasetLinkSaysWhichDatasetProvidesIt() {
        let s = Session(width: 200, height: 40)
        s.press(":goto handover<Enter>")
        XCTAssertTrue(s.lines.contains { $0.contains("f → refers-to  unsc-veto:S/2016/846  not imported: from UN Security Council vetoes (unsc-vetoes)") },
                      s.text)
        let y = s.lines.firstIndex { $0.contains("unsc-veto:S/2016/846") }!
        let x = s.lines[y].distance(from: s.lines[y].startIndex, to: s.lines[y].range(of: "unsc-veto:")!.lowerBound)
        XCTAssertEqual(s.frame[x, y].style, .unresolved)
    }

    func testFollowingAnUnresolvedLinkShowsAMessageInsteadOfOpening() {
        let s = Session()
        s.press(":goto handover<Enter>ff")
        XCTAssertEqual(s.browser.current, "handover")
        XCTAssertEqual(s.browser.history.entries, ["handover"])
        XCTAssertTrue(s.status.hasPrefix("unsc-veto:S/2016/846 is not in this atlas: import UN Security Council vetoes (unsc-vetoes) to follow it"),
                      s.status)
        // The same through the detail cursor and Enter.
        s.press("4jjj<Enter>")
        XCTAssertEqual(s.browser.selectedDetailTarget, .record("unsc-veto:S/2016/846"))
        XCTAssertEqual(s.browser.current, "handover")
        XCTAssertTrue(s.status.contains("is not in this atlas"), s.status)
    }

    func testEnterOnALineWithoutALinkSaysSo() {
        // Arrival's figure (about 40 killed) names no actor, so it is not selectable;
        // an event with no links at all says there is nothing to follow.
        var c = AtlasContent()
        c.sources = [Fixtures.source]
        c.events = [Event(id: "lonely", title: "Lonely event", date: try! EDTFDate(parsing: "2020"))]
        let s = Session(try! AtlasStore.inMemory(c), width: 100, height: 30)
        s.press("4<Enter>")
        XCTAssertTrue(s.status.hasPrefix("nothing to follow on this line"), s.status)
        s.press("f")
        XCTAssertTrue(s.status.hasPrefix("no links to follow here"), s.status)
    }
}
