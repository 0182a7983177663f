import Simulation

/// Where the fleet stands on one `ComplianceMeasure` at `now`: the count in its window to date,
/// the rate of new ones, and the projection to the end of the window at that rate.
///
/// Definitions (ARCHITECTURE.md, "Compliance over time"; every figure is re-derived by
/// scripts/recheck.py from the flow log):
/// - `toDate`: distinct cars (people) with a counting flow in the window, up to now;
/// - `newInRatePeriod`: those whose first counting flow in the window (US: since they last
///   entered it) is at or after `rateStart` = max(`countedFrom`, now − 24 h);
/// - rate = `newInRatePeriod` / (now − `rateStart`), per day;
/// - `projected` = `toDate` + ⌊`newInRatePeriod` · (`horizon` − now) / (now − `rateStart`)⌋,
///   at most `population`; `toDate` when now = `rateStart`;
/// - `crossing`: the first instant the same straight line reaches `trigger`, if that is by
///   `horizon` and `population` can reach it; nil otherwise (or when already crossed).
public struct ComplianceStanding: Hashable, Sendable {
    public var measure: ComplianceMeasure
    /// Where the legal window starts (possibly before the run: the run cannot see that part).
    public var windowStart: SimTime
    /// Where the window ends: the next 1 January (CN), now (US).
    public var windowEnd: SimTime
    /// The part of the window the run covers starts here: max(0, `windowStart`).
    public var countedFrom: SimTime
    public var toDate: Int
    public var rateStart: SimTime
    public var newInRatePeriod: Int
    /// Where the projection ends: the window's end (CN); 12 months after the run's start (US),
    /// or now once the run is older than that.
    public var horizon: SimTime
    public var projected: Int
    /// Cars (or people) of the market that could count: the cap of `projected`.
    public var population: Int
    public var crossing: SimTime?
    /// The zone whose calendar dates are shown for this measure.
    public var timeZone: TimeZoneRule

    public var trigger: Int { measure.trigger }
    public var crossed: Bool { toDate >= measure.trigger }
    /// New ones per simulated day; 0 when no time has passed in the window.
    public var ratePerDay: Double {
        let span = rateSpan
        return span > 0 ? Double(newInRatePeriod) * 86_400e9 / Double(span) : 0
    }
    public var rateSpan: Int64 { nowNanoseconds - rateStart.nanoseconds }
    var nowNanoseconds: Int64

    /// `toDate` as a share of the threshold figure (0.312 for 312 of 1,000).
    public var fraction: Double { Double(toDate) / Double(measure.threshold) }
}

/// Every measure at one time.
public struct ComplianceReport: Hashable, Sendable {
    public var now: SimTime
    public var standings: [ComplianceStanding]
    /// Drivers replaced by the timeline (`assign-driver`), in order: the car, the time, and how
    /// many flows the monitor had judged before (flows with `flowId` up to it were the former
    /// driver's).
    public var driverChanges: [DriverChange]

    public struct DriverChange: Hashable, Sendable {
        public var vehicle: Int
        public var time: SimTime
        public var flowsBefore: UInt64
    }

    public func standing(_ m: ComplianceMeasure) -> ComplianceStanding? { standings.first { $0.measure == m } }
}

extension ComplianceLedger {
    static let day: Int64 = 86_400 * 1_000_000_000

    /// The report at `now`; `markets[car]` is each car's market, `usZone` the zone US dates are shown in.
    /// - Complexity: O(cars + driver changes) per measure.
    func report(now: SimTime, markets: [Market], usZone: TimeZoneRule) -> ComplianceReport {
        let t = now.nanoseconds
        let usCars = markets.lazy.filter { $0 == .us }.count, cnCars = markets.count - usCars
        var standings: [ComplianceStanding] = []
        for m in ComplianceMeasure.allCases {
            let windowStart: Int64, windowEnd: Int64, horizon: Int64
            if m.window == .calendarYear {
                (windowStart, windowEnd) = Self.chinaYear(startUTC: startUTC, containing: t)
                horizon = windowEnd
            } else {
                windowStart = Self.monthsBack(12, from: t, startUTC: startUTC)
                windowEnd = t
                horizon = max(t, Self.shifted(0, byMonths: 12, startUTC: startUTC))
            }
            let countedFrom = max(0, windowStart)
            let rateStart = max(countedFrom, t - Self.day)
            var toDate = 0, fresh = 0
            let times = m.index < entered.count ? entered[m.index] : []
            if m.window == .calendarYear {
                for f in times where f >= windowStart && f <= t {
                    toDate += 1
                    if f >= rateStart { fresh += 1 }
                }
                if m.unit == .people {
                    for f in formerDrivers[m == .cnPersonalInformation ? 0 : 1] where f >= windowStart && f <= t {
                        toDate += 1
                        if f >= rateStart { fresh += 1 }
                    }
                }
            } else {
                let lasts = last[m.index]
                for (c, l) in lasts.enumerated() where l >= windowStart && l != Self.never {
                    toDate += 1
                    if times[c] >= rateStart { fresh += 1 }
                }
            }
            let population = m.market == .us ? usCars : cnCars + (m.unit == .people ? formerDriverCount : 0)
            let span = t - rateStart, remaining = horizon - t
            var projected = toDate
            if span > 0, fresh > 0, remaining > 0 {
                projected = population
                let (hi, lo) = UInt64(fresh).multipliedFullWidth(by: UInt64(remaining))
                if hi < UInt64(span) {
                    let q = UInt64(span).dividingFullWidth((hi, lo)).quotient
                    if q < UInt64(population) { projected = min(population, toDate + Int(q)) }
                }
            }
            var crossing: Int64? = nil
            if toDate < m.trigger, span > 0, fresh > 0, population >= m.trigger {
                // The first instant toDate + fresh · dt / span ≥ trigger: dt = ⌈(trigger − toDate) · span / fresh⌉.
                let (hi, lo) = UInt64(m.trigger - toDate).multipliedFullWidth(by: UInt64(span))
                let (q, r) = UInt64(fresh).dividingFullWidth((hi, lo))
                let dt = q + (r > 0 ? 1 : 0)
                if dt <= UInt64(remaining) { crossing = t + Int64(dt) }
            }
            standings.append(ComplianceStanding(
                measure: m, windowStart: SimTime(nanoseconds: windowStart), windowEnd: SimTime(nanoseconds: windowEnd),
                countedFrom: SimTime(nanoseconds: countedFrom), toDate: toDate, rateStart: SimTime(nanoseconds: rateStart),
                newInRatePeriod: fresh, horizon: SimTime(nanoseconds: horizon), projected: projected, population: population,
                crossing: crossing.map { SimTime(nanoseconds: $0) }, timeZone: m.market == .cn ? .shanghai : usZone,
                nowNanoseconds: t))
        }
        return ComplianceReport(now: now, standings: standings, driverChanges: driverChanges)
    }
}
