/// The trail of opened records, like a web browser's: back and forward move
/// through it; opening something new drops the forward part.
public struct History: Equatable, Sendable {
    public private(set) var entries: [String] = []
    /// The entry being shown; -1 when empty.
    public private(set) var index: Int = -1
    public static let limit = 500

    public init() {}

    public var current: String? { index >= 0 ? entries[index] : nil }
    public var canGoBack: Bool { index > 0 }
    public var canGoForward: Bool { index >= 0 && index < entries.count - 1 }

    /// Opens `id`: forward entries are dropped, and opening the current entry again
    /// adds nothing.
    public mutating func visit(_ id: String) {
        if current == id { return }
        if index < entries.count - 1 { entries.removeSubrange((index + 1)...) }
        entries.append(id)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        index = entries.count - 1
    }

    public mutating func back() -> String? {
        guard canGoBack else { return nil }
        index -= 1
        return entries[index]
    }

    public mutating func forward() -> String? {
        guard canGoForward else { return nil }
        index += 1
        return entries[index]
    }

    /// Moves to an entry of the trail without changing it (the history list).
    public mutating func jump(to i: Int) -> String? {
        guard i >= 0, i < entries.count else { return nil }
        index = i
        return entries[i]
    }

    /// Restores a saved trail (ids from an earlier session), positioned at its end.
    public init(entries: [String]) {
        self.entries = Array(entries.suffix(Self.limit))
        self.index = self.entries.count - 1
    }
}
