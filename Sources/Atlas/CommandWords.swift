/// Splits a command written as one line (`$EDITOR`, `$BROWSER`, a clipboard command
/// from the config, a README example) into words as a POSIX shell would for simple
/// commands: blanks separate words, single and double quotes group them. Nothing
/// else is interpreted (`;`, `$`, backquotes are text), since the words go to a
/// program as arguments, never to a shell.
public enum CommandWords {
    /// Nil when a quote is left open.
    public static func split(_ command: String) -> [String]? {
        var words: [String] = [], word = "", inWord = false
        var quote: Character?
        for c in command {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c; inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(word); word = ""; inWord = false }
            } else {
                word.append(c); inWord = true
            }
        }
        if quote != nil { return nil }
        if inWord { words.append(word) }
        return words
    }
}
