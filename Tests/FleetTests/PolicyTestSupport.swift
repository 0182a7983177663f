@testable import Fleet
import Geography
import Simulation

/// A flow of a Shanghai car to the Tesla China data centre, to vary per test.
func cnFlow(
    _ userClass: UserClassID = .privateOwner, _ category: DataCategory = .telemetry, to country: Country = .china,
    direction: Direction = .up, zone: (ZoneID, ZoneKind)? = nil, anonymised: Bool = false,
    vehicle: UInt32 = 7, time: SimTime = .zero, bytes: UInt64 = 1000
) -> FlowFacts {
    FlowFacts(
        time: time, vehicle: vehicle, vin: VIN("LRW3E7EK4NC000007"),
        driver: Driver(name: "王伟", romanized: "Wang Wei", userClass: userClass), market: .cn, region: "shanghai", zone: zone?.0, zoneKind: zone?.1, category: category,
        direction: direction, service: country == .china ? "tesla-cn-dc" : "tesla-us-cloud",
        serviceName: country == .china ? "Tesla China DC" : "Tesla US cloud", destinationCountry: country,
        bytes: bytes, position: GeoPoint(latitude: 31.2304, longitude: 121.4737), anonymised: anonymised)
}

/// A Bay Area car's flow.
func usFlow(
    _ category: DataCategory = .telemetry, to country: Country = .unitedStates,
    zone: (ZoneID, ZoneKind)? = nil, modelYear: Int = 2024, prc: Bool = false,
    userClass: UserClassID = .privateOwner
) -> FlowFacts {
    FlowFacts(
        vehicle: 3, vin: VIN("5YJ3E1EA7KF000003"), driver: Driver(name: "Ann Lee", userClass: userClass), market: .us, region: "us",
        zone: zone?.0, zoneKind: zone?.1, category: category, service: country == .china ? "cn-voice" : "tesla-us",
        destinationCountry: country, bytes: 500, position: GeoPoint(latitude: 37.415, longitude: -122.049),
        modelYear: modelYear, prcLinkedConnectivity: prc)
}

/// Verdicts as rule id -> severity, for readable expectations.
func verdicts(_ facts: FlowFacts, _ set: PolicySet = .default) -> [String: Severity] {
    let engine = PolicyEngine(set)
    var out: [String: Severity] = [:]
    for v in engine.evaluate(facts) { out[set.rules[v.rule].id] = v.severity }
    return out
}
