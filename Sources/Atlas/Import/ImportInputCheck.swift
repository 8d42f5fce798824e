import Foundation

/// A look at each file before an import touches the database: it must be a regular
/// file, and its first megabyte must read as delimited text. A binary file, a
/// UTF-16 export or a file of zeros is refused at once with its line and column,
/// instead of being scanned whole (a 200 MB file of NULs was one 200 MB "header"
/// field, decoded and lower-cased into 600 MB of memory).
enum ImportInputCheck {
    /// How much of a file is looked at.
    static let sniffBytes = 1 << 20

    static func check(_ url: URL) throws(ImportError) {
        let path = url.path
        switch InputFile.head(path, maxBytes: sniffBytes) {
        case .success(let head):
            // An empty file is left to the importer, which says "empty file".
            if head.size > 0, let problem = textProblem(head.data, fileSize: head.size) {
                throw .malformed(path: path, line: problem.line, reason: problem.reason)
            }
        case .failure(.notRegular("a folder")): throw .unreadable(path: path, reason: "is a folder, not a file")
        case .failure(let f): throw .unreadable(path: path, reason: f.reason)
        }
    }

    /// Why the start of a file is not delimited text, with the line it is on.
    static func textProblem(_ head: Data, fileSize: Int) -> (line: Int, reason: String)? {
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return (1, "UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)")
        }
        var line = 1, column = 1
        for b in head {
            if b == 0 {
                return (line, "a NUL byte at column \(column): not a text file (CSV files are UTF-8 or cp1252 text)")
            }
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        if line == 1, fileSize > head.count, !head.contains(0x0D) {
            return (1, "no line break in the first \(head.count / 1_048_576) MB: not a CSV file")
        }
        return nil
    }
}
