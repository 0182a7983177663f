import Simulation

/// One scripted step of a scenario: at `at` after the start, do `action`.
public struct TimelineEntry: Hashable, Sendable {
    public var at: SimDuration
    public var action: ScriptedAction
    /// Where the entry was written, for messages about it at run time (`FILE:LINE:COL`).
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
    case vin(VIN)
}

/// What a timeline entry does, as a scenario file writes it: cars by index or VIN, counts rather
/// than lists of cars. `FleetMonitor` resolves the fleet actions to `FleetAction`s when their
/// time comes; the presentation actions (`setSpeed`, `view`, `caption`, `chapter`, `highlight`)
/// are cues for the demo driver (`FleetMonitor.presentationCues`).
public enum ScriptedAction: Hashable, Sendable {
    /// From now on, the market's cars send `category` to `service`.
    case setRouting(market: Market, category: DataCategory, service: ServiceID)
    /// From now on, the policies change as `change` says (restricted classes of the markets it
    /// names; rules replaced by id, or added): what a what-if's `policies` becomes.
    case setPolicies(PolicyChange)
    /// From now on, the zones in force change as `change` says (zones added, zones out of
    /// force): what a what-if's `zones` becomes.
    case setZones(ZoneChange)
    /// From now on, the region's drivers are of the classes of `classes` (percent, adding up to
    /// 100): the fewest cars change class (`FleetAction.setClassMix`), and cars added later are
    /// drawn from it. What a what-if's `fleet.mix` becomes.
    case setClassMix(region: RegionID, classes: [ClassShare])
    /// From now on, the region's cars stream their telemetry to the third-party apps of `apps`
    /// as well (shares of the region's cars; none: no app): the fewest cars change app
    /// (`FleetAction.setApps`), and cars added later are drawn from it. What a what-if's
    /// `fleet.apps` becomes.
    case setApps(region: RegionID, apps: [ThirdPartyTelemetry])
    /// The car's driver now belongs to `userClass`.
    case assignClass(car: CarReference, userClass: UserClassID)
    /// A named driver takes the car (optionally with a romanized name and a class; without a
    /// class the driver keeps the car's current one).
    case assignDriver(car: CarReference, name: String, romanized: String?, userClass: UserClassID?)
    /// The car drives to a place of its area or into a zone (`.place` or `.zone`).
    case trip(car: CarReference, to: TripTarget)
    /// One upload (or download) starting now, outside the statistical model: `bytes` over
    /// `duration`, or at the category's throughput when nil; a zero duration is instantaneous.
    case injectFlow(car: CarReference, category: DataCategory, direction: Direction, bytes: UInt64, service: ServiceID?, duration: SimDuration? = nil)
    /// `count` new cars in `region`, built like the initial fleet; all of `userClass` if given.
    case addCars(count: Int, region: RegionID, userClass: UserClassID?)
    /// The `count` most recently added active cars (of `region` if given) leave the fleet.
    case removeCars(count: Int, region: RegionID?)
    /// Simulated seconds per wall-clock second.
    case setSpeed(factor: Double)
    /// Shows a dashboard view, optionally focused on a car.
    case view(name: String, car: CarReference?)
    /// A caption for the demo, shown for `duration` (until the next caption when nil).
    case caption(text: String, duration: SimDuration?)
    /// Starts a chapter of the demo. It lasts `duration` when given (the demo skips ahead to
    /// the next chapter, or ends, after it); otherwise until the next chapter.
    case chapter(title: String, duration: SimDuration? = nil)
    /// Shows the scenario's what-if `name` beside the run, from `from` (the cue's own time when
    /// nil), on the split screen; nil takes the what-if away (docs/what-if.md).
    case showWhatIf(name: String?, from: SimDuration?)
    /// Points the audience at a car or at a panel of the dashboard (by the dashboard's panel
    /// name: header, regions, countries, vehicles, alerts, footer, caption); neither clears it.
    case highlight(car: CarReference?, panel: String?)

    /// Whether the action is for the demo driver rather than the fleet.
    public var isPresentation: Bool {
        switch self {
        case .setSpeed, .view, .caption, .chapter, .highlight, .showWhatIf: true
        default: false
        }
    }

    /// The name used in scenario files.
    public var name: String {
        switch self {
        case .setRouting: "set-routing"
        case .setPolicies: "set-policies"
        case .setZones: "set-zones"
        case .setClassMix: "set-class-mix"
        case .setApps: "set-apps"
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
        case .highlight: "highlight"
        case .showWhatIf: "what-if"
        }
    }
}
