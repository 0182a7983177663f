import Simulation

extension FleetState {
    /// When a car that stops at `now` leaves again after a stay of `dwell` seconds drawn from
    /// the dwell distribution: the dwell is counted in *profile time*, which runs at the area's
    /// trip-start intensity (`DayProfile.intensity`, mean 1 over each day) in local time. An hour
    /// at the evening peak counts 1.5 hours, an hour at 03:00 a few minutes; so a car home at
    /// 19:00 with a 10-hour stay leaves around 08:00 the next morning, and departures follow the
    /// profile (a time change of the clock-blind model, DECISIONS.md 2026-12-02). No random
    /// numbers are drawn here, so the random stream is that of the clock-blind model.
    ///
    /// - Complexity: O(hours spanned by the stay): one step per local hour.
    func departure(area a: Int, from now: SimTime, dwell seconds: Double) -> SimTime {
        let c = areas[a]
        guard !c.flatProfile else { return now + .seconds(seconds) }
        let hourNs: Int64 = 3_600_000_000_000
        let startNs = calendar.startUTC &* 1_000_000_000
        var t = now.nanoseconds
        var left = seconds
        // Each day's intensities add up to 24 hours, so the loop ends within dwell/24 h days
        // (a DST day of 23 or 25 hours aside); the bound only guards against a bad table.
        var steps = 0
        while left > 0, steps < 24 * 366 * 3 {
            steps += 1
            let utcNs = startNs &+ t
            let offset = c.timeZone.offsetMinutes(atUTC: Civil.floorDiv(utcNs, 1_000_000_000))
            let localNs = utcNs + Int64(offset) * 60_000_000_000
            let hourIndex = Civil.floorDiv(localNs, hourNs)
            let segment = hourNs - (localNs - hourIndex * hourNs)
            let day = Civil.floorDiv(hourIndex, 24)
            let weekend = Civil.weekday(days: day) % 6 == 0
            let lambda = c.intensity[(weekend ? 24 : 0) + Int(hourIndex - day * 24)]
            let span = Double(segment) / 1e9
            if lambda * span >= left { return SimTime(nanoseconds: t + Int64((left / lambda * 1e9).rounded(.up))) }
            left -= lambda * span
            t += segment
        }
        return SimTime(nanoseconds: t)
    }

    /// Schedules the car's next departure after a stay of `dwell` seconds (profile time).
    mutating func scheduleDeparture(car: Int, after dwell: Double, simulator sim: inout Simulator<FleetEvent>) {
        let at = departure(area: Int(area[car]), from: sim.now, dwell: dwell)
        sim.schedule(FleetEvent(car: UInt32(car), kind: .depart, epoch: epoch[car]), at: at)
    }
}
