import ArgumentParser
import Atlas
import BrowserModel
import Foundation
import TestTools

/// `crossroads-bench keys`: seeded random keys against the real `Browser` at random
/// sizes, a frame rendered after each, with the checks of `RandomKeyRun` (the ones the
/// random-key XCTest makes, at a scale only a release build reaches in CI time).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Press random keys at random sizes and check the browser after each; exit 1 on any failure.")

    @Option(help: "Number of keys.") var count: Int = 1_000_000
    @Option(help: "Random seed; the same seed presses the same keys.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Database to browse (default: the built-in atlas).", valueName: "file")) var db: String?

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive") }
    }

    func run() throws {
        let store = try db.map { try AtlasStore.open(database: $0) } ?? AtlasStore.builtin()
        let name = db ?? "the built-in atlas"
        let clock = ContinuousClock()
        let start = clock.now
        var run = RandomKeyRun(stores: [store], seed: seed)
        let result = run.run(keys: count) { done in
            if done % 100_000 == 0 {
                let s = (clock.now - start).ms / 1000
                FileHandle.standardError.write(Data(String(format: "keys: %d of %d (%.0f s)\n", done, count, s).utf8))
            }
        }
        let seconds = (clock.now - start).ms / 1000
        for f in result.failures { print("FAILED \(f)") }
        print(String(format: "keys: %d keys on %@, seed %llu: %d quits, %d resizes, %d failures, in %.1f s (%.0f keys/s)",
                     result.keys, name, seed, result.quits, result.resizes, result.failures.count, seconds,
                     Double(result.keys) / max(seconds, 0.001)))
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
