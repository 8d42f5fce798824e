import ArgumentParser
import Foundation

/// `crossroads-bench versus-fzf`: whole-process `crossroads search WORD --limit 50` and
/// `fzf --filter WORD` on the same titles (`crossroads list events --format text`),
/// side by side, for a rare word and a common one; prints each median and the ratio.
struct VersusFzfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versus-fzf",
        abstract: "Time crossroads search against fzf --filter on the same titles, whole process.")

    @Option(help: ArgumentHelp("Database to search (written by `generate`).", valueName: "file")) var db: String
    @Option(help: ArgumentHelp("The crossroads binary.", valueName: "path")) var crossroads: String = ".build/release/crossroads"
    @Option(help: ArgumentHelp("The fzf binary.", valueName: "path")) var fzf: String = "/usr/bin/fzf"
    @Option(help: "Words to time (on `generate --seed 1`: one event, 7% of them, a fifth, a typo of the fifth).") var words: [String] = ["489901", "nazarbayev", "kazakh", "kazakstan"]
    @Option(help: "Runs of each command; the median is reported.") var runs: Int = 5

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be positive") }
    }

    func run() throws {
        for path in [crossroads, fzf] where !FileManager.default.isExecutableFile(atPath: path) {
            throw ValidationError("\(path) is not an executable (apt-get install fzf; swift build -c release)")
        }
        // The titles fzf reads: the event list as the CLI prints it, written once.
        let titles = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-titles-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: titles) }
        _ = try Self.time(crossroads, ["list", "events", "--format", "text", "--limit", "100000000", "--db", db], stdout: titles)
        let lines = try String(contentsOf: titles, encoding: .utf8).split(separator: "\n").count
        print("\(db): \(lines) event titles; \(runs) runs each, median whole-process time")
        print("word                 crossroads ms  fzf ms  fzf matches  ratio")
        for word in words {
            var ours: [Double] = [], theirs: [Double] = []
            for _ in 0..<runs {
                ours.append(try Self.time(crossroads, ["search", word, "--limit", "50", "--db", db], stdout: nil))
                theirs.append(try Self.time(fzf, ["--filter", word], stdin: titles, stdout: nil))
            }
            let matches = try Self.count(fzf, ["--filter", word], stdin: titles)
            let a = Self.median(ours), b = Self.median(theirs)
            print(word.padding(toLength: 20, withPad: " ", startingAt: 0)
                  + String(format: " %13.1f  %6.1f  %11d  %5.1fx", a, b, matches, b / a))
        }
    }

    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

    /// Milliseconds from launch to exit.
    static func time(_ path: String, _ args: [String], stdin: URL? = nil, stdout: URL?) throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        if let stdin { p.standardInput = try FileHandle(forReadingFrom: stdin) }
        if let stdout {
            FileManager.default.createFile(atPath: stdout.path, contents: nil)
            p.standardOutput = try FileHandle(forWritingTo: stdout)
        } else {
            p.standardOutput = FileHandle.nullDevice
        }
        p.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try p.run()
        p.waitUntilExit()
        let d = clock.now - start
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    /// Lines a command prints.
    static func count(_ path: String, _ args: [String], stdin: URL) throws -> Int {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-fzf-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try time(path, args, stdin: stdin, stdout: out)
        return try String(contentsOf: out, encoding: .utf8).split(separator: "\n").count
    }
}
