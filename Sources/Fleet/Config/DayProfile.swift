/// When trips start: relative weights of trip starts in each local hour (0 = 00:00-01:00), one
/// set for weekdays and one for weekends (Saturday and Sunday), in the area's local time.
///
/// Only the shape counts: each day's weights are scaled to mean 1 (`intensity`), so a stay of
/// `dwellHours` lasts that long on average and a weekend day has as many trips as a weekday
/// (NHTS: about the same number of trips a day on both [S: BTS, TSAR 2005, "Daily passenger
/// travel by departure time"]). A flat profile is the old clock-blind model.
public struct DayProfile: Hashable, Sendable, Codable {
    public var weekday: [Double]
    public var weekend: [Double]

    public init(weekday: [Double], weekend: [Double]) {
        self.weekday = weekday
        self.weekend = weekend
    }

    /// The same weight in every hour: trips start at any time (a dwell is a dwell).
    public static let flat = DayProfile(weekday: Array(repeating: 1, count: 24), weekend: Array(repeating: 1, count: 24))

    /// US vehicle trips by start hour [S: FHWA, Highway Statistics 2006, Table NT-3 "Number of
    /// vehicle trips by time of day", base 2001 NHTS; Wednesday for weekdays, Saturday for
    /// weekends]: morning peak 7-8 h, evening peak 17 h, few trips 0-5 h; weekends peak at
    /// midday.
    public static let nhts = DayProfile(
        weekday: [147, 82, 83, 36, 249, 639, 1607, 3893, 2994, 2294, 2600, 2967,
                  3166, 3032, 3321, 3888, 3959, 4377, 3746, 2819, 2061, 1559, 783, 381],
        weekend: [432, 185, 117, 62, 185, 270, 558, 1147, 2088, 2951, 4096, 4420,
                  4561, 4088, 4256, 4037, 3823, 3536, 3626, 2665, 2206, 1925, 1069, 772])

    /// Shanghai car trips by start hour, in percent [E]: the peaks 07-09 h and 17-19 h of
    /// AutoNavi's (Amap) quarterly traffic reports for Shanghai, a later and busier evening
    /// than the US, a quiet night; weekends after the NHTS weekend shape (late morning to
    /// evening). No hourly table of the Shanghai comprehensive transport survey was at hand.
    public static let shanghai = DayProfile(
        weekday: [0.6, 0.3, 0.2, 0.15, 0.2, 0.6, 2.5, 8.0, 9.0, 6.0, 4.8, 4.8,
                  4.5, 4.8, 4.8, 5.0, 6.0, 8.5, 8.0, 5.5, 4.5, 3.5, 2.3, 1.2],
        weekend: [1.0, 0.5, 0.3, 0.2, 0.2, 0.4, 1.2, 2.8, 4.5, 6.5, 7.5, 7.0,
                  6.0, 6.5, 7.0, 7.0, 7.0, 7.0, 6.5, 5.5, 4.5, 3.5, 2.5, 1.6])

    /// 48 intensities, weekday hours then weekend hours, each day scaled to mean 1.
    public var intensity: [Double] {
        func scaled(_ w: [Double]) -> [Double] {
            let mean = w.reduce(0, +) / Double(max(1, w.count))
            return w.map { mean > 0 ? $0 / mean : 1 }
        }
        return scaled(weekday) + scaled(weekend)
    }

    /// The share of the day's trip starts in each hour (sums to 1), for `weekend` or not.
    public func shares(weekend: Bool) -> [Double] {
        let w = weekend ? self.weekend : weekday
        let sum = w.reduce(0, +)
        return w.map { sum > 0 ? $0 / sum : 0 }
    }

    /// Every hour alike on each kind of day: the intensity is 1 throughout.
    public var isFlat: Bool { Set(weekday).count <= 1 && Set(weekend).count <= 1 }
}
