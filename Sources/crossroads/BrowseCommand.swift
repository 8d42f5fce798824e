import ArgumentParser
import Atlas

struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Open the full-screen browser (the default).")

    @OptionGroup var data: DataOptions

    func run() throws {
        let store = try data.openStore()
        let s = try? store.stats()
        Output.write("crossroads: the browser is not built yet; \(store.origin) has \(s?.events ?? 0) events. Try `crossroads list events`.")
    }
}
