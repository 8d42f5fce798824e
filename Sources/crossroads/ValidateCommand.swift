import ArgumentParser
import Atlas
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an atlas folder and list every problem with file:line:column.",
        discussion: "Exit status: 0 clean, 65 problems found, 66 the folder cannot be read.")

    @Option(name: .long, help: ArgumentHelp("The atlas folder (default: the built-in atlas).", valueName: "dir"))
    var atlas: String?

    @OptionGroup var output: FormatOption

    struct ProblemJSON: Encodable { var file: String; var line: Int; var column: Int; var kind: String; var message: String }
    struct ReportJSON: Encodable {
        var valid: Bool; var problems: [ProblemJSON]
        var counts: [String: Int]
    }

    func run() throws {
        let dir = atlas.map { URL(fileURLWithPath: $0) } ?? AtlasLoader.builtinDirectory
        let result: AtlasLoader.Result
        do { result = try AtlasLoader.read(directory: dir) } catch {
            throw CLIError(error.description, code: .noInput)
        }
        let c = result.content
        let counts = ["sources": c.sources.count, "actors": c.actors.count, "missions": c.missions.count,
                      "events": c.events.count, "links": c.links.count, "citations": c.citationCount]
        switch output.format {
        case .json:
            Output.write(try Output.json(ReportJSON(valid: result.problems.isEmpty, problems: result.problems.map {
                ProblemJSON(file: $0.file, line: $0.line, column: $0.column, kind: $0.kind.rawValue, message: $0.message)
            }, counts: counts)))
        case .text:
            for p in result.problems { FileHandle.standardError.write(Data((TerminalText.sanitize(p.description) + "\n").utf8)) }
            let name = atlas ?? "built-in atlas"
            if result.problems.isEmpty {
                let parts = [(c.events.count, "event"), (c.actors.count, "actor"), (c.missions.count, "mission"),
                             (c.sources.count, "source"), (c.links.count, "link"), (c.citationCount, "citation")]
                Output.write("\(name): ok: " + parts.map { Output.count($0.0, $0.1) }.joined(separator: ", "))
            }
        }
        if !result.problems.isEmpty {
            let n = result.problems.count
            throw CLIError("\(n) problem\(n == 1 ? "" : "s") in \(atlas ?? "the built-in atlas")", code: .dataError)
        }
    }
}
