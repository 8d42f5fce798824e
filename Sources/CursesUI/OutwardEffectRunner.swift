import Atlas
import BrowserModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Carries out the effects that take something out of the browser: the clipboard,
/// a web browser, `$EDITOR`, an export file. Programs get URLs and paths as
/// arguments (`ExternalProgram`), never through a shell. Each returns the event
/// that tells the browser how it went.
struct OutwardEffectRunner {
    let config: UserConfig
    let environment: [String: String]
    /// Where OSC 52 goes: the terminal (tests catch it instead).
    let toTerminal: ([UInt8]) -> Void

    init(config: UserConfig = .load(), environment: [String: String] = ProcessInfo.processInfo.environment,
         toTerminal: @escaping ([UInt8]) -> Void = OutwardEffectRunner.writeToStdout) {
        self.config = config
        self.environment = environment
        self.toTerminal = toTerminal
    }

    static func writeToStdout(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            var off = 0
            while off < b.count {
                let n = write(STDOUT_FILENO, b.baseAddress! + off, b.count - off)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
                off += n
            }
        }
    }

    /// OSC 52 to the terminal (tmux passes it on with `set-clipboard on`), and the
    /// configured clipboard command when there is one.
    func copy(_ clip: Clip) -> BrowserEvent? {
        toTerminal(Array(OSC52.sequence(clip.text).utf8))
        if let command = config.clipboard, let failure = ExternalProgram.run(command, input: Data(clip.text.utf8), quiet: true) {
            return .effectFailed("copied \(clip.what) by OSC 52 only; the clipboard command failed: \(failure)")
        }
        return nil
    }

    /// `$BROWSER`, else `xdg-open` when there is a display; with neither (over SSH)
    /// the URL is shown and copied.
    func open(_ url: String) -> BrowserEvent? {
        guard SafeURL.isOpenable(url) else { return .effectFailed("not opened: only http and https URLs are") }
        var argv: [String]?
        if let b = environment["BROWSER"], !b.isEmpty {
            // $BROWSER may list several, colon-separated; the first is used.
            argv = ExternalProgram.words(String(b.split(separator: ":").first ?? ""))
        } else if environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil, Self.onPath("xdg-open", environment) {
            argv = ["xdg-open"]
        }
        guard let argv, !argv.isEmpty else {
            _ = copy(Clip(text: url, what: "URL"))
            return .effectDone("no $BROWSER and no display for xdg-open; URL copied: \(url)")
        }
        if let failure = ExternalProgram.run(argv + [url], quiet: true) {
            return .effectFailed("could not open \(url): \(failure)")
        }
        return .effectDone("opened \(url) with \(argv[0])")
    }

    /// `$VISUAL` or `$EDITOR` (else vi) at the record's `+LINE FILE`, the terminal
    /// lent to it; then the folder is read again. A broken edit leaves the last good
    /// atlas open and lists the problems.
    func edit(_ request: EditRequest, session: TerminalSession) -> BrowserEvent {
        let folder = URL(fileURLWithPath: request.folder)
        let before: AtlasLoader.Result
        do { before = try AtlasLoader.read(directory: folder) } catch {
            return .effectFailed("cannot read \(request.folder): \(error.description)")
        }
        guard let at = before.locations[request.id] else {
            return .effectFailed("\(request.id) is not defined in a file of \(request.folder)")
        }
        let file = at.file.hasPrefix("/") || FileManager.default.fileExists(atPath: at.file)
            ? at.file : folder.appendingPathComponent(at.file).path
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        guard let words = ExternalProgram.words(editor), !words.isEmpty else {
            return .effectFailed("cannot read the editor command '\(editor)'")
        }
        var failure: ExternalProgram.Failure?
        session.lend { failure = ExternalProgram.run(words + ["+\(at.line)", file]) }
        if let failure { return .effectFailed("\(failure); the atlas was not reloaded") }
        let after: AtlasLoader.Result
        do { after = try AtlasLoader.read(directory: folder) } catch {
            return .effectFailed("the edit left \(request.folder) unreadable (\(error.description)); the last good atlas stays open")
        }
        if !after.problems.isEmpty {
            let n = after.problems.count
            let list = after.problems.prefix(3).map(\.description).joined(separator: " · ")
            return .effectFailed("the edit broke the atlas, \(n) problem\(n == 1 ? "" : "s") (validate lists them): \(list); the last good atlas stays open")
        }
        do {
            let store = try AtlasStore.load(atlas: folder)
            return .atlasReloaded(StoreBox(store))
        } catch {
            return .effectFailed("could not reload \(request.folder): \(error.description)")
        }
    }

    static func onPath(_ name: String, _ environment: [String: String]) -> Bool {
        (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            access("\($0)/\(name)", X_OK) == 0
        }
    }
}
