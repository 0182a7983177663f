import Dashboard
import Screen
import Terminal

/// What reaches a program: time passing on its driver's clock, and the user's input.
enum Message: Hashable, Sendable {
    /// The driver's clock reads `wall` seconds (monotonic; a headless driver's is virtual).
    case tick(wall: Double)
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// A dashboard action with no frame behind it: a typed command of the linear mode, which
    /// draws no frames (`LinearSession`).
    case action(Action)
}

/// What a program asks of its driver.
enum Effect: Hashable, Sendable {
    case quit
    /// Something a driver may print: a demo's chapter, caption, skip or end.
    case announce(DemoEvent)
    /// Put this text on the terminal's clipboard (OSC 52): only a terminal driver can.
    case copyToClipboard(String)
}

/// The dashboard as a program in the Elm / bubbletea sense: `update` folds a message into the
/// model and says what the driver must do; `view` draws the model. No I/O and no clock: the
/// drivers (`TerminalDriver` for the live dashboard and the presenter, `HeadlessDriver` for a
/// demo with no terminal, a `CastRecorder` beside either) feed it messages and show its frames
/// through one `ProgramLoop`.
protocol Program {
    /// `frame` is the layout of the frame on screen, which keys and clicks refer to.
    mutating func update(_ message: Message, frame: FrameContext) -> [Effect]
    /// The frame now, with its layout.
    func view() -> (Buffer, FrameContext)
    /// What the frame depends on besides input: two equal keys with no message but ticks
    /// between them give the same frame.
    var frameKey: FrameKey { get }
    /// Work is under way that ticks move on without waiting for the wall clock (a jump in
    /// time): a driver ticks again at once, up to a frame's time, before it draws.
    var isBusy: Bool { get }
}

extension Program {
    var isBusy: Bool { false }
}

/// The frame's dependencies: the dashboard state and the simulated time, in nanoseconds, to
/// the resolution the program redraws at (the live dashboard: the second, the clock's resolution
/// on screen, so at 1x the data refresh once a second and faster speeds every frame).
struct FrameKey: Equatable {
    var state: DashboardState
    var time: Int64
    /// A jump's progress in thousandths plus one (0: no jump under way).
    var progress: Int64 = 0
    /// The records a `--source` has read, and whether it has ended (the header's source line).
    var input: UInt64 = 0
}

/// The one frame loop's core, shared by every driver: a program, the frame on screen and the
/// frame cache. Building the view model reads every car (O(cars)), which at 10 fps cost a
/// quarter of a core for 600 cars in a debug build even while paused; so a frame is built again
/// only when the program's `frameKey` changes or after any input (an acknowledgement changes
/// the alert book, not the state), and otherwise the frame on screen is still current.
struct ProgramLoop<P: Program> {
    private(set) var program: P
    /// The frame last drawn, while it is current.
    private var cached: (key: FrameKey, buffer: Buffer)?
    /// The layout of the frame on screen: what the next key or click refers to.
    private(set) var layout = FrameContext()
    /// Frames built since the start (frames reused are not counted): for tests and measurements.
    private(set) var framesBuilt = 0

    init(_ program: P) { self.program = program }

    /// Delivers one message; a message other than a tick makes the next frame a new one.
    mutating func send(_ message: Message) -> [Effect] {
        if case .tick = message {} else { cached = nil }
        return program.update(message, frame: layout)
    }

    /// The frame now, and whether it was built anew (false: the frame last returned is current).
    mutating func frame() -> (buffer: Buffer, isNew: Bool) {
        let key = program.frameKey
        if let cached, cached.key == key { return (cached.buffer, false) }
        let (buffer, layout) = program.view()
        framesBuilt += 1
        self.layout = layout
        cached = (key, buffer)
        return (buffer, true)
    }
}

extension ProgramLoop {
    /// While the program is busy (a jump in time), ticks it again at once, with the time
    /// `clock` reads, until `end` on that clock or until it is done; true when it asked to quit.
    /// The terminal's driver and the rewind benchmark run jumps through this one loop.
    mutating func tickWhileBusy(until end: Double, clock: () -> Double) -> Bool {
        while program.isBusy {
            let now = clock()
            guard now < end else { return false }
            if send(.tick(wall: now)).contains(.quit) { return true }
        }
        return false
    }
}

extension Message {
    /// The dashboard's action for an input message (nil for a tick).
    var action: Action? {
        switch self {
        case .tick: nil
        case .key(let key): .key(key)
        case .resize(let w, let h): .resize(width: w, height: h)
        case .mouse(.click(let x, let y)): .click(x: x, y: y)
        case .mouse(.wheelUp): .wheel(up: true)
        case .mouse(.wheelDown): .wheel(up: false)
        case .action(let action): action
        }
    }
}
