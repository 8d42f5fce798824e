/// Writes rows as CSV (RFC 4180) or TSV for spreadsheets and scripts. By hand
/// because the CSV packages here read CSV but do not write it.
public enum DelimitedText {
    public enum Format: String, Sendable, CaseIterable {
        case csv, tsv
        var separator: Character { self == .csv ? "," : "\t" }
    }

    /// A header line and one line per row, each ending in CRLF for CSV (as RFC 4180
    /// asks) and LF for TSV.
    public static func write(header: [String], rows: [[String?]], as format: Format) -> String {
        let end = format == .csv ? "\r\n" : "\n"
        var out = line(header.map { Optional($0) }, format) + end
        for r in rows { out += line(r, format) + end }
        return out
    }

    public static func line(_ fields: [String?], _ format: Format) -> String {
        fields.map { field($0 ?? "", format) }.joined(separator: String(format.separator))
    }

    /// One field, made inert and quoted where needed. Control characters and escape
    /// sequences become visible symbols (a file is read in terminals too); a text that
    /// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` before a non-digit)
    /// gets a leading `'`. TSV has no quoting, so tabs and line breaks in a TSV field
    /// are shown as their symbols as well.
    static func field(_ raw: String, _ format: Format) -> String {
        var s = TerminalText.sanitize(raw, singleLine: format == .tsv)
        if let first = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(first),
           !(s.unicodeScalars.dropFirst().first.map { ("0"..."9").contains($0) || $0 == "." } ?? false) {
            s = "'" + s
        }
        guard format == .csv, s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
