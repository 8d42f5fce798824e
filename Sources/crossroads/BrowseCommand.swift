import ArgumentParser
import Atlas
import BrowserModel

struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Open the full-screen browser (the default).")

    @Option(help: ArgumentHelp("Open on this record.", valueName: "id"))
    var at: String?

    @Option(help: ArgumentHelp("Open with this search.", valueName: "query"))
    var search: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        let store = try data.openStore()
        let browser = Browser(store: store)
        try Self.start(browser, at: at, search: search)
        Output.write("crossroads: the terminal front end is not wired yet; try `crossroads snapshot`.")
    }

    /// Applies --at and --search; an unknown id is an error before any screen.
    static func start(_ browser: Browser, at: String?, search: String?) throws(CLIError) {
        if let at, !browser.open(id: at) {
            throw CLIError.notFound(at, in: browser.store)
        }
        if let search { browser.startSearch(search) }
    }
}
