import Linear
import Screen
#if canImport(Glibc)
import Glibc
#endif

/// Runs a `LinearSession` on this process's standard input and output: no curses, no
/// alternate screen, no cursor addressing, no colour; plain lines appended to standard output
/// (through `StandardOutput`, hence the sanitizer) and typed lines read from standard input,
/// edited on a terminal by `LinePrompt` (readline's editing keys, history, Tab completion; the
/// terminal's echo and line editing off, its signals on) and read as lines from a pipe or a file. Each turn ticks the
/// session with the monotonic clock, writes what it said, then waits up to one tick for input.
///
/// SIGINT (Ctrl-C), SIGTERM and SIGHUP are blocked and taken synchronously between turns
/// (`sigtimedwait`), so no handler code runs and the session ends as after `quit`: a last line,
/// then the exit status of the signal (128 + N), as the screen's dashboard does. Ctrl-C while a
/// jump runs stops the jump instead, as `stop` does (a second one quits).
///
/// While a jump runs (the run-up to `--at`, a long `go to`) the session is busy: each turn runs
/// one slice of it (about 30 ms of simulation) and polls the input without waiting, so `stop`
/// and Ctrl-C act within a slice.
struct LinearDriver {
    let tickMilliseconds: Int

    init(fps: Int) { tickMilliseconds = 1000 / max(1, fps) }

    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    func run<P: LinearProgram>(_ session: inout LinearSession<P>, scenarioName: String) -> Never {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for s in Self.quitSignals { sigaddset(&blocked, s) }
        // The signals a test harness may have left blocked (NCURSES-NOTES.md) stay blocked:
        // these three are taken below; the rest keep their default action.
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)

        let prompt = isatty(0) == 1 ? Self.startPrompt() : nil
        var editor = LinePrompt()
        write(session.start(scenarioName: scenarioName))
        var pending: [UInt8] = []
        var inputOpen = true, inputEnded = false
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let (lines, quit) = session.tick(wall: monotonicSeconds())
            say((lines, quit), prompt: prompt != nil, editor: editor)
            // The input has ended (a file's or a pipe's end): once no jump holds lines back.
            if inputEnded, session.jump == nil {
                write(["End of input; goodbye."])
                finish(status: 0)
            }
            if let signal = takeSignal() {
                if signal == SIGINT, session.jump != nil {
                    // Ctrl-C during a jump stops it there, as Esc does on the screen.
                    say(session.stopJump(), prompt: prompt != nil, editor: editor)
                    continue
                }
                write(["Stopped by signal \(signal); goodbye."])
                finish(status: 128 + signal)
            }
            // While a jump runs, the next slice comes at once; what is typed is still read.
            let wait = session.isBusy ? 0 : tickMilliseconds
            guard inputOpen else {
                var ts = timespec(tv_sec: 0, tv_nsec: wait * 1_000_000)
                nanosleep(&ts, nil)
                continue
            }
            var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(wait))
            guard ready > 0 else { continue }
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                inputOpen = false
            }
            if n <= 0 {
                // End of input (the end of a file or pipe): the last line, then quit, once the
                // lines waiting for a jump are answered.
                if !pending.isEmpty {
                    let (answer, quit) = session.enter(String(decoding: pending, as: UTF8.self))
                    write(answer)
                    if quit { finish(status: 0) }
                    pending.removeAll()
                }
                inputOpen = false
                inputEnded = true
                continue
            }
            if prompt != nil {
                let bytes = Array(chunk[0..<n])
                let vins = bytes.contains(0x09) ? (0..<session.world.carCount).filter(session.world.isActive).map { session.world.vin(of: $0).description } : []
                let typed = editor.feed(bytes, vins: vins)
                echo(typed.echo)
                for line in typed.lines {
                    let (answer, quit) = session.enter(line)
                    write(answer)
                    if quit { finish(status: 0) }
                }
                if typed.endOfInput {
                    write(["End of input; goodbye."])
                    finish(status: 0)
                }
                continue
            }
            pending.append(contentsOf: chunk[0..<n])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var bytes = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                let (answer, quit) = session.enter(String(decoding: bytes, as: UTF8.self))
                write(answer)
                if quit { finish(status: 0) }
            }
            // A line longer than any command is no command: said once and dropped.
            if pending.count > 4096 {
                pending.removeAll()
                write(["That line is too long for a command; type help for the commands."])
            }
        }
    }

    /// What the session said unasked, and quits if it asked to. A line being typed is left on
    /// its own line and typed again after what was said, the cursor where it was.
    func say(_ said: (lines: [String], quit: Bool), prompt: Bool, editor: LinePrompt) {
        if !said.lines.isEmpty, prompt, !editor.text.isEmpty {
            echo("\n")
            write(said.lines)
            echo(editor.redrawn)
        } else {
            write(said.lines)
        }
        if said.quit { finish(status: 0) }
    }

    /// A quit signal that arrived since the last look, if any.
    func takeSignal() -> Int32? {
        var set = sigset_t()
        sigemptyset(&set)
        for s in Self.quitSignals { sigaddset(&set, s) }
        var waiting = sigset_t()
        sigpending(&waiting)
        guard Self.quitSignals.contains(where: { sigismember(&waiting, $0) == 1 }) else { return nil }
        var signal: Int32 = 0
        sigwait(&set, &signal)
        return signal
    }

    /// The terminal's modes before the prompt took it, put back on every way out.
    nonisolated(unsafe) static var savedModes: termios?

    /// Echo and canonical input off (the prompt echoes and edits), signals on (Ctrl-C is SIGINT).
    static func startPrompt() -> LinePrompt? {
        var modes = termios()
        guard tcgetattr(0, &modes) == 0 else { return nil }
        savedModes = modes
        modes.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(0, TCSANOW, &modes) == 0 else { return nil }
        return LinePrompt()
    }

    /// The prompt's echo: the typed characters (the prompt lets no control character in), line
    /// feeds, backspaces and carriage returns; written as it is.
    func echo(_ text: String) {
        guard !text.isEmpty else { return }
        if !writeAll(Array(text.utf8), to: 1) { StandardOutput.failed() }
    }

    func write(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        StandardOutput.write(lines.map { $0 + "\n" }.joined())
    }

    func finish(status: Int32) -> Never {
        if var modes = Self.savedModes { tcsetattr(0, TCSANOW, &modes) }
        exit(status)
    }
}
