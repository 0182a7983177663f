/// Why an interactive terminal session could not start.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output (named) is not a terminal, e.g. redirected to a file or a pipe.
    case notATerminal(stream: String)
    /// `TERM` is not set, or empty.
    case termUnset
    /// `TERM` is `dumb`: the terminal cannot move the cursor.
    case dumbTerminal
    /// curses does not know the terminal type (`newterm` failed).
    case unknownTerminal(term: String)
    /// A session is already running in this process.
    case alreadyActive

    public var description: String {
        let advice = "Run `fleetwatch snapshot` for a headless export instead."
        switch self {
        case .notATerminal(let stream):
            return "fleetwatch: standard \(stream) is not a terminal, so the interactive dashboard cannot start. \(advice)"
        case .termUnset:
            return "fleetwatch: TERM is not set, so the terminal type is unknown. Set TERM (for example TERM=xterm-256color), or: \(advice)"
        case .dumbTerminal:
            return "fleetwatch: TERM is 'dumb', which cannot draw a dashboard. \(advice)"
        case .unknownTerminal(let term):
            return "fleetwatch: curses has no description of TERM='\(term)' (install ncurses-term, or set TERM=xterm-256color). \(advice)"
        case .alreadyActive:
            return "fleetwatch: a terminal session is already running in this process; stop it before starting another."
        }
    }
}
