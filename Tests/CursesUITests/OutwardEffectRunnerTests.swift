import Foundation
import XCTest
@testable import CursesUI
import BrowserModel

/// The clipboard and the web browser as the loop runs them: OSC 52 to the terminal,
/// a configured clipboard command fed on its input, `$BROWSER` given the URL as one
/// argument, and over SSH (no browser, no display) the URL shown and copied.
final class OutwardEffectRunnerTests: XCTestCase {
    final class Sink: @unchecked Sendable { var bytes: [UInt8] = [] }

    func testCopyWritesOSC52AndFeedsTheClipboardCommand() throws {
        let sink = Sink()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("clip-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let runner = OutwardEffectRunner(config: UserConfig(clipboard: ["sh", "-c", "cat > \"$0\"", out.path]),
                                         environment: [:], toTerminal: { sink.bytes += $0 })
        XCTAssertNil(runner.copy(Clip(text: "undof", what: "id undof")))
        XCTAssertEqual(String(decoding: sink.bytes, as: UTF8.self), OSC52.sequence("undof"))
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "undof")
    }

    func testAFailingClipboardCommandIsSaid() {
        let runner = OutwardEffectRunner(config: UserConfig(clipboard: ["false"]), environment: [:], toTerminal: { _ in })
        guard case .effectFailed(let why)? = runner.copy(Clip(text: "x", what: "id x")) else { return XCTFail("no failure") }
        XCTAssertTrue(why.contains("OSC 52 only"), why)
    }

    func testWithoutBrowserOrDisplayTheURLIsShownAndCopied() {
        let sink = Sink()
        let runner = OutwardEffectRunner(config: UserConfig(), environment: ["PATH": "/usr/bin:/bin"], toTerminal: { sink.bytes += $0 })
        let url = "https://example.org/report?a=1&b=2"
        guard case .effectDone(let said)? = runner.open(url) else { return XCTFail("no message") }
        XCTAssertTrue(said.hasSuffix("URL copied: \(url)"), said)
        XCTAssertEqual(String(decoding: sink.bytes, as: UTF8.self), OSC52.sequence(url))
    }

    func testBrowserGetsTheURLAsOneArgumentAndOnlyHTTP() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(getpid()).sh")
        defer { try? FileManager.default.removeItem(at: script) }
        try Data("#!/bin/sh\nprintf '%s|' \"$@\" > \"\(out.path)\"\n".utf8).write(to: script)
        chmod(script.path, 0o755)
        let runner = OutwardEffectRunner(config: UserConfig(), environment: ["BROWSER": script.path], toTerminal: { _ in })
        let url = "https://example.org/a;b$(touch%20x)"
        guard case .effectDone? = runner.open(url) else { return XCTFail("not opened") }
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), url + "|")
        guard case .effectFailed? = runner.open("file:///etc/passwd") else { return XCTFail("a file URL was opened") }
    }
}
