import ArgumentParser
import Atlas
import Foundation

/// `crossroads-bench relevance`: the relevance set's queries through the store's
/// search on an atlas; prints each query's rank of the record meant, hits@5 and MRR.
struct RelevanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relevance",
        abstract: "Run the relevance set and print hits@5 and mean reciprocal rank.")

    @Option(help: ArgumentHelp("The relevance set (query<TAB>id<TAB>note).", valueName: "file"))
    var set: String = "Tests/Relevance/builtin-atlas.tsv"
    @Option(help: ArgumentHelp("Atlas folder (default: the built-in atlas).", valueName: "dir")) var atlas: String?
    @Option(help: ArgumentHelp("Database file instead of an atlas.", valueName: "file")) var db: String?

    func run() throws {
        let relevance = try RelevanceSet.load(URL(fileURLWithPath: set))
        let store = try db.map { try AtlasStore.open(database: $0) }
            ?? atlas.map { try AtlasStore.load(atlas: URL(fileURLWithPath: $0)) } ?? AtlasStore.builtin()
        print(try relevance.evaluate(store).text)
    }
}
