import Foundation
import GRDB

/// un-contributions: the UN's "contribution ranks" export, one row per contributing
/// country and reporting date (`ISOCode3, M49_Code, Contributing_Country,
/// Personnel_Contribution_Rank, Female_Personnel, Male_Personnel,
/// Total_Uniformed_Personnel, Last_Reporting_Date`) → dated figures on the state:
/// its uniformed personnel in all, female and male, and its rank among contributors.
extension ImportSession {
    static let unContributionsSource = Source(
        id: "un-pko-contributions", title: "UN Peacekeeping: uniformed personnel contributions by country (contribution ranks)",
        kind: "dataset", publisher: "United Nations Department of Peace Operations", locator: "line and key")

    /// The figures a row gives, by column, in the order they are written.
    static let contributionFigures: [(column: String, category: String)] = [
        ("total_uniformed_personnel", "uniformed personnel"),
        ("female_personnel", "female uniformed personnel"),
        ("male_personnel", "male uniformed personnel"),
        ("personnel_contribution_rank", "contribution rank"),
    ]

    func unContribution(_ row: Row) throws {
        let code = row["isocode3"], name = row["contributing_country"]
        // The code decides; a row without one is matched by the country's name.
        let iso3: String
        if !code.isEmpty, countries.names[code.uppercased()] != nil {
            iso3 = code.uppercased()
        } else if let byName = countries.iso3(name) {
            iso3 = byName
        } else {
            return try skip("'\(code)' / '\(name)' is not a state in the country table")
        }
        let dateText = row["last_reporting_date"]
        guard let date = Self.reportingDate(dateText) else {
            return try skip("Last_Reporting_Date '\(dateText)' is not a date (31-Jan-21 or 2021-01-31)")
        }
        // Every value is checked before anything is written: a bad row makes nothing.
        var values: [(category: String, count: Int)] = []
        for (column, category) in Self.contributionFigures {
            let text = row[column]
            guard !text.isEmpty else { continue }
            guard let n = Int(text), n >= 0 else { return try skip("\(column) '\(text)' is not a whole number") }
            values.append((category, n))
        }
        guard !values.isEmpty else { return try skip("no personnel figure") }
        try ensureSource(Self.unContributionsSource)
        let actor = try stateActor(iso3: iso3)
        guard let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM entity WHERE id = ?"), arguments: [actor]) else { return }
        var written = 0
        var repeats: [Int] = []
        for (category, count) in values {
            let key = "un-contributions:\(iso3)/\(date.text)/\(category)"
            switch try upsertFigure(entity: rowid, key: key, date: date, actor: actor, count: count, location: "",
                                    quote: name.isEmpty ? iso3 : name, dataset: Self.unContributionsSource.id,
                                    category: category, scope: .none) {
            case .repeated(let earlier): repeats.append(earlier)
            case .written: written += 1
            }
        }
        if written == 0, let first = repeats.first {
            rowMerged = "the same country and date as line \(first) (a repeated row)"
        }
    }

    /// `31-Jan-21` (the export's own form), `31-Jan-2021` or `2021-01-31`.
    static func reportingDate(_ text: String) -> EDTFDate? {
        if let iso = try? EDTFDate(parsing: text), iso.precision == .day, !iso.isInterval { return iso }
        let parts = text.split(separator: "-")
        guard parts.count == 3, let day = Int(parts[0]), (1...31).contains(day) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let month = months.firstIndex(of: parts[1].lowercased()).map({ $0 + 1 }) else { return nil }
        guard var year = Int(parts[2]) else { return nil }
        // Two-digit years: the UN's peacekeeping data begins in 1990.
        if parts[2].count == 2 { year += year >= 90 ? 1900 : 2000 } else if parts[2].count != 4 { return nil }
        return try? EDTFDate(parsing: String(format: "%04d-%02d-%02d", year, month, day))
    }
}
