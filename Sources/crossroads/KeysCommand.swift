import ArgumentParser
import BrowserModel

/// The browser's keymap, printed from the same data the help screen uses.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the browser's keys (the live keymap).")

    @OptionGroup var output: FormatOption

    struct BindingJSON: Encodable { var context: String; var keys: [String]; var help: String }

    func run() throws {
        let bindings = Keymap.standard.bindings
        switch output.format {
        case .json:
            Output.write(try Output.json(bindings.map {
                BindingJSON(context: $0.context.rawValue, keys: $0.keys.map(KeyNotation.name), help: $0.help)
            }))
        case .text:
            Output.write(Output.table(bindings.map {
                [$0.context.rawValue, $0.keys.map(KeyNotation.name).joined(separator: " "), $0.help]
            }))
        }
    }
}
