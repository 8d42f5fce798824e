import ArgumentParser
import Atlas
import Foundation

struct Crossroads: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossroads",
        abstract: "A terminal browser for international peace and security: events, actors and missions, linked.",
        discussion: "With no subcommand, opens the browser on the built-in atlas (or --atlas DIR, --db FILE).",
        version: "0.1.0",
        subcommands: [BrowseCommand.self, ListCommand.self, SearchCommand.self, ShowCommand.self,
                      ValidateCommand.self, StatsCommand.self, SnapshotCommand.self, KeysCommand.self],
        defaultSubcommand: BrowseCommand.self
    )
}

/// Runs the command line: every error becomes one line on stderr and an exit code
/// from sysexits.h, never a backtrace.
@main
enum Main {
    static func main() {
        do {
            var command = try Crossroads.parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("crossroads: \(TerminalText.sanitize(error.message))\n".utf8))
            exit(error.code.rawValue)
        } catch {
            Crossroads.exit(withError: error)
        }
    }
}
