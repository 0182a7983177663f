import Dashboard
import Fleet
import Foundation
import Geography
import Simulation
import Testing
import TestSupport
@testable import Export

/// A small hand-made model: a restricted Shanghai driver with a critical alert, a hostile name.
func sampleModel() -> (DashboardModel, [VehicleDetail]) {
    var rates = Array(repeating: 0.0, count: DataCategory.count)
    rates[DataCategory.cameraClip.index] = 1_200_000
    let a = VehicleRow(
        index: 0, vin: "LRW3E7FA1MC000001", model: "Model 3", market: .cn, region: "shanghai", state: "driving",
        driverName: "王伟", driverRomanised: "Wang Wei", userClass: .military, restricted: true,
        zone: "cn-gov-peoples-square", rate: 1_250_000.5, upRate: 1_200_000, downRate: 50_000.5, categoryRates: rates,
        totalBytes: 98_000_000, topService: "tesla-us-cloud", topServiceName: "Tesla US cloud", topCountry: .unitedStates,
        crossBorder: true, countries: [.china, .unitedStates], openAlerts: 1, maxSeverity: 3)
    let b = VehicleRow(
        index: 1, vin: "5YJ3E1EA7PF000002", model: "Model Y", market: .us, region: "us", state: "asleep",
        driverName: "Eve \u{1B}[31m\"Mallory\", =cmd", userClass: .privateOwner, restricted: false)
    let alert = AlertRow(
        id: 7, severity: .critical, ruleID: "CN-3a", title: "Restricted driver sends data across the border",
        source: "2021 restrictions as reported", vehicle: 0, vin: a.vin, driver: "王伟 (Wang Wei, military)",
        userClass: .military, category: .cameraClip, service: "Tesla US cloud", country: .unitedStates,
        bytes: 98_000_000, count: 3, start: .seconds(100.0), lastSeen: .seconds(160.0),
        zone: "cn-gov-peoples-square", position: GeoPoint(latitude: 31.23, longitude: 121.474),
        explanation: "Restricted driver 王伟 sent 98 MB of camera-clip data to Tesla US cloud (US)")
    let destinations = [
        VehicleDetail.Destination(service: "tesla-cn-dc", name: "Tesla China DC", server: "cn.tesla.cn", address: "203.0.113.10", country: .china),
        VehicleDetail.Destination(service: "tesla-us-cloud", name: "Tesla US cloud", server: "us.tesla.com", address: "198.51.100.20", country: .unitedStates),
    ]
    var matrix = Array(repeating: [UInt64(0), 0], count: DataCategory.count)
    matrix[DataCategory.telemetry.index] = [1000, 0]
    matrix[DataCategory.cameraClip.index] = [0, 97_999_000]
    let detailA = VehicleDetail(
        row: a, modelYear: 2024, position: GeoPoint(latitude: 31.23, longitude: 121.474), battery: 0.8,
        address: "100.64.0.1", destinations: destinations, matrix: matrix, upBytes: 97_000_000, downBytes: 1_000_000,
        alerts: [alert])
    let detailB = VehicleDetail(
        row: b, modelYear: 2023, position: GeoPoint(latitude: 37.4, longitude: -122.1), battery: 0.5, address: "100.64.0.2",
        matrix: Array(repeating: [], count: DataCategory.count))
    let model = DashboardModel(
        scenarioName: "test", seed: 42, clock: .seconds(900.0), wallClockLabel: "2026-03-02 08:15",
        fleet: FleetSummary(cars: 2, states: ["driving": 1, "asleep": 1], upRate: 1_200_000, downRate: 50_000,
                            upBytes: 97_000_000, downBytes: 1_000_000, restrictedCars: 1, openAlerts: [.critical: 1]),
        regions: [RegionSummary(id: "shanghai", name: "Shanghai", market: .cn, cars: 1, driving: 1, restrictedCars: 1,
                                upRate: 1_200_000, bytes: 98_000_000, crossBorderBytes: 97_999_000, openAlerts: 1)],
        countries: [CountryShare(country: .unitedStates, name: "United States", bytes: 97_999_000, rate: 1_200_000, share: 0.99999),
                    CountryShare(country: .china, name: "China", bytes: 1000, rate: 10, share: 0.00001)],
        vehicles: [a, b], alerts: [alert])
    return (model, [detailA, detailB])
}

@Suite struct DataExportTests {
    @Test func jsonValuesSerialiseDeterministically() {
        let v = JSONValue.object([
            ("b", .int(-3)), ("a", .double(0.1 + 0.2, 3)), ("s", .string("q\"\\\n\u{1B}王")), ("n", .null),
            ("l", .array([.bool(true), .number(1e-7, decimals: 6), .number(-0.0000001, decimals: 3), .number(.nan, decimals: 1)])),
        ])
        #expect(v.serialized() == #"{"b":-3,"a":0.3,"s":"q\"\\\n\u001b王","n":null,"l":[true,0,0,null]}"#)
        #expect(JSONValue.format(1234.5678, decimals: 2) == "1234.57")
        #expect(JSONValue.format(-2.5, decimals: 0) == "-3")
    }

    @Test func csvQuotesPerRFC4180AndDefusesFormulas() {
        var csv = CSVWriter(header: ["a", "b"])
        csv.append(["plain", "with, comma"])
        csv.append(["say \"hi\"", "=SUM(A1)"])
        csv.append(["-5", "esc\u{1B}[2J"])
        csv.append(["7", "-inf"])
        // Decided by the first character: "-5" from data is guarded like "=SUM(A1)" (the numbers
        // FleetWatch writes itself are never negative, so they never start with "-").
        #expect(csv.text == "a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",'=SUM(A1)\r\n'-5,esc␛[2J\r\n7,'-inf\r\n")
    }

    @Test func vehicleCSVParsesBack() throws {
        let (model, _) = sampleModel()
        let text = VehicleCSV.render(model)
        let rows = parseCSV(text)
        #expect(rows.count == 3)
        #expect(rows[0] == VehicleCSV.header)
        #expect(rows.allSatisfy { $0.count == VehicleCSV.header.count })
        #expect(rows[1][0] == "LRW3E7FA1MC000001")
        #expect(rows[1][5] == "王伟")
        #expect(rows[2][5] == "Eve ␛[31m\"Mallory\", =cmd", "the quoted field with a comma and quotes round-trips")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    }

    /// Every row carries the time of the snapshot: simulated (as the JSON names it) and on the
    /// scenario's calendar, so rows of a series can go in one table.
    @Test func vehicleCSVRowsCarryTheTime() throws {
        let (model, _) = sampleModel()
        let clock = ScenarioClock(start: StartDate(year: 2026, month: 12, day: 31, hour: 23.5))
        let rows = parseCSV(VehicleCSV.render(model.vehicles, at: SimTime.zero + .seconds(Int64(1_807)), clock: clock))
        let header = rows[0]
        let ns = try #require(header.firstIndex(of: "simulated_time_ns"))
        #expect(header.suffix(3) == ["simulated_time_ns", "simulated_time_s", "scenario_time"], "after the columns that were")
        for row in rows.dropFirst() {
            #expect(row[ns...] == ["1807000000000", "1807", "2027-01-01T00:00:07"])
        }
        let none = parseCSV(VehicleCSV.render(model.vehicles, at: SimTime(nanoseconds: 1_500_000), clock: nil))
        #expect(none[1].suffix(3) == ["1500000", "0.002", ""], "no calendar: no scenario_time")
    }

    @Test func jsonSnapshotFollowsTheSchema() throws {
        let (model, details) = sampleModel()
        let json = SnapshotJSON.document(model: model, details: details, generator: "fleetwatch test").serialized(pretty: true)
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B }, "escape characters are written as \\u001b")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((parsed?["vehicles"] as? [Any])?.count == 2)
        try validateAgainstSchema(json)
    }
}
