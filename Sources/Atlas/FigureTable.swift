/// A record's figures as a table a person can read: sorted by a column, with the
/// total on each date and the series of totals over time. For a mission the rows are
/// its contributors' figures; for an actor, its figures across the missions and
/// events that hold them. Pure: built from rows the store read, so the detail pane
/// and `crossroads figures` show the same thing.
public struct FigureTable: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// EDTF as written, nil when the figure is undated.
        public var date: String?
        /// Earliest day as yyyymmdd, for sorting and the series; nil when undated.
        public var day: Int?
        /// The contributing (or counted) actor.
        public var actor: RecordDetail.Ref?
        /// The mission or event that holds the figure.
        public var holder: RecordDetail.Ref
        public var category: String
        public var count: Int
        public var qualifier: Figure.Qualifier
        public var location: String?
        public var citation: RecordDetail.CitationDetail?
        public var dataset: String?

        public init(date: String?, actor: RecordDetail.Ref?, holder: RecordDetail.Ref, category: String, count: Int,
                    qualifier: Figure.Qualifier = .exactly, location: String? = nil,
                    citation: RecordDetail.CitationDetail? = nil, dataset: String? = nil) {
            self.date = date
            self.day = date.flatMap { try? EDTFDate(parsing: $0) }.map(\.sortKey)
            self.actor = actor; self.holder = holder; self.category = category; self.count = count
            self.qualifier = qualifier; self.location = location; self.citation = citation; self.dataset = dataset
        }

        public var countText: String { Figure(category: category, count: count, qualifier: qualifier).countText }
        /// Who the row is about, for sorting and display: the actor, or "—" when none is named.
        public var actorTitle: String { actor.map { $0.title ?? $0.id } ?? "—" }
    }

    public enum Column: String, Sendable, CaseIterable {
        case date, actor, category, count
    }

    /// The sum of one category's figures on one date: what the atlas holds, not an
    /// official total.
    public struct Total: Hashable, Sendable {
        public var date: String
        public var day: Int
        public var category: String
        public var count: Int
        /// How many figures were added up.
        public var figures: Int
        /// Some of them are approximate or bounds ("about", "up to").
        public var approximate: Bool
    }

    /// The record the table is for: its own figures, and figures on missions, add up;
    /// an event's figure that repeats a mission's (a statistics report) does not.
    public private(set) var subject: String
    public private(set) var rows: [Row]
    public private(set) var sortedBy: Column
    public private(set) var descending: Bool

    public init(subject: String, rows: [Row], sortedBy column: Column = .date, descending: Bool = false) {
        self.subject = subject
        self.rows = rows
        self.sortedBy = column
        self.descending = descending
        sort(by: column, descending: descending)
    }

    /// Sorts in place; ties keep date, then actor order, so a sort is stable to read.
    public mutating func sort(by column: Column, descending: Bool = false) {
        sortedBy = column
        self.descending = descending
        func dateOrder(_ a: Row, _ b: Row) -> Bool? {
            // Undated figures go last whichever way the dates run.
            switch (a.day, b.day) {
            case (nil, nil): return nil
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?): return x == y ? nil : (descending ? x > y : x < y)
            }
        }
        func text(_ a: String, _ b: String) -> Bool? {
            let x = TextFold.fold(a), y = TextFold.fold(b)
            return x == y ? nil : (descending ? x > y : x < y)
        }
        rows = rows.enumerated().sorted { l, r in
            let a = l.element, b = r.element
            let primary: Bool?
            switch column {
            case .date: primary = dateOrder(a, b)
            case .actor: primary = text(a.actorTitle, b.actorTitle)
            case .category: primary = text(a.category, b.category)
            case .count: primary = a.count == b.count ? nil : (descending ? a.count > b.count : a.count < b.count)
            }
            if let primary { return primary }
            if column != .date, let d = Self.ascendingDate(a, b) { return d }
            if column != .actor, let t = text(a.actorTitle, b.actorTitle) { return t }
            return l.offset < r.offset
        }.map(\.element)
    }

    private static func ascendingDate(_ a: Row, _ b: Row) -> Bool? {
        switch (a.day, b.day) {
        case (nil, nil): return nil
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?): return x == y ? nil : x < y
        }
    }

    /// Whether a row counts towards the totals: the record's own figures, and
    /// figures held by missions (a contingent's strength).
    public func isSummed(_ row: Row) -> Bool {
        row.holder.id == subject || row.holder.kind == .mission
    }

    /// The total of each category on each date, in date order then category order.
    /// Undated figures are in no total.
    public var totals: [Total] {
        var sums: [String: Total] = [:]
        var order: [String] = []
        for r in rows where isSummed(r) {
            guard let day = r.day, let date = r.date else { continue }
            let key = "\(day)\u{1F}\(r.category)"
            if sums[key] == nil { order.append(key) }
            var t = sums[key] ?? Total(date: date, day: day, category: r.category, count: 0, figures: 0, approximate: false)
            t.count += r.count
            t.figures += 1
            if r.qualifier != .exactly { t.approximate = true }
            sums[key] = t
        }
        return order.compactMap { sums[$0] }.sorted { ($0.day, $0.category) < ($1.day, $1.category) }
    }

    /// The category the chart follows: the one with the most summed figures.
    public var chartCategory: String? {
        var counts: [String: Int] = [:]
        for r in rows where isSummed(r) && r.day != nil { counts[r.category, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// The totals of `chartCategory` as a one-line chart of `width` cells or fewer:
    /// one cell per date in date order (the last `width` dates when there are more),
    /// each block's height its share of the largest total.
    public func chart(width: Int) -> String {
        guard let category = chartCategory else { return "" }
        let totals = self.totals.filter { $0.category == category }.suffix(max(0, width))
        let top = totals.map(\.count).max() ?? 0
        return String(totals.map { Sparkline.block($0.count, of: top) })
    }
}

/// Block characters for small charts: eight heights, and a space for nothing.
public enum Sparkline {
    public static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The block for `value` on a scale whose top is `top`: any value above zero shows
    /// at least the lowest block, so a small figure is never invisible.
    public static func block(_ value: Int, of top: Int) -> Character {
        guard value > 0, top > 0 else { return blocks[0] }
        return blocks[max(1, min(8, value * 8 / top))]
    }
}
