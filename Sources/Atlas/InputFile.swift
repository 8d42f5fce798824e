import Foundation
#if canImport(Glibc)
import Glibc
private let readBytes = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let readBytes = Darwin.read
#endif

/// Input files are read only when they are regular files: opening a named pipe
/// blocks until someone writes to it, and a device or a socket is no input.
/// Every failure carries a reason a person can act on.
enum InputFile {
    enum Failure: Error, Equatable {
        case missing(String)
        case notRegular(String)
        case tooLarge(Int)
        case unreadable(String)

        var reason: String {
            switch self {
            case .missing(let r), .unreadable(let r): return r
            case .notRegular(let kind): return "is \(kind), not a regular file"
            case .tooLarge(let size): return "is \(size / 1_048_576) MB"
            }
        }
    }

    /// What a path is when it is not a regular file (following symbolic links), or
    /// nil when it is one or does not exist (callers say "no such file" themselves).
    static func nonRegularKind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return kind(of: info.st_mode)
    }

    static func kind(of mode: mode_t) -> String? {
        switch Int(mode) & 0o170000 {
        case 0o100000: return nil
        case 0o040000: return "a folder"
        case 0o010000: return "a named pipe"
        case 0o140000: return "a socket"
        case 0o020000, 0o060000: return "a device"
        default: return "not a regular file"
        }
    }

    /// The whole file, if it is a regular file of at most `maxBytes`. The size is
    /// checked before anything is read, so a huge file costs nothing.
    static func read(_ path: String, maxBytes: Int) -> Result<Data, Failure> {
        withRegularFile(path) { fd, size in
            size > maxBytes ? .failure(.tooLarge(size)) : readUpTo(size, from: fd)
        }
    }

    /// The first `maxBytes` of a regular file (all of it when shorter), and its size.
    static func head(_ path: String, maxBytes: Int) -> Result<(data: Data, size: Int), Failure> {
        withRegularFile(path) { fd, size in
            readUpTo(min(size, maxBytes), from: fd).map { (data: $0, size: size) }
        }
    }

    /// Opens `path` without blocking on a pipe and hands `body` the descriptor and the
    /// size, when it is a regular file.
    private static func withRegularFile<T>(_ path: String, _ body: (Int32, Int) -> Result<T, Failure>) -> Result<T, Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(openFailure(path, errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if let kind = kind(of: info.st_mode) { return .failure(.notRegular(kind)) }
        return body(fd, Int(info.st_size))
    }

    private static func readUpTo(_ count: Int, from fd: Int32) -> Result<Data, Failure> {
        var data = Data(count: count)
        var done = 0
        while done < count {
            let n = data.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress! + done, count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }   // the file shrank while being read
            done += n
        }
        if done < count { data.removeSubrange(done...) }
        return .success(data)
    }

    private static func openFailure(_ path: String, _ code: Int32) -> Failure {
        switch code {
        case ENOENT:
            var link = stat()
            if lstat(path, &link) == 0 { return .missing("is a symbolic link to a file that does not exist") }
            return .missing("no such file")
        case ENOTDIR: return .missing("no such file (a folder on its path is a file)")
        case EACCES, EPERM: return .unreadable("permission denied")
        case ELOOP: return .unreadable("too many symbolic links")
        default: return .unreadable(String(cString: strerror(code)))
        }
    }
}
