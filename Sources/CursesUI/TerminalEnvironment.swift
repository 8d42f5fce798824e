#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment variables the front end reads, read once at start.
struct TerminalEnvironment: Sendable {
    var term: String?
    var noColor: String?
    /// CROSSROADS_DEBUG_CRASH=1: crash on purpose after the first frame, so that
    /// tests can check the terminal comes back after a crash.
    var debugCrash: Bool

    static func current() -> TerminalEnvironment {
        func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        return TerminalEnvironment(term: value("TERM"), noColor: value("NO_COLOR"),
                                   debugCrash: value("CROSSROADS_DEBUG_CRASH") == "1")
    }
}
