import Foundation

/// Demonyms and adjectives of states (`Resources/reference/demonyms.tsv`, from the
/// country reference): a search for "Kazakhstani" or "Turkish" also looks for the
/// state's name, Kazakhstan or Türkiye.
struct Demonyms: Sendable {
    /// Folded demonym to the names of its states, each as folded tokens.
    private var names: [String: [[String]]] = [:]

    static let shared: Demonyms = {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: nil)?.appendingPathComponent("demonyms.tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return Demonyms(tsv: "") }
        return Demonyms(tsv: text)
    }()

    init(tsv: String) {
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 3 else { continue }
            let key = TextFold.fold(String(cols[0]))
            for name in cols[2].split(separator: "|") {
                let tokens = SearchQuery.foldedTokens(name)
                if !tokens.isEmpty, !(names[key]?.contains(tokens) ?? false) { names[key, default: []].append(tokens) }
            }
        }
    }

    /// The names (as folded tokens) of the states a folded word is the demonym of.
    func states(_ word: String) -> [[String]] { names[word] ?? [] }
}
