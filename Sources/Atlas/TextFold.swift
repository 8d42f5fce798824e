import Foundation

/// Case and accent folding, the same everywhere: sorting, search highlighting,
/// smart-case.
public enum TextFold {
    public static func fold(_ s: String) -> String {
        // Most text is ASCII, where folding is lowercasing; Foundation's folding
        // costs a bridge per call, and highlighting folds every visible cell.
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Accents only, for smart-case: a query with capitals matches case exactly.
    public static func foldAccents(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return s.folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// Without surrounding spaces and tabs. Imports trim a few fields per row, and
    /// a Foundation trim of a string with nothing to trim costs more than the rest
    /// of the field's handling.
    public static func trimSpaces(_ s: String) -> String {
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == "\t" || c.properties.generalCategory == .spaceSeparator }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        if !isSpace(first) && !isSpace(last) { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// The key that orders actors and missions by title.
    public static func sortKey(_ title: String) -> String {
        fold(title)
    }
}
