import Simulation

extension FleetWorld {
    /// The simulated calendar (simulated time zero is `config.start`, a UTC instant).
    public var calendar: SimCalendar { fleet.calendar }

    /// The local time now in an area (`areaIndex` counts the areas of all regions, in order).
    public func localTime(area areaIndex: Int) -> LocalTime {
        fleet.calendar.local(fleet.areas[areaIndex].timeZone, at: simulator.now)
    }

    /// The local time now where the car lives.
    public func localTime(of car: Int) -> LocalTime { localTime(area: Int(fleet.area[car])) }
}
