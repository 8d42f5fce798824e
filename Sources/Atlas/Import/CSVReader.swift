import Foundation

/// A streaming reader of comma- or tab-separated files, over the file's bytes.
///
/// Hand-written because the CSV libraries this machine carries do not fit imports
/// of millions of rows: SwiftCSV decodes the whole file into Strings up front, and
/// CSV.swift reads character by character; neither reaches the 100,000 rows per
/// second an import must, nor falls back to cp1252 per field when a legacy export
/// is not UTF-8. This reader finds field boundaries on bytes (RFC 4180 quotes,
/// doubled quotes, quoted line breaks, CR LF, a UTF-8 BOM) and decodes only the
/// fields a preset asks for.
struct CSVReader {
    enum Encoding { case utf8, cp1252, detect }

    /// One record: the byte ranges of its fields, valid during the callback.
    struct Record {
        let bytes: UnsafeBufferPointer<UInt8>
        var fields: [Range<Int>] = []
        /// Fields holding doubled quotes to undo.
        var escaped: [Bool] = []
        /// The line the record starts on (1-based).
        var line = 0
        let encoding: Encoding

        var count: Int { fields.count }

        /// The field's text, or "" past the end of the record.
        func string(_ i: Int) -> String {
            guard i >= 0, i < fields.count else { return "" }
            return decode(fields[i], escaped: escaped[i])
        }

        private func decode(_ range: Range<Int>, escaped: Bool) -> String {
            if range.isEmpty { return "" }
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            var s: String
            if encoding != .cp1252, let utf8 = String(validating: slice, as: UTF8.self) {
                s = utf8
            } else {
                s = CSVReader.cp1252(slice)
            }
            if escaped { s = s.replacingOccurrences(of: "\"\"", with: "\"") }
            // A field is the text the store keeps from the moment it is read, so an id
            // or acronym looked up is the one that was stored.
            if memchr(slice.baseAddress!, 0, slice.count) != nil { s = s.withNULAsPicture() }
            return s
        }

        /// The field without spaces or tabs around it (trimmed on bytes: a
        /// Foundation trim per field would cost more than the rest of the import).
        func trimmed(_ i: Int) -> String {
            guard i >= 0, i < fields.count else { return "" }
            var r = fields[i]
            while !r.isEmpty, bytes[r.lowerBound] == 0x20 || bytes[r.lowerBound] == 0x09 { r = (r.lowerBound + 1)..<r.upperBound }
            while !r.isEmpty, bytes[r.upperBound - 1] == 0x20 || bytes[r.upperBound - 1] == 0x09 { r = r.lowerBound..<(r.upperBound - 1) }
            let s = decode(r, escaped: escaped[i])
            // A value may begin or end with a Unicode space (a no-break space before a
            // longitude, after a place name): trimmed too, so it reads as the value.
            // Only then is the Foundation trim paid for.
            if !r.isEmpty, bytes[r.lowerBound] >= 0x80 || bytes[r.upperBound - 1] >= 0x80,
               s.unicodeScalars.first?.properties.isWhitespace == true || s.unicodeScalars.last?.properties.isWhitespace == true {
                return s.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return s
        }

        /// Whether the field is valid UTF-8 (for `--encoding utf-8` errors).
        func isUTF8(_ i: Int) -> Bool {
            guard i >= 0, i < fields.count else { return true }
            return String(validating: UnsafeBufferPointer(rebasing: bytes[fields[i]]), as: UTF8.self) != nil
        }
    }

    enum Failure: Error {
        case unclosedQuote(line: Int)
    }

    /// Calls `body` for each record; stops at the first error `body` throws.
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, encoding: Encoding,
                        _ body: (Record) throws -> Void) throws {
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var record = Record(bytes: bytes, encoding: encoding)
        record.fields.reserveCapacity(64)
        record.escaped.reserveCapacity(64)
        let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        while i < n {
            record.fields.removeAll(keepingCapacity: true)
            record.escaped.removeAll(keepingCapacity: true)
            record.line = line
            var endOfRecord = false
            while !endOfRecord {
                if i < n, bytes[i] == quote {
                    // Quoted field: runs to the closing quote, doubled quotes inside.
                    let start = i + 1
                    var j = start
                    var doubled = false
                    while true {
                        guard j < n else { throw Failure.unclosedQuote(line: record.line) }
                        let b = bytes[j]
                        if b == quote {
                            if j + 1 < n, bytes[j + 1] == quote { doubled = true; j += 2; continue }
                            break
                        }
                        if b == lf { line += 1 }
                        j += 1
                    }
                    record.fields.append(start..<j)
                    record.escaped.append(doubled)
                    i = j + 1
                    // Anything between the closing quote and the separator is kept out.
                    while i < n, bytes[i] != separator, bytes[i] != lf, bytes[i] != cr { i += 1 }
                } else {
                    let start = i
                    while i < n, bytes[i] != separator, bytes[i] != lf, bytes[i] != cr { i += 1 }
                    record.fields.append(start..<i)
                    record.escaped.append(false)
                }
                if i >= n { endOfRecord = true }
                else if bytes[i] == separator { i += 1; if i >= n { record.fields.append(n..<n); record.escaped.append(false); endOfRecord = true } }
                else {
                    if bytes[i] == cr { i += 1 }
                    if i < n, bytes[i] == lf { i += 1 }
                    line += 1
                    endOfRecord = true
                }
            }
            // A blank line is no record.
            if record.fields.count == 1, record.fields[0].isEmpty { continue }
            try body(record)
        }
    }

    /// Windows-1252, for legacy exports: Latin-1 with typographic marks in 0x80–0x9F.
    static func cp1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b >= 0x80 && b < 0xA0, let mapped = cp1252High[Int(b - 0x80)] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
