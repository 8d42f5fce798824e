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
                      ValidateCommand.self, StatsCommand.self, FiguresCommand.self, SnapshotCommand.self, KeysCommand.self,
                      ImportCommand.self],
        defaultSubcommand: BrowseCommand.self
    )
}

/// Runs the command line: every error becomes one line on stderr and an exit code
/// from sysexits.h, never a backtrace.
@main
enum Main {
    static func main() {
        do {
            try checkSubcommand(Array(CommandLine.arguments.dropFirst()))
            var command = try Crossroads.parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("crossroads: \(TerminalText.sanitize(error.message))\n".utf8))
            exit(error.code.rawValue)
        } catch {
            let code = Crossroads.exitCode(for: error)
            // Help and --version print as the parser does; an error is one line
            // and the usage of the command it was given to, nothing more.
            guard code != .success else { Crossroads.exit(withError: error) }
            let message = Crossroads.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            let usage = Crossroads.usageString(for: usageCommand(Array(CommandLine.arguments.dropFirst())))
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            FileHandle.standardError.write(Data("crossroads: \(TerminalText.sanitize(message))\nusage: \(usage)\n".utf8))
            exit(code.rawValue)
        }
    }

    /// The command whose usage a parse error shows: the one named first, or the browser.
    static func usageCommand(_ args: [String]) -> ParsableCommand.Type {
        Crossroads.configuration.subcommands.first { $0.configuration.commandName == args.first } ?? BrowseCommand.self
    }
}

extension Main {
    /// With `browse` as the default subcommand, a mistyped command (`serch faou`)
    /// would otherwise read as stray arguments to browse. The browser takes no
    /// positional arguments, so a leading word that names no command is a typo.
    static func checkSubcommand(_ args: [String]) throws(CLIError) {
        guard let first = args.first, !first.hasPrefix("-") else { return }
        let names = Crossroads.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(first) else { return }
        let near = NearMatch.best(first, among: names).first.map { "; did you mean '\($0)'?" } ?? ""
        throw CLIError("unknown command '\(first)'\(near) (commands: \(names.dropLast().joined(separator: ", ")))", code: .usage)
    }
}
