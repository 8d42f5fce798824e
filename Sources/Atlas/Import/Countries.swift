import Foundation

/// The country table (`Resources/reference/countries.tsv`): names and spellings
/// to ISO 3166 alpha-3, the key that merges states across datasets.
struct Countries: Sendable {
    private var byName: [String: String] = [:]
    private(set) var names: [String: String] = [:]

    static let shared: Countries = {
        let url = Bundle.module.url(forResource: "reference", withExtension: nil)!.appendingPathComponent("countries.tsv")
        return Countries(tsv: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }()

    init(tsv: String) {
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else { continue }
            names[cols[0]] = cols[1]
            byName[Self.key(cols[1])] = cols[0]
            byName[Self.key(cols[0])] = cols[0]
            if cols.count > 2 { for v in cols[2].split(separator: "|") { byName[Self.key(String(v))] = cols[0] } }
        }
    }

    static func key(_ s: String) -> String { TextFold.fold(TextFold.trimSpaces(s)) }

    /// The alpha-3 code of a country name or code as a dataset spells it.
    func iso3(_ name: String) -> String? { byName[Self.key(name)] }

    /// ACLED's "Military Forces of Mali (2021-)" names a state.
    func iso3(military name: String) -> String? {
        guard name.hasPrefix("Military Forces of ") || name.hasPrefix("Police Forces of ") else { return nil }
        guard let of = name.range(of: " of ") else { return nil }
        var rest = name[of.upperBound...]
        if let paren = rest.firstIndex(of: "(") { rest = rest[..<paren] }
        return iso3(String(rest))
    }

    /// UCDP's "Government of Myanmar (Burma)" names a state.
    func iso3(government side: String) -> String? {
        guard side.hasPrefix("Government of ") else { return nil }
        return iso3(String(side.dropFirst("Government of ".count)))
    }
}
