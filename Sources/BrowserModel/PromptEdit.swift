/// What a key does to the prompt line (`/`, `\`, `:`).
public enum PromptEdit: Hashable, Sendable {
    case insert(Character)
    case deleteBackward, deleteForward, deleteToStart, deleteToEnd, deleteWord
    case left, right, home, end
    case earlier, later
    case submit, cancel, complete
}
