import Foundation

/// Where a hit matched the query.
public enum SearchField: String, Sendable, Hashable {
    case title, alias, id, summary, place, quote
}

/// The one order of search hits, for the command line and the browser alike:
///
/// 1. tiers: a record whose title, alias, acronym or id *is* the query; then names that
///    begin with it; then records with every word in the title or aliases; then
///    matches in summaries, places and citation quotes;
/// 2. within a tier, words as typed before other forms (stems, demonyms), before typos;
/// 3. then BM25 with field weights, then the most recent first, then the store's order.
///
/// Kinds are interleaved by this order, never grouped.
enum SearchRanking {
    enum Tier: Int, Comparable {
        case named = 0, nameBegins = 1, inName = 2, elsewhere = 3
        static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
    }

    /// What the ranking knows of one matching record.
    struct Candidate {
        var hit: SearchHit
        var bm25: Double
        /// The earliest day (yyyymmdd) of an event or a mission's mandate.
        var recency: Int64?
        var tier: Tier
        var level: FormLevel
        /// Tokens in the name that matched (first two tiers): "Kazakhstan" before
        /// "Kazakh government" for `kazakh`.
        var nameLength = 0
        /// `bucket(bm25)`, computed once.
        var step: Double = 0
    }

    static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.tier != b.tier { return a.tier < b.tier }
        if a.level != b.level { return a.level < b.level }
        if a.nameLength != b.nameLength { return a.nameLength < b.nameLength }
        if a.step != b.step { return a.step < b.step }
        if a.recency != b.recency { return (a.recency ?? .min) > (b.recency ?? .min) }
        return a.hit.row.rowid < b.hit.row.rowid
    }

    /// BM25 (negative, lower is better) in steps of about 10%: scores that close are a
    /// tie that recency breaks. Its magnitude depends on the atlas, so the steps are
    /// relative.
    static func bucket(_ bm25: Double) -> Double {
        let m = -bm25
        return m > 0 ? -(log(m) * 10).rounded() : .infinity
    }

    /// The tier and the level of a record from its names; nil when the words are not
    /// all in its title and aliases (it matched elsewhere).
    static func nameMatch(title: String, aliases: [String], id: String, query: SearchQuery, forms: SearchForms)
        -> (tier: Tier, level: FormLevel, field: SearchField, nameLength: Int)?
    {
        let titleTokens = SearchQuery.foldedTokens(title)
        let aliasTokens = aliases.map { SearchQuery.foldedTokens($0) }
        if let seq = query.sequence {
            var best: (tier: Tier, level: FormLevel, field: SearchField, nameLength: Int)?
            func consider(_ tier: Tier, _ level: FormLevel?, _ field: SearchField, _ length: Int) {
                guard let level else { return }
                if best == nil || (tier, level.rawValue, length) < (best!.tier, best!.level.rawValue, best!.nameLength) {
                    best = (tier, level, field, length)
                }
            }
            consider(.named, sequence(seq, in: titleTokens, whole: true, forms: forms), .title, titleTokens.count)
            for a in aliasTokens { consider(.named, sequence(seq, in: a, whole: true, forms: forms), .alias, a.count) }
            if best == nil, idMatches(id, seq) { return (.named, .exact, .id, 1) }
            if best == nil {
                consider(.nameBegins, sequence(seq, in: titleTokens, whole: false, forms: forms), .title, titleTokens.count)
                for a in aliasTokens { consider(.nameBegins, sequence(seq, in: a, whole: false, forms: forms), .alias, a.count) }
            }
            if let best { return best }
        }
        // Every clause somewhere in the title, or else in the title and aliases.
        if let level = everywhere(query, in: [titleTokens], forms: forms) { return (.inName, level, .title, 0) }
        if let level = everywhere(query, in: [titleTokens] + aliasTokens, forms: forms) { return (.inName, level, .alias, 0) }
        return nil
    }

    /// An id typed as it is written, or as its words ("kazcon undof transfer").
    static func idMatches(_ id: String, _ seq: [SearchQuery.Item]) -> Bool {
        let tokens = seq.flatMap(\.tokens)
        return !tokens.isEmpty && SearchQuery.foldedTokens(id) == tokens
    }

    /// Whether the items, in order, match `name` from its start (all of it when `whole`;
    /// the last word may be a prefix when not), and at which level.
    static func sequence(_ items: [SearchQuery.Item], in name: [String], whole: Bool, forms: SearchForms) -> FormLevel? {
        func match(_ i: Int, _ p: Int) -> FormLevel? {
            if i == items.count { return !whole || p == name.count ? .exact : nil }
            let last = i == items.count - 1
            var best: FormLevel?
            for (length, level) in steps(items[i], at: p, in: name, prefix: last && !whole, forms: forms) {
                guard let rest = match(i + 1, p + length) else { continue }
                let l = max(level, rest)
                if best == nil || l < best! { best = l }
            }
            return best
        }
        return match(0, 0)
    }

    /// The ways one item can match the tokens at `p`: how many tokens it takes, at which level.
    private static func steps(_ item: SearchQuery.Item, at p: Int, in name: [String], prefix: Bool, forms: SearchForms)
        -> [(Int, FormLevel)]
    {
        guard p < name.count else { return [] }
        if let w = item.word, let f = forms.words[w] {
            var out: [(Int, FormLevel)] = []
            if let l = f.level(of: name[p], prefix: prefix) { out.append((1, l)) }
            for s in f.states where s.count > 1 && p + s.count <= name.count && Array(name[p..<(p + s.count)]) == s {
                out.append((s.count, .stem))
            }
            return out
        }
        let t = item.tokens
        guard p + t.count <= name.count else { return [] }
        for k in t.indices {
            let token = name[p + k]
            let ok = token == t[k] || (prefix && k == t.count - 1 && token.hasPrefix(t[k]))
            if !ok { return [] }
        }
        return [(t.count, .exact)]
    }

    /// The level at which every clause matches somewhere in these token lists.
    static func everywhere(_ query: SearchQuery, in names: [[String]], forms: SearchForms) -> FormLevel? {
        var worst = FormLevel.exact
        for clause in query.clauses {
            var best: FormLevel?
            for item in clause {
                for name in names {
                    for p in name.indices {
                        for (_, l) in steps(item, at: p, in: name, prefix: true, forms: forms) where best == nil || l < best! {
                            best = l
                        }
                    }
                }
            }
            guard let best else { return nil }
            worst = max(worst, best)
        }
        return worst
    }

    /// Which of a record's other fields matched best: the most clauses, words as typed
    /// counting more than other forms.
    static func field(summary: String, place: String, quotes: String, query: SearchQuery, forms: SearchForms) -> SearchField {
        var best: (SearchField, Int) = (.summary, -1)
        for (field, text) in [(SearchField.summary, summary), (.place, place), (.quote, quotes)] {
            let tokens = [SearchQuery.foldedTokens(text)]
            var score = 0
            for clause in query.clauses {
                var clauseBest: FormLevel?
                for item in clause {
                    for p in tokens[0].indices {
                        for (_, l) in steps(item, at: p, in: tokens[0], prefix: true, forms: forms)
                        where clauseBest == nil || l < clauseBest! { clauseBest = l }
                    }
                }
                if let c = clauseBest { score += 3 - c.rawValue }
            }
            if score > best.1 { best = (field, score) }
        }
        return best.0
    }
}
