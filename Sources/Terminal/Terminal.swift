import CNcurses
import Glibc
import Screen

/// Questions about the process's terminal, asked before (or without) a session.
public enum Terminal {
    /// The environment variables colour detection and start-up read.
    public static let environmentKeys = ["TERM", "COLORTERM", "NO_COLOR"]

    /// Those variables from the process's environment (absent ones left out).
    public static func currentEnvironment() -> [String: String] {
        var values: [String: String] = [:]
        for key in environmentKeys {
            if let value = getenv(key) { values[key] = String(cString: value) }
        }
        return values
    }

    /// Throws why an interactive session cannot start in these conditions. Pure.
    public static func checkInteractive(stdinIsTTY: Bool, stdoutIsTTY: Bool, term: String?) throws(TerminalError) {
        if !stdinIsTTY { throw .notATerminal(stream: "input") }
        if !stdoutIsTTY { throw .notATerminal(stream: "output") }
        guard let term, !term.isEmpty else { throw .termUnset }
        if term == "dumb" { throw .dumbTerminal }
    }

    /// Whether an interactive session can start in these conditions. Pure.
    public static func isInteractive(stdinIsTTY: Bool, stdoutIsTTY: Bool, term: String?) -> Bool {
        do {
            try checkInteractive(stdinIsTTY: stdinIsTTY, stdoutIsTTY: stdoutIsTTY, term: term)
            return true
        } catch {
            return false
        }
    }

    /// Whether this process can start an interactive session: stdin and stdout are ttys and
    /// TERM is set and not `dumb`.
    public static func isInteractive() -> Bool {
        isInteractive(stdinIsTTY: isatty(0) == 1, stdoutIsTTY: isatty(1) == 1, term: currentEnvironment()["TERM"])
    }

    /// Ends the process the way `signal` would have, after `TerminalSession.stop()`, so the
    /// shell sees the right status (130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP).
    public static func exit(dueTo signal: TerminationSignal) -> Never {
        let number: Int32 = switch signal {
        case .interrupt: SIGINT
        case .terminate: SIGTERM
        case .hangup: SIGHUP
        }
        fw_die_of_signal(number)
        Glibc.exit(128 + number)
    }
}
