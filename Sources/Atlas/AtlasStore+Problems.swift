import Foundation

extension AtlasStore {
    /// An atlas folder opened with the records that are valid, and the problems of
    /// the rest, so that one mistake does not close the whole atlas to its author.
    /// Throws only when the folder cannot be read at all.
    public static func loadShowingProblems(atlas directory: URL, origin: String? = nil)
        throws(StoreError) -> (store: AtlasStore, problems: [AtlasProblem]) {
        let result: AtlasLoader.Result
        do { result = try AtlasLoader.read(directory: directory) } catch { throw .atlas(error) }
        let store = try inMemory(result.usableContent, origin: origin ?? "atlas " + AtlasLoader.displayPath(directory))
        return (store, result.problems)
    }
}
