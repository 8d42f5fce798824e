import Atlas

/// Text to put on the clipboard, and what it is, for the status line ("id
/// kz-undof-2024").
public struct Clip: Hashable, Sendable {
    public var text: String
    public var what: String
    public init(text: String, what: String) { self.text = text; self.what = what }
}

/// `e`: edit the record `id` of the atlas folder, then reload the folder.
public struct EditRequest: Hashable, Sendable {
    public var folder: String
    public var id: String
    public init(folder: String, id: String) { self.folder = folder; self.id = id }
}

/// `:export FILE`: the Events list as it stands, to write to `path`. It carries the
/// store (compared by identity) so that the loop and `snapshot` can write it
/// without knowing the browser's insides.
public struct ExportRequest: Equatable, @unchecked Sendable {
    public enum Rows: Hashable, Sendable {
        /// The Events pane under its filter (chips, `\` text).
        case list(ListFilter)
        /// The event hits of a search, in rank order, kept to those the filter shows.
        case search(query: String, within: ListFilter)
    }
    public var path: String
    public var format: ExportFormat
    public var rows: Rows
    public var provenance: ExportProvenance
    public let store: AtlasStore

    public static func == (a: ExportRequest, b: ExportRequest) -> Bool {
        a.path == b.path && a.format == b.format && a.rows == b.rows && a.provenance == b.provenance && a.store === b.store
    }
}
