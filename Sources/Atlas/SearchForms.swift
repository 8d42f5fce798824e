import GRDB

/// How a record's token matched a typed word, best first: the word itself (or a word
/// it begins), another form of it (an English stem, a state for its demonym), a typo.
enum FormLevel: Int, Comparable, Sendable {
    case exact = 0, stem = 1, typo = 2
    static func < (a: FormLevel, b: FormLevel) -> Bool { a.rawValue < b.rawValue }
}

/// The forms one typed word is searched by.
struct WordForms: Sendable {
    var word: String
    /// The tokens the word is a prefix of, spelled out (see `SearchTerms`); nil leaves
    /// the prefix to FTS5.
    var completions: [String]?
    var stems: [String] = []
    /// States whose demonym the word is, as tokens ("kazakhstani" -> [kazakhstan]).
    var states: [[String]] = []
    var typos: [String] = []

    /// How one token of a record matches the word.
    func level(of token: String, prefix: Bool) -> FormLevel? {
        if token == word || (prefix && token.hasPrefix(word)) { return .exact }
        if stems.contains(token) || states.contains([token]) { return .stem }
        if typos.contains(token) { return .typo }
        return nil
    }

    /// Every single token that stands for the word, at up to `level`.
    func tokens(upTo level: FormLevel) -> [(String, FormLevel)] {
        var out: [(String, FormLevel)] = [(word, .exact)]
        if level >= .stem { out += stems.map { ($0, .stem) } + states.filter { $0.count == 1 }.map { ($0[0], .stem) } }
        if level >= .typo { out += typos.map { ($0, .typo) } }
        return out
    }
}

/// The forms of every word of a query, looked up once per search.
struct SearchForms: Sendable {
    var words: [String: WordForms] = [:]

    /// Forms from the derived tables a database has; with none (a stale summary, an
    /// old file), each word is only itself, as a prefix.
    static func lookUp(_ query: SearchQuery, in db: Database, tables: SearchTerms.Tables?) throws -> SearchForms {
        var forms = SearchForms()
        for clause in query.clauses {
            for item in clause {
                guard let w = item.word, forms.words[w] == nil else { continue }
                var f = WordForms(word: w, completions: nil)
                if let t = tables {
                    if t.terms, w.count > 3 { f.completions = try SearchTerms.expand(w, in: db) }
                    if t.stems { f.stems = try SearchTerms.stems(of: w, in: db).filter { !$0.hasPrefix(w) } }
                    f.states = Demonyms.shared.states(w)
                    if t.typos {
                        let known = Set(f.stems)
                        f.typos = try SearchTerms.typos(of: w, in: db).filter { !$0.hasPrefix(w) && !known.contains($0) }
                    }
                }
                forms.words[w] = f
            }
        }
        return forms
    }
}

/// FTS5 MATCH expressions built from a parsed query. Every token is a quoted string,
/// so nothing typed is ever FTS5 syntax.
enum SearchExpression {
    static func quote(_ tokens: [String]) -> String {
        "\"" + tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Words as prefixes, no other forms.
    static func plain(_ q: SearchQuery) -> String { build(q, forms: SearchForms(), upTo: .exact) }

    /// Each word with its forms up to `level`.
    static func build(_ q: SearchQuery, forms: SearchForms, upTo level: FormLevel) -> String {
        let positive = q.clauses.map { clause -> String in
            let parts = clause.map { item($0, forms: forms, upTo: level) }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
        }
        var expr = positive.joined(separator: " AND ")
        for x in q.excluded { expr = "(" + expr + ") NOT " + item(x, forms: SearchForms(), upTo: .exact) }
        return expr
    }

    private static func item(_ item: SearchQuery.Item, forms: SearchForms, upTo level: FormLevel) -> String {
        // A phrase's last word is a prefix too, so a quoted phrase still follows typing.
        if item.isPhrase { return quote(item.tokens) + "*" }
        guard let w = item.word, let f = forms.words[w] else { return quote(item.tokens) + "*" }
        var alternatives: [String]
        if let c = f.completions, !c.isEmpty { alternatives = c.map { quote([$0]) } } else { alternatives = [quote([w]) + "*"] }
        if level >= .stem { alternatives += f.stems.map { quote([$0]) } + f.states.map(quote) }
        if level >= .typo { alternatives += f.typos.map { quote([$0]) } }
        return alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " OR ") + ")"
    }

    /// Whether any form beyond the words themselves was found.
    static func hasForms(_ forms: SearchForms, beyond level: FormLevel) -> Bool {
        forms.words.values.contains { f in
            switch level {
            case .exact: !f.stems.isEmpty || !f.states.isEmpty || !f.typos.isEmpty
            case .stem: !f.typos.isEmpty
            case .typo: false
            }
        }
    }
}
