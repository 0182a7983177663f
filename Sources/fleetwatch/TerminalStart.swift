import ArgumentParser
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// Refuses to go on without a terminal (stdin and stdout ttys, TERM set and not `dumb`): one line
/// on stderr saying what to do instead (`hint` adds to it), exit status 2. Called before any
/// costly work, so a piped run fails at once.
func requireTerminal(hint: String = "") throws {
    do {
        try Terminal.checkInteractive(
            stdinIsTTY: isatty(0) == 1, stdoutIsTTY: isatty(1) == 1, term: Terminal.currentEnvironment()["TERM"])
    } catch {
        throw Failure("\(error.description)\(hint)", status: 2)
    }
}

/// Starts the curses session with the `--color` preference; on failure one line, exit status 2.
func startSession(color: ColorPreference) throws -> TerminalSession {
    do {
        return try TerminalSession.start(TerminalOptions(color: color))
    } catch {
        throw Failure(error.description, status: 2)
    }
}
