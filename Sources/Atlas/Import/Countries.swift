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

    /// The state a dataset's named armed actor or government belongs to: ACLED's
    /// "Military Forces of Mali (2021-)", "Military Forces of Yemen (2016-) Supreme
    /// Political Council", "Military Forces of the Democratic Republic of Congo
    /// (2019-)", "Government of Afghanistan (2014-)"; UCDP's "Government of Myanmar
    /// (Burma)". The actor stays itself; this names its state.
    func iso3(forcesOf name: String) -> String? {
        guard let prefix = ["Military Forces of ", "Police Forces of ", "Government of "].first(where: { name.hasPrefix($0) }) else {
            return nil
        }
        var rest = Substring(name.dropFirst(prefix.count))
        if rest.hasPrefix("the ") { rest = rest.dropFirst(4) }
        // The whole rest first: "Myanmar (Burma)" is a spelling of its own.
        if let whole = iso3(String(rest)) { return whole }
        if let paren = rest.firstIndex(of: "(") { rest = rest[..<paren] }
        return iso3(String(rest))
    }
}
