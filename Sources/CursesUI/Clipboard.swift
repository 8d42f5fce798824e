import Foundation

/// Copying to the clipboard of the terminal a person sits at: OSC 52 travels inside
/// the terminal's own byte stream, so it reaches the local clipboard over SSH and
/// through tmux (`set-clipboard on`), where no clipboard program could.
public enum OSC52 {
    /// Terminals and tmux refuse longer sequences; a longer text is cut to this.
    public static let maxBytes = 100_000

    /// `ESC ] 52 ; c ; BASE64 BEL`. The text travels as base64, so nothing in it can
    /// reach the terminal as a control sequence.
    public static func sequence(_ text: String) -> String {
        var data = Data(text.utf8)
        if data.count > maxBytes {
            // Cut at a character boundary: UTF-8 continuation bytes are 10xxxxxx.
            var end = maxBytes
            while end > 0, data[end] & 0xC0 == 0x80 { end -= 1 }
            data = data.prefix(end)
        }
        return "\u{1B}]52;c;" + data.base64EncodedString() + "\u{07}"
    }
}
