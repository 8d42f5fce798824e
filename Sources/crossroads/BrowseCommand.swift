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
        // History and bookmarks per atlas (see AtlasIdentity).
        let stateFile = UserStateFile.standard(for: data.identity)
        let loaded = stateFile?.load()
        if let warning = loaded?.warning {
            FileHandle.standardError.write(Data("crossroads: warning: \(TerminalText.sanitize(warning))\n".utf8))
        }
        let browser = Browser(store: store, userState: loaded?.state ?? UserState())
        if let atlas = data.atlas { browser.atlasFolder = atlas }
        let first = try Self.firstEvents(at: at, search: search, store: store)
        let status: Int32
        do {
            // --at and --search run once the terminal's size is known, as in snapshot.
            // A state file that cannot be written is said on the status line.
            status = try runInteractive(browser, options: InteractiveOptions(theme: theme), stateFile: stateFile, firstEvents: first)
        } catch {
            let text = error.description.hasPrefix("crossroads: ") ? String(error.description.dropFirst(12)) : error.description
            throw CLIError(text, code: .noTerminal)
        }
        if status != 0 { Foundation.exit(status) }
    }

    /// --at and --search as the events the browser starts with; an unknown id is
    /// an error before any screen.
    static func firstEvents(at: String?, search: String?, store: AtlasStore) throws -> [BrowserEvent] {
        var events: [BrowserEvent] = []
        if let at {
            guard try store.lookup(at) != nil else { throw CLIError.notFound(at, in: store) }
            events.append(.action(.goTo(at)))
        }
        if let search { events.append(.action(.searchFor(search))) }
        return events
    }
}

extension ThemeName: ExpressibleByArgument {}
