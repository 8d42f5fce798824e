import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The copy of a database an import writes (`.NAME.partial` beside it), renamed over
/// the database only when the import has finished.
///
/// The copy is locked (`flock`) while it is written, so a second import into the same
/// database fails at once instead of overwriting the first one's copy and losing its
/// records at the rename. The lock dies with its process, so a copy a killed import
/// left behind is simply taken over and overwritten.
struct WorkingCopy {
    let database: URL
    let url: URL
    /// Whether the copy starts as the database's content (false for a new database).
    let startedFromDatabase: Bool
    private let fd: Int32

    /// Locks the working copy of `database` and fills it with the database's content
    /// (or leaves it empty for a new database).
    init(of database: URL) throws(ImportError) {
        self.database = database
        let url = database.deletingLastPathComponent().appendingPathComponent(".\(database.lastPathComponent).partial")
        self.url = url
        let path = database.path
        func failure(_ what: String) -> ImportError { .database(path: path, reason: "\(what) \(url.lastPathComponent): \(String(cString: strerror(errno)))") }
        var fd: Int32 = -1
        // Between open and flock, the import that held the lock may have renamed this
        // file over the database or removed it: then the lock is on the wrong file,
        // and the name is opened again.
        for _ in 0..<3 {
            fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure("cannot create") }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw .busy(path: path)
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(url.path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino { break }
            close(fd)
            fd = -1
        }
        guard fd >= 0 else { throw .busy(path: path) }
        self.fd = fd
        InterruptCleanup.arm(url.path)
        startedFromDatabase = FileManager.default.fileExists(atPath: path)
        guard ftruncate(fd, 0) == 0 else { let e = failure("cannot empty"); abandon(); throw e }
        if startedFromDatabase {
            do { try copyContent(of: database) } catch { abandon(); throw error }
        }
    }

    private func copyContent(of source: URL) throws(ImportError) {
        let src = open(source.path, O_RDONLY | O_CLOEXEC)
        guard src >= 0 else { throw .unreadable(path: source.path, reason: String(cString: strerror(errno))) }
        defer { close(src) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(src, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .unreadable(path: source.path, reason: String(cString: strerror(errno))) }
            if n == 0 { return }
            var written = 0
            while written < n {
                let w = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + written, n - written) }
                if w < 0 && errno == EINTR { continue }
                if w <= 0 { throw .database(path: database.path, reason: "cannot copy it beside itself: \(String(cString: strerror(errno)))") }
                written += w
            }
        }
    }

    /// Syncs the finished copy, renames it over the database, syncs the folder so the
    /// rename survives a power cut, and releases the lock.
    func commit() throws(ImportError) {
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            let e = ImportError.database(path: database.path, reason: "cannot sync \(url.lastPathComponent): \(String(cString: strerror(errno)))")
            unlink(url.path)
            throw e
        }
        guard rename(url.path, database.path) == 0 else {
            let e = ImportError.database(path: database.path, reason: String(cString: strerror(errno)))
            unlink(url.path)
            InterruptCleanup.disarm()
            throw e
        }
        InterruptCleanup.disarm()
        AtomicFile.syncFolder(of: database)
    }

    /// Removes the copy (the database is untouched) and releases the lock.
    func abandon() {
        unlink(url.path)
        InterruptCleanup.disarm()
        close(fd)
    }
}
