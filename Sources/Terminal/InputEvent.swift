import Screen

/// A mouse action at a cell (column `x`, row `y`, from the top-left corner).
public enum MouseEvent: Hashable, Sendable {
    case click(x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}

/// The size of the terminal in cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    /// A size of at least 1x1: curses never reports less, and layouts can rely on it.
    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
    }

    public var description: String { "\(width)x\(height)" }
}

/// A signal that asks the program to end.
public enum TerminationSignal: Hashable, Sendable {
    /// SIGINT (Ctrl-C).
    case interrupt
    /// SIGTERM.
    case terminate
    /// SIGHUP: the terminal went away.
    case hangup
}

/// What the terminal reports between two frames.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal has a new size; the next `present` redraws everything.
    case resize(TerminalSize)
    /// The program was continued after Ctrl-Z (or SIGSTOP); the next `present` redraws
    /// everything.
    case resumed
    /// A signal asks the program to end: call `TerminalSession.stop()`, then
    /// `Terminal.exit(dueTo:)` so the exit status says which signal it was.
    case terminate(TerminationSignal)
}
