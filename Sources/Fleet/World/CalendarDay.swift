import Simulation

/// The calendar day of a simulated time, from the configured start date (proleptic Gregorian,
/// no time zones: the simulation keeps local time of its region).
public struct CalendarDay: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(start: StartDate, at time: SimTime) {
        var days = Int(((start.hour * 3600 + time.seconds) / 86_400).rounded(.down))
        var y = start.year, m = start.month, d = start.day
        func length(_ y: Int, _ m: Int) -> Int {
            switch m {
            case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
        while days > 0 {
            let left = length(y, m) - d
            if days <= left { d += days; days = 0 } else {
                days -= left + 1
                d = 1
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        }
        year = y
        month = m
        day = d
    }
}
