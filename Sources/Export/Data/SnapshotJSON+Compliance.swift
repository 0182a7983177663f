import Dashboard
import Fleet
import Simulation

extension SnapshotJSON {
    /// The `compliance` section: each measure's window, count to date, rate and projection, in
    /// integers where they are counts and nanoseconds where they are times, so that
    /// scripts/recheck.py can recount every figure from the flow log (docs/recheck.md).
    static func compliance(_ report: ComplianceReport, calendar: SimCalendar?) -> JSONValue {
        .object([
            ("rate_period_ns", .int(86_400_000_000_000)),
            ("countries_of_concern", .array(countriesOfConcern.sorted().map { .string($0.rawValue) })),
            ("measures", .array(report.standings.map { measure($0, calendar: calendar) })),
            ("driver_changes", .array(report.driverChanges.map { c in
                .object([("vehicle", .int(Int64(c.vehicle))), ("time_ns", .int(c.time.nanoseconds)), ("flows_before", .uint(c.flowsBefore))])
            })),
        ])
    }

    static func measure(_ s: ComplianceStanding, calendar: SimCalendar?) -> JSONValue {
        let m = s.measure, text = ComplianceText(s, calendar: calendar)
        return .object([
            ("id", .string(m.rawValue)), ("title", .string(m.title)), ("source", .string(m.source)),
            ("market", .string(m.market.rawValue)), ("unit", .string(m.unit.rawValue)), ("window", .string(m.window.rawValue)),
            ("counts", .string(m.definition)),
            ("threshold", .int(Int64(m.threshold))), ("threshold_text", .string(m.thresholdText)),
            ("strictly_more", .bool(m.strictlyMore)), ("trigger", .int(Int64(m.trigger))),
            ("window_start_ns", .int(s.windowStart.nanoseconds)), ("window_end_ns", .int(s.windowEnd.nanoseconds)),
            ("counted_from_ns", .int(s.countedFrom.nanoseconds)),
            ("to_date", .int(Int64(s.toDate))), ("fraction", .double(s.fraction, 6)), ("crossed", .bool(s.crossed)),
            ("rate_start_ns", .int(s.rateStart.nanoseconds)), ("new_in_rate_period", .int(Int64(s.newInRatePeriod))),
            ("rate_per_day", .double(s.ratePerDay, 3)),
            ("horizon_ns", .int(s.horizon.nanoseconds)), ("horizon_date", .string(text.date(s.horizon))),
            ("population", .int(Int64(s.population))), ("projected", .int(Int64(s.projected))),
            ("crossing_ns", s.crossing.map { .int($0.nanoseconds) } ?? .null),
            ("crossing_date", .optional(s.crossing.map { text.date($0) })),
            ("time_zone", .string(s.timeZone.name)),
            ("summary", .string([text.status, text.window, text.rate, text.projection, text.crossing].joined(separator: "; "))),
        ])
    }
}
