import ArgumentParser
import Atlas
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the records, links and citations of an atlas.")

    @OptionGroup var data: DataOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let store = try data.openStore()
        let s: AtlasStore.Stats
        do { s = try store.stats() } catch { throw CLIError(error) }
        switch output.format {
        case .json: Output.write(try Output.json(s))
        case .text:
            Output.write(Output.table([["events", "\(s.events)"], ["actors", "\(s.actors)"], ["missions", "\(s.missions)"],
                                       ["sources", "\(s.sources)"], ["links", "\(s.links)"], ["citations", "\(s.citations)"],
                                       ["figures", "\(s.figures)"]]))
        }
    }
}
