import Atlas

/// Getting things out of the browser: `y`, `Y`, `o`, `e`, `:export`, and `d` in the
/// bookmarks box. Each asks the loop for an effect; the loop (or `snapshot`) says
/// what happened, and a failure comes back as `.effectFailed`.
extension BrowserState {
    mutating func reduceOutward(_ action: Action, _ store: AtlasStore) {
        switch action {
        case .yankID:
            guard let id = current else { setMessage("nothing open to yank", .dim); return }
            outbox.append(.copy(Clip(text: id, what: "id \(id)")))
            setMessage("copied id \(TerminalText.sanitize(id))", .dim)
        case .yankCitation:
            guard let id = current else { setMessage("nothing open to yank", .dim); return }
            do {
                guard let md = try store.citationMarkdown(id) else { setMessage("no record '\(id)'", .error); return }
                outbox.append(.copy(Clip(text: md, what: "citation of \(id)")))
                setMessage("copied a Markdown citation of \(TerminalText.sanitize(id))", .dim)
            } catch {
                setMessage("could not cite \(id): \(error.description)", .error)
            }
        case .openURL: openURL(store)
        case .edit: editCurrent()
        case .export(let path): export(to: path, store)
        case .deleteBookmark: deleteBookmark(store)
        case .note(let text): noteBookmark(text)
        default: break
        }
    }

    /// The selected source's URL, else the open record's, else its first cited source's.
    private mutating func openURL(_ store: AtlasStore) {
        guard let d = detail else { setMessage("nothing open", .dim); return }
        var candidates: [String?] = []
        // A source that cannot be read is said, not passed over as if it had no URL.
        func url(of id: String) -> String?? {
            do { return try store.detail(id)?.url } catch {
                setMessage("cannot read \(id): \(error.description)", .error)
                return .none
            }
        }
        if focus == .detail, case .record(let id)? = selectedDetailTarget {
            guard let u = url(of: id) else { return }
            candidates.append(u)
        }
        candidates.append(d.url)
        for c in d.sources {
            guard let u = url(of: c.source.id) else { return }
            candidates.append(u)
        }
        let urls = candidates.compactMap { $0 }.filter { !$0.isEmpty }
        guard let url = urls.first else { setMessage("no URL here: \(d.title) and its sources give none", .dim); return }
        guard SafeURL.isOpenable(url) else {
            setMessage("not opened: only http and https URLs are (\(TerminalText.sanitize(url)))", .error)
            return
        }
        outbox.append(.openURL(url))
        setMessage("opening \(TerminalText.sanitize(url))", .dim)
    }

    private mutating func editCurrent() {
        guard let id = current else { setMessage("nothing open to edit", .dim); return }
        guard let folder = atlasFolder else {
            let why = origin.hasPrefix("database") ? "a database is rebuilt by import" : "its files ship inside Crossroads"
            setMessage("cannot edit \(origin): \(why); e edits an atlas folder (--atlas DIR)", .error)
            return
        }
        outbox.append(.edit(EditRequest(folder: folder, id: id)))
    }

    private mutating func export(to path: String, _ store: AtlasStore) {
        let ext = path.split(separator: "/").last.flatMap { n in n.contains(".") ? n.split(separator: ".").last : nil }
        guard let ext, let format = ExportFormat(fileExtension: String(ext)) else {
            setMessage("export: the file's extension says the format: .csv .tsv .json .ndjson .md", .error)
            return
        }
        let filter = panes[.events]?.filter ?? ListFilter(kind: .event)
        var chips: [String] = []
        if let a = actorChip { chips.append("actor:\(a.id)") }
        if let m = missionChip { chips.append("mission:\(m.id)") }
        if let f = filter.from { chips.append("from:\(f)") }
        if let t = filter.to { chips.append("to:\(t)") }
        let rows: ExportRequest.Rows = search.map { .search(query: $0.query, within: filter) } ?? .list(filter)
        let provenance = ExportProvenance(atlas: origin, search: search?.query, filter: filter.text, chips: chips)
        outbox.append(.export(ExportRequest(path: path, format: format, rows: rows, provenance: provenance, store: store)))
        setMessage("exporting to \(TerminalText.sanitize(path))…", .dim)
    }

    /// `:note TEXT`: the open record bookmarked with a note; an empty note removes it.
    private mutating func noteBookmark(_ text: String) {
        guard let id = current else { setMessage("nothing open to note", .dim); return }
        if !userState.bookmarks.contains(id) { userState.bookmarks.append(id) }
        let note = TerminalText.sanitize(text).trimmingCharacters(in: .whitespaces)
        userState.notes[id] = note.isEmpty ? nil : String(note.prefix(200))
        saveUserState()
        setMessage(note.isEmpty ? "bookmarked \(id), no note" : "bookmarked \(id) with a note (' lists bookmarks)", .dim)
    }

    private mutating func deleteBookmark(_ store: AtlasStore) {
        guard var o = overlay, o.kind == .bookmarks else { setMessage("d deletes a bookmark in the bookmarks box (')", .dim); return }
        guard o.selected < o.rows.count, let id = o.rows[o.selected].target,
              let i = userState.bookmarks.firstIndex(of: id) else { return }
        userState.bookmarks.remove(at: i)
        let keep = o.selected
        userState.notes[id] = nil
        o = Overlay.bookmarks(userState.bookmarks, notes: userState.notes, store: store)
        o.selected = min(keep, max(0, o.rows.count - 1))
        overlay = o
        saveUserState()
        setMessage("bookmark deleted: \(TerminalText.sanitize(id))", .dim)
    }
}
