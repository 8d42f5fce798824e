/// What a person typed into search, read as words, `"phrases"`, `a OR b` (`a | b`) and
/// `-excluded`. Everything else is words: quotes, parentheses, `*`, `:`, `NEAR` or `AND`
/// never reach FTS5 as syntax, and an unclosed quote is only a character.
public struct SearchQuery: Sendable {
    /// One thing to find: a word (its tokens; the last is also a prefix, so results
    /// follow as you type) or a quoted phrase (its tokens side by side, the last also a
    /// prefix; no other forms).
    struct Item: Hashable, Sendable {
        /// Folded tokens (case and accents as the index folds them).
        var tokens: [String]
        var isPhrase: Bool
        /// A single word can have other forms (stems, typos, demonyms).
        var word: String? { !isPhrase && tokens.count == 1 ? tokens[0] : nil }
    }

    /// Every clause must match; a clause matches when one of its items does (`OR`).
    let clauses: [[Item]]
    /// No hit may match one of these (`-word`, `-"a phrase"`).
    let excluded: [Item]

    /// The positive words' tokens as typed (for highlighting), in order.
    public let terms: [String]

    /// The FTS5 MATCH expression with words as prefixes and no other forms (list
    /// filters use it), or nil when there is nothing to look for: nothing typed, or only
    /// excluded words.
    public var match: String? { clauses.isEmpty ? nil : SearchExpression.plain(self) }

    public init(_ input: String) {
        var clauses: [[Item]] = []
        var excluded: [Item] = []
        var terms: [String] = []
        // A pending OR joins the next positive item to the last clause.
        var joinNext = false
        var lastWasPositive = false
        let lexemes = Self.lex(input)
        for (i, lexeme) in lexemes.enumerated() {
            switch lexeme {
            case .or(let spelled):
                let nextIsPositive: Bool = if i + 1 < lexemes.count, case .item(_, false, _) = lexemes[i + 1] { true } else { false }
                if lastWasPositive && nextIsPositive && !joinNext {
                    joinNext = true
                } else if spelled {
                    // "OR" not between two things is the word "or".
                    clauses.append([Item(tokens: ["or"], isPhrase: false)])
                    terms.append("OR")
                    joinNext = false
                    lastWasPositive = true
                }
            case .item(let item, let negated, let typed):
                if negated {
                    excluded.append(item)
                    joinNext = false
                    lastWasPositive = false
                    continue
                }
                terms += typed
                if joinNext, !clauses.isEmpty { clauses[clauses.count - 1].append(item) } else { clauses.append([item]) }
                joinNext = false
                lastWasPositive = true
            }
        }
        // A word typed twice asks nothing more (and a pasted page of repeats stays cheap).
        var seen = Set<[Item]>()
        self.clauses = clauses.filter { seen.insert($0).inserted }
        var seenExcluded = Set<Item>()
        self.excluded = clauses.isEmpty ? [] : excluded.filter { seenExcluded.insert($0).inserted }
        self.terms = terms
    }

    /// The query's positive items in order, one per clause when it has no OR: the
    /// sequence a name is compared with for the first tiers.
    var sequence: [Item]? { clauses.allSatisfy { $0.count == 1 } ? clauses.map { $0[0] } : nil }

    // MARK: reading the input

    private enum Lexeme {
        /// `OR` (spelled) or `|`.
        case or(spelled: Bool)
        case item(Item, negated: Bool, typed: [String])
    }

    private static func lex(_ input: String) -> [Lexeme] {
        var out: [Lexeme] = []
        let chars = Array(input)
        var i = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }
        while i < chars.count {
            let c = chars[i]
            if isSpace(c) { i += 1; continue }
            if c == "|" { out.append(.or(spelled: false)); i += 1; continue }
            // A '-' that starts a word excludes it; inside a word (al-Assad) it joins.
            var negated = false
            if c == "-", i + 1 < chars.count, !isSpace(chars[i + 1]), chars[i + 1] != "-" {
                negated = true
                i += 1
            }
            if chars[i] == "\"", let close = chars[(i + 1)...].firstIndex(of: "\"") {
                let typed = tokens(of: String(chars[(i + 1)..<close]))
                if !typed.isEmpty {
                    out.append(.item(Item(tokens: foldedTokens(typed.joined(separator: " ")), isPhrase: true), negated: negated, typed: typed))
                }
                i = close + 1
                continue
            }
            // A word runs to the next space, quote or bar; an unclosed quote is skipped.
            if chars[i] == "\"" { i += 1; continue }
            var end = i
            while end < chars.count, !isSpace(chars[end]), chars[end] != "\"", chars[end] != "|" { end += 1 }
            let raw = String(chars[i..<end])
            i = end
            if raw == "OR" && !negated { out.append(.or(spelled: true)); continue }
            let typed = tokens(of: raw)
            guard !typed.isEmpty else { continue }
            let folded = foldedTokens(typed.joined(separator: " "))
            guard !folded.isEmpty else { continue }
            out.append(.item(Item(tokens: folded, isPhrase: false), negated: negated, typed: typed))
        }
        return out
    }

    /// Runs of letters, digits and combining marks: what FTS5's unicode61 tokenizer
    /// keeps as a token.
    static func tokens(of text: some StringProtocol) -> [String] {
        String(text).split(whereSeparator: { (c: Character) in !isTokenCharacter(c) }).map(String.init)
    }

    static func isTokenCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c.unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark }
    }

    /// A text's folded tokens, as the index holds them. Folds once and splits by
    /// Unicode scalar: the ranking reads every candidate's names with it.
    static func foldedTokens(_ text: some StringProtocol) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for s in TextFold.fold(String(text)).unicodeScalars {
            if isTokenScalar(s) {
                current.append(s)
            } else if !current.isEmpty {
                out.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    static func isTokenScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
        }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
    }
}
