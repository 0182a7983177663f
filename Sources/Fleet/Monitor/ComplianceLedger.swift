import Simulation

/// A threshold of a rule set that counts distinct devices or people over a window
/// (../shared/DOMAIN.md, "Rules with thresholds and dates"). What counts is fixed by the law's
/// words as ARCHITECTURE.md ("Compliance over time") states them, with the rules' own category
/// sets (`PolicySet.locationCategories`, `collectedExteriorCameraCategories`).
public enum ComplianceMeasure: String, CaseIterable, Hashable, Sendable {
    /// 28 CFR §202.205, §202.242: precise geolocation of more than 1,000 US devices reaching a
    /// country of concern in any 12 months.
    case usBulkGeolocation = "us-bulk-precise-geolocation"
    /// 28 CFR §202.222: any precise geolocation produced inside a listed US government site
    /// reaching a country of concern, whatever the volume.
    case usGovernmentSites = "us-government-site-geolocation"
    /// Provisions on Promoting and Regulating Cross-Border Data Flows (2024), Art. 7-8:
    /// personal information of 100,000 people or more a year leaving China.
    case cnPersonalInformation = "cn-personal-information"
    /// The same provisions: sensitive personal information of 10,000 people or more a year.
    case cnSensitivePersonalInformation = "cn-sensitive-personal-information"
    /// The same provisions and CAC 2021 Art. 3: important data leaving China, at all.
    case cnImportantData = "cn-important-data"

    /// Dense index, for the ledger's arrays.
    @inlinable public var index: Int {
        switch self {
        case .usBulkGeolocation: 0
        case .usGovernmentSites: 1
        case .cnPersonalInformation: 2
        case .cnSensitivePersonalInformation: 3
        case .cnImportantData: 4
        }
    }

    /// The market whose cars it counts.
    public var market: Market {
        switch self {
        case .usBulkGeolocation, .usGovernmentSites: .us
        case .cnPersonalInformation, .cnSensitivePersonalInformation, .cnImportantData: .cn
        }
    }

    /// What one count is: a car (a device), or a person (a car's driver).
    public var unit: ComplianceUnit {
        switch self {
        case .usBulkGeolocation, .usGovernmentSites, .cnImportantData: .devices
        case .cnPersonalInformation, .cnSensitivePersonalInformation: .people
        }
    }

    public var window: ComplianceWindow {
        market == .us ? .rolling12Months : .calendarYear
    }

    /// The legal figure, and whether the count must pass it or only reach it.
    public var threshold: Int {
        switch self {
        case .usBulkGeolocation: 1000
        case .usGovernmentSites, .cnImportantData: 1
        case .cnPersonalInformation: 100_000
        case .cnSensitivePersonalInformation: 10_000
        }
    }

    /// "More than 1,000" is crossed at 1,001; "100,000 or more" at 100,000; "at all" at 1.
    public var strictlyMore: Bool { self == .usBulkGeolocation }

    /// The count at which the threshold is crossed.
    public var trigger: Int { threshold + (strictlyMore ? 1 : 0) }

    public var title: String {
        switch self {
        case .usBulkGeolocation: "Bulk precise geolocation of US devices to a country of concern"
        case .usGovernmentSites: "Precise geolocation from listed US government sites to a country of concern"
        case .cnPersonalInformation: "Personal information leaving China"
        case .cnSensitivePersonalInformation: "Sensitive personal information leaving China"
        case .cnImportantData: "Important data leaving China"
        }
    }

    /// A short name for narrow rows.
    public var shortTitle: String {
        switch self {
        case .usBulkGeolocation: "US bulk geolocation"
        case .usGovernmentSites: "US government sites"
        case .cnPersonalInformation: "CN personal info"
        case .cnSensitivePersonalInformation: "CN sensitive personal info"
        case .cnImportantData: "CN important data"
        }
    }

    public var source: String {
        switch self {
        case .usBulkGeolocation: "28 CFR §202.205, §202.242 (in force 2025-04-08)"
        case .usGovernmentSites: "28 CFR §202.222, §202.242"
        case .cnPersonalInformation, .cnSensitivePersonalInformation:
            "Provisions on Promoting and Regulating Cross-Border Data Flows, CAC 2024-03-22"
        case .cnImportantData: "CAC 2024-03-22 provisions; Several Provisions on Automotive Data Security, CAC 2021, Art. 3"
        }
    }

    /// The threshold as the law words it.
    public var thresholdText: String {
        switch self {
        case .usBulkGeolocation: "more than 1,000 devices in any 12 months"
        case .usGovernmentSites: "any device, whatever the volume"
        case .cnPersonalInformation: "100,000 people or more a year"
        case .cnSensitivePersonalInformation: "10,000 people or more a year"
        case .cnImportantData: "any, at all"
        }
    }

    /// What makes a flow count, in words (the JSON carries it, docs/recheck.md restates it).
    public var definition: String {
        switch self {
        case .usBulkGeolocation:
            "an upward telemetry, navigation or camera-clip flow of a US-market car to a service in a country of concern"
        case .usGovernmentSites:
            "the same, produced inside a us-government-site zone in force"
        case .cnPersonalInformation:
            "any upward flow of a CN-market car to a service outside CN; the person is the car's driver"
        case .cnSensitivePersonalInformation:
            "an upward telemetry, navigation, camera-clip, sentry-live, cabin-camera or voice flow of a CN-market car to a service outside CN (trajectories, audio, video: CAC 2021 Art. 3); the person is the car's driver"
        case .cnImportantData:
            "an upward camera-clip flow of a CN-market car to a service outside CN, or a telemetry, navigation or camera-clip flow produced inside a government-organ, defence-industry, military or seasonal zone in force"
        }
    }
}

public enum ComplianceUnit: String, Hashable, Sendable {
    case devices, people
}

/// Where a measure's window starts and ends.
public enum ComplianceWindow: String, Hashable, Sendable {
    /// From 1 January 00:00 China Standard Time (UTC+8) to the next.
    case calendarYear = "calendar-year"
    /// The 12 months ending now: from the same UTC date and time 12 months earlier (a day past
    /// the month's end becomes its last day), inclusive, to now.
    case rollingTwelveMonths = "rolling-12-months"

    public static let rolling12Months = ComplianceWindow.rollingTwelveMonths
}

/// The countries of concern of 28 CFR §202.211: China (with Hong Kong and Macau), Cuba, Iran,
/// North Korea, Russia, Venezuela.
public let countriesOfConcern: Set<Country> = Set(["CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"].map { Country($0) })

/// Counts, exactly, the distinct cars and people each `ComplianceMeasure` counts, with one
/// time a car a measure (two for the rolling window): nothing grows with simulated time.
///
/// - US measures (rolling 12 months): per car `since`, when it last entered the window (its
///   first counting flow after more than 12 months without one), and `last`, its newest
///   counting flow. In the window at t: `last >= t - 12 months`; new since s: `since >= s`.
/// - CN measures (calendar year): per car `first`, its first counting flow in the year of its
///   newest one. In the year at t: `first >= 1 January of t's year`.
/// - People: a car's data is about its driver. When a car's driver changes, the slot's times
///   move to `formerDrivers` (one entry per change: the timeline's length bounds it) and the
///   new driver starts uncounted.
///
/// A flow counts at its end (`FlowFacts.time`), as the alert book counts it.
/// - Complexity: O(1) per flow; a domestic or downward flow costs two comparisons.
struct ComplianceLedger: Sendable {
    static let never = Int64.min
    /// Per measure, per car (US: `since`; CN: `first`).
    var entered: [[Int64]] = Array(repeating: [], count: ComplianceMeasure.allCases.count)
    /// Per US measure, per car: the newest counting flow.
    var last: [[Int64]] = [[], []]
    /// Former drivers' `first` times, per CN people measure (index 0: PI, 1: sensitive PI).
    var formerDrivers: [[Int64]] = [[], []]
    /// Per service index: its country is a country of concern.
    let concernService: [Bool]
    /// The China year holding the last counting flow: [yearStart, nextYearStart) in simulated ns.
    var yearStart = Int64.max, nextYearStart = Int64.min
    let startUTC: Int64

    init(serviceCountries: [Country], startUTC: Int64) {
        concernService = serviceCountries.map { countriesOfConcern.contains($0) }
        self.startUTC = startUTC
    }

    static let sensitiveMask: UInt16 = DataCategory.allCases
        .filter { $0.carriesLocation || $0.isCamera || $0 == .voice }
        .reduce(0) { $0 | UInt16(1) << UInt16($1.index) }
    static let locationMask: UInt16 = PolicySet.locationCategories.reduce(0) { $0 | UInt16(1) << UInt16($1.index) }
    static let cameraMask: UInt16 = PolicySet.collectedExteriorCameraCategories.reduce(0) { $0 | UInt16(1) << UInt16($1.index) }

    /// Counts one upward cross-border flow (the caller filters the rest out).
    @inline(__always)
    mutating func observe(_ r: FlowRecord, _ facts: FlowFacts) {
        let car = Int(r.vehicle)
        if car >= entered[0].count { grow(to: car + 1) }
        let t = facts.time.nanoseconds
        let bit = UInt16(1) << UInt16(r.category.index)
        if facts.market == .us {
            guard Int(r.service) < concernService.count, concernService[Int(r.service)], bit & Self.locationMask != 0 else { return }
            count(us: 0, car: car, at: t)
            if facts.zoneKind == .usGovernmentSite { count(us: 1, car: car, at: t) }
        } else {
            if t < yearStart || t >= nextYearStart { (yearStart, nextYearStart) = Self.chinaYear(startUTC: startUTC, containing: t) }
            count(cn: ComplianceMeasure.cnPersonalInformation.index, car: car, at: t)
            if bit & Self.sensitiveMask != 0 { count(cn: ComplianceMeasure.cnSensitivePersonalInformation.index, car: car, at: t) }
            let zoned = bit & Self.locationMask != 0 && facts.zoneKind.map { $0 != .usGovernmentSite } == true
            if bit & Self.cameraMask != 0 || zoned { count(cn: ComplianceMeasure.cnImportantData.index, car: car, at: t) }
        }
    }

    @inline(__always)
    mutating func count(cn m: Int, car: Int, at t: Int64) {
        if entered[m][car] < yearStart { entered[m][car] = t }
    }

    @inline(__always)
    mutating func count(us m: Int, car: Int, at t: Int64) {
        let previous = last[m][car]
        // 12 months are at least 365 days: a car seen within that is still in the window.
        if previous == Self.never || (t &- previous > Self.year365 && previous < Self.monthsBack(12, from: t, startUTC: startUTC)) {
            entered[m][car] = t
        }
        if t > previous { last[m][car] = t }
    }

    mutating func grow(to n: Int) {
        for m in entered.indices { entered[m] += repeatElement(Self.never, count: n - entered[m].count) }
        for m in last.indices { last[m] += repeatElement(Self.never, count: n - last[m].count) }
    }

    /// Drivers of CN cars replaced by the timeline, in order (their number bounds `formerDrivers`).
    var driverChanges: [ComplianceReport.DriverChange] = []
    var formerDriverCount: Int { driverChanges.count }

    /// A car's driver changed (timeline `assign-driver`) at `time`, after `flowsBefore` flows:
    /// the person counted so far keeps their count, the new one starts uncounted.
    mutating func driverChanged(car: Int, market: Market, at time: SimTime, flowsBefore: UInt64) {
        guard market == .cn else { return }
        driverChanges.append(ComplianceReport.DriverChange(vehicle: car, time: time, flowsBefore: flowsBefore))
        guard car < entered[0].count else { return }
        for (k, m) in [ComplianceMeasure.cnPersonalInformation, .cnSensitivePersonalInformation].enumerated() {
            if entered[m.index][car] != Self.never { formerDrivers[k].append(entered[m.index][car]) }
            entered[m.index][car] = Self.never
        }
    }

    static let year365: Int64 = 365 * 86_400 * 1_000_000_000
    static let second: Int64 = 1_000_000_000

    /// [1 January, next 1 January) of China Standard Time holding simulated time `t`, in simulated ns.
    static func chinaYear(startUTC: Int64, containing t: Int64) -> (Int64, Int64) {
        let offset: Int64 = 8 * 3600
        let local = startUTC + Civil.floorDiv(t, second) + offset
        let year = Civil.date(days: Civil.floorDiv(local, 86_400)).year
        func at(_ y: Int) -> Int64 { (Civil.days(year: y, month: 1, day: 1) * 86_400 - offset - startUTC) * second }
        return (at(year), at(year + 1))
    }

    /// Simulated time `t` moved by `months` calendar months on the UTC calendar (negative: back),
    /// the day clamped to the month's length; the time of day and the nanoseconds kept.
    static func monthsBack(_ n: Int, from t: Int64, startUTC: Int64) -> Int64 { shifted(t, byMonths: -n, startUTC: startUTC) }

    static func shifted(_ t: Int64, byMonths months: Int, startUTC: Int64) -> Int64 {
        let seconds = Civil.floorDiv(t, second), nanos = t - seconds * second
        let utc = startUTC + seconds
        let days = Civil.floorDiv(utc, 86_400), timeOfDay = utc - days * 86_400
        let (y, m, d) = Civil.date(days: days)
        let total = y * 12 + (m - 1) + months
        let ny = Int(Civil.floorDiv(Int64(total), 12)), nm = Int(Civil.floorMod(Int64(total), 12)) + 1
        let length = Int(Civil.days(year: nm == 12 ? ny + 1 : ny, month: nm == 12 ? 1 : nm + 1, day: 1) - Civil.days(year: ny, month: nm, day: 1))
        let nd = min(d, length)
        return (Civil.days(year: ny, month: nm, day: nd) * 86_400 + timeOfDay - startUTC) * second + nanos
    }
}
