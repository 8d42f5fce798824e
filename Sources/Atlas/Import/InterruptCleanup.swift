#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ^C, `kill` (TERM) or a closed terminal (HUP) during an import removes the working
/// copy before the process ends as the signal ends it: the copy of a large database
/// is as large as the database, and would otherwise stay behind, hidden, until the
/// next import into it. (SIGKILL cannot be caught; that copy is taken over later.)
///
/// The handler does only what is safe in a signal handler: `unlink` of a path
/// written beforehand into a fixed buffer, then the signal again with its default
/// action. A signal that was ignored (a background job's ^C) stays ignored. It
/// keeps one path: one import at a time per process, as the command line runs them.
enum InterruptCleanup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    nonisolated(unsafe) private static let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    nonisolated(unsafe) private static var armed: sig_atomic_t = 0
    /// A second file of the same import (the search index built beside the copy).
    nonisolated(unsafe) private static let companion = UnsafeMutablePointer<CChar>.allocate(capacity: Int(PATH_MAX) + 1)
    nonisolated(unsafe) private static var companionArmed: sig_atomic_t = 0
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]

    static func arm(_ path: String) {
        guard path.utf8.count <= Int(PATH_MAX) else { return }
        armed = 0
        _ = path.withCString { strcpy(buffer, $0) }
        armed = 1
        guard previous.isEmpty else { return }
        for sig in signals {
            var old = sigaction()
            guard sigaction(sig, nil, &old) == 0 else { continue }
            #if canImport(Glibc)
            let ignored = unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #else
            let ignored = unsafeBitCast(old.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #endif
            if ignored { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = onSignal
            #else
            action.__sigaction_u.__sa_handler = onSignal
            #endif
            sigemptyset(&action.sa_mask)
            if sigaction(sig, &action, nil) == 0 { previous[sig] = old }
        }
    }

    /// Removes `path` too on those signals, while armed.
    static func alsoRemove(_ path: String) {
        guard path.utf8.count <= Int(PATH_MAX) else { return }
        companionArmed = 0
        _ = path.withCString { strcpy(companion, $0) }
        companionArmed = 1
    }

    /// The copy is gone (renamed or removed): signals act as they did before.
    static func disarm() {
        armed = 0
        companionArmed = 0
        for (sig, old) in previous {
            var old = old
            sigaction(sig, &old, nil)
        }
        previous = [:]
    }

    private static let onSignal: @convention(c) (Int32) -> Void = { sig in
        if InterruptCleanup.armed != 0 { unlink(InterruptCleanup.buffer) }
        if InterruptCleanup.companionArmed != 0 { unlink(InterruptCleanup.companion) }
        signal(sig, SIG_DFL)
        raise(sig)
    }
}
