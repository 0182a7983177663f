import CNcurses
import Glibc
import Screen

/// How to start a session.
public struct TerminalOptions: Sendable {
    /// `--color`: a depth, or `.auto` to detect it from the environment.
    public var color: ColorPreference
    /// The values of TERM, COLORTERM and NO_COLOR to use; nil reads the process's environment.
    public var environment: [String: String]?
    /// Report wheel and left clicks as `InputEvent.mouse`.
    public var mouse: Bool

    public init(color: ColorPreference = .auto, environment: [String: String]? = nil, mouse: Bool = true) {
        self.color = color
        self.environment = environment
        self.mouse = mouse
    }
}

/// The interactive terminal, owned for the life of the dashboard: the only object that
/// talks to curses. One at a time per process; use it from one thread.
///
/// It takes the terminal over (alternate screen, no echo, hidden cursor, keypad, mouse) and
/// gives it back as it found it on `stop()`, on SIGINT/SIGTERM/SIGHUP (reported by
/// `nextEvents` as `.terminate`), on a crash (restored in the signal handler, which then hands
/// the signal to the previous handler so the backtrace still prints), and around Ctrl-Z.
/// Whatever the program writes to stderr meanwhile is kept and written out after the
/// terminal is restored, so a "Fatal error" line is not lost with the alternate screen.
public final class TerminalSession {
    /// The terminal's size in cells, as of the last `nextEvents`.
    public internal(set) var size: TerminalSize
    /// The colour depth in use: the one asked for, limited by what the terminal has.
    public let colorDepth: ColorDepth

    var screen: OpaquePointer?
    var stopped = false
    /// The buffer on screen, for sending only what changed.
    var previous: Buffer?
    /// Start the next frame from an erased screen.
    var needsFullRedraw = true
    /// Also make curses repaint every cell of the physical screen (it may hold anything).
    var needsRepaint = false
    var colorMap: CursesColorMap
    var pairs: ColorPairAllocator
    var pairsExhausted = false
    var lastStyle: (style: Style, attributes: attr_t, pair: Int32)?

    private init(screen: OpaquePointer, depth: ColorDepth, colorMap: CursesColorMap, pairs: ColorPairAllocator) {
        self.screen = screen
        colorDepth = depth
        self.colorMap = colorMap
        self.pairs = pairs
        size = TerminalSize(width: Int(fw_cols()), height: Int(fw_lines()))
    }

    /// Takes over the terminal. Throws when stdin or stdout is not a tty, TERM is unset,
    /// `dumb` or unknown to curses, or a session is already running.
    public static func start(_ options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> TerminalSession {
        let environment = options.environment ?? Terminal.currentEnvironment()
        try Terminal.checkInteractive(stdinIsTTY: isatty(0) == 1, stdoutIsTTY: isatty(1) == 1, term: environment["TERM"])
        guard let term = environment["TERM"] else { throw .termUnset }
        if fw_session_is_active() != 0 { throw .alreadyActive }

        _ = fw_setup_locale()
        if fw_tty_save(1) != 0 { _ = fw_tty_save(0) }
        // Before newterm: otherwise ncurses installs SIGINT/SIGTERM handlers that _exit(1).
        _ = fw_signals_install()
        _ = fw_stderr_capture_begin()
        guard let screen = fw_newterm(term) else {
            fw_tty_restore()
            fw_signals_restore()
            fw_stderr_capture_end(1)
            throw .unknownTerminal(term: term)
        }
        _ = set_term(screen)
        _ = cbreak()  // not raw(): Ctrl-C and Ctrl-Z stay signals, handled below
        _ = noecho()
        _ = nonl()
        _ = fw_keypad_on()
        fw_define_extra_keys()
        _ = fw_intrflush_off()
        _ = curs_set(0)
        _ = set_escdelay(25)

        let depth = ColorDepth.detect(environment: environment, preference: options.color)
        var colors = 0
        var hasDefaultColors = true
        if depth != .none && has_colors() {
            _ = start_color()
            hasDefaultColors = use_default_colors() == OK
            colors = Int(fw_colors())
        }
        let colorMap = CursesColorMap(depth: depth, colors: colors, hasDefaultColors: hasDefaultColors)
        let pairs = ColorPairAllocator(
            capacity: colorMap.usesColor ? Int(fw_color_pairs()) - 1 : 0,
            defaultForeground: colorMap.number(for: .default, foreground: true),
            defaultBackground: colorMap.number(for: .default, foreground: false))
        if options.mouse {
            _ = mousemask(fw_button1_pressed() | fw_button4_pressed() | fw_button5_pressed(), nil)
            _ = mouseinterval(0)  // report presses at once instead of waiting to make clicks
        }
        fw_prepare_emergency_restore()
        fw_set_session_active(1)
        let session = TerminalSession(screen: screen, depth: colorMap.usesColor ? depth : .none, colorMap: colorMap, pairs: pairs)
        _ = fw_erase()
        _ = fw_refresh()  // enters the alternate screen now, not at the first frame
        return session
    }

    /// Gives the terminal back: mouse off, cursor and echo on, alternate screen off, the tty
    /// modes saved at start, the previous signal handlers, and the stderr kept meanwhile.
    /// Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = mousemask(0, nil)
        _ = endwin()
        if let screen { delscreen(screen) }
        screen = nil
        fw_tty_restore()
        fw_set_session_active(0)
        fw_signals_restore()
        fw_stderr_capture_end(1)
    }

    /// Redraws every cell at the next `present` (after something else wrote to the terminal).
    public func requestRedraw() {
        needsFullRedraw = true
        needsRepaint = true
    }

    deinit { stop() }
}
