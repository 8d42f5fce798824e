import XCTest
@testable import Atlas

final class EDTFTests: XCTestCase {
    private func parse(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> EDTFDate? {
        do { return try EDTFDate(parsing: s) } catch {
            XCTFail("'\(s)' should parse, got \(error)", file: file, line: line)
            return nil
        }
    }

    private func parseError(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> EDTFError? {
        do {
            let d = try EDTFDate(parsing: s)
            XCTFail("'\(s)' should be rejected, parsed as \(d.display)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func check(_ s: String, precision: EDTFDate.Precision, sortKey: Int, endKey: Int, display: String,
                       interval: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        guard let d = parse(s, file: file, line: line) else { return }
        XCTAssertEqual(d.precision, precision, "precision of \(s)", file: file, line: line)
        XCTAssertEqual(d.sortKey, sortKey, "sortKey of \(s)", file: file, line: line)
        XCTAssertEqual(d.endKey, endKey, "endKey of \(s)", file: file, line: line)
        XCTAssertEqual(d.display, display, "display of \(s)", file: file, line: line)
        XCTAssertEqual(d.isInterval, interval, "isInterval of \(s)", file: file, line: line)
        XCTAssertEqual(d.text, s, "text keeps what was written", file: file, line: line)
        XCTAssertEqual(d.description, s, file: file, line: line)
    }

    // MARK: valid forms

    func testDay() {
        check("2024-03-22", precision: .day, sortKey: 20240322, endKey: 20240322, display: "22 Mar 2024")
        check("1999-12-31", precision: .day, sortKey: 19991231, endKey: 19991231, display: "31 Dec 1999")
        check("2024-01-05", precision: .day, sortKey: 20240105, endKey: 20240105, display: "5 Jan 2024")
    }

    func testMonthUsesTheMonthLength() {
        check("2024-02", precision: .month, sortKey: 20240201, endKey: 20240229, display: "Feb 2024")
        check("2023-02", precision: .month, sortKey: 20230201, endKey: 20230228, display: "Feb 2023")
        check("2024-04", precision: .month, sortKey: 20240401, endKey: 20240430, display: "Apr 2024")
        check("2024-12", precision: .month, sortKey: 20241201, endKey: 20241231, display: "Dec 2024")
    }

    func testYear() {
        check("2017", precision: .year, sortKey: 20170101, endKey: 20171231, display: "2017")
    }

    func testQualifiers() {
        check("2017~", precision: .year, sortKey: 20170101, endKey: 20171231, display: "c. 2017")
        check("2017?", precision: .year, sortKey: 20170101, endKey: 20171231, display: "2017?")
        check("2017%", precision: .year, sortKey: 20170101, endKey: 20171231, display: "c. 2017?")
        check("2024-03-22~", precision: .day, sortKey: 20240322, endKey: 20240322, display: "c. 22 Mar 2024")

        guard case .point(let approx)? = parse("2017~")?.start,
              case .point(let uncertain)? = parse("2017?")?.start,
              case .point(let both)? = parse("2017%")?.start,
              case .point(let plain)? = parse("2017")?.start else { return XCTFail("single dates have a point start") }
        XCTAssertTrue(approx.approximate); XCTAssertFalse(approx.uncertain)
        XCTAssertFalse(uncertain.approximate); XCTAssertTrue(uncertain.uncertain)
        XCTAssertTrue(both.approximate); XCTAssertTrue(both.uncertain)
        XCTAssertFalse(plain.approximate); XCTAssertFalse(plain.uncertain)
    }

    func testUnspecifiedDigits() {
        check("201X", precision: .decade, sortKey: 20100101, endKey: 20191231, display: "2010s")
        check("20XX", precision: .century, sortKey: 20000101, endKey: 20991231, display: "2000–2099")
        // The month is not known: the date covers the whole year.
        check("2024-XX", precision: .year, sortKey: 20240101, endKey: 20241231, display: "2024")
        check("2024-03-XX", precision: .month, sortKey: 20240301, endKey: 20240331, display: "Mar 2024")
    }

    func testSeasons() {
        check("2013-21", precision: .season, sortKey: 20130301, endKey: 20130531, display: "Spring 2013")
        check("2013-22", precision: .season, sortKey: 20130601, endKey: 20130831, display: "Summer 2013")
        check("2013-23", precision: .season, sortKey: 20130901, endKey: 20131130, display: "Autumn 2013")
        guard let winter = parse("2013-24") else { return }
        XCTAssertEqual(winter.precision, .season)
        XCTAssertEqual(winter.sortKey, 20131201, "winter starts in December of the year given")
        XCTAssertEqual(winter.display, "Winter 2013")
    }

    func testIntervals() {
        check("2013-02/2013-04", precision: .month, sortKey: 20130201, endKey: 20130430,
              display: "Feb–Apr 2013", interval: true)
        check("2024-05-10/2024-05-11", precision: .day, sortKey: 20240510, endKey: 20240511,
              display: "10–11 May 2024", interval: true)
        check("2017~/2023~", precision: .year, sortKey: 20170101, endKey: 20231231,
              display: "c. 2017–c. 2023", interval: true)
        // Mixed precision: the finer one is what a list can show.
        check("2013/2013-04-02", precision: .day, sortKey: 20130101, endKey: 20130402,
              display: "2013–2 Apr 2013", interval: true)
        // A one-day interval is not "ending before it starts".
        check("2024-05-10/2024-05-10", precision: .day, sortKey: 20240510, endKey: 20240510,
              display: "10 May 2024", interval: true)
    }

    func testOpenAndUnknownEnds() {
        guard let before = parse("../2020"), let after = parse("2020/.."), let unknown = parse("2020/") else { return }
        XCTAssertEqual(before.start, .open)
        XCTAssertTrue(before.isInterval)
        XCTAssertEqual(before.endKey, 20201231)
        // Sorts no later than the first day of its known end.
        XCTAssertLessThanOrEqual(before.sortKey, 20200101)
        XCTAssertEqual(before.precision, .year)

        XCTAssertEqual(after.end, .open)
        XCTAssertEqual(after.sortKey, 20200101)
        XCTAssertEqual(after.endKey, Int.max, "an open end has no limit")

        XCTAssertEqual(unknown.end, .unknown)
        XCTAssertEqual(unknown.sortKey, 20200101)
        XCTAssertEqual(unknown.endKey, Int.max)
        XCTAssertEqual(unknown.text, "2020/")

        // The three are told apart in display.
        XCTAssertEqual(Set([before.display, after.display, unknown.display]).count, 3)
        XCTAssertTrue(before.display.contains("2020") && after.display.contains("2020") && unknown.display.contains("2020"))
    }

    func testNegativeYearSortsBeforeYearZeroAndOne() {
        guard let bc = parse("-0044"), let zero = parse("0000"), let one = parse("0001"), let bc45 = parse("-0045"),
              let bcMarch = parse("-0044-03-15") else { return }
        XCTAssertEqual(bc.precision, .year)
        guard case .point(let p) = bc.start else { return XCTFail("point start") }
        XCTAssertEqual(p.year, -44)
        XCTAssertLessThan(bc45.sortKey, bc.sortKey)
        XCTAssertLessThan(bc.sortKey, bcMarch.sortKey)
        XCTAssertLessThan(bcMarch.sortKey, bc.endKey + 1)
        XCTAssertLessThan(bc.sortKey, zero.sortKey)
        XCTAssertLessThan(zero.sortKey, one.sortKey)
        XCTAssertTrue(bc.display.contains("BC"), bc.display)
    }

    /// ISO 8601 and EDTF number years astronomically: year 0000 is 1 BC and -0044 is
    /// 45 BC (Caesar's death, 15 March 44 BC, is -0043-03-15).
    func testNegativeYearsDisplayAstronomicalNumberingOffByOne() {
        XCTAssertEqual(parse("-0043-03-15")?.display, "15 Mar 44 BC")
        XCTAssertEqual(parse("-0044")?.display, "45 BC")
        XCTAssertEqual(parse("0000")?.display, "1 BC")
    }

    /// `20XX` (the 2000s century, 2000-2099) and `200X` (the decade 2000-2009) must not
    /// read the same.
    func testCenturyAndDecadeDisplayDiffer() {
        guard let century = parse("20XX"), let decade = parse("200X") else { return }
        XCTAssertNotEqual(century.endKey, decade.endKey)
        XCTAssertNotEqual(century.display, decade.display, "20XX and 200X both display as '\(decade.display)'")
    }

    func testLeapYears() {
        XCTAssertNotNil(parse("2024-02-29"))
        XCTAssertNotNil(parse("2000-02-29"), "2000 is divisible by 400")
        XCTAssertEqual(parseError("2023-02-29")?.offset, 8)
        XCTAssertEqual(parseError("1900-02-29")?.offset, 8, "1900 is divisible by 100, not 400")
        XCTAssertEqual(parseError("2024-04-31")?.offset, 8)
        XCTAssertNotNil(parse("2024-12-31"))
    }

    func testWhitespaceAroundIsTrimmed() {
        XCTAssertEqual(parse("  2024-03-22 ")?.sortKey, 20240322)
        XCTAssertEqual(parse("  2024-03-22 ")?.text, "2024-03-22")
    }

    // MARK: invalid forms, with the offset of the problem

    func testInvalidFormsReportTheOffset() {
        let cases: [(String, Int)] = [
            ("24-03-01", 0),              // two-digit year
            ("2024-13", 5),               // no month 13
            ("2024-00", 5),
            ("2024-02-30", 8),            // no 30 February
            ("2024-03-00", 8),
            ("2024-3-1", 5),              // one-digit month
            ("2024-03-1", 8),             // one-digit day
            ("2024/03/01", 7),            // the second '/'
            ("", 0),
            ("   ", 0),
            ("2024-", 5),                 // month missing
            ("2X24", 1),                  // X only in the last two digits
            ("2024/2023", 5),             // ends before it starts: points at the end
            ("2024-03/2024-02", 8),
            ("../..", 0),
            ("/", 0),
            ("a/b/c", 3),
            ("abcd", 0),
            ("March 2024", 0),
            ("20a4", 2),
            ("2024-25", 5),               // neither a month nor a season
            ("2013-21-01", 8),            // a season has no day
            ("201X-03", 4),               // a decade has no month
            ("2024-XX-05", 5),            // a day needs a known month
            ("2020/2024-13", 10),         // offsets count from the start of the whole text
            ("-44", 1),
            ("2024-1X", 5),
            ("２０２４", 0),                // full-width digits are not ASCII digits
            ("2024-+3", 5),
            ("2024-03-22-01", 0),
        ]
        for (text, offset) in cases {
            guard let e = parseError(text) else { continue }
            XCTAssertEqual(e.offset, offset, "offset for '\(text)': \(e.reason)")
            XCTAssertFalse(e.reason.isEmpty)
            XCTAssertTrue(e.description.contains("invalid date"), e.description)
        }
    }

    func testTimeOfDayIsRejectedInsideTheDay() {
        guard let e = parseError("2024-03-22T10:00") else { return }
        // Points at the day field or at the 'T', never before the day.
        XCTAssertTrue((8...10).contains(e.offset), "offset \(e.offset)")
    }

    func testReasonsNameTheProblem() {
        XCTAssertTrue(parseError("2024-13")?.reason.contains("13") ?? false)
        XCTAssertTrue(parseError("2024/2023")?.reason.contains("before") ?? false)
        XCTAssertTrue(parseError("2023-02-29")?.reason.contains("29") ?? false)
        XCTAssertEqual(parseError("2024-13")?.input, "2024-13")
    }

    func testSortKeysOrderDatesChronologically() throws {
        let texts = ["2013-02/2013-04", "2013-21", "2017~", "2024-02", "2024-03-15", "2024-03-22", "2024-05-10/2024-05-11"]
        let keys = try texts.map { try EDTFDate(parsing: $0).sortKey }
        XCTAssertEqual(keys, keys.sorted())
        XCTAssertEqual(Set(keys).count, keys.count)
        for t in texts {
            let d = try EDTFDate(parsing: t)
            XCTAssertLessThanOrEqual(d.sortKey, d.endKey, t)
        }
    }
}
