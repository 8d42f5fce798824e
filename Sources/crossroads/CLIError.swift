import Atlas

/// Exit codes from sysexits.h, so scripts can tell bad data from a missing file.
enum Sysexit: Int32 {
    case ok = 0
    case failure = 1       // nothing found
    case noTerminal = 2    // the browser needs a terminal (as `less` and `vim` do)
    case usage = 64        // EX_USAGE: the command line is wrong
    case dataError = 65    // EX_DATAERR: the input data is wrong
    case noInput = 66      // EX_NOINPUT: a file or folder cannot be read
    case unavailable = 69  // EX_UNAVAILABLE: e.g. no terminal for the browser
    case software = 70     // EX_SOFTWARE: an internal error
    case ioError = 74      // EX_IOERR
    case tempFail = 75     // EX_TEMPFAIL: try again later (another import is running)
}

/// An error the command line reports as one line on stderr, with its exit code.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Sysexit

    var description: String { message }

    init(_ message: String, code: Sysexit) {
        self.message = message
        self.code = code
    }

    init(_ error: StoreError) {
        switch error {
        case .unreadable: self.init(error.description, code: .noInput)
        case .notCrossroads, .newerSchema, .corrupt: self.init(error.description, code: .dataError)
        case .atlas(.unreadable): self.init(error.description, code: .noInput)
        case .atlas(.invalid): self.init(error.description, code: .dataError)
        case .database: self.init(error.description, code: .software)
        }
    }

    static func notFound(_ id: String, in store: AtlasStore) -> CLIError {
        let near = (try? store.suggestions(for: id)) ?? []
        let hint = near.isEmpty ? "" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))?"
        return CLIError("no record with id '\(TerminalText.sanitize(id))' in \(store.origin)\(hint)", code: .failure)
    }
}
