import Dashboard
import Fleet
import Geography
import Linear
import Screen
import Simulation

/// A program the linear mode can tell: the live dashboard's `App`, or the demo's player.
protocol LinearProgram: Program {
    var app: App { get }
}

extension App: LinearProgram {
    var app: App { self }
}

extension DemoPlayer: LinearProgram {}

/// The dashboard told in lines (`fleetwatch --linear`): the same program, the same
/// `ProgramLoop`, the same reducer as the screen, with no frames. Ticks move the simulation on
/// and come back as the lines of what happened (alerts raised, escalated, closed; a demo's
/// chapters and captions); a typed line becomes the same actions the keys send, and the lines
/// that answer it. No I/O and no clock: `LinearDriver` reads the lines and the clock and
/// writes what comes back; tests drive it on a virtual clock.
struct LinearSession<P: LinearProgram> {
    private(set) var loop: ProgramLoop<P>
    var verbosity: Verbosity
    private(set) var watch = AlertWatch()
    /// The fleet at the last summary, for `changes`.
    private(set) var mark: Lines.Mark
    /// In verbose mode, when the next unasked "what changed" line is due.
    private(set) var nextReport: SimTime
    static var reportEvery: SimDuration { .minutes(15) }
    /// True when the program is the demo's player (the presenter's commands apply).
    let isDemo: Bool
    /// The demo's chapter titles, to announce them.
    var chapterTitles: [String] = []
    /// How far through the demo each chapter starts, 0 to 1, at the scripted pace.
    var chapterProgress: [Double] = []
    /// The demo waits while a caption is read: wall time held back from the program (seconds),
    /// and the hold under way.
    private(set) var held = 0.0
    private(set) var hold: (start: Double, end: Double)?
    /// Words a listener takes in per second (a screen reader at about 180 words a minute).
    static var wordsPerSecond: Double { 3 }
    /// Lines said after the greeting: what the program did before the session began (the
    /// demo's first chapter).
    var preamble: [String] = []
    /// A jump under way (the run-up to the start time, or a `go to`), run a slice a tick when
    /// the app runs jumps in ticks (`App.RunUp.inFrames`, as `fleetwatch --linear` does).
    private(set) var jump: Jump?
    /// Lines typed while a jump runs, answered once it is over (`stop` and `quit` are not kept).
    private(set) var waiting: [String] = []
    /// The most open alerts the greeting names one by one (the rest are counted).
    static var startAlertLimit: Int { 10 }

    struct Jump {
        /// The run-up to the start time (the greeting's lines follow it), or a `go to` from
        /// `from`.
        var isRunUp: Bool
        var from: SimTime
        var target: SimTime
        /// The last tenth said, and when (the driver's clock; nil until the first tick).
        var saidTenth = 0
        var saidAt: Double?
        /// Whether a line typed meanwhile was told that it waits.
        var toldWaiting = false
    }

    /// Progress is said when the jump reaches a further tenth of the way, at most once per
    /// `progressSeconds` of the driver's clock: a long jump says a few lines, a short one none.
    static var progressSeconds: Double { 1 }

    /// A jump runs: the driver ticks again at once, reading what is typed in between.
    var isBusy: Bool { loop.program.isBusy }

    init(_ program: P, verbosity: Verbosity = .normal, isDemo: Bool = false) {
        loop = ProgramLoop(program)
        self.verbosity = verbosity
        self.isDemo = isDemo
        let now = program.app.monitor.now
        mark = Lines.Mark(time: now, bytes: 0, raised: 0, escalated: 0, closed: 0)
        nextReport = now + Self.reportEvery
    }

    var app: App { loop.program.app }
    var state: DashboardState { app.state }
    var world: FleetWorld { app.monitor.world }

    var places: LinePlaces {
        let world = self.world
        var zones: [ZoneID: String] = [:]
        for z in world.config.zones { zones[z.id] = z.name }
        return LinePlaces(
            clock: ScenarioClock(start: world.config.start), now: world.now, zoneNames: zones,
            regionOfCar: { ModelBuilder.regionName(ofCar: $0, world: world) })
    }

    func model(rows: ModelBuilder.Rows = .screen) -> DashboardModel {
        app.builder.build(world: world, alerts: app.monitor.alerts, policies: app.monitor.policies, state: state, rows: rows)
    }

    // MARK: Starting and time passing

    /// The first lines: what this is, where the fleet stands, the alerts already open; alerts
    /// that closed before the start are counted, not told one by one. When the run-up to the
    /// start time runs in ticks, where the fleet stands is said once it is there.
    mutating func start(scenarioName: String) -> [String] {
        let greeting = Lines.fit("FleetWatch, linear mode: \(Spoken.clean(scenarioName)), \(Spoken.count(model().fleet.cars, "car")). Type help for the commands.")
        if let seek = app.seek {
            jump = Jump(isRunUp: true, from: seek.from, target: seek.target)
            return [greeting, Lines.fit("Going to \(places.time(seek.target)), the start time; type stop to start where it has got to.")]
        }
        return [greeting] + arrived()
    }

    /// Where the session starts: the time, the preamble, the alerts closed before (counted)
    /// and those open (told, the first `startAlertLimit` of them; the rest counted).
    mutating func arrived() -> [String] {
        let book = app.monitor.alerts
        let closedBefore = book.log.count + book.droppedFromLog
        watch.rebase(open: [], closedTotal: closedBefore)
        let m = model()
        var lines = [Lines.time(m, paused: state.paused, speed: state.speed)]
        lines += preamble
        if closedBefore > 0 { lines.append("\(Spoken.count(closedBefore, "alert")) closed before the start; type alerts to hear the last ones.") }
        let told = say(watch.update(open: app.builder.openAlertRows(book: book, world: world), closedNow: [], dropped: 0))
        lines += told.prefix(Self.startAlertLimit)
        if told.count > Self.startAlertLimit {
            lines.append("And \(Spoken.count(told.count - Self.startAlertLimit, "more open alert")); type alerts to hear them.")
        }
        mark = currentMark(m)
        return lines
    }

    /// The driver's clock reads `wall`: the simulation moves on; the lines of what happened.
    /// `quit`: the program asked to end.
    mutating func tick(wall: Double) -> (lines: [String], quit: Bool) {
        // Paced for reading: while a caption is read, the demo's clock stands still.
        if let h = hold {
            if wall < h.end { return ([], false) }
            held += h.end - h.start
            hold = nil
        }
        let effects = loop.send(.tick(wall: wall - held))
        if jump != nil { return jumped(wall: wall, quit: effects.contains(.quit)) }
        var lines = announce(effects)
        if isDemo {
            let words = effects.reduce(0) { n, e in
                if case .announce(.caption(let text, _)) = e { return n + text.split(separator: " ").count }
                return n
            }
            if words > 0 { hold = (wall, wall + Double(words) / Self.wordsPerSecond) }
        }
        lines += alertLines()
        if verbosity == .verbose, app.monitor.now >= nextReport {
            lines.append(changes())
            nextReport = app.monitor.now + Self.reportEvery
        }
        return (lines, effects.contains(.quit))
    }

    /// The alert events since the last read, as verbosity lets them through.
    mutating func alertLines() -> [String] {
        let book = app.monitor.alerts
        let closed = app.builder.closedAlertRows(book: book, world: world, after: watch.closedSeen)
        let open = app.builder.openAlertRows(book: book, world: world)
        return say(watch.update(open: open, closedNow: closed.rows, dropped: closed.dropped))
    }

    func say(_ events: [AlertEvent]) -> [String] {
        let places = self.places
        return events.compactMap { e in
            if case .closed = e, verbosity == .quiet { return nil }
            return Lines.alert(e, places: places)
        }
    }

    /// A demo's events, as lines.
    func announce(_ effects: [Effect]) -> [String] {
        var lines: [String] = []
        for case .announce(let event) in effects {
            switch event {
            case .chapter(let i, let at):
                let title = chapterTitles.indices.contains(i) ? ": " + Spoken.prose(chapterTitles[i]) : ""
                let through = chapterProgress.indices.contains(i) ? ", \(Spoken.percent(chapterProgress[i])) through the demo" : ""
                lines.append(Lines.fit("Chapter \(i + 1) of \(chapterTitles.count)\(through), at \(places.time(SimTime.zero + at))\(title)."))
            case .caption(let text, _):
                lines += Self.sentences(Spoken.prose(text), first: "Caption: ", then: "Caption, continued: ")
            case .skipped(let i, _):
                lines.append("The chapter ends early; on to chapter \(i + 1).")
            case .finished:
                lines.append("End of the demo. Type previous or replay to hear a chapter again, or quit.")
            case .cueFailed(let reason):
                lines.append(Lines.fit("Warning: \(Spoken.clean(reason))."))
            }
        }
        return lines
    }

    /// `text` in lines under `Lines.maxLength`, cut at words.
    static func sentences(_ text: String, first: String, then: String) -> [String] {
        var lines: [String] = []
        var current = first
        for word in text.split(separator: " ") {
            if current.count + word.count + 1 >= Lines.maxLength - 1 {
                lines.append(current)
                current = then
            }
            current += (current == first || current == then ? "" : " ") + word
        }
        lines.append(current)
        return lines
    }

    // MARK: Commands

    /// One typed line: its answer, and whether it ends the session.
    mutating func enter(_ line: String) -> (lines: [String], quit: Bool) {
        if let j = jump {
            // While a jump runs: stop now, quit now (unless lines wait before it), the rest
            // after it, in the order typed (a line that does not parse too).
            let command = try? LinearCommand.parse(line)
            if command == .stop || (command == .quit && waiting.isEmpty) { return run(command!) }
            guard !line.allSatisfy(\.isWhitespace) else { return ([], false) }
            waiting.append(line)
            if j.toldWaiting { return ([], false) }
            jump?.toldWaiting = true
            return ([Lines.fit("That waits for the jump to \(places.time(j.target)); type stop to stop the jump where it is.")], false)
        }
        let command: LinearCommand?
        do {
            command = try LinearCommand.parse(line)
        } catch {
            return ([Lines.fit(error.message)], false)
        }
        guard let command else { return ([], false) }
        return run(command)
    }

    /// A tick while a jump runs: how far it has got, now and then; once it is over, where it
    /// landed and the answers to the lines typed meanwhile.
    mutating func jumped(wall: Double, quit: Bool) -> (lines: [String], quit: Bool) {
        guard var j = jump else { return ([], quit) }
        if let seek = app.seek {
            let tenth = Int((seek.timeline(reached: app.monitor.now).fraction * 10).rounded(.down))
            guard let said = j.saidAt else {
                j.saidAt = wall
                jump = j
                return ([], quit)
            }
            guard tenth > j.saidTenth, wall - said >= Self.progressSeconds else { return ([], quit) }
            j.saidTenth = tenth
            j.saidAt = wall
            jump = j
            return (["Going to \(places.time(j.target)): \(tenth * 10) percent."], quit)
        }
        return landed(stopped: false)
    }

    /// The jump is over (done, or stopped where it had got to): where the run stands, then the
    /// lines that waited for it.
    mutating func landed(stopped: Bool) -> (lines: [String], quit: Bool) {
        guard let j = jump else { return ([], false) }
        jump = nil
        var lines: [String] = []
        let now = app.monitor.now
        if stopped {
            let part = RunTimeline.Seek(from: j.from, target: j.target, reached: now).fraction
            lines.append(Lines.fit("Stopped at \(places.time(now)), \(Int((part * 100).rounded(.down))) percent of the way to \(places.time(j.target))."))
        }
        if j.isRunUp {
            lines += arrived()
        } else {
            rebaseWatch()
            let m = model()
            mark = currentMark(m)
            if !stopped { lines.append("On to \(places.time(now)).") }
            lines.append(Lines.time(m, paused: state.paused, speed: state.speed))
        }
        let typed = waiting
        waiting = []
        for line in typed {
            let (answer, quit) = enter(line)
            lines += answer
            if quit { return (lines, true) }
        }
        return (lines, false)
    }

    /// `stop`, or Ctrl-C in the driver: the jump under way ends where it has got to, as Esc
    /// ends it on the screen (the key bound to "back" goes through the same path).
    mutating func stopJump() -> (lines: [String], quit: Bool) {
        guard jump != nil, app.seek != nil else { return (["No jump under way; stop stops a long go to where it has got to."], false) }
        _ = loop.send(.key(state.keys.keys(for: .back).first ?? .escape))
        return landed(stopped: true)
    }

    mutating func send(_ action: Action) -> Bool { loop.send(.action(action)).contains(.quit) }

    mutating func run(_ command: LinearCommand) -> (lines: [String], quit: Bool) {
        switch command {
        case .fleet:
            let m = model()
            mark = currentMark(m)
            return (Lines.fleet(m, filter: state.query.source, matching: m.table?.order.count), false)
        case .regions:
            return (Lines.regions(model()), false)
        case .region(let name):
            let m = model()
            let wanted = name.lowercased()
            let found = m.regions.filter { $0.name.lowercased().hasPrefix(wanted) || $0.id.rawValue.lowercased() == wanted }
            guard let r = found.first else {
                let names = Spoken.list(m.regions.map { Spoken.clean($0.name) })
                return ([Lines.fit("No region called \(Spoken.clean(String(name.prefix(40)))); the regions are \(names).")], false)
            }
            return ([Lines.region(r), Lines.localTimes(r)], false)
        case .car(let text):
            switch findCar(text) {
            case .failure(let error): return ([Lines.fit(error.message)], false)
            case .success(let v):
                _ = send(.select(vehicle: v))
                _ = send(.showView(.detail(vehicle: v)))
                let row = app.builder.rows(world: world, alerts: app.monitor.alerts, policies: app.monitor.policies, cars: [v])
                let alerts = app.builder.openAlertRows(book: app.monitor.alerts, world: world).filter { $0.vehicle == v }
                return (row.first.map { Lines.car($0, alerts: alerts, places: places) } ?? [], false)
            }
        case .destinations:
            return (Lines.destinations(model()), false)
        case .alerts:
            return (Lines.alerts(model(), places: places), false)
        case .changes:
            return ([changes()], false)
        case .time:
            return ([Lines.time(model(), paused: state.paused, speed: state.speed)], false)
        case .map:
            // One pass over the fleet's numbers; rows and positions for the cars named only.
            let census = MapCensus(world: world, alerts: app.monitor.alerts, policies: app.monitor.policies)
            let rows = app.builder.rows(world: world, alerts: app.monitor.alerts, policies: app.monitor.policies, cars: census.first)
            var positions: [Int: GeoPoint] = [:]
            for v in census.first { positions[v] = world.position(of: v) }
            let zones = world.config.zones
            return (Lines.map(census, rows: rows, positions: positions, places: places, zoneName: { zones[$0].name }), false)
        case .compliance:
            return (Lines.compliance(app.monitor.compliance, calendar: world.calendar), false)
        case .top(let count, let column):
            _ = send(.showView(.fleet))
            _ = send(.sortBy(column, descending: nil))
            let m = model()
            let order = m.table?.order ?? []
            let rows = app.builder.rows(world: world, alerts: app.monitor.alerts, policies: app.monitor.policies, cars: Array(order.prefix(count)))
            return (Lines.top(rows, by: column, of: order.count), false)
        case .filter(let text):
            return (filter(text), false)
        case .pause:
            _ = send(.setPaused(true))
            return (["Paused at \(places.time(app.monitor.now))."], false)
        case .resume:
            _ = send(.setPaused(false))
            if state.paused { return (["The demo has ended and holds; type previous or replay to hear a chapter again."], false) }
            return (["Running at \(Spoken.speed(state.speed)), from \(places.time(app.monitor.now))."], false)
        case .speed(let factor):
            _ = send(.setSpeed(factor))
            return (["Speed \(Spoken.speed(state.speed))\(state.paused ? "; still paused, type resume" : "")."], false)
        case .verbosity(let v):
            verbosity = v
            return (["Verbosity \(v.rawValue)."], false)
        case .acknowledge(let id):
            guard let alert = app.monitor.alerts.openAlerts.first(where: { $0.id == id }) else {
                return (["No open alert \(id); type alerts to hear the open ones and their numbers."], false)
            }
            // As the alert view's key does it: open the alert, acknowledge, back.
            let view = state.view
            _ = send(.showView(.alert(id: id)))
            _ = send(.perform(.acknowledge))
            _ = send(.showView(view))
            return ([Lines.fit("Alert \(id) acknowledged, \(Spoken.clean(alert.ruleID)) \(alert.severity.rawValue).")], false)
        case .next, .previous, .replay:
            guard isDemo else { return (["next, previous and replay are the demo's; run fleetwatch demo --linear for the demo."], false) }
            let key: Key = command == .next ? .right : command == .previous ? .left : .character("r")
            var effects = loop.send(.key(key))
            // A jump replays from the start: only what happens from the chapter it lands on is new.
            if let player = loop.program as? DemoPlayer {
                let start = player.script.chapters[player.chapter].start
                effects = effects.filter { e in
                    if case .announce(let event) = e { return DemoHeadless.time(of: event).map { $0 >= start } ?? true }
                    return true
                }
            }
            rebaseWatch()
            return (announce(effects), effects.contains(.quit))
        case .goTo(let target):
            guard !isDemo else { return (["The demo moves by chapters: type next, previous or replay."], false) }
            let before = app.monitor.now, said = state.status
            _ = send(.goTo(target))
            if let status = state.status, status != said, status.isError { return ([Lines.fit(Spoken.clean(status.text) + ".")], false) }
            if let seek = app.seek {
                // A long jump runs in ticks: its progress is said as it goes, its end once there.
                jump = Jump(isRunUp: false, from: seek.from, target: seek.target)
                return ([Lines.fit("Going to \(places.time(seek.target)) from \(places.time(before)); type stop to stop the jump where it has got to.")], false)
            }
            rebaseWatch()
            let m = model()
            mark = currentMark(m)
            let way = app.monitor.now < before ? "Back" : "On"
            return ([way + " to " + places.time(app.monitor.now) + ".", Lines.time(m, paused: state.paused, speed: state.speed)], false)
        case .stop:
            return stopJump()
        case .help:
            return (LinearCommand.helpLines, false)
        case .quit:
            // Through the reducer as the quit key goes; the session ends whatever it says.
            _ = send(.perform(.quit))
            return (["Goodbye."], true)
        }
    }

    /// After a jump in time (a demo's chapter, `go to`): the alerts open at the new time are the
    /// ones told from now on, and those closed before it are counted, not told.
    mutating func rebaseWatch() {
        let book = app.monitor.alerts
        watch.rebase(open: app.builder.openAlertRows(book: book, world: world), closedTotal: book.log.count + book.droppedFromLog)
    }

    /// The filter, typed into the `/` prompt key by key as a user would: the same editor, the
    /// same history, the same parse; a filter that does not parse is said and left out.
    mutating func filter(_ text: String) -> [String] {
        do {
            _ = try Query(parsing: text)
        } catch {
            return [Lines.fit("That filter does not parse at column \(error.column + 1): \(error.message). Example: filter class:military.")]
        }
        _ = send(.showView(.fleet))
        _ = send(.perform(.filter))
        _ = send(.key(.ctrl("a")))
        _ = send(.key(.ctrl("k")))
        for c in text { _ = send(.key(.character(c))) }
        _ = send(.key(.enter))
        if state.filter != nil { _ = send(.key(.escape)) }
        let m = model()
        let matching = m.table?.order.count ?? 0
        if state.query.isEmpty { return ["Filter off: all \(Spoken.count(matching, "car"))."] }
        return [Lines.fit("Filter in force: \(Spoken.clean(state.query.source)); \(Spoken.count(matching, "car")) of \(m.fleet.cars) match.")]
    }

    /// A car by its VIN, the start of it, its end, or "start…end" (as the lines say it).
    func findCar(_ text: String) -> Result<Int, LinearCommandError> {
        let wanted = text.uppercased().replacingOccurrences(of: "...", with: "…").replacingOccurrences(of: " ", with: "")
        let parts = wanted.split(separator: "…", omittingEmptySubsequences: false).map(String.init)
        let world = self.world
        var hits: [Int] = []
        for i in 0..<world.carCount where world.isActive(i) {
            let vin = world.vin(of: i).description
            let match = parts.count == 2
                ? vin.hasPrefix(parts[0]) && vin.hasSuffix(parts[1])
                : vin == wanted || vin.hasPrefix(wanted) || vin.hasSuffix(wanted)
            if match { hits.append(i) }
            if hits.count > 5 { break }
        }
        let shown = Spoken.clean(String(text.prefix(40)))
        if hits.count == 1 { return .success(hits[0]) }
        if hits.isEmpty { return .failure(LinearCommandError("No car's VIN starts or ends with \(shown); type top 10 to hear some VINs.")) }
        return .failure(LinearCommandError("More than one car's VIN matches \(shown); give more of the VIN."))
    }

    func currentMark(_ m: DashboardModel) -> Lines.Mark {
        Lines.Mark(time: m.clock, bytes: m.fleet.upBytes &+ m.fleet.downBytes, raised: watch.raised, escalated: watch.escalated, closed: watch.closed)
    }

    mutating func changes() -> String {
        let m = model()
        let now = currentMark(m)
        defer { mark = now }
        return Lines.changes(from: mark, to: now, model: m, places: places)
    }
}
