import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being imported, mapped read-only, whose pages are handed back to the
/// kernel once the reader has passed them.
///
/// Every page of a mapping that was touched counts as the process's resident memory
/// until it is unmapped: a 570 MB CSV read through `Data(contentsOf:options:
/// .alwaysMapped)` ended the import with 570 MB resident. Released pages are read
/// again from the file if touched again, so releasing is always safe.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool
    /// Everything before this offset has been released.
    private var releasedUpTo = 0
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    /// Released in steps of this many bytes: one madvise call per step.
    private static let step = 8 << 20

    init(_ url: URL) throws(ImportError) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: url.path, reason: "cannot be read") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: url.path, reason: "cannot be read") }
        let size = Int(info.st_size)
        if size > 0, let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
            bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: size)
            mapped = true
            return
        }
        // Not mappable (or empty): read whole, as before.
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(path: url.path, reason: "cannot be read") }
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(data.count, 1))
        _ = copy.initialize(from: data)
        bytes = UnsafeBufferPointer(start: copy.baseAddress, count: data.count)
        mapped = false
    }

    /// The reader is past `offset` and will not look before it again.
    func release(before offset: Int) {
        guard mapped, offset - releasedUpTo >= Self.step, let base = bytes.baseAddress else { return }
        let end = offset / Self.pageSize * Self.pageSize
        guard end > releasedUpTo else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + releasedUpTo), end - releasedUpTo, Int32(MADV_DONTNEED))
        releasedUpTo = end
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
        else { UnsafeMutableBufferPointer(mutating: bytes).deallocate() }
    }
}
