import ArgumentParser
import Atlas
import Foundation

/// Which atlas a command reads: the built-in one, a folder, or a database file.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("An atlas folder of YAML files.", valueName: "dir"))
    var atlas: String?

    @Option(name: .long, help: ArgumentHelp("A Crossroads database file, opened read-only.", valueName: "file"))
    var db: String?

    func validate() throws {
        if atlas != nil && db != nil {
            throw ValidationError("give either --atlas or --db, not both")
        }
    }

    /// Which atlas these options name, for its own history and bookmarks.
    var identity: AtlasIdentity {
        if let db { return .database(db) }
        if let atlas { return .folder(atlas) }
        return .builtin
    }

    func openStore() throws(CLIError) -> AtlasStore {
        do {
            if let db { return try AtlasStore.open(database: db) }
            if let atlas { return try AtlasStore.load(atlas: URL(fileURLWithPath: atlas)) }
            return try AtlasStore.builtin()
        } catch {
            throw CLIError(error)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: text (aligned, for people) or json (stable, for scripts).")
    var format: OutputFormat = .text
}
