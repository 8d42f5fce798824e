import Atlas
import Foundation
import XCTest

/// The README's examples, run as written: the atlas-format YAML blocks form one valid
/// atlas, the mapping example imports, the keys block is what `crossroads keys`
/// prints, the opening screen is what its snapshot command prints, and every
/// `crossroads` line of a `sh` block that needs no outside data exits as it says. So
/// the README cannot drift from the program.
final class ReadmeExamplesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var work: URL!

    override func setUpWithError() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("crossroads-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let work { try? FileManager.default.removeItem(at: work) }
    }

    private func readme() throws -> ReadmeDocument {
        ReadmeDocument(try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8))
    }

    func testAtlasFormatExamplesAreOneValidAtlas() throws {
        let blocks = try readme().blocks(language: "yaml", under: "The atlas format")
        XCTAssertGreaterThanOrEqual(blocks.count, 4, "the atlas format section shows sources, actors, missions and events")
        let atlas = work.appendingPathComponent("atlas")
        try FileManager.default.createDirectory(at: atlas, withIntermediateDirectories: true)
        var names: Set<String> = []
        for block in blocks {
            // Each block is one file, named for the kind it lists.
            let key = try XCTUnwrap(block.text.split(separator: "\n").first.flatMap { $0.split(separator: ":").first },
                                    "README.md:\(block.line): an empty yaml block")
            let name = "\(key).yaml"
            XCTAssertTrue(names.insert(name).inserted, "README.md:\(block.line): a second '\(key)' block")
            try block.text.write(to: atlas.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let validate = try CommandRunner.crossroads(["validate", "--atlas", atlas.path], in: work)
        XCTAssertEqual(validate.status, 0, "the README's atlas examples do not validate:\n\(validate.stdout)\(validate.stderr)")

        // The atlas opens and holds what the examples define.
        let stats = try CommandRunner.crossroads(["stats", "--atlas", atlas.path, "--format", "json"], in: work)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(counts["events"] as? Int, 2, stats.stdout)
        XCTAssertEqual(counts["missions"] as? Int, 1, stats.stdout)
    }

    /// The check above is not vacuous: an example that points at a missing record fails it.
    func testABrokenAtlasExampleFailsValidation() throws {
        let blocks = try readme().blocks(language: "yaml", under: "The atlas format")
        let atlas = work.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: atlas, withIntermediateDirectories: true)
        for block in blocks {
            let key = block.text.split(separator: "\n").first.flatMap { $0.split(separator: ":").first } ?? "x"
            // The README once linked to an event that exists nowhere.
            let text = block.text.replacingOccurrences(of: "to: kazcon-arrival-damascus-2024",
                                                       with: "to: kazakh-parliament-approves-deployment-2024")
            try text.write(to: atlas.appendingPathComponent("\(key).yaml"), atomically: true, encoding: .utf8)
        }
        let validate = try CommandRunner.crossroads(["validate", "--atlas", atlas.path], in: work)
        XCTAssertEqual(validate.status, 65)
        XCTAssertTrue((validate.stdout + validate.stderr).contains("kazakh-parliament-approves-deployment-2024"),
                      validate.stdout + validate.stderr)
    }

    func testMappingExampleImports() throws {
        let blocks = try readme().blocks(language: "yaml", under: "Importing datasets").filter { $0.text.contains("namespace:") }
        let mapping = try XCTUnwrap(blocks.first, "the import section shows a mapping")
        let map = work.appendingPathComponent("map.yaml")
        try mapping.text.write(to: map, atomically: true, encoding: .utf8)
        // A CSV with the columns the example names, in the example's date format.
        let csv = work.appendingPathComponent("mydata.csv")
        try """
        event_id,headline,event_date,actor1,actor2,location,admin1,lat,lon,fatalities,notes
        1,Clash near the border,21/03/2020,Kazakhstan,Kyrgyzstan,Border post,Region,43.2,76.9,2,Two soldiers were killed.
        2,Talks in the capital,05/04/2020,Kazakhstan,,Astana,Astana,51.1,71.4,0,The sides met.

        """.write(to: csv, atomically: true, encoding: .utf8)
        let db = work.appendingPathComponent("my.sqlite").path
        let imported = try CommandRunner.crossroads(["import", "mapping", csv.path, "--mapping", map.path, "--into", db], in: work)
        XCTAssertEqual(imported.status, 0, "README.md:\(mapping.line): the mapping example does not import:\n\(imported.stderr)")
        let shown = try CommandRunner.crossroads(["show", "mydata:1", "--db", db, "--format", "json"], in: work)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("Clash near the border"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("2020-03-21"), shown.stdout)
    }

    func testKeysBlockIsTheLiveKeymap() throws {
        let doc = try readme()
        let block = try XCTUnwrap(doc.block(after: "The keys (`crossroads keys` prints them"), "the browser section lists the keys")
        let keys = try CommandRunner.crossroads(["keys"], in: work)
        XCTAssertEqual(keys.status, 0)
        XCTAssertEqual(Self.trimmedLines(block.text), Self.trimmedLines(keys.stdout),
                       "README.md:\(block.line): the keys block differs from `crossroads keys`")
    }

    func testOpeningScreenIsWhatItsCommandPrints() throws {
        let doc = try readme()
        let intro = "`crossroads snapshot --size 100x30 --keys \"/faouar<Enter>\"`"
        let block = try XCTUnwrap(doc.block(after: intro), "the README opens with a screen")
        let shot = try CommandRunner.crossroads(["snapshot", "--size", "100x30", "--keys", "/faouar<Enter>"], in: work)
        XCTAssertEqual(shot.status, 0, shot.stderr)
        XCTAssertEqual(Self.trimmedLines(block.text), Self.trimmedLines(shot.stdout),
                       "README.md:\(block.line): the opening screen differs from its snapshot")
    }

    /// Each `crossroads …` line in a `sh` block runs; `# exit N` at its end names the
    /// status it should end with (0 otherwise). Lines that need the real data files
    /// (`$R`, `../shared`), a file made by an earlier line, or a terminal are left out.
    func testShellExamplesExitAsDocumented() throws {
        var ran = 0
        for block in try readme().blocks(language: "sh") {
            for (offset, raw) in block.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw)
                guard line.hasPrefix("crossroads ") else { continue }
                let (command, comment) = Self.splitComment(line)
                if command.contains("$") || command.contains("../shared") || command.contains(".sqlite")
                    || command.hasSuffix("\\") { continue }
                let words = try XCTUnwrap(CommandWords.split(command), "README.md:\(block.line + offset + 1): unbalanced quotes")
                let args = Array(words.dropFirst())
                // The bare browser (no subcommand) needs a terminal.
                if args.first.map({ $0.hasPrefix("-") }) ?? true { continue }
                var expected: Int32 = 0
                if let r = comment.range(of: #"exit (\d+)"#, options: .regularExpression) {
                    expected = Int32(comment[r].dropFirst(5)) ?? 0
                }
                let result = try CommandRunner.crossroads(args, in: work)
                XCTAssertEqual(result.status, expected,
                               "README.md:\(block.line + offset + 1): `\(command)` exited \(result.status):\n\(result.stderr)")
                ran += 1
            }
        }
        XCTAssertGreaterThanOrEqual(ran, 5, "the README's command examples were not found")
    }

    // MARK: helpers

    static func trimmedLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `crossroads show x   # exit 1` → (`crossroads show x`, `# exit 1`); a `#` inside
    /// quotes is text.
    static func splitComment(_ line: String) -> (String, String) {
        var quote: Character?
        for i in line.indices {
            let c = line[i]
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == "#", i == line.startIndex || line[line.index(before: i)] == " " {
                return (line[..<i].trimmingCharacters(in: .whitespaces), String(line[i...]))
            }
        }
        return (line.trimmingCharacters(in: .whitespaces), "")
    }
}

/// The fenced code blocks of a Markdown file, with the `##` section each sits in.
struct ReadmeDocument {
    struct Block { var language: String; var text: String; var line: Int; var section: String; var before: String }
    var blocks: [Block] = []

    init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The paragraph a block follows, blank lines between them or not.
        var section = "", paragraph: [String] = [], lastParagraph = "", i = 0
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            if line.hasPrefix("```") {
                let language = String(line.dropFirst(3))
                var body: [String] = []
                i += 1
                while i < lines.count, !lines[i].hasPrefix("```") { body.append(lines[i]); i += 1 }
                blocks.append(Block(language: language, text: body.joined(separator: "\n") + "\n", line: i - body.count + 1,
                                    section: section, before: paragraph.isEmpty ? lastParagraph : paragraph.joined(separator: " ")))
                paragraph = []; lastParagraph = ""
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !paragraph.isEmpty { lastParagraph = paragraph.joined(separator: " ") }
                paragraph = []
            } else {
                paragraph.append(line)
            }
            i += 1
        }
    }

    func blocks(language: String, under section: String? = nil) -> [Block] {
        blocks.filter { $0.language == language && (section == nil || $0.section == section) }
    }

    /// The first block right after a paragraph that contains `text`.
    func block(after text: String) -> Block? {
        blocks.first { $0.before.contains(text) }
    }
}
