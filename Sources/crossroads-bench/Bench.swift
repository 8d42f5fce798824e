import ArgumentParser

/// Benchmarks for Crossroads at dataset scale: generate a synthetic atlas, measure
/// the browser on it in-process, measure the import. Not run by `swift test`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossroads-bench",
        abstract: "Measure Crossroads at dataset scale.",
        subcommands: [GenerateCommand.self, RunCommand.self, ImportBenchCommand.self, KeysCommand.self,
                      RelevanceCommand.self, VersusFzfCommand.self])
}
