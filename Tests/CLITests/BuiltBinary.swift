import Foundation

/// The `crossroads` executable the tests run: SwiftPM puts it in the products folder
/// beside the test bundle.
enum BuiltBinary {
    private final class Marker {}

    static let crossroads: URL? = {
        var folders: [URL] = []
        for bundle in [Bundle(for: Marker.self), Bundle.main] {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
            folders.append(bundle.bundleURL)
            if let exe = bundle.executableURL { folders.append(exe.deletingLastPathComponent()) }
        }
        if let arg0 = CommandLine.arguments.first { folders.append(URL(fileURLWithPath: arg0).deletingLastPathComponent()) }
        return folders.map { $0.appendingPathComponent("crossroads") }.first {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDir) && !isDir.boolValue
                && FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }()
}
