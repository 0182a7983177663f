import ArgumentParser
import Dashboard
import Screen
import Terminal

/// Runs a program in the terminal: the live dashboard and the presenter's demo. It shows the
/// program's first frame before anything else; then each turn ticks
/// the program with the monotonic clock, shows the frame if it was built anew (or the terminal
/// asked for a redraw, after SIGCONT), hands a new frame to the recorder, then waits up to one
/// frame's time for input and delivers it.
struct TerminalDriver {
    let session: TerminalSession
    let frameMilliseconds: Int
    /// Records every new frame, at its time since the start.
    var recorder: CastRecorder?

    /// While the program is busy (a jump in time), the time between frames: the simulation
    /// gets the rest (a frame of a debug build takes tens of milliseconds).
    static let busyFrameSeconds = 0.25

    init(session: TerminalSession, fps: Int, recorder: CastRecorder? = nil) {
        self.session = session
        frameMilliseconds = 1000 / max(1, fps)
        self.recorder = recorder
    }

    /// Runs until the program quits (nil) or a signal ends the run (the signal). A recording
    /// that cannot be written ends the run with its error. `observe` sees the program after
    /// every tick (`live --metrics` reads the monitor there).
    mutating func run<P: Program>(_ loop: inout ProgramLoop<P>, observe: ((P) -> Void)? = nil) throws(OutputError) -> TerminationSignal? {
        let start = monotonicSeconds()
        // The first frame before any work: a build or a run-up at the start shows its progress
        // at once, not after its first quarter of a second (the busy ticks below).
        let (first, _) = loop.frame()
        session.present(first)
        try recorder?.record(first, at: 0)
        var redraw = false
        while true {
            let now = monotonicSeconds()
            if loop.send(.tick(wall: now)).contains(.quit) { return nil }
            // A jump runs slice after slice, and shows how far it is four times a second.
            if loop.tickWhileBusy(until: now + Self.busyFrameSeconds, clock: monotonicSeconds) { return nil }
            observe?(loop.program)
            let (buffer, isNew) = loop.frame()
            if isNew || redraw {
                session.present(buffer)
                redraw = false
            }
            if isNew { try recorder?.record(buffer, at: now - start) }
            for event in session.nextEvents(timeoutMilliseconds: loop.program.isBusy ? 0 : frameMilliseconds) {
                let message: Message
                switch event {
                case .terminate(let signal):
                    return signal
                case .resumed:
                    session.requestRedraw()
                    redraw = true
                    continue
                case .resize(let size): message = .resize(width: size.width, height: size.height)
                case .key(let key): message = .key(key)
                case .mouse(let mouse): message = .mouse(mouse)
                }
                let effects = loop.send(message)
                if effects.contains(.quit) { return nil }
                for case .copyToClipboard(let text) in effects { session.copyToClipboard(text) }
            }
        }
    }
}

extension TerminalDriver {
    /// Runs `program` in `session` until it quits or a signal ends it, then stops the session
    /// (the terminal is restored before anything is printed), finishes the recording (or, if it
    /// could not be written, says so: exit status 1) and exits as the signal asks (128 + N).
    static func play<P: Program>(
        _ program: P, session: TerminalSession, fps: Int, recorder: CastRecorder?, observe: ((P) -> Void)? = nil
    ) throws {
        var loop = ProgramLoop(program)
        var driver = TerminalDriver(session: session, fps: fps, recorder: recorder)
        let outcome = Result { () throws(OutputError) in try driver.run(&loop, observe: observe) }
        session.stop()
        do {
            let signal = try outcome.get()
            try driver.recorder?.finish()
            if let signal { Terminal.exit(dueTo: signal) }
        } catch {
            // The recording's temporary file is already gone (StreamingFile removes it on error).
            throw Failure.of(error)
        }
    }
}

/// Runs a program with no terminal on a virtual clock, one frame every `1/fps` s, each new frame
/// to the recorder, until `done` says so: a demo recorded at the scripted pace, the same file on
/// every machine. Effects other than quit go to `announce`.
struct HeadlessDriver {
    let fps: Int
    var recorder: CastRecorder

    mutating func run<P: Program>(
        _ loop: inout ProgramLoop<P>, until done: (P) -> Bool, announce: ([Effect]) -> Void
    ) throws(OutputError) {
        let step = 1 / Double(max(1, fps))
        var wall = 0.0
        while true {
            let effects = loop.send(.tick(wall: wall))
            announce(effects)
            let (buffer, isNew) = loop.frame()
            if isNew { try recorder.record(buffer, at: wall) }
            if effects.contains(.quit) || done(loop.program) { return }
            wall += step
        }
    }
}
