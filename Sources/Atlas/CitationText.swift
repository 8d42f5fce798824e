/// A record cited as Markdown, for `Y` to yank into a note or a draft: the record
/// (title, date, place, id) and each source it cites with the quote.
public enum CitationText {
    public static func markdown(_ d: RecordDetail, sources: [String: SourceInfo] = [:]) -> String {
        var head = "**\(inline(d.title))**"
        var facts: [String] = []
        if let date = d.date { facts.append((try? EDTFDate(parsing: date))?.display ?? date) }
        if let place = d.place {
            facts.append([place.name, place.region].compactMap { $0 }.filter { !$0.isEmpty }.map(inline).joined(separator: ", "))
        }
        if d.kind == .mission, let a = d.acronym { facts.append(inline(a)) }
        if !facts.isEmpty { head += " (" + facts.joined(separator: ", ") + ")" }
        head += " [`\(d.id.replacingOccurrences(of: "`", with: "'"))`]"
        var lines = [head]
        for c in d.sources {
            var s = "- " + source(c.source, sources[c.source.id])
            if let locator = c.locator, !locator.isEmpty { s += ", " + inline(locator) }
            if let quote = c.quote, !quote.isEmpty { s += ": “" + inline(quote) + "”" }
            lines.append(s)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a citation says of its source beyond the title: publisher, author, date.
    public struct SourceInfo: Hashable, Sendable {
        public var publisher: String?
        public var author: String?
        public var date: String?
        public var url: String?
        public init(publisher: String? = nil, author: String? = nil, date: String? = nil, url: String? = nil) {
            self.publisher = publisher; self.author = author; self.date = date; self.url = url
        }
    }

    static func source(_ ref: RecordDetail.Ref, _ info: SourceInfo?) -> String {
        var title = "*" + inline(ref.title ?? ref.id) + "*"
        if let url = info?.url, SafeURL.isOpenable(url) { title = "[\(title)](\(url))" }
        let more = [info?.author, info?.publisher, info?.date.map { (try? EDTFDate(parsing: $0))?.display ?? $0 }]
            .compactMap { $0 }.filter { !$0.isEmpty }.map(inline)
        return more.isEmpty ? title : title + ", " + more.joined(separator: ", ")
    }

    /// One line of Markdown: inert, no line breaks, emphasis characters escaped.
    static func inline(_ s: String) -> String {
        var out = ""
        for c in TerminalText.sanitize(s) {
            if "*_`[]\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// URLs that Crossroads hands to a browser: `http` and `https` only, with a host and
/// nothing a shell or a terminal could read as more than a URL.
public enum SafeURL {
    public static func isOpenable(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        let rest = text.drop(while: { $0 != ":" }).dropFirst(3)
        guard let first = rest.first, first != "/", first != "@" else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
            && text.count <= 8192
    }
}

extension AtlasStore {
    /// The Markdown citation of a record with what its sources say of themselves;
    /// nil when there is no such record.
    public func citationMarkdown(_ id: String) throws(StoreError) -> String? {
        guard let d = try detail(id) else { return nil }
        var info: [String: CitationText.SourceInfo] = [:]
        for c in d.sources where info[c.source.id] == nil {
            guard let s = try detail(c.source.id) else { continue }
            info[c.source.id] = .init(publisher: s.publisher, author: s.author, date: s.date, url: s.url)
        }
        return CitationText.markdown(d, sources: info)
    }
}
