import Foundation

// Built by Tests/Fuzz/run.sh with `-sanitize=fuzzer,address -D FUZZING`, this runs
// libFuzzer on the target CROSSROADS_FUZZ_TARGET names, with libFuzzer's flags. Built without FUZZING (as `swift build` and `swift test` do), this is
// a replayer: `crossroads-fuzz TARGET FILE...` runs saved inputs (a crash file, a
// corpus) through the same target, in a debugger if need be.

#if FUZZING
// SwiftPM links an executable's entry point under its own name (`main` is defined
// as `crossroads_fuzz_main`), so libFuzzer's `main` is never used: this `main`
// starts libFuzzer's driver itself, as a program that embeds libFuzzer does.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

nonisolated(unsafe) private var harness: FuzzHarness!

@main
struct Fuzz {
    static func main() {
        let name = ProcessInfo.processInfo.environment["CROSSROADS_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("CROSSROADS_FUZZ_TARGET must be one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        do { harness = try FuzzHarness(target) } catch {
            FileHandle.standardError.write(Data("cannot set up \(name): \(error)\n".utf8))
            exit(2)
        }
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            harness.run(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
            return 0
        })
    }
}
#elseif DEBUG
@main
struct Replay {
    static func main() throws {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzTarget(rawValue: name), args.count > 1 else {
            print("usage: crossroads-fuzz TARGET FILE|FOLDER...   (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            print("Fuzzing itself needs the libFuzzer build: bash Tests/Fuzz/run.sh")
            exit(2)
        }
        let harness = try FuzzHarness(target)
        var files: [URL] = []
        for path in args.dropFirst() {
            let url = URL(fileURLWithPath: path)
            if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
                files += names.sorted().map { url.appendingPathComponent($0) }
            } else {
                files.append(url)
            }
        }
        for file in files {
            print("\(target.rawValue): \(file.path)")
            let data = try Data(contentsOf: file)
            data.withUnsafeBytes { harness.run($0.bindMemory(to: UInt8.self)) }
        }
        print("\(files.count) input\(files.count == 1 ? "" : "s") ran without a crash")
    }
}
#else
@main
struct Replay {
    static func main() {
        print("crossroads-fuzz reaches Atlas's internals: build it in debug (swift build --product crossroads-fuzz)")
        exit(2)
    }
}
#endif
