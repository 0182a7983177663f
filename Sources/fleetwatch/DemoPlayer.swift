import Dashboard
import Fleet
import Scenario
import Screen
import Simulation

/// What the player did that a driver may show or print.
enum DemoEvent: Hashable, Sendable {
    case chapter(index: Int, at: SimDuration)
    case caption(String, at: SimDuration)
    /// A chapter with a short `for` ended at `at`; the demo went on at chapter `toChapter`.
    case skipped(toChapter: Int, at: SimDuration)
    case finished(at: SimDuration)
    /// A cue that could not be played (a car not in the fleet at that time).
    case cueFailed(String)
}

/// Plays a `DemoScript`: the same `App` (monitor, dashboard state, pacer) as the live view, fed
/// by the script's cues as actions through the same reducer. A `Program`: no I/O and no clock;
/// the drivers tick it with wall times, deliver the presenter's keys and draw what `view()`
/// returns, through the same `ProgramLoop` as the live view.
///
/// Same frame for the same simulated time: the monitor only ever stops on a fixed grid and at
/// the cues' times, never where a frame happened to fall, so the fleet at a grid time does not
/// depend on how the wall clock sliced the run; cues act on a layout computed at their own time.
/// A jump (to any chapter, either way) restarts from a copy of the world at time zero and plays
/// straight to the chapter's start, so it lands on the frame a straight run shows there.
///
/// A new player stands at time zero with no cue applied: start it with `jump(toChapter:)`.
struct DemoPlayer {
    let script: DemoScript
    /// Start again from the first chapter at the end (a booth screen).
    var loop: Bool
    /// The world at time zero, copied for every jump.
    let origin: App
    private(set) var app: App
    /// The next cue of `script.cues` to apply.
    private(set) var nextCue = 0
    /// The chapter playing now, as an index into `script.chapters`.
    private(set) var chapter = 0
    /// At the end (not looping): the simulation holds, paused.
    private(set) var finished = false

    /// The simulation advances along this grid, and stops at every cue, whatever the frame rate.
    static let grid = SimDuration.seconds(Int64(1))

    init(
        scenario: Scenario, script: DemoScript, view: DashboardView, names: NameScript = .native, width: Int, height: Int,
        loop: Bool = false
    ) throws {
        self.script = script
        self.loop = loop
        // The look only (theme, glyphs, names): the script decides sort, filter and views.
        var origin = try App(scenario: scenario, renderer: view, at: .zero, speed: 1, paused: false)
        origin.builder.names = names
        origin.resize(width: width, height: height)
        origin.state.presenting = true
        self.origin = origin
        app = origin
    }

    var now: SimTime { app.monitor.now }
    var state: DashboardState { app.state }

    // MARK: Playing

    /// Plays on to where the wall clock says the simulation should be (paced by `Pacer`).
    mutating func advance(toWall wall: Double) -> [DemoEvent] {
        var events: [DemoEvent] = []
        let target = app.pacer.target(atWall: wall)
        play(to: target, events: &events)
        return events
    }

    /// Plays straight to the end, as fast as possible (headless).
    mutating func playToEnd() -> [DemoEvent] {
        var events: [DemoEvent] = []
        while !finished { play(to: SimTime.zero + script.end, events: &events) }
        return events
    }

    /// Runs the monitor along the grid and the cue times up to `target`, applying the cues it
    /// passes. `replaying` (a jump or a skip) passes over skip cues instead of taking them.
    mutating func play(to target: SimTime, replaying: Bool = false, events: inout [DemoEvent]) {
        while !finished {
            while nextCue < script.cues.count, SimTime.zero + script.cues[nextCue].at <= now {
                let cue = script.cues[nextCue]
                nextCue += 1
                switch apply(cue, events: &events) {
                case .next:
                    continue
                case .skip(let index) where !replaying:
                    events.append(.skipped(toChapter: index, at: cue.at))
                    play(to: SimTime.zero + script.chapters[index].start, replaying: true, events: &events)
                    // The pacer moves on from the next chapter's start without a stall.
                    app.pacer.jump(to: now)
                case .skip:
                    continue
                case .end:
                    events.append(.finished(at: cue.at))
                    if loop {
                        events += jump(toChapter: 0)
                    } else {
                        finished = true
                        dispatch(.setPaused(true))
                    }
                    return
                }
            }
            let g = Self.grid.nanoseconds
            var bound = SimTime(nanoseconds: (now.nanoseconds / g + 1) * g)
            if nextCue < script.cues.count { bound = min(bound, SimTime.zero + script.cues[nextCue].at) }
            guard bound <= target else { return }
            app.monitor.run(until: bound)
            app.runWhatIf(baselineReplaced: false)
        }
    }

    // MARK: Presenter

    /// Restarts from time zero and plays straight to chapter `index` (clamped), keeping the
    /// screen size and the presenter's pause; the presentation state is the script's at that
    /// point (the presenter's own view changes and speed are dropped, as a replay would).
    mutating func jump(toChapter index: Int) -> [DemoEvent] {
        let i = max(0, min(index, script.chapters.count - 1))
        let paused = app.state.paused && !finished
        let (width, height) = (app.state.width, app.state.height)
        app = origin
        app.resize(width: width, height: height)
        nextCue = 0
        chapter = 0
        finished = false
        var events: [DemoEvent] = []
        play(to: SimTime.zero + script.chapters[i].start, replaying: true, events: &events)
        if paused { dispatch(.setPaused(true)) }
        resetPacer()
        return events
    }

    mutating func nextChapter() -> [DemoEvent] {
        if chapter + 1 < script.chapters.count { return jump(toChapter: chapter + 1) }
        return loop ? jump(toChapter: 0) : []
    }

    mutating func previousChapter() -> [DemoEvent] { jump(toChapter: chapter - 1) }

    /// A key or other dashboard action from the presenter, on the layout of the frame on screen;
    /// true when it asks to quit.
    mutating func handle(_ action: Action, frame: FrameContext) -> Bool {
        // At the end the simulation holds: resuming would show a running clock that never moves.
        if finished, action == .key(.character(" ")) { return false }
        return app.handle(action, frame: frame)
    }

    mutating func resize(width: Int, height: Int) { app.resize(width: width, height: height) }

    // MARK: Cues

    enum Flow { case next, skip(Int), end }

    mutating func apply(_ cue: DemoScript.TimedCue, events: inout [DemoEvent]) -> Flow {
        switch cue.cue {
        case .chapter(let index):
            chapter = index
            // A clean slate: the caption's text, the highlight, the selection and a what-if go.
            if app.whatIf != nil { app.showWhatIf(named: nil, from: nil) }
            dispatch(.caption(title: captionTitle, text: ""))
            dispatch(.highlight(nil))
            dispatch(.clearSelection)
            events.append(.chapter(index: index, at: cue.at))
        case .caption(let text):
            dispatch(.caption(title: captionTitle, text: text))
            events.append(.caption(text, at: cue.at))
        case .clearCaption:
            dispatch(.caption(title: captionTitle, text: ""))
        case .speed(let factor):
            dispatch(.setSpeed(factor))
        case .view(let name, let car):
            let vehicle = car.flatMap { resolve($0, cue: cue, events: &events) }
            if let vehicle { dispatch(.select(vehicle: vehicle)) }
            switch name {
            case "map": dispatch(.showView(.map))
            case "car": if let vehicle { dispatch(.showView(.detail(vehicle: vehicle))) }
            default: dispatch(.showView(.fleet))
            }
        case .whatIf(let name, let from):
            app.showWhatIf(named: name, from: from.map { SimTime.zero + $0 })
        case .highlight(let car?, _):
            if let vehicle = resolve(car, cue: cue, events: &events) {
                dispatch(.select(vehicle: vehicle))
                dispatch(.highlight(.vehicle(vehicle)))
            }
        case .highlight(nil, let panel):
            dispatch(.highlight(panel.flatMap(Panel.init(rawValue:)).map(Highlight.panel)))
        case .skip(let index):
            return .skip(index)
        case .end:
            return .end
        }
        return .next
    }

    /// "3/8 Title": where the audience is in the story.
    var captionTitle: String {
        let c = script.chapters[chapter]
        return "\(c.number)/\(script.chapters.count) \(c.title)"
    }

    /// A script action through the reducer. An action that selects a car gets the table as laid
    /// out at this simulated time (never the layout of whichever frame the terminal drew last);
    /// the others no layout (the reducer leaves the table's scroll as it is), which spares a
    /// model build per cue (a jump replays every cue before its chapter).
    mutating func dispatch(_ action: Action) {
        let layout: FrameContext?
        if case .select = action { layout = app.view().1 } else { layout = nil }
        _ = app.handle(action, frame: layout)
    }

    func resolve(_ car: CarReference, cue: DemoScript.TimedCue, events: inout [DemoEvent]) -> Int? {
        let world = app.monitor.world
        switch car {
        case .index(let i) where i >= 0 && i < world.carCount:
            return i
        case .vin(let vin):
            if let i = (0..<world.carCount).first(where: { world.vin(of: $0) == vin }) { return i }
        default:
            break
        }
        let name = switch car {
        case .index(let i): "car \(i)"
        case .vin(let vin): "the car with VIN \(vin)"
        }
        events.append(.cueFailed("at \(cue.at): \(name) is not in the fleet (it has \(world.carCount) cars)"))
        return nil
    }

    mutating func resetPacer() {
        app.pacer = Pacer(start: now, speed: app.state.speed, paused: app.state.paused)
    }
}

extension DemoPlayer: Program {
    /// Ticks play the script on; the presenter's keys move between chapters or go to the
    /// dashboard as in the live view. What the player did comes back as `announce` effects.
    mutating func update(_ message: Message, frame: FrameContext) -> [Effect] {
        let events: [DemoEvent]
        switch message {
        case .tick(let wall):
            events = advance(toWall: wall)
            app.noteWall(wall)
        case .resize(let width, let height):
            resize(width: width, height: height)
            events = []
        case .key(let key):
            switch PresenterControl(key, typing: app.state.filter != nil) {
            case .next: events = nextChapter()
            case .previous: events = previousChapter()
            case .replayChapter: events = jump(toChapter: chapter)
            case .dashboard(let action): return handle(action, frame: frame) ? [.quit] : app.takeClipboard()
            }
        case .mouse:
            return message.action.map { handle($0, frame: frame) } == true ? [.quit] : []
        case .action(let action):
            // At the end the simulation holds, as for the pause key (`handle`).
            if finished, action == .setPaused(false) || action == .perform(.pause) { return [] }
            return app.handle(action, frame: nil) ? [.quit] : app.takeClipboard()
        }
        return events.map(Effect.announce)
    }

    func view() -> (Buffer, FrameContext) { app.view() }

    /// The demo's simulation stops only on its one-second grid and at cue times, so the exact
    /// time costs no extra frames and a cue between grid points is never drawn late.
    var frameKey: FrameKey { FrameKey(state: app.state, time: app.monitor.now.nanoseconds) }
}
