import Foundation

/// The config file, `$XDG_CONFIG_HOME/crossroads/config` (or
/// `~/.config/crossroads/config`): `key = value` lines, `#` comments. One key so far:
///
///     clipboard = wl-copy        # or: xclip -selection clipboard, pbcopy
///
/// The clipboard command gets the yanked text on its standard input, besides OSC 52.
public struct UserConfig: Equatable, Sendable {
    public var clipboard: [String]?

    public init(clipboard: [String]? = nil) { self.clipboard = clipboard }

    public static func parse(_ text: String) -> UserConfig {
        var c = UserConfig()
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "clipboard", let words = ExternalProgram.words(parts[1]), !words.isEmpty { c.clipboard = words }
        }
        return c
    }

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> UserConfig {
        let base: String
        if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") { base = x }
        else if let home = environment["HOME"], !home.isEmpty { base = home + "/.config" }
        else { return UserConfig() }
        guard let data = FileManager.default.contents(atPath: base + "/crossroads/config"),
              let text = String(data: data, encoding: .utf8) else { return UserConfig() }
        return parse(text)
    }
}
