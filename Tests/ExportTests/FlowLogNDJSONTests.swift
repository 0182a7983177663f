import Fleet
import Foundation
import Geography
import Simulation
import Testing
@testable import Export

/// A flow log line carries every fact a rule reads, at the engine's own time resolution.
@Suite struct FlowLogNDJSONTests {
    static let service = ServiceConfig(
        id: "tesla-us-cloud", name: "Tesla US cloud", country: .unitedStates, serverName: "telemetry.tesla.com",
        address: IPv4Address(198, 51, 100, 10))

    func line(_ userClass: UserClassID, policies: PolicySet = .default) throws -> [String: Any] {
        let start = SimTime(nanoseconds: 12_345_678_901), end = SimTime(nanoseconds: 22_345_678_999)
        let record = FlowRecord(
            start: start, end: end, vehicle: 4, category: .cameraClip, direction: .up, bytes: 90_000_000, packets: 75_000,
            service: 0, position: GeoPoint(latitude: 30.8, longitude: 121.25), zone: 2)
        let facts = FlowFacts(
            time: end, vehicle: 4, vin: VIN("LRW3E7EK4NC000007"), driver: Driver(name: "", userClass: userClass), market: .cn,
            region: "shanghai", zone: "cn-military-jinshan", zoneKind: .militaryZone, category: .cameraClip, direction: .up,
            service: "tesla-us-cloud", serviceName: "Tesla US cloud", destinationCountry: .unitedStates, bytes: 90_000_000,
            packets: 75_000, position: record.position, modelYear: 2027, prcLinkedConnectivity: true, anonymised: true)
        let engine = PolicyEngine(policies)
        let text = FlowLogNDJSON(services: [Self.service], policies: policies).line(record, facts: facts, verdicts: engine.evaluate(facts), id: 7)
        #expect(!text.contains("\n"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theFactsTheRulesReadAreInTheLine() throws {
        let f = try line(.military)
        #expect(f["market"] as? String == "CN" && f["region"] as? String == "shanghai")
        #expect(f["modelYear"] as? Int == 2027 && f["prcLinkedConnectivity"] as? Bool == true)
        #expect(f["anonymised"] as? Bool == true && f["crossBorder"] as? Bool == true)
        #expect(f["userClass"] as? String == "military" && f["restricted"] as? Bool == true)
        #expect(f["zone"] as? String == "cn-military-jinshan" && f["zoneKind"] as? String == "military-zone")
        #expect(f["vehicle"] as? Int == 4 && f["country"] as? String == "US" && f["service"] as? String == "tesla-us-cloud")
        #expect((f["rules"] as? [String])?.contains("CN-3c high") == true && f["verdict"] as? String == "critical")
    }

    @Test func timesAreExactNanosecondsBesideIPFIXMilliseconds() throws {
        let f = try line(.privateOwner)
        #expect(f["flowStartNanoseconds"] as? Int == 12_345_678_901 && f["flowEndNanoseconds"] as? Int == 22_345_678_999)
        #expect(f["flowStartMilliseconds"] as? Int == 12_345 && f["flowEndMilliseconds"] as? Int == 22_345)
    }

    @Test func restrictedFollowsThePolicySet() throws {
        #expect(try line(.privateOwner)["restricted"] as? Bool == false)
        let nobody = PolicySet(restrictedClasses: [], rules: PolicySet.default.rules)
        #expect(try line(.military, policies: nobody)["restricted"] as? Bool == false)
        let everyone = PolicySet(restrictedClasses: [.privateOwner], rules: PolicySet.default.rules)
        #expect(try line(.privateOwner, policies: everyone)["restricted"] as? Bool == true)
    }
}
