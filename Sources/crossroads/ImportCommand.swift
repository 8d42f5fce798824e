import ArgumentParser
import Atlas
import Foundation

/// `crossroads import PRESET FILE... --into DB`: builds or updates an atlas
/// database from dataset files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import dataset files into an atlas database that `crossroads --db` browses.",
        discussion: """
            Presets: \(ImportPreset.allCases.map(\.rawValue).joined(separator: ", ")). \
            Several presets can be given at once, comma-separated, with one file each in the same order.
            Example: crossroads import un-missions,geo-pko,unsc-vetoes missions.csv tcc.csv vetoes.csv --with-builtin --into peace.sqlite
            """)

    @Argument(help: ArgumentHelp("The dataset: \(ImportPreset.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "preset"))
    var preset: String?

    @Argument(help: ArgumentHelp("The files to import.", valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("with-atlas"),
            help: ArgumentHelp("An atlas folder of your own to put in first (repeatable); its links to dataset keys resolve.",
                               valueName: "dir"))
    var withAtlas: [String] = []

    @Option(help: ArgumentHelp("The database to create or update.", valueName: "db"))
    var into: String

    @Flag(help: "Start from (or bring back) the built-in atlas, so its dataset links resolve.")
    var withBuiltin = false

    @Flag(help: "Fail, leaving the database as it was, at the first bad row.")
    var strict = false

    @Option(help: ArgumentHelp("utf-8 or cp1252 (default: UTF-8, cp1252 for fields that are not UTF-8).", valueName: "name"))
    var encoding: String?

    @Option(help: ArgumentHelp("With the preset `mapping`: a YAML file naming the columns that make an event.", valueName: "file"))
    var mapping: String?

    @OptionGroup var output: FormatOption

    func validate() throws {
        if preset == nil && withAtlas.isEmpty {
            throw ValidationError("give a preset and its files, or --with-atlas DIR")
        }
        if preset != nil && files.isEmpty {
            throw ValidationError("Missing expected argument '<file> ...'")
        }
    }

    func run() throws {
        var presets: [ImportPreset] = []
        for name in (preset ?? "").split(separator: ",").map(String.init) {
            guard let p = ImportPreset(rawValue: name) else {
                throw CLIError("unknown preset '\(TerminalText.sanitize(name))' (presets: \(ImportPreset.allCases.map(\.rawValue).joined(separator: ", ")))",
                               code: .usage)
            }
            presets.append(p)
        }
        if presets.count > 1 && presets.count != files.count {
            throw CLIError("\(presets.count) presets need \(presets.count) files, one each in the same order; got \(files.count)", code: .usage)
        }
        var choice: TextEncodingChoice?
        if let encoding {
            guard let c = TextEncodingChoice(rawValue: encoding.lowercased()) else {
                throw CLIError("--encoding: expected utf-8 or cp1252, got '\(TerminalText.sanitize(encoding))'", code: .usage)
            }
            choice = c
        }
        var loaded: ImportMapping?
        if presets.contains(.mapping) {
            guard let mapping else { throw CLIError("the preset `mapping` needs --mapping FILE (see the README)", code: .usage) }
            do { loaded = try ImportMapping.load(URL(fileURLWithPath: mapping)) } catch {
                throw CLIError(error.description, code: error.isUnreadable ? .noInput : .dataError)
            }
        } else if mapping != nil {
            throw CLIError("--mapping goes with the preset `mapping`", code: .usage)
        }
        let options = ImportOptions(strict: strict, encoding: choice, mapping: loaded)
        let bar = ProgressBar()
        let into = URL(fileURLWithPath: into)
        // One's own atlases first, so that the datasets' records merge with theirs
        // (an atlas's UNDOF gains the UN list's mandate) as with the built-in atlas.
        let jobs: [ImportJob] = withAtlas.map { ImportJob(preset: .atlas, files: [URL(fileURLWithPath: $0)]) }
            + (presets.count == 1
                ? [ImportJob(preset: presets[0], files: files.map { URL(fileURLWithPath: $0) })]
                : zip(presets, files).map { ImportJob(preset: $0, files: [URL(fileURLWithPath: $1)]) })
        // A new database goes in an existing folder (SQLite would only say "unable
        // to open database file").
        if !FileManager.default.fileExists(atPath: into.path) {
            let parent = into.deletingLastPathComponent().path
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDir) {
                throw CLIError("\(into.path): cannot create the database: no folder \(parent)", code: .ioError)
            }
            if !isDir.boolValue {
                throw CLIError("\(into.path): cannot create the database: \(parent) is a file, not a folder", code: .ioError)
            }
        }
        // Several presets are one import: all land, or none does.
        let summaries: [ImportSummary]
        do {
            summaries = try Importer.run(jobs, into: into, withBuiltin: withBuiltin, options: options, progress: bar.update)
        } catch {
            bar.clear()
            // Refused for importing too little: the accounting says why, then one line.
            if case .tooLittleImported(_, let refused) = error {
                try report(jobs, refused)
            }
            // An atlas's problems, one a line as `validate` lists them, then the line
            // that says nothing was imported.
            if case .atlasProblems(_, let problems) = error {
                for p in problems { FileHandle.standardError.write(Data((TerminalText.sanitize(p.description) + "\n").utf8)) }
            }
            throw Self.cliError(error)
        }
        bar.clear()
        // Reported once everything is in: a failed import prints no summary.
        try report(jobs, summaries)
    }

    private func report(_ jobs: [ImportJob], _ summaries: [ImportSummary]) throws {
        let accounts = zip(jobs, summaries).map { ImportAccounting(preset: $0.preset, files: $0.files, summary: $1) }
        if output.format == .json {
            print(try Output.json(accounts))
            return
        }
        let err = FileHandle.standardError
        for s in summaries {
            for row in s.skippedRows.prefix(20) { err.write(Data((TerminalText.sanitize(row.description) + "\n").utf8)) }
            if s.skipped > 20 { err.write(Data("… \(s.skipped - 20) more skipped rows\n".utf8)) }
            for item in s.skippedItems.prefix(20) {
                err.write(Data((TerminalText.sanitize("\(item.file):\(item.line): skipped item: \(item.reason)") + "\n").utf8))
            }
            if s.skippedItemCount > 20 { err.write(Data("… \(s.skippedItemCount - 20) more skipped items\n".utf8)) }
        }
        for a in accounts {
            print(a.text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.sanitize(String($0)) }.joined(separator: "\n"))
        }
        print(TerminalText.sanitize("into \(into)"))
    }

    static func cliError(_ error: ImportError) -> CLIError {
        switch error {
        case .unreadable: return CLIError(error.description, code: .noInput)
        case .database: return CLIError(error.description, code: .ioError)
        case .busy: return CLIError(error.description, code: .tempFail)
        case .store(let e): return CLIError(e)
        default: return CLIError(error.description, code: .dataError)
        }
    }
}

/// A progress line on stderr when it is a terminal: rows, rows/s, ETA by bytes.
final class ProgressBar {
    let enabled = isatty(STDERR_FILENO) == 1

    func update(_ p: ImportProgress) {
        guard enabled, p.bytesTotal > 0 else { return }
        let fraction = Double(p.bytesRead) / Double(p.bytesTotal)
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = p.seconds > 0 ? Double(p.rows) / p.seconds : 0
        let eta = fraction > 0 ? p.seconds * (1 - fraction) / fraction : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = String(format: "\r%@ %@ %3.0f%%  %d rows  %.0f rows/s  ETA %.0f s ", TerminalText.sanitize(p.file), bar,
                          fraction * 100, p.rows, rate, eta)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
