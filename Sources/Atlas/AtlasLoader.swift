import Foundation

/// Loads an atlas folder: reads every YAML file, then checks what only the whole
/// atlas can tell (duplicate ids, references to records that do not exist).
public enum AtlasLoader {
    /// An atlas file larger than this is refused: atlases are written by hand, and
    /// datasets go through `crossroads import` instead.
    public static let maxFileBytes = 32 * 1024 * 1024

    /// Where a record is written: the file and line of its `id`, for `e` to open
    /// the editor there.
    public struct RecordLocation: Hashable, Sendable {
        public var file: String
        public var line: Int
    }

    public struct Result: Sendable {
        public var content: AtlasContent
        public var problems: [AtlasProblem]
        public var files: [String]
        /// Each record's first definition.
        public var locations: [String: RecordLocation] = [:]

        /// What can be shown despite the problems. The reader already left out the
        /// records it could not make whole (a missing title, a bad required date); a
        /// record whose id an earlier one already took is left out here, and the rest
        /// stay, a reference to a missing record showing as unresolved as a link does.
        public var usableContent: AtlasContent {
            var seen: Set<String> = []
            var usable = content
            usable.sources = content.sources.filter { seen.insert($0.id).inserted }
            usable.actors = content.actors.filter { seen.insert($0.id).inserted }
            usable.missions = content.missions.filter { seen.insert($0.id).inserted }
            usable.events = content.events.filter { seen.insert($0.id).inserted }
            return usable
        }
    }

    /// The seed atlas shipped in `Resources/atlas`.
    public static var builtinDirectory: URL {
        Bundle.module.url(forResource: "atlas", withExtension: nil)!
    }

    /// Reads and checks the folder. Throws only when the folder itself cannot be
    /// read; problems in its files are returned so that all of them can be listed.
    public static func read(directory: URL) throws(AtlasError) -> Result {
        let path = directory.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw .unreadable(path: path, reason: "no such folder")
        }
        guard isDir.boolValue else {
            throw .unreadable(path: path, reason: "is a file; an atlas is a folder of .yaml files")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: "cannot list the folder (\(error.localizedDescription))")
        }
        let yamlNames = names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
        guard !yamlNames.isEmpty else {
            throw .unreadable(path: path, reason: "holds no .yaml files")
        }

        var content = AtlasContent()
        var problems: [AtlasProblem] = []
        var definitions: [(id: String, kind: RecordKind, file: String, at: AtlasFileReader.Position)] = []
        var references: [(id: String, kind: RecordKind, file: String, at: AtlasFileReader.Position)] = []
        for name in yamlNames {
            let fileURL = directory.appendingPathComponent(name)
            let display = displayPath(fileURL)
            guard let text = readText(fileURL, display: display, problems: &problems) else { continue }
            var reader = AtlasFileReader(file: display)
            reader.read(text: text)
            problems += reader.problems
            content.sources += reader.content.sources
            content.actors += reader.content.actors
            content.missions += reader.content.missions
            content.events += reader.content.events
            content.links += reader.content.links
            definitions += reader.definitions.map { ($0.id, $0.kind, display, $0.at) }
            references += reader.references.map { ($0.id, $0.kind, display, $0.at) }
        }

        // Duplicate ids, across kinds: an id names one record.
        var firstDefinition: [String: (kind: RecordKind, file: String, at: AtlasFileReader.Position)] = [:]
        for d in definitions {
            if let first = firstDefinition[d.id] {
                problems.append(AtlasProblem(file: d.file, line: d.at.line, column: d.at.column, kind: .duplicateID,
                                             message: "duplicate id '\(d.id)': already used by the \(first.kind.rawValue) at \(first.file):\(first.at.line)"))
            } else {
                firstDefinition[d.id] = (d.kind, d.file, d.at)
            }
        }
        // References: sources must be sources, actors actors, missions missions;
        // links may point at any record.
        for r in references {
            guard let def = firstDefinition[r.id] else {
                let pool = firstDefinition.filter { r.kind == .event || $0.value.kind == r.kind }.keys
                let hint = NearMatch.best(r.id, among: pool).first.map { " (did you mean '\($0)'?)" } ?? ""
                let what = r.kind == .event ? "record" : r.kind.rawValue
                var extra = hint
                if r.kind == .event, let colon = r.id.firstIndex(of: ":") {
                    extra = "; '\(r.id[..<colon])' is not a known dataset (known: \(DatasetKey.namespaces.keys.sorted().joined(separator: ", ")))"
                }
                problems.append(AtlasProblem(file: r.file, line: r.at.line, column: r.at.column, kind: .danglingReference,
                                             message: "no \(what) with id '\(r.id)'\(extra)"))
                continue
            }
            if r.kind != .event && def.kind != r.kind {
                problems.append(AtlasProblem(file: r.file, line: r.at.line, column: r.at.column, kind: .danglingReference,
                                             message: "'\(r.id)' is \(RecordKind.withArticle(def.kind)), but \(RecordKind.withArticle(r.kind)) is expected here"))
            }
        }
        problems.sort { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        let locations = firstDefinition.mapValues { RecordLocation(file: $0.file, line: $0.at.line) }
        return Result(content: content, problems: problems, files: yamlNames, locations: locations)
    }

    /// Reads the folder and throws unless it is clean.
    public static func load(directory: URL) throws(AtlasError) -> AtlasContent {
        let result = try read(directory: directory)
        guard result.problems.isEmpty else { throw .invalid(result.problems) }
        return result.content
    }

    private static func readText(_ url: URL, display: String, problems: inout [AtlasProblem]) -> String? {
        func fail(_ kind: AtlasProblem.Kind, _ message: String, line: Int = 1, column: Int = 1) -> String? {
            problems.append(AtlasProblem(file: display, line: line, column: column, kind: kind, message: message))
            return nil
        }
        // Read as a regular file only: a named pipe would block the loader, and the
        // size is checked before a byte is read.
        let data: Data
        switch InputFile.read(url.path, maxBytes: maxFileBytes) {
        case .success(let d): data = d
        case .failure(.notRegular("a folder")): return fail(.wrongType, "is a folder, not a YAML file")
        case .failure(.tooLarge(let size)):
            return fail(.badValue, "is \(size / 1_048_576) MB; atlas files are limited to \(maxFileBytes / 1_048_576) MB (import large data with `crossroads import`)")
        case .failure(let f): return fail(.encoding, "cannot be read: \(f.reason)")
        }
        if data.isEmpty { return fail(.emptyFile, "the file is empty; an atlas file lists sources, actors, missions or events") }
        guard let text = String(validating: data, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(data)
            return fail(.encoding, "not valid UTF-8 (atlas files are UTF-8)", line: line, column: column)
        }
        if text.unicodeScalars.contains("\u{0}") {
            let (line, column) = position(of: "\u{0}", in: text)
            return fail(.encoding, "contains a NUL character", line: line, column: column)
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// Line and column (1-based, in characters) of the first byte that breaks UTF-8
    /// (overlong forms, surrogates and lead bytes past U+10FFFF included).
    static func firstInvalidUTF8(_ data: Data) -> (Int, Int) {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A { line += 1; column = 1 } else { column += 1 }
            case .error, .emptyInput:
                return (line, column)
            }
        }
    }

    static func position(of scalar: Unicode.Scalar, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for u in text.unicodeScalars {
            if u == scalar { return (line, column) }
            if u == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Paths in messages are relative to the current folder when they are inside it.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let p = url.standardizedFileURL.path
        if p.hasPrefix(cwd + "/") { return String(p.dropFirst(cwd.count + 1)) }
        return p
    }
}
