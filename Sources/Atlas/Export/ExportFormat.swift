import Foundation

/// The formats a list can be exported in, chosen by a file's extension or by
/// `--format`.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, tsv, json, ndjson, markdown

    /// `events.csv` → csv, `x.md` → markdown; nil for an extension no format has.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        case "md", "markdown": self = .markdown
        default: return nil
        }
    }

    /// Formats whose provenance goes in a file beside the export, having no place
    /// for it inside (`FILE.provenance.json`).
    public var provenanceBeside: Bool { self == .csv || self == .tsv }
}

/// Where an export came from, as dataset terms (ACLED's among them) ask: the atlas,
/// each dataset and when it was imported, what narrowed the list, and when.
public struct ExportProvenance: Codable, Hashable, Sendable {
    public struct DatasetImport: Codable, Hashable, Sendable {
        public var dataset: String
        public var file: String?
        public var imported: String?
        public init(dataset: String, file: String?, imported: String?) {
            self.dataset = dataset; self.file = file; self.imported = imported
        }
    }

    public var atlas: String
    public var datasets: [DatasetImport]
    public var search: String?
    public var filter: String?
    /// The narrowing shown as chips: `actor:kazakhstan`, `from:2024`.
    public var chips: [String]
    public var exported: String
    public var records: Int?
    public var generator: String

    public init(atlas: String, datasets: [DatasetImport] = [], search: String? = nil, filter: String? = nil,
                chips: [String] = [], exported: Date = Date(), records: Int? = nil, generator: String = "crossroads") {
        self.atlas = atlas; self.datasets = datasets; self.search = search; self.filter = filter; self.chips = chips
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        self.exported = f.string(from: exported)
        self.records = records; self.generator = generator
    }
}

/// Writes records in one format, piece by piece, so that a long list streams:
/// `begin`, then `record` for each, then `end`. Text is made inert as it is written.
public struct ExportWriter: Sendable {
    public let format: ExportFormat
    public let fields: [ExportField]
    public let provenance: ExportProvenance?
    private var written = 0

    public init(format: ExportFormat, fields: [ExportField], provenance: ExportProvenance?) {
        self.format = format; self.fields = fields; self.provenance = provenance
    }

    public func begin() -> String {
        switch format {
        case .csv, .tsv:
            return DelimitedText.line(fields.map(\.rawValue), format == .csv ? .csv : .tsv) + lineEnd
        case .json:
            // With provenance, an object that carries it; without, a bare array.
            guard let provenance else { return "[" }
            return "{\n  \"provenance\" : " + Self.json(provenance, indent: "  ") + ",\n  \"records\" : ["
        case .ndjson:
            return provenance.map { Self.json(["provenance": $0], compact: true) + "\n" } ?? ""
        case .markdown:
            var out = ""
            if let p = provenance {
                out += "Exported from \(Self.markdownCell(p.atlas)) on \(p.exported) by \(p.generator)"
                if let r = p.records { out += ", \(r) record\(r == 1 ? "" : "s")" }
                out += ".\n\n"
                for d in p.datasets {
                    out += "- dataset \(Self.markdownCell(d.dataset))"
                    if let f = d.file { out += ", file \(Self.markdownCell(f))" }
                    if let i = d.imported { out += ", imported \(i)" }
                    out += "\n"
                }
                if let s = p.search { out += "- search: \(Self.markdownCell(s))\n" }
                if let f = p.filter { out += "- filter: \(Self.markdownCell(f))\n" }
                for c in p.chips { out += "- narrowed to \(Self.markdownCell(c))\n" }
                if !p.datasets.isEmpty || p.search != nil || p.filter != nil || !p.chips.isEmpty { out += "\n" }
            }
            out += "| " + fields.map(\.rawValue).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: fields.count) + "\n"
            return out
        }
    }

    public mutating func record(_ r: ExportRecord) -> String {
        defer { written += 1 }
        switch format {
        case .csv, .tsv:
            return DelimitedText.line(fields.map { $0.text(of: r) }, format == .csv ? .csv : .tsv) + lineEnd
        case .json:
            let indent = provenance == nil ? "  " : "    "
            return (written == 0 ? "\n" : ",\n") + indent + Self.json(RecordJSON(record: r, fields: fields), indent: indent)
        case .ndjson:
            return Self.json(RecordJSON(record: r, fields: fields), compact: true) + "\n"
        case .markdown:
            return "| " + fields.map { Self.markdownCell($0.text(of: r) ?? "") }.joined(separator: " | ") + " |\n"
        }
    }

    public func end() -> String {
        switch format {
        case .json:
            let close = written == 0 ? "]" : (provenance == nil ? "\n]" : "\n  ]")
            return close + (provenance == nil ? "\n" : "\n}\n")
        default: return ""
        }
    }

    private var lineEnd: String { format == .csv ? "\r\n" : "\n" }

    /// A table cell: inert, on one line, pipes escaped.
    static func markdownCell(_ s: String) -> String {
        TerminalText.sanitize(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
    }

    static func json<T: Encodable>(_ value: T, indent: String = "", compact: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        let text = JSONText.escapeInvisible(String(decoding: data, as: UTF8.self))
        return indent.isEmpty ? text : text.replacingOccurrences(of: "\n", with: "\n" + indent)
    }
}

/// One record in JSON with the chosen fields only.
private struct RecordJSON: Encodable {
    let record: ExportRecord
    let fields: [ExportField]

    struct Key: CodingKey {
        var stringValue: String
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    struct Named: Encodable { var id: String; var title: String?; var role: String? }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for f in fields {
            let key = Key(f.rawValue)
            switch f {
            case .actors: try c.encode(record.actors.map { Named(id: $0.id, title: $0.title, role: $0.role) }, forKey: key)
            case .missions: try c.encode(record.missions.map { Named(id: $0.id, title: $0.title, role: nil) }, forKey: key)
            case .sources: try c.encode(record.sources.map { Named(id: $0.id, title: $0.title, role: nil) }, forKey: key)
            default: try c.encodeIfPresent(f.text(of: record), forKey: key)
            }
        }
    }
}

/// JSON written for terminals too.
public enum JSONText {
    /// JSONEncoder escapes C0 controls but writes C1 controls and bidi overrides
    /// raw. They can only occur inside strings, where `\uXXXX` means the same to any
    /// JSON reader.
    public static func escapeInvisible(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isInvisible) else { return json }
        var out = String.UnicodeScalarView()
        for u in json.unicodeScalars {
            if isInvisible(u) {
                out.append(contentsOf: String(format: "\\u%04x", u.value).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x7F, 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x061C: return true
        default: return false
        }
    }
}
