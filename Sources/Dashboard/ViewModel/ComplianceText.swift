import Fleet
import Screen
import Simulation

/// The words of one compliance standing, shared by the compliance view and the text of the
/// exports: every figure is the `ComplianceStanding`'s, only put in words. Dates are the
/// scenario calendar's, in the measure's zone (Shanghai for China, the first US area's for the
/// US): `2027-04-08`.
public struct ComplianceText: Sendable {
    public let standing: ComplianceStanding
    public let calendar: SimCalendar?

    public init(_ standing: ComplianceStanding, calendar: SimCalendar?) {
        self.standing = standing
        self.calendar = calendar
    }

    /// "1,000", "100,000".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// What one count is, singular and plural.
    public static func noun(_ m: ComplianceMeasure, _ n: Int) -> String {
        switch m.unit {
        case .people: n == 1 ? "person" : "people"
        case .devices: m.market == .cn ? (n == 1 ? "car" : "cars") : (n == 1 ? "device" : "devices")
        }
    }

    /// `2027-04-08` in the measure's zone; the elapsed time without a calendar.
    public func date(_ t: SimTime) -> String {
        guard let calendar else { return "t+" + String(Int(t.seconds / 86_400)) + "d" }
        let l = calendar.local(standing.timeZone, at: t)
        return "\(l.year)-\(Self.two(l.month))-\(Self.two(l.day))"
    }

    /// `2026-11-30 08:00`.
    public func dateTime(_ t: SimTime) -> String {
        guard let calendar else { return date(t) }
        return date(t) + " " + calendar.local(standing.timeZone, at: t).clock
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    var m: ComplianceMeasure { standing.measure }

    /// "3 of 1,000 devices (0.3%)"; "2 cars (any at all counts)" for a threshold of one.
    public var status: String {
        let s = standing
        if m.threshold == 1 { return "\(Self.grouped(s.toDate)) \(Self.noun(m, s.toDate))" + (s.crossed ? ": crossed" : ": none") }
        // Enough decimals that a count above zero never reads as 0%.
        let pct = Self.percent(s.fraction, s.fraction >= 0.1 || s.toDate == 0 ? 0 : s.fraction >= 0.001 ? 1 : s.fraction >= 0.0001 ? 2 : 3)
        return "\(Self.grouped(s.toDate)) of \(Self.grouped(m.threshold)) \(Self.noun(m, m.threshold)) (\(pct))" + (s.crossed ? ": crossed" : "")
    }

    static func percent(_ r: Double, _ decimals: Int) -> String { Format.decimal(r * 100, decimals: decimals) + "%" }

    /// "in 2026 since 1 January (run from 2026-11-30 08:00)"; "in the 12 months to now".
    public var window: String {
        let s = standing
        let head: String
        if m.window == .calendarYear {
            let year = calendar.map { $0.local(s.timeZone, at: s.windowEnd).year - 1 } ?? 0
            head = "in \(year) since 1 January"
        } else {
            head = "in the 12 months to now"
        }
        return s.countedFrom > s.windowStart ? head + " (run from " + dateTime(s.countedFrom) + ")" : head
    }

    /// "3 new in the last 24 h, 3.0 a day"; "… in the 2 h 10 m since the run's start".
    public var rate: String {
        let s = standing
        let span = Double(s.rateSpan) / 1e9
        let period = span >= 86_400 ? "in the last 24 h" : "in the " + Self.span(span) + " since " + (s.rateStart.nanoseconds == 0 ? "the start" : "the window opened")
        return "\(Self.grouped(s.newInRatePeriod)) new \(period), " + Self.perDay(s.ratePerDay) + " a day"
    }

    static func perDay(_ r: Double) -> String {
        r >= 10 ? String(Int(r.rounded())) : String((r * 10).rounded() / 10)
    }

    static func span(_ seconds: Double) -> String {
        let m = Int(seconds / 60)
        if m < 60 { return "\(max(m, 0)) min" }
        return m % 60 == 0 ? "\(m / 60) h" : "\(m / 60) h \(m % 60) min"
    }

    /// "projected 1,062 by 2027-11-30"; "(all 300 US devices of the fleet)" when capped.
    public var projection: String {
        let s = standing
        var text = "projected \(Self.grouped(s.projected)) by \(date(s.horizon))"
        if s.projected == s.population, s.projected > s.toDate { text += " (all of the fleet's)" }
        return text
    }

    /// "crosses 1,001 on 2027-11-10", "crossed", "not at this rate".
    public var crossing: String {
        let s = standing
        if s.crossed { return "crossed" }
        if let c = s.crossing { return "crosses \(Self.grouped(m.trigger)) on \(date(c))" }
        return "not at this rate"
    }

    /// Said when the fleet cannot reach the figure at all: "the fleet has 300 US cars, fewer than 1,001".
    public var scale: String? {
        let s = standing
        guard s.population < m.trigger else { return nil }
        let who = m.unit == .people ? "drivers of CN cars" : "\(m.market.rawValue) cars"
        return "the fleet has \(Self.grouped(s.population)) \(who), fewer than \(Self.grouped(m.trigger)): it cannot cross here, whatever the rate"
    }
}
