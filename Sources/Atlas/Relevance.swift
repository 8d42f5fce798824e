import Foundation

/// A relevance set: queries as people type them, each with the record meant, and how
/// well search finds those records (hits@5, mean reciprocal rank).
public struct RelevanceSet: Sendable {
    public struct Query: Sendable {
        public var text: String
        public var expected: String
        public var note: String
    }

    public var queries: [Query]

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case malformed(path: String, line: Int)
        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): \(reason)"
            case .malformed(let path, let line): "\(path):\(line): expected QUERY<tab>ID[<tab>NOTE]"
            }
        }
    }

    /// Reads a TSV file: `query<TAB>id<TAB>note`, `#` comments.
    public static func load(_ url: URL) throws(LoadError) -> RelevanceSet {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        var queries: [Query] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2, !cols[0].isEmpty, !cols[1].isEmpty else { throw .malformed(path: url.path, line: i + 1) }
            queries.append(Query(text: cols[0], expected: cols[1], note: cols.count > 2 ? cols[2] : ""))
        }
        return RelevanceSet(queries: queries)
    }

    public struct Outcome: Sendable {
        public var query: Query
        /// 1-based rank of the record meant among the first 50 hits, or nil.
        public var rank: Int?
        public var top: [String]
    }

    public struct Report: Sendable {
        public var outcomes: [Outcome]
        public var hitsAt5: Double {
            outcomes.isEmpty ? 0 : Double(outcomes.filter { ($0.rank ?? 99) <= 5 }.count) / Double(outcomes.count)
        }
        public var meanReciprocalRank: Double {
            outcomes.isEmpty ? 0 : outcomes.reduce(0) { $0 + ($1.rank.map { 1 / Double($0) } ?? 0) } / Double(outcomes.count)
        }
        public var text: String {
            var lines = outcomes.map { o in
                (o.rank.map { String($0) } ?? "-").leftPadded(3) + "  \(o.query.text) -> \(o.query.expected)"
                    + (o.rank == 1 ? "" : "   top: " + o.top.prefix(3).joined(separator: ", "))
            }
            lines.append(String(format: "queries %d  hits@5 %.3f  MRR %.3f", outcomes.count, hitsAt5, meanReciprocalRank))
            return lines.joined(separator: "\n")
        }
    }

    /// Runs every query through the store's search, as `crossroads search` does.
    public func evaluate(_ store: AtlasStore) throws(StoreError) -> Report {
        var outcomes: [Outcome] = []
        for q in queries {
            let ids = try store.search(q.text, limit: 50).map(\.row.id)
            outcomes.append(Outcome(query: q, rank: ids.firstIndex(of: q.expected).map { $0 + 1 }, top: ids))
        }
        return Report(outcomes: outcomes)
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
