import Atlas
import BrowserModel
import Foundation

/// Writing results: JSON for scripts (keys sorted so output is stable), aligned
/// text for people. Text is sanitized so data cannot drive the terminal.
enum Output {
    static func json<T: Encodable>(_ value: T) throws(CLIError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return escapeInvisible(String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            throw CLIError("cannot encode JSON: \(error)", code: .software)
        }
    }

    static func escapeInvisible(_ json: String) -> String { JSONText.escapeInvisible(json) }

    /// `1 mission`, `2 missions`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Columns padded to their widest cell (by terminal width, so CJK and emoji
    /// stay aligned); the last column is not padded.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        let clean = rows.map { $0.map { TerminalText.sanitize($0) } }
        var widths = Array(repeating: 0, count: columns)
        for r in clean { for (i, c) in r.enumerated() { widths[i] = max(widths[i], TerminalText.width(c)) } }
        return clean.map { r in
            var line = r.enumerated().map { i, c in
                i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - TerminalText.width(c))
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Text as it is, no newline added (a format that ends its own lines).
    static func writeRaw(_ text: String) {
        if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    /// A remark for the person, on stderr, that is not the command's output.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("crossroads: \(TerminalText.sanitize(text))\n".utf8))
    }

    static func write(_ text: String) {
        if text.isEmpty { return }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// One row of `list` and `search`: `{id, kind, title, date?}`.
struct RowJSON: Encodable {
    var id: String
    var kind: String
    var title: String
    var date: String?

    init(_ r: ListRow) {
        id = r.id; kind = r.kind.rawValue; title = r.title
        date = r.kind == .event ? r.date : nil
    }

    static func textRows(_ rows: [ListRow]) -> String {
        Output.table(rows.map { r in
            [r.kind == .event ? (r.date.map(DateText.display) ?? "") : r.kind.rawValue,
             r.id, r.title]
        })
    }
}
