import Foundation

/// What outlives a browser session: bookmarks, the trail of opened records, and
/// prompt histories.
public struct UserState: Codable, Equatable, Sendable {
    public var bookmarks: [String] = []
    public var history: [String] = []
    public var searches: [String] = []
    public var commands: [String] = []
    /// A bookmark's note (`:note TEXT`), by record id.
    public var notes: [String: String] = [:]
    public init() {}

    public init(from decoder: any Decoder) throws {
        // Missing keys are fine: a file from an older version still loads.
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bookmarks = try c.decodeIfPresent([String].self, forKey: .bookmarks) ?? []
        history = try c.decodeIfPresent([String].self, forKey: .history) ?? []
        searches = try c.decodeIfPresent([String].self, forKey: .searches) ?? []
        commands = try c.decodeIfPresent([String].self, forKey: .commands) ?? []
        notes = try c.decodeIfPresent([String: String].self, forKey: .notes) ?? [:]
    }
}

/// The state file in `$XDG_STATE_HOME/crossroads/state.json` (or
/// `~/.local/state/crossroads`). Written atomically; a file that cannot be read
/// is set aside with a warning, never fatal.
public struct UserStateFile: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// The default location, from the environment.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> UserStateFile? {
        let base: URL
        if let s = environment["XDG_STATE_HOME"], s.hasPrefix("/") {
            base = URL(fileURLWithPath: s)
        } else if let home = environment["HOME"], !home.isEmpty {
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
        } else {
            return nil
        }
        return UserStateFile(url: base.appendingPathComponent("crossroads/state.json"))
    }

    /// Reads the state. A missing file is an empty state; a damaged one (not JSON,
    /// cut short, empty, a folder in its place) is renamed to `state.json.corrupt`
    /// and reported in `warning`, one line. Temporary files that killed writers
    /// left beside it are removed.
    public func load() -> (state: UserState, warning: String?) {
        AtomicFile.removeStaleTemporaries(of: url)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { return (UserState(), nil) }
        let problem: String
        if isDir.boolValue {
            // Left alone, a folder here would also make every save fail, silently.
            problem = "a folder, not a file"
        } else if let data = FileManager.default.contents(atPath: url.path) {
            do { return (try JSONDecoder().decode(UserState.self, from: data), nil) } catch {
                problem = data.isEmpty ? "empty" : "not a state file"
            }
        } else {
            problem = "unreadable"
        }
        let aside = url.appendingPathExtension("corrupt")
        try? FileManager.default.removeItem(at: aside)
        do {
            try FileManager.default.moveItem(at: url, to: aside)
        } catch {
            return (UserState(), "\(url.path) could not be read (\(problem)) nor set aside; starting afresh")
        }
        return (UserState(), "\(url.path) could not be read (\(problem)); set aside as \(aside.lastPathComponent), starting afresh")
    }

    public func save(_ state: UserState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(state), to: url)
    }
}

/// Writes a file so that a reader sees the old content or the new, never a part:
/// a temporary file beside it, fsync, then rename over.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: tmp.path]) }
        var ok = true
        data.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false; break }
                offset += n
            }
        }
        if fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        syncFolder(of: url)
    }

    /// A rename is durable only once the folder holding the name is synced.
    public static func syncFolder(of url: URL) {
        let dfd = open(url.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Removes the temporary files that writers of `url` killed mid-write left
    /// (`.NAME.PID.tmp`, whose process is gone); a live writer's file is kept.
    public static func removeStaleTemporaries(of url: URL) {
        let dir = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).", suffix = ".tmp"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) && name.count > prefix.count + suffix.count {
            guard let pid = pid_t(name.dropFirst(prefix.count).dropLast(suffix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { unlink(dir.appendingPathComponent(name).path) }
        }
    }
}
