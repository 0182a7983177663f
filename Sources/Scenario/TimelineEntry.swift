import Fleet
import Simulation

/// One scripted step of a scenario: at `at` after the start, do `action`.
public struct TimelineEntry: Hashable, Sendable {
    public var at: SimDuration
    public var action: ScriptedAction
    /// Where the entry was written, for messages about it at run time.
    public var location: SourceLocation

    public init(at: SimDuration, action: ScriptedAction, location: SourceLocation) {
        self.at = at
        self.action = action
        self.location = location
    }
}

/// Names a car: by index in the fleet (`car: 12`) or by VIN (`car: LRW3E7EK4NC123456`).
public enum CarReference: Hashable, Sendable {
    case index(Int)
    case vin(String)
}

/// Where a scripted trip goes.
public enum TripDestination: Hashable, Sendable {
    case place(String)
    case zone(ZoneID)
}

/// What a timeline entry does. The scenario layer only describes actions; the integration
/// maps each to the fleet's and the dashboard's own actions.
public enum ScriptedAction: Hashable, Sendable {
    /// From now on, the market's cars send `category` to `service`.
    case setRouting(market: Market, category: DataCategory, service: ServiceID)
    /// The car's driver now belongs to `userClass`.
    case assignClass(car: CarReference, userClass: UserClassID)
    /// A named driver takes the car (optionally with a Latin-letter name and a class).
    case assignDriver(car: CarReference, name: String, latinName: String?, userClass: UserClassID?)
    /// The car drives to a place or into a zone.
    case trip(car: CarReference, to: TripDestination)
    /// One flow, now, outside the statistical model.
    case injectFlow(car: CarReference, category: DataCategory, direction: Direction, bytes: UInt64, service: ServiceID?)
    case addCars(count: Int, region: RegionID, userClass: UserClassID?)
    case removeCars(count: Int, region: RegionID?)
    /// Simulated seconds per wall-clock second.
    case setSpeed(factor: Double)
    /// Shows a dashboard view, optionally focused on a car.
    case view(name: String, car: CarReference?)
    /// A caption for the demo, shown for `duration` (until the next caption when nil).
    case caption(text: String, duration: SimDuration?)
    /// Starts a chapter of the demo.
    case chapter(title: String)

    /// The name used in scenario files.
    public var name: String {
        switch self {
        case .setRouting: "set-routing"
        case .assignClass: "assign-class"
        case .assignDriver: "assign-driver"
        case .trip: "trip"
        case .injectFlow: "inject-flow"
        case .addCars: "add-cars"
        case .removeCars: "remove-cars"
        case .setSpeed: "set-speed"
        case .view: "view"
        case .caption: "caption"
        case .chapter: "chapter"
        }
    }
}
