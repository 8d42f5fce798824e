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
        for event in try BrowseCommand.firstEvents(at: at, search: search, store: store) { _ = browser.update(event) }
        for key in parsed {
            // No terminal and no state file here: only a quit matters.
            if browser.update(.key(key)).contains(where: \.isQuit) { break }
        }
        Output.write(browser.frame().text)
    }

    static func parseSize(_ s: String) throws(CLIError) -> (Int, Int) {
        let parts = s.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0, w <= 1000, h <= 1000 else {
            throw CLIError("--size: expected COLUMNSxROWS like 100x30 (1 to 1000 each), got '\(s)'", code: .usage)
        }
        return (w, h)
    }
}
