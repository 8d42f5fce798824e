/// What reaches the browser from outside: a key (mouse included), the terminal's
/// size, an action given directly (`--at`, `--search`), or an effect that failed.
public enum BrowserEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case action(Action)
    /// An effect the loop could not carry out, said on the status line.
    case effectFailed(String)
}
