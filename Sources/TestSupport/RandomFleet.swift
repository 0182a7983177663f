import Fleet
import Simulation

/// Seeded random fleets for the property tests: a fleet of 20 to 500 cars, a random share awake,
/// and up to 12 timeline actions of every kind (routing changes, injected flows, class changes,
/// cars added and removed, trips into a zone). The conservation laws are checked on them in the
/// core (FleetTests) and on the exports (ExportTests).
public enum RandomFleet {
    /// A monitor with a random fleet and a random timeline drawn from `seed` (with
    /// `deferringBuild`, no car built yet: `FleetMonitor.build(cars:)`).
    public static func monitor(seed: UInt64, deferringBuild: Bool = false) -> FleetMonitor {
        var rng = SeededGenerator(seed: seed)
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = Int.random(in: 20...500, using: &rng)
        config.behaviour.initialAwakeShare = Double.random(in: 0.05...0.9, using: &rng)
        let services = config.services.map(\.id)
        let regions = config.regions.map(\.id)
        var timeline: [TimelineEntry] = []
        func at(_ seconds: Int, _ action: ScriptedAction) {
            timeline.append(TimelineEntry(at: .seconds(Int64(seconds)), action: action, location: SourceLocation(file: "law", line: 1, column: 1)))
        }
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            let t = Int.random(in: 0...1800, using: &rng)
            let car = CarReference.index(Int.random(in: 0..<config.fleetSize, using: &rng))
            switch Int.random(in: 0..<6, using: &rng) {
            case 0:
                at(t, .setRouting(market: Bool.random(using: &rng) ? .cn : .us, category: DataCategory.allCases.randomElement(using: &rng)!,
                                  service: services.randomElement(using: &rng)!))
            case 1:
                at(t, .injectFlow(car: car, category: DataCategory.allCases.randomElement(using: &rng)!,
                                  direction: Bool.random(using: &rng) ? .up : .down, bytes: UInt64.random(in: 1...900_000_000, using: &rng),
                                  service: Bool.random(using: &rng) ? services.randomElement(using: &rng)! : nil))
            case 2: at(t, .assignClass(car: car, userClass: Bool.random(using: &rng) ? .military : "contractor"))
            case 3: at(t, .addCars(count: Int.random(in: 1...20, using: &rng), region: regions.randomElement(using: &rng)!, userClass: nil))
            case 4: at(t, .removeCars(count: Int.random(in: 1...10, using: &rng), region: nil))
            default: at(t, .trip(car: car, to: .zone("cn-gov-peoples-square")))
            }
        }
        return try! FleetMonitor(config: config, timeline: timeline, deferringBuild: deferringBuild)
    }
}
