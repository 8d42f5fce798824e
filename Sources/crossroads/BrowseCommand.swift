import ArgumentParser
import Atlas
import BrowserModel
import CursesUI
import Foundation

struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Open the full-screen browser (the default).")

    @Option(help: ArgumentHelp("Open on this record.", valueName: "id"))
    var at: String?

    @Option(help: ArgumentHelp("Open with this search.", valueName: "query"))
    var search: String?

    @Option(help: "Colors: auto (256 or 8 colors, NO_COLOR respected) or mono.")
    var theme: ThemeName = .auto

    @OptionGroup var data: DataOptions

    func run() throws {
        let store = try data.openStore()
        let stateFile = UserStateFile.standard()
        let loaded = stateFile?.load()
        if let warning = loaded?.warning {
            FileHandle.standardError.write(Data("crossroads: warning: \(TerminalText.sanitize(warning))\n".utf8))
        }
        let browser = Browser(store: store, userState: loaded?.state ?? UserState())
        if let stateFile {
            // Saving is best effort: a read-only home must not stop the browser.
            browser.onUserStateChange = { try? stateFile.save($0) }
        }
        try Self.start(browser, at: at, search: search)
        let status: Int32
        do {
            status = try runInteractive(browser, options: InteractiveOptions(theme: theme))
        } catch {
            let text = error.description.hasPrefix("crossroads: ") ? String(error.description.dropFirst(12)) : error.description
            throw CLIError(text, code: .noTerminal)
        }
        if status != 0 { Foundation.exit(status) }
    }

    /// Applies --at and --search; an unknown id is an error before any screen.
    static func start(_ browser: Browser, at: String?, search: String?) throws(CLIError) {
        if let at, !browser.open(id: at) {
            throw CLIError.notFound(at, in: browser.store)
        }
        if let search { browser.startSearch(search) }
    }
}

extension ThemeName: ExpressibleByArgument {}
