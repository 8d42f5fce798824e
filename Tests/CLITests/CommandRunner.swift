import Foundation
import XCTest

/// Runs the built `crossroads` binary in a scratch folder of its own (state and config
/// there too, colours off) and returns what a script would see.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdoutData: Data
        var stderrData: Data
        var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
        var stderr: String { String(decoding: stderrData, as: UTF8.self) }
        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// Runs `crossroads ARGS` with `cwd` as the working folder; fails the test (and
    /// throws) when the binary is missing or does not finish in `timeout` seconds.
    static func crossroads(_ args: [String], in cwd: URL? = nil, timeout: TimeInterval = 60,
                           file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        guard let binary = BuiltBinary.crossroads else {
            XCTFail("the crossroads executable was not found next to the test bundle; run `swift build` first", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = cwd ?? scratch
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_CONFIG_HOME"] = scratch.path
        env["XDG_STATE_HOME"] = scratch.path
        process.environment = env
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("crossroads \(args.joined(separator: " ")) did not finish in \(Int(timeout)) s", file: file, line: line)
        }
        process.waitUntilExit()
        try outHandle.close(); try errHandle.close()
        return Result(status: process.terminationStatus, stdoutData: try Data(contentsOf: out),
                      stderrData: try Data(contentsOf: err))
    }
}
