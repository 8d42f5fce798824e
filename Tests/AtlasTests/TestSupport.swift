import Foundation
import XCTest
@testable import Atlas

/// Where the test files live, found from this source file so that tests do not
/// depend on the folder `swift test` runs in.
enum TestPaths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let mini = testsFolder.appendingPathComponent("Fixtures/mini", isDirectory: true)
    /// The repository root: Tests/AtlasTests/ is two levels below it.
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
}

/// A folder of atlas files written for one test and removed when it ends.
final class TempAtlas {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("crossroads-atlas-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, Data(text.utf8)) }
    }

    func write(_ name: String, _ data: Data) throws {
        try data.write(to: url.appendingPathComponent(name))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

extension XCTestCase {
    /// Reads a folder, failing the test (not crashing) when it cannot be read.
    func readAtlas(_ url: URL, file: StaticString = #filePath, line: UInt = #line) -> AtlasLoader.Result? {
        do { return try AtlasLoader.read(directory: url) } catch {
            XCTFail("cannot read \(url.path): \(error)", file: file, line: line)
            return nil
        }
    }

    func miniStore(file: StaticString = #filePath, line: UInt = #line) throws -> AtlasStore {
        do { return try AtlasStore.load(atlas: TestPaths.mini) } catch {
            XCTFail("the mini fixture does not load: \(error)", file: file, line: line)
            throw error
        }
    }
}
