import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                throw .unreadable(path: path, reason: "is a folder, not a file")
            }
            switch code {
            case ENOENT, ENOTDIR: throw .unreadable(path: path, reason: "no such file")
            case EACCES, EPERM: throw .unreadable(path: path, reason: "permission denied")
            default: throw .unreadable(path: path, reason: String(cString: strerror(code)))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if let kind = InputFile.kind(of: info.st_mode) {
            throw .unreadable(path: path, reason: kind == "a folder" ? "is a folder, not a file" : "is \(kind), not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else { return }   // the importer says "empty file"
        let want = min(size, sniffBytes)
        var head = [UInt8](repeating: 0, count: want)
        var got = 0
        while got < want {
            let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, want - got) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            got += n
        }
        head.removeSubrange(got...)
        if let problem = textProblem(head, fileSize: size) {
            throw .malformed(path: path, line: problem.line, reason: problem.reason)
        }
    }

    /// Why the start of a file is not delimited text, with the line it is on.
    static func textProblem(_ head: [UInt8], fileSize: Int) -> (line: Int, reason: String)? {
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
