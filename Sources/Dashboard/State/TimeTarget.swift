import Fleet
import Simulation

/// Where "go to time" goes (the `g` prompt, the linear mode's `go to`, the keys `[ ] { }`).
///
/// - `2h`, `1d3h`, `90s`: a simulated time, counted from the run's start.
/// - `-10m`, `+1h`: back or forward from the time on screen.
/// - `09:15`, `17:30:10`: that time of day on the scenario's calendar (the header's first
///   clock), on the day on screen; `tue 17:30` (or `tuesday 17:30`): on that day of the week on
///   screen, Monday to Sunday.
/// - `start`: the run's start; `end`: the furthest time simulated so far.
public enum TimeTarget: Hashable, Sendable {
    case at(SimDuration)
    case by(SimDuration, forward: Bool)
    /// `weekday`: 0 = Sunday … 6 = Saturday; `second`: of the day, 0 to 86,399.
    case clock(weekday: Int?, second: Int)
    case start
    case end

    /// The furthest simulated time a jump may go to: a year from the start.
    public static let limit = SimDuration.seconds(Int64(366 * 86_400))
    /// The longest text the prompt takes.
    public static let maxLength = 40

    static let weekdays: [(short: String, long: String)] = [
        ("sun", "sunday"), ("mon", "monday"), ("tue", "tuesday"), ("wed", "wednesday"),
        ("thu", "thursday"), ("fri", "friday"), ("sat", "saturday"),
    ]

    /// Parses the prompt's text; an error names the column where the problem starts.
    public init(parsing text: String) throws(QueryError) {
        let chars = Array(text)
        guard chars.count <= Self.maxLength else {
            throw QueryError(message: "the time is longer than \(Self.maxLength) characters", column: Self.maxLength)
        }
        let lead = chars.prefix(while: \.isWhitespace).count
        let body = String(chars[lead...]).trimmingWhitespace()
        guard !body.isEmpty else {
            throw QueryError(message: "type a time: 2h, 1d3h, -10m, +1h, 09:15, tue 17:30, start or end", column: lead)
        }
        switch body.lowercased() {
        case "start": self = .start; return
        case "end": self = .end; return
        default: break
        }
        if let sign = body.first, sign == "-" || sign == "+" {
            let amount = try Self.duration(String(body.dropFirst()), column: lead + 1)
            self = .by(amount, forward: sign == "+")
            return
        }
        let words = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.count == 2 {
            let name = words[0].lowercased()
            guard let day = Self.weekdays.firstIndex(where: { $0.short == name || $0.long == name }) else {
                throw QueryError(message: "'\(words[0])' is no day of the week: mon, tue, wed, thu, fri, sat or sun", column: lead)
            }
            let afterDay = body.dropFirst(words[0].count)
            let clockColumn = lead + words[0].count + afterDay.prefix(while: \.isWhitespace).count
            self = .clock(weekday: day, second: try Self.clock(words[1], column: clockColumn))
            return
        }
        guard words.count == 1 else {
            throw QueryError(message: "one time only: 2h, -10m, 09:15 or tue 17:30", column: lead)
        }
        if body.contains(":") {
            self = .clock(weekday: nil, second: try Self.clock(body, column: lead))
        } else {
            self = .at(try Self.duration(body, column: lead))
        }
    }

    static func duration(_ text: String, column: Int) throws(QueryError) -> SimDuration {
        do {
            return try SimDuration(parsing: text)
        } catch {
            throw QueryError(message: error.advice, column: column)
        }
    }

    /// `9:15`, `09:15`, `17:30:10`: seconds of the day.
    static func clock(_ text: String, column: Int) throws(QueryError) -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let limits = [23, 59, 59]
        guard (2...3).contains(parts.count) else {
            throw QueryError(message: "a time of day is HH:MM or HH:MM:SS, such as 09:15", column: column)
        }
        var seconds = 0
        var offset = column
        for (i, part) in parts.enumerated() {
            guard (1...2).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(part), v <= limits[i] else {
                throw QueryError(message: "a time of day is HH:MM or HH:MM:SS, 00:00 to 23:59:59, such as 09:15", column: offset)
            }
            seconds = seconds * 60 + v
            offset += part.count + 1
        }
        return parts.count == 2 ? seconds * 60 : seconds
    }

    /// The simulated time the target names, seen from `now` (the time on screen), on the
    /// scenario's calendar `clock`, with `furthest` the furthest time simulated; or why it names
    /// none (before the start, past the limit).
    public func resolve(now: SimTime, clock: ScenarioClock, furthest: SimTime) -> Result<SimTime, TimeTargetError> {
        let time: SimTime
        switch self {
        case .at(let d): time = .zero + d
        case .by(let d, let forward): time = forward ? now + d : SimTime(nanoseconds: now.nanoseconds - d.nanoseconds)
        case .start: time = .zero
        case .end: time = furthest
        case .clock(let weekday, let second):
            // Local seconds since the start's midnight on the calendar: the day on screen (or
            // its week, Monday first), at that second.
            let startSecond = Int64((clock.start.hour * 3600).rounded())
            let local = now.nanoseconds / 1_000_000_000 + startSecond
            var day = Civil.floorDiv(local, 86_400)
            if let weekday {
                let startWeekday = Civil.weekday(days: Civil.days(year: clock.start.year, month: clock.start.month, day: clock.start.day))
                let today = Int(Civil.floorMod(Int64(startWeekday) + day, 7))
                let mondayFirst = { (w: Int) in (w + 6) % 7 }
                day += Int64(mondayFirst(weekday) - mondayFirst(today))
            }
            time = SimTime(nanoseconds: (day * 86_400 + Int64(second) - startSecond) * 1_000_000_000)
        }
        if time < .zero {
            return .failure(TimeTargetError(message: "that is before the run's start (\(clock.label(at: .zero))); start goes there"))
        }
        if time > .zero + Self.limit {
            return .failure(TimeTargetError(message: "that is more than \(Int(Self.limit.seconds / 86_400)) days after the start"))
        }
        return .success(time)
    }
}

/// Why a time target names no time of the run.
public struct TimeTargetError: Error, Hashable, Sendable {
    public var message: String
}
