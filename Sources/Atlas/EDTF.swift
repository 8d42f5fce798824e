/// Extended Date/Time Format (ISO 8601-2) level 0 and the date parts of level 1:
/// days, months, years, seasons, unspecified digits (`201X`, `2024-XX`), the
/// qualifiers `?` `~` `%`, and intervals with open (`..`) or unknown (empty) ends.
///
/// Written by hand: no package on this machine parses EDTF, and the subset the atlas
/// needs is small and fully tested.
public struct EDTFDate: Hashable, Sendable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable {
        case century = 0, decade, year, season, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// One calendar point at some precision: `2024-03-22`, `2024-03`, `2024`, `201X`.
    public struct Point: Hashable, Sendable {
        public var year: Int
        public var month: Int?        // 1...12, or 21...24 for a season
        public var day: Int?
        public var precision: Precision
        public var approximate: Bool
        public var uncertain: Bool

        /// Earliest and latest day covered, as yyyymmdd integers.
        public var earliest: Int {
            switch precision {
            case .century, .decade, .year: return year * 10000 + 101
            case .season: return year * 10000 + Point.seasonMonths(month!).lowerBound * 100 + 1
            case .month: return year * 10000 + month! * 100 + 1
            case .day: return year * 10000 + month! * 100 + day!
            }
        }

        public var latest: Int {
            switch precision {
            case .century: return (year + 99) * 10000 + 1231
            case .decade: return (year + 9) * 10000 + 1231
            case .year: return year * 10000 + 1231
            case .season:
                // Winter runs from December into February of the next year.
                if month == 24 { return (year + 1) * 10000 + 200 + EDTFDate.daysIn(month: 2, year: year + 1) }
                let m = Point.seasonMonths(month!).upperBound
                return year * 10000 + m * 100 + EDTFDate.daysIn(month: m, year: year)
            case .month: return year * 10000 + month! * 100 + EDTFDate.daysIn(month: month!, year: year)
            case .day: return earliest
            }
        }

        static func seasonMonths(_ s: Int) -> ClosedRange<Int> {
            switch s {
            case 21: return 3...5
            case 22: return 6...8
            case 23: return 9...11
            default: return 12...12   // winter starts in December of the year given
            }
        }
    }

    public enum Bound: Hashable, Sendable {
        case point(Point)
        case open       // `..`: no limit
        case unknown    // empty: a limit exists but is not known
    }

    /// The text as written (normalised only by trimming).
    public let text: String
    public let start: Bound
    /// nil for a single date; set for an interval.
    public let end: Bound?

    public var isInterval: Bool { end != nil }

    /// The earliest day covered, as yyyymmdd; dates sort by it. An interval with an
    /// open or unknown start sorts by its end (`../2020` at 2020-01-01).
    public var sortKey: Int {
        if case .point(let p) = start { return p.earliest }
        if let end, case .point(let p) = end { return p.earliest }
        return Int.min
    }

    /// The latest day covered, as yyyymmdd (for range filters).
    public var endKey: Int {
        if let end {
            if case .point(let p) = end { return p.latest }
            return Int.max
        }
        if case .point(let p) = start { return p.latest }
        return Int.max
    }

    /// The finest precision among the bounds (what a list column can show).
    public var precision: Precision {
        var best: Precision = .century
        for b in [start] + (end.map { [$0] } ?? []) {
            if case .point(let p) = b, p.precision > best { best = p.precision }
        }
        return best
    }

    public var description: String { text }

    public init(parsing raw: String) throws(EDTFError) {
        let s = TextFold.trimSpaces(raw)
        guard !s.isEmpty else { throw EDTFError(input: raw, offset: 0, reason: "empty date") }
        text = s
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            start = .point(try EDTFDate.point(String(parts[0]), whole: s, offset: 0))
            end = nil
        case 2:
            let a = String(parts[0]), b = String(parts[1])
            start = try EDTFDate.bound(a, whole: s, offset: 0)
            end = try EDTFDate.bound(b, whole: s, offset: a.count + 1)
            if case .unknown = start, case .unknown = end {
                throw EDTFError(input: s, offset: 0, reason: "an interval needs at least one known end")
            }
            if case .open = start, case .open = end {
                throw EDTFError(input: s, offset: 0, reason: "an interval needs at least one known end")
            }
            if case .point(let p) = start, case .point(let q) = end, p.earliest > q.latest {
                throw EDTFError(input: s, offset: a.count + 1, reason: "interval ends before it starts")
            }
        default:
            throw EDTFError(input: s, offset: parts[0].count + parts[1].count + 1, reason: "more than one '/'")
        }
    }

    private static func bound(_ s: String, whole: String, offset: Int) throws(EDTFError) -> Bound {
        if s.isEmpty { return .unknown }
        if s == ".." { return .open }
        return .point(try point(s, whole: whole, offset: offset))
    }

    private static func point(_ raw: String, whole: String, offset: Int) throws(EDTFError) -> Point {
        var s = Substring(raw)
        var approximate = false, uncertain = false
        if let last = s.last, "?~%".contains(last) {
            approximate = last == "~" || last == "%"
            uncertain = last == "?" || last == "%"
            s = s.dropLast()
        }
        func fail(_ at: Int, _ reason: String) -> EDTFError {
            EDTFError(input: whole, offset: offset + at, reason: reason)
        }
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        let fields = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count) else { throw fail(0, "expected YYYY, YYYY-MM or YYYY-MM-DD") }
        let y = fields[0]
        let yOffset = negative ? 1 : 0
        guard y.count == 4 else { throw fail(yOffset, "the year needs four digits") }
        var precision = Precision.year
        var yearDigits = ""
        var sawX = false
        for (i, ch) in y.enumerated() {
            if ch.isASCII, ch.isNumber {
                if sawX { throw fail(yOffset + i, "a digit after an unspecified 'X'") }
                yearDigits.append(ch)
            } else if ch == "X" {
                guard i >= 2 else { throw fail(yOffset + i, "only the last two digits of a year may be 'X'") }
                sawX = true
                yearDigits.append("0")
            } else {
                throw fail(yOffset + i, "'\(ch)' is not a digit")
            }
        }
        var year = Int(yearDigits)!
        if negative { year = -year }
        if sawX {
            guard fields.count == 1 else { throw fail(yOffset + 4, "a year with 'X' cannot have a month") }
            precision = y.hasSuffix("XX") ? .century : .decade
            return Point(year: year, month: nil, day: nil, precision: precision,
                         approximate: approximate, uncertain: uncertain)
        }
        var month: Int?
        var day: Int?
        let mOffset = yOffset + 5
        if fields.count >= 2 {
            let m = fields[1]
            if m == "XX" {
                guard fields.count == 2 || fields[2] == "XX" else { throw fail(mOffset, "a day needs a known month") }
                return Point(year: year, month: nil, day: nil, precision: .year,
                             approximate: approximate, uncertain: uncertain)
            }
            guard m.count == 2, let mv = Int(m), m.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail(mOffset, "the month needs two digits")
            }
            if (21...24).contains(mv) {
                guard fields.count == 2 else { throw fail(mOffset + 3, "a season has no day") }
                return Point(year: year, month: mv, day: nil, precision: .season,
                             approximate: approximate, uncertain: uncertain)
            }
            guard (1...12).contains(mv) else { throw fail(mOffset, "month \(m) does not exist") }
            month = mv
            precision = .month
        }
        if fields.count == 3 {
            let d = fields[2]
            let dOffset = mOffset + 3
            if d == "XX" {
                return Point(year: year, month: month, day: nil, precision: .month,
                             approximate: approximate, uncertain: uncertain)
            }
            guard d.count == 2, let dv = Int(d), d.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail(dOffset, "the day needs two digits")
            }
            guard dv >= 1, dv <= daysIn(month: month!, year: year) else {
                throw fail(dOffset, "day \(d) does not exist in \(yearDigits)-\(fields[1])")
            }
            day = dv
            precision = .day
        }
        return Point(year: year, month: month, day: day, precision: precision,
                     approximate: approximate, uncertain: uncertain)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date as a list column shows it: the EDTF text with the shared start of an
    /// interval's end left out (`2024-05-10/11`, `2013-02/04`).
    public var compact: String {
        guard case .point = start, let end, case .point = end else { return text }
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].count == parts[1].count else { return text }
        let a = Array(parts[0]), b = Array(parts[1])
        var i = 0
        while i < a.count && a[i] == b[i] { i += 1 }
        // Cut only at a field boundary, so `2024-05-10/11` and never `2024-05-1/11`.
        while i > 0 && a[i - 1] != "-" { i -= 1 }
        return i == 0 ? text : parts[0] + "/" + String(b[i...])
    }

    /// A short human rendering: `22 Mar 2024`, `Mar 2024`, `2017`, `c. 2017`,
    /// `2013-02 – 2013-04`.
    public var display: String {
        func show(_ b: Bound) -> String {
            switch b {
            case .open: return ".."
            case .unknown: return "?"
            case .point(let p): return p.display
            }
        }
        guard let end else { return show(start) }
        // `10–11 May 2024`, `Feb–Apr 2013`: say the shared month or year once.
        if case .point(let a) = start, case .point(let b) = end, a == b { return a.display }
        if case .point(let a) = start, case .point(let b) = end, a.year == b.year, a.year > 0,
           !a.approximate, !a.uncertain, !b.approximate, !b.uncertain {
            if a.precision == .day, b.precision == .day, a.month == b.month {
                return "\(a.day!)–\(b.day!) \(Point.monthNames[a.month! - 1]) \(a.year)"
            }
            if a.precision == .month, b.precision == .month {
                return "\(Point.monthNames[a.month! - 1])–\(Point.monthNames[b.month! - 1]) \(a.year)"
            }
        }
        switch (start, end) {
        case (.open, _): return "until " + show(end)
        case (_, .open): return "from " + show(start) + " on"
        case (_, .unknown): return "from " + show(start) + " (end unknown)"
        case (.unknown, _): return "until " + show(end) + " (start unknown)"
        default: return show(start) + "–" + show(end)
        }
    }
}

extension EDTFDate.Point {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let seasonNames = [21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"]

    public var display: String {
        // EDTF numbers years astronomically: 0000 is 1 BC, -0044 is 45 BC.
        let y = year <= 0 ? "\(1 - year) BC" : "\(year)"
        var s: String
        switch precision {
        case .century: s = year > 0 ? "\(year)–\(year + 99)" : "\(1 - year)–\(1 - year - 99) BC"
        case .decade: s = year > 0 ? "\(year)s" : "\(1 - year)–\(1 - year - 9) BC"
        case .year: s = y
        case .season: s = "\(Self.seasonNames[month!]!) \(y)"
        case .month: s = "\(Self.monthNames[month! - 1]) \(y)"
        case .day: s = "\(day!) \(Self.monthNames[month! - 1]) \(y)"
        }
        if approximate && uncertain { s = "c. " + s + "?" }
        else if approximate { s = "c. " + s }
        else if uncertain { s += "?" }
        return s
    }
}

/// A date that is not valid EDTF, with the character offset of the problem.
public struct EDTFError: Error, Equatable, Sendable, CustomStringConvertible {
    public let input: String
    public let offset: Int
    public let reason: String
    public var description: String { "invalid date '\(input)': \(reason)" }
}

import Foundation
