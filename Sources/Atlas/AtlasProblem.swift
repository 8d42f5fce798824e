import Foundation

/// One thing wrong with an atlas, located so a person can fix it:
/// `events.yaml:42:7: unknown field 'dte' (did you mean 'date'?)`.
public struct AtlasProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case syntax, encoding, emptyFile, missingField, unknownField, wrongType
        case duplicateID, danglingReference, badDate, unknownRelation, missingSource
        case badValue
    }

    public var file: String
    public var line: Int
    public var column: Int
    public var kind: Kind
    public var message: String

    public init(file: String, line: Int, column: Int, kind: Kind, message: String) {
        self.file = file; self.line = line; self.column = column
        self.kind = kind; self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Why an atlas could not be opened at all, or why it is not valid.
public enum AtlasError: Error, CustomStringConvertible, Sendable {
    /// The command that lists every problem of the atlas a problem is in: its file's
    /// folder, as the path was shown (relative to the current folder when inside it).
    public static func validateCommand(for problem: AtlasProblem) -> String {
        let folder = (problem.file as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        let safe = dir.allSatisfy { $0.isLetter || $0.isNumber || "/._-+,:@".contains($0) }
        return "crossroads validate --atlas " + (safe ? dir : "'" + dir.replacingOccurrences(of: "'", with: "'\\''") + "'")
    }

    /// The path does not exist, is not a folder, or cannot be read.
    case unreadable(path: String, reason: String)
    /// The folder was read but its content has problems.
    case invalid([AtlasProblem])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        case .invalid(let problems):
            guard let first = problems.first else { return "the atlas is not valid" }
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count > 2 ? "s" : ""); run `\(Self.validateCommand(for: first))`)" : ""
            return first.description + more
        }
    }
}

/// The closest candidates to a mistyped word, for "did you mean" hints.
public enum NearMatch {
    public static func best(_ word: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let w = Array(word.lowercased())
        var scored: [(String, Int)] = []
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            let threshold = max(2, w.count / 3)
            if d <= threshold || c.lowercased().hasPrefix(word.lowercased()) || c.lowercased().contains(word.lowercased()) {
                scored.append((c, d))
            }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// Levenshtein distance on characters.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
