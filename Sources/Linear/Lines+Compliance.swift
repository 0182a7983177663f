import Dashboard
import Fleet
import Simulation

extension Lines {
    /// One line per threshold, fields named, numbers in words: "China, sensitive personal info:
    /// 5 people of 10,000, 0.05 percent, in 2026; rate: 5 new ones in 2 hours; projected: 300 by
    /// 2027-01-01, all of the fleet's; threshold: not at this rate." The figures are the
    /// compliance view's (`ComplianceText` over the same report).
    public static func compliance(_ report: ComplianceReport, calendar: SimCalendar?) -> [String] {
        report.standings.map { s in
            let text = ComplianceText(s, calendar: calendar), m = s.measure
            let noun = ComplianceText.noun(m, 1)
            var parts: [String] = []
            let count = Spoken.count(s.toDate, noun, ComplianceText.noun(m, 2))
            if m.threshold == 1 {
                parts.append(count + (s.crossed ? ", any at all crosses it: crossed" : ", any at all would cross it"))
            } else {
                let decimals = s.fraction >= 0.1 || s.toDate == 0 ? 0 : s.fraction >= 0.001 ? 1 : s.fraction >= 0.0001 ? 2 : 3
                parts.append(count + " of " + ComplianceText.grouped(m.threshold) + ", " + Spoken.percent(s.fraction, decimals: decimals))
            }
            // The window in short (the line stays under 200 characters); the view gives the run's start.
            if m.window == .calendarYear, let calendar {
                parts[0] += ", in \(calendar.local(s.timeZone, at: s.windowEnd).year - 1)"
            } else {
                parts[0] += m.window == .calendarYear ? ", this year" : ", in the last 12 months"
            }
            let span = Double(s.rateSpan) / 1e9
            let period = span >= 86_400 ? "in the last 24 hours" : "in " + Spoken.duration(span)
            let rate = "rate: " + Spoken.count(s.newInRatePeriod, "new one", "new ones") + " " + period
            var projection = "projected: " + ComplianceText.grouped(s.projected) + " by " + text.date(s.horizon)
            if s.projected == s.population, s.projected > s.toDate { projection += ", all of the fleet's" }
            let crossing = "threshold: " + text.crossing
            let head = (m.market == .us ? "United States, " : "China, ") + m.shortTitle.drop { $0 != " " }.dropFirst()
            return fit(head + ": " + parts[0] + "; " + rate + "; " + projection + "; " + crossing + ".")
        }
    }
}
