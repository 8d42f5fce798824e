import Foundation

/// Which atlas a state file belongs to: history and bookmarks are kept apart per
/// atlas, so that one atlas's ids never show in (or break `BS` of) another.
public enum AtlasIdentity: Hashable, Sendable {
    case builtin
    case folder(String)
    case database(String)

    /// A stable key: the kind and the absolute, standardized path.
    public var key: String {
        switch self {
        case .builtin: return "builtin"
        case .folder(let p): return "atlas:" + Self.absolute(p)
        case .database(let p): return "db:" + Self.absolute(p)
        }
    }

    /// A file name for the key: readable tail and a hash of the whole (paths with
    /// the same last part stay apart).
    public var fileName: String {
        if self == .builtin { return "builtin.json" }
        let tail = key.split(separator: "/").last.map(String.init) ?? "atlas"
        let safe = String(tail.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }.prefix(40))
        // FNV-1a 64: stable across runs and machines, unlike Hasher.
        var h: UInt64 = 0xcbf29ce484222325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return "\(self.kindName)-\(safe)-\(String(h, radix: 16)).json"
    }

    private var kindName: String {
        switch self {
        case .builtin: return "builtin"
        case .folder: return "atlas"
        case .database: return "db"
        }
    }

    static func absolute(_ p: String) -> String {
        let url = p.hasPrefix("/") ? URL(fileURLWithPath: p) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(p)
        return url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}

extension UserStateFile {
    /// The state file of one atlas: `$XDG_STATE_HOME/crossroads/atlases/NAME.json`.
    public static func standard(for atlas: AtlasIdentity,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> UserStateFile? {
        guard let shared = standard(environment: environment) else { return nil }
        return UserStateFile(url: shared.url.deletingLastPathComponent().appendingPathComponent("atlases").appendingPathComponent(atlas.fileName))
    }
}
