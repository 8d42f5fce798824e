/// What reaches the browser from outside: a key (mouse included), the terminal's
/// size, an action given directly (`--at`, `--search`), or an effect that failed.
public enum BrowserEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case action(Action)
    /// An effect the loop could not carry out, said on the status line.
    case effectFailed(String)
    /// An effect carried out (or under way), said on the status line: "copied …", "exported …".
    case effectDone(String)
    /// `e`'s reload: the atlas folder read again after the editor exited.
    case atlasReloaded(StoreBox)
}
