import Fleet
import Screen
import Simulation
import Testing
@testable import Dashboard

/// Going to a time (issue 17) in the dashboard's own layer: the `g` prompt's language, what
/// its times resolve to on the scenario's calendar, the keys, and the timeline strip.
@Suite struct TimeTravelStateTests {
    /// The default scenario's calendar: Monday 2026-11-30, 08:00.
    let clock = ScenarioClock(start: StartDate(year: 2026, month: 11, day: 30, hour: 8, utcOffsetMinutes: 480))

    func at(_ seconds: Int64) -> SimTime { SimTime.zero + .seconds(seconds) }

    func resolve(_ text: String, now: Int64, furthest: Int64 = 0) throws -> SimTime {
        try TimeTarget(parsing: text).resolve(now: at(now), clock: clock, furthest: at(furthest)).get()
    }

    @Test func theLanguage() throws {
        #expect(try TimeTarget(parsing: "2h") == .at(.seconds(Int64(7200))))
        #expect(try TimeTarget(parsing: " 1d3h ") == .at(.seconds(Int64(97_200))))
        #expect(try TimeTarget(parsing: "-10m") == .by(.seconds(Int64(600)), forward: false))
        #expect(try TimeTarget(parsing: "+1h") == .by(.seconds(Int64(3600)), forward: true))
        #expect(try TimeTarget(parsing: "09:15") == .clock(weekday: nil, second: 9 * 3600 + 15 * 60))
        #expect(try TimeTarget(parsing: "9:15:30") == .clock(weekday: nil, second: 9 * 3600 + 15 * 60 + 30))
        #expect(try TimeTarget(parsing: "tue 17:30") == .clock(weekday: 2, second: 17 * 3600 + 30 * 60))
        #expect(try TimeTarget(parsing: "Sunday 00:00") == .clock(weekday: 0, second: 0))
        #expect(try TimeTarget(parsing: "END") == .end)
        #expect(try TimeTarget(parsing: "start") == .start)
    }

    /// Each mistake says what is wrong and where it starts.
    @Test func mistakesNameTheirColumn() {
        func error(_ text: String) -> QueryError? {
            do { _ = try TimeTarget(parsing: text); return nil } catch { return error }
        }
        #expect(error("25:00")?.column == 0)
        #expect(error("tue 17:61")?.column == 7, "the minutes, after 'tue 17:'")
        #expect(error("tue 17:61")?.message.contains("HH:MM") == true)
        #expect(error("someday 10:00")?.message.contains("day of the week") == true)
        #expect(error("2 hours")?.message.contains("day of the week") == true)
        #expect(error("mon tue 10:00")?.message.contains("one time only") == true)
        #expect(error("-")?.column == 1)
        #expect(error("")?.message.contains("type a time") == true)
        #expect(error(String(repeating: "1", count: 41))?.column == TimeTarget.maxLength)
        #expect(error("2x") != nil)
    }

    @Test func timesResolveOnTheScenarioCalendar() throws {
        // Monday 10:30 on screen (2.5 h in).
        let now: Int64 = 9000
        #expect(try resolve("2h", now: now) == at(7200))
        #expect(try resolve("-10m", now: now) == at(8400))
        #expect(try resolve("+1h", now: now) == at(12_600))
        #expect(try resolve("09:15", now: now) == at(4500), "today's 09:15")
        #expect(try resolve("17:30", now: now) == at(34_200))
        #expect(try resolve("mon 12:00", now: now) == at(14_400))
        #expect(try resolve("tue 17:30", now: now) == at(86_400 + 34_200), "Tuesday of this week")
        #expect(try resolve("sun 08:00", now: now) == at(6 * 86_400), "the week runs Monday to Sunday")
        // From Wednesday, Monday is back in the week.
        #expect(try resolve("mon 09:00", now: 2 * 86_400 + 100) == at(3600))
        #expect(try resolve("end", now: now, furthest: 50_000) == at(50_000))
        #expect(try resolve("start", now: now) == .zero)
        // Before the start, or past the year: no time, and why.
        for text in ["07:00", "-3h", "mon 07:59"] {
            let result = try TimeTarget(parsing: text).resolve(now: at(now), clock: clock, furthest: at(now))
            guard case .failure(let e) = result else { Issue.record("\(text) resolved"); continue }
            #expect(e.message.contains("before the run's start"))
        }
        guard case .failure = try TimeTarget(parsing: "400d").resolve(now: at(now), clock: clock, furthest: .zero) else {
            Issue.record("400d resolved")
            return
        }
    }

    let frame = FrameContext(visibleVehicles: [0, 1, 2], alertIDs: [40, 41], tableRows: 3, tableTop: 5)

    func run(_ keys: [Key], from state: DashboardState = DashboardState()) -> (DashboardState, [Command]) {
        var s = state
        var commands: [Command] = []
        for k in keys { commands += s.reduce(.key(k), frame: frame) }
        return (s, commands)
    }

    @Test func theKeys() {
        let minute = SimDuration.seconds(Int64(60)), ten = SimDuration.seconds(Int64(600))
        #expect(run([.character("[")]).1 == [.goTo(.by(minute, forward: false))])
        #expect(run([.character("]")]).1 == [.goTo(.by(minute, forward: true))])
        #expect(run([.character("{")]).1 == [.goTo(.by(ten, forward: false))])
        #expect(run([.character("}")]).1 == [.goTo(.by(ten, forward: true))])
        #expect(run([.character("t")]).0.showTimeline)
        #expect(!run([.character("t"), .character("t")]).0.showTimeline)
        // b: the selected alert's first flow, from the alert list or the alert's own view.
        #expect(run([.character("a"), .down, .character("b")]).1 == [.goToAlert(alertID: 41)])
        var alertView = DashboardState()
        alertView.view = .alert(id: 42)
        #expect(run([.character("b")], from: alertView).1 == [.goToAlert(alertID: 42)])
        #expect(run([.character("b")]).1.isEmpty, "no alert selected: nothing")
    }

    /// The prompt: the strip shows while it is open, Enter goes only to a time that parses, Esc
    /// closes it, Up brings back the last time gone to; the filter is left alone.
    @Test func thePrompt() {
        let typed = { (s: String) in s.map { Key.character($0) } }
        var (s, commands) = run([.character("g")])
        #expect(s.filter?.purpose == .goTo && s.timelineShown && !s.showTimeline)
        (s, commands) = run(typed("tue 25:00") + [.enter], from: s)
        #expect(commands.isEmpty && s.filter?.error != nil, "no jump to a time that does not parse")
        (s, commands) = run([.ctrl("u")] + typed("-10m") + [.enter], from: s)
        #expect(commands == [.goTo(.by(.seconds(Int64(600)), forward: false))])
        #expect(s.filter == nil && !s.timelineShown && s.query.isEmpty)
        (s, commands) = run([.character("g"), .up, .enter], from: s)
        #expect(commands == [.goTo(.by(.seconds(Int64(600)), forward: false))], "history")
        (s, commands) = run([.character("g")] + typed("2h") + [.escape], from: s)
        #expect(commands.isEmpty && s.filter == nil)
        #expect(s.promptHistory.entries.isEmpty, "times are not mixed into the filters' history")
    }

    /// The strip at 80 columns: the run to the next hour, the time on screen, what lies ahead
    /// after a jump back, the dotted part not yet simulated, and the alerts under it.
    @Test func theStrip() {
        var marks = AlertMarks()
        marks.add(at(600), .high)
        marks.add(at(630), .watch)  // the same cell: the most severe shows
        marks.add(at(5400), .critical)
        let style = ViewStyle(theme: .dark, glyphs: .unicode, clock: clock, now: at(1800))
        var buffer = Buffer(width: 100, height: 2)
        let strip = TimelineStrip(style: style, timeline: RunTimeline(now: at(1800), simulated: at(5400), marks: marks))
        strip.render(into: &buffer, area: buffer.area)
        let rows = [buffer.line(0), buffer.line(1)]
        #expect(rows[0].hasPrefix("08:00:00 ━━━━━━━━─"), "8 of 31 cells: half an hour of two")
        #expect(rows[0].contains("─·"), "the light line ahead, then the track not yet simulated: \(rows[0])")
        #expect(rows[0].contains("10:00:00  at 08:30:00 · simulated to 09:30:00"), "\(rows[0])")
        #expect(rows[1].hasPrefix("  alerts "))
        let bar = Array(rows[1].dropFirst(9))
        #expect(bar.filter { $0 != " " } == ["▲", "◆"], "\(String(bar))")
        // A jump under way says where to and how far.
        let seeking = TimelineStrip(style: style, timeline: RunTimeline(
            now: at(1800), simulated: at(5400), marks: marks, seek: .init(from: .zero, target: at(3600), reached: at(1800))))
        var b2 = Buffer(width: 100, height: 2)
        seeking.render(into: &b2, area: b2.area)
        #expect(b2.text.contains("going to 09:00:00 50 %"))
    }

    @Test func alertMarksAreBoundedForAnyRunLength() {
        var marks = AlertMarks()
        for day in 0..<400 { marks.add(at(Int64(day) * 86_400 + 3600), .watch) }
        #expect(marks.bins.count <= AlertMarks.maxBins)
        #expect(marks.mark(from: 399 * 86_400, to: 400 * 86_400) == 1)
        #expect(marks.mark(from: 0, to: 60) == 1, "the first hour's alert is in the first, now wider, stretch")
    }
}
