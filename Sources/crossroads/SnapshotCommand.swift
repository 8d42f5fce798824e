import ArgumentParser
import Atlas
import BrowserModel

/// The browser without a terminal: the screen a key sequence produces, as text.
/// Tests, docs and bug reports use it.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print, as plain text, the screen the browser shows after a sequence of keys.",
        discussion: """
            Keys are written as typed, with names in angle brackets: <Enter> <Tab> <S-Tab> <Esc> <BS> \
            <Up> <Down> <PgUp> <PgDn> <Home> <End> <Space> <lt> <C-o> <F1>.
            Example: crossroads snapshot --size 100x30 --keys "/faouar<Enter><Tab>"
            """)

    @Option(help: ArgumentHelp("Screen size as COLUMNSxROWS.", valueName: "size"))
    var size: String = "120x40"

    @Option(help: ArgumentHelp("Keys to press, e.g. \"/faouar<Enter>\".", valueName: "keys"))
    var keys: String = ""

    @Option(help: ArgumentHelp("Open on this record first.", valueName: "id"))
    var at: String?

    @Option(help: ArgumentHelp("Start with this search.", valueName: "query"))
    var search: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        let (width, height) = try Self.parseSize(size)
        let parsed: [Key]
        do { parsed = try KeyNotation.parse(keys) } catch { throw CLIError(error.description, code: .usage) }
        let store = try data.openStore()
        let browser = Browser(store: store)
        // The size first, as the terminal gives it: page sizes and hint labels follow
        // from it in update, so no frame is drawn until the last key.
        _ = browser.update(.resize(width: width, height: height))
        if let atlas = data.atlas { browser.atlasFolder = atlas }
        for event in try BrowseCommand.firstEvents(at: at, search: search, store: store) { _ = browser.update(event) }
        keys: for key in parsed {
            // No terminal and no state file here: a quit ends it, an export is
            // written, and the other outward effects are said, not done.
            for effect in browser.update(.key(key)) {
                if effect.isQuit { break keys }
                if let reply = Self.headless(effect) { _ = browser.update(reply) }
            }
        }
        Output.write(browser.frame().text)
    }

    /// What the headless twin does with an outward effect.
    static func headless(_ effect: Effect) -> BrowserEvent? {
        switch effect {
        case .export(let request):
            do { return .effectDone(ExportJob.done(request, count: try ExportJob.run(request))) } catch {
                return .effectFailed("export failed: \(error)")
            }
        case .openURL(let url): return .effectDone("snapshot opens nothing; would open \(url)")
        case .edit(let r): return .effectDone("snapshot runs no editor; would edit \(r.id) in \(r.folder)")
        case .copy, .quit, .redrawAll, .setMouse, .saveUserState: return nil
        }
    }

    static func parseSize(_ s: String) throws(CLIError) -> (Int, Int) {
        let parts = s.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 1000, h <= 1000 else {
            throw CLIError("--size: expected COLUMNSxROWS like 100x30 (1 to 1000 each), got '\(s)'", code: .usage)
        }
        return (w, h)
    }
}
