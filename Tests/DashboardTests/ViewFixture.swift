import Fleet
import Geography
import Screen
import Simulation
@testable import Dashboard

/// A small hand-built fleet with everything the screens must get right: Chinese names with
/// romanisation, a restricted military driver with a critical cross-border alert, a key-SOE
/// driver, a name carrying an escape sequence, closed and acknowledged alerts, a car's detail
/// and a map of two regions. Deterministic: plain arithmetic, no randomness.
enum ViewFixture {
    static let hostileName = "Eve\u{1B}[31mRed"

    /// A wave of `n` values for sparklines: integer arithmetic only, so it is the same everywhere.
    static func wave(_ n: Int, seed: Int, scale: Double) -> [Double] {
        (0..<n).map { i in Double(max(0, (i * 37 + seed * 11) % 23 - 8) + (i / 6 + seed) % 5) * scale }
    }

    static func rates(_ pairs: [(DataCategory, Double)]) -> [Double] {
        var r = Array(repeating: 0.0, count: DataCategory.count)
        for (c, v) in pairs { r[c.index] = v }
        return r
    }

    static func car(
        _ index: Int, _ vin: String, _ name: String, _ rom: String?, _ cls: UserClassID, restricted: Bool = false,
        market: Market, state: String, rate: Double, cats: [(DataCategory, Double)], top: (String, String, Country)?,
        cross: Bool = false, alerts: Int = 0, severity: Int = 0, zone: ZoneID? = nil, total: UInt64
    ) -> VehicleRow {
        VehicleRow(
            index: index, vin: vin, model: index % 2 == 0 ? "Model Y" : "Model 3", market: market,
            region: market == .cn ? "shanghai" : "us", state: state, driverName: name, driverRomanised: rom,
            userClass: cls, restricted: restricted, zone: zone, rate: rate, upRate: rate * 0.7, downRate: rate * 0.3,
            categoryRates: rates(cats), totalBytes: total, topService: top.map { ServiceID(rawValue: $0.0) },
            topServiceName: top?.1, topCountry: top?.2, crossBorder: cross,
            countries: top.map { [$0.2] } ?? [], openAlerts: alerts, maxSeverity: severity,
            history: wave(40, seed: index, scale: max(1, rate / 20)))
    }

    static let vehicles: [VehicleRow] = [
        car(0, "LRW3E7FA1PC100001", "王伟", "Wang Wei", .military, restricted: true, market: .cn, state: "driving", rate: 2_400_000,
            cats: [(.telemetry, 600), (.cameraClip, 2_100_000), (.navigation, 12_000)], top: ("tesla-us-ai", "Tesla AI (US)", .unitedStates),
            cross: true, alerts: 2, severity: 3, zone: "cn-gov-peoples-square", total: 1_840_000_000),
        car(1, "LRW3E7FA1PC100002", "李娜", "Li Na", .keySOE, restricted: true, market: .cn, state: "driving", rate: 5_200,
            cats: [(.telemetry, 700), (.navigation, 4_500)], top: ("baidu-maps", "Baidu Maps", .china), alerts: 1, severity: 1, total: 52_000_000),
        car(2, "LRW3E7FA1PC100003", "张敏", "Zhang Min", .privateOwner, market: .cn, state: "parked", rate: 90,
            cats: [(.telemetry, 90)], top: ("tesla-cn-dc", "Tesla CN DC", .china), total: 3_100_000),
        car(3, "LRW3E7FA1PC100004", hostileName, nil, .privateOwner, market: .cn, state: "asleep", rate: 0,
            cats: [], top: nil, total: 800_000),
        car(4, "5YJ3E1EA7PF100005", "Michael Johnson", nil, .privateOwner, market: .us, state: "driving", rate: 1_450_000,
            cats: [(.telemetry, 550), (.media, 1_400_000), (.navigation, 9_000)], top: ("netflix", "Netflix", .unitedStates), total: 2_900_000_000),
        car(5, "7SAYGDEE1PA100006", "Emily Davis", nil, .corporate, market: .us, state: "charging", rate: 820_000,
            cats: [(.telemetry, 300), (.ota, 819_000)], top: ("tesla-ota", "Tesla OTA", .unitedStates), total: 2_300_000_000),
        car(6, "5YJ3E1EA7PF100007", "Sarah Chen", nil, .government, market: .us, state: "parked", rate: 1_200,
            cats: [(.telemetry, 200), (.voice, 1_000)], top: ("volc-voice", "Volcano Voice", Country("SG")), cross: true,
            alerts: 1, severity: 2, total: 41_000_000),
        car(7, "LRW3E7FA1PC100008", "陈杰", "Chen Jie", .corporate, market: .cn, state: "driving", rate: 310_000,
            cats: [(.telemetry, 650), (.media, 300_000), (.navigation, 9_350)], top: ("qq-music", "QQ Music", .china), total: 640_000_000),
    ]

    static func alert(
        _ id: UInt64, _ sev: Severity, _ rule: String, _ title: String, vehicle: Int, category: DataCategory, service: String,
        country: Country, bytes: UInt64, count: Int, start: Double, end: Double? = nil, ack: Bool = false, label: String? = nil,
        explanation: String
    ) -> AlertRow {
        let v = vehicles[vehicle]
        return AlertRow(
            id: id, severity: sev, ruleID: rule, title: title, source: "policy", vehicle: vehicle, vin: v.vin,
            driver: v.driverName, userClass: v.userClass, category: category, service: service, country: country,
            bytes: bytes, count: count, start: .seconds(start), lastSeen: .seconds(start + 60), end: end.map { .seconds($0) },
            acknowledged: ack, position: GeoPoint(latitude: 31.23, longitude: 121.47), explanation: explanation, shortLabel: label)
    }

    static let alerts: [AlertRow] = [
        alert(41, .critical, "CN-3", "Restricted user: data abroad", vehicle: 0, category: .cameraClip, service: "tesla-us-ai",
              country: .unitedStates, bytes: 126_000_000, count: 3, start: 7_980,
              label: "restricted, data leaves CN", explanation: "A car assigned to a restricted user (military) sent 126 MB of camera clips to Tesla AI in the US while inside the People's Square government zone."),
        alert(40, .high, "CN-2", "Location inside a sensitive zone", vehicle: 0, category: .navigation, service: "baidu-maps",
              country: .china, bytes: 410_000, count: 12, start: 7_700,
              label: "zone location, stays in CN", explanation: "Navigation records produced inside cn-gov-peoples-square left the car."),
        alert(38, .high, "US-1", "Precise location reaches a country of concern", vehicle: 6, category: .voice, service: "volc-voice",
              country: Country("SG"), bytes: 96_000, count: 4, start: 6_500,
              label: "US-site location abroad", explanation: "Voice requests with precise location near Moffett Federal Airfield went to a PRC-linked service."),
        alert(37, .watch, "CN-3", "Restricted user: outbound traffic", vehicle: 1, category: .telemetry, service: "tesla-cn-dc",
              country: .china, bytes: 2_400_000, count: 40, start: 5_200, ack: true,
              label: "restricted, stays in CN", explanation: "A key-SOE employee's car sends telemetry to the Tesla China data centre."),
        alert(30, .high, "CN-1", "Camera clip left the car", vehicle: 7, category: .cameraClip, service: "tesla-cn-dc",
              country: .china, bytes: 88_000_000, count: 1, start: 3_000, end: 3_600,
              explanation: "An exterior camera clip was uploaded un-anonymised."),
    ]

    static var detail: VehicleDetail {
        let dests: [VehicleDetail.Destination] = [
            .init(service: "tesla-cn-dc", name: "Tesla CN DC", server: "telemetry.tesla.cn", address: "198.51.100.10", country: .china),
            .init(service: "baidu-maps", name: "Baidu Maps", server: "api.map.baidu.com", address: "198.51.100.40", country: .china),
            .init(service: "tesla-us-ai", name: "Tesla AI (US)", server: "fleet-learning.tesla.com", address: "203.0.113.7", country: .unitedStates),
        ]
        var matrix = Array(repeating: [UInt64](repeating: 0, count: dests.count), count: DataCategory.count)
        matrix[DataCategory.telemetry.index] = [4_200_000, 0, 0]
        matrix[DataCategory.diagnostics.index] = [18_000_000, 0, 0]
        matrix[DataCategory.cameraClip.index] = [0, 0, 1_790_000_000]
        matrix[DataCategory.navigation.index] = [0, 27_000_000, 0]
        matrix[DataCategory.appCommands.index] = [12_000, 0, 0]
        return VehicleDetail(
            row: vehicles[0], modelYear: 2023, position: GeoPoint(latitude: 31.2304, longitude: 121.4737), battery: 0.62,
            address: "100.64.12.7", trip: "to work (Lujiazui), 42% done, arrives 10:41", zone: "cn-gov-peoples-square",
            zoneName: "People's Square (municipal government)", destinations: dests, matrix: matrix,
            upRates: [2_100_000, 1_300_000, 420_000], downRates: [300_000, 210_000, 90_000], peakRate: 3_800_000,
            upBytes: 1_812_000_000, downBytes: 28_000_000, alerts: Array(alerts.prefix(2)))
    }

    static var map: MapModel {
        func p(_ lat: Double, _ lon: Double) -> GeoPoint { GeoPoint(latitude: lat, longitude: lon) }
        let shanghai = MapRegion(
            id: "shanghai", name: "Shanghai", south: 30.85, north: 31.45, west: 121.10, east: 121.98,
            zones: [
                MapZone(id: "cn-gov-peoples-square", name: "People's Sq.", shape: .circle(center: p(31.230, 121.474), radiusKm: 2)),
                MapZone(id: "cn-defence-changxing", name: "Changxing shipyards", shape: .circle(center: p(31.35, 121.72), radiusKm: 3)),
                MapZone(id: "cn-mil-synthetic", name: "Military zone", shape: .polygon([p(30.95, 121.25), p(31.02, 121.25), p(31.02, 121.36), p(30.95, 121.36)]), active: false),
            ],
            landmarks: [MapLandmark(name: "Giga Shanghai", position: p(30.870, 121.769)), MapLandmark(name: "Hongqiao", position: p(31.198, 121.336))],
            cars: [
                MapCar(vehicle: 0, position: p(31.231, 121.476), restricted: true, severity: 3, driving: true),
                MapCar(vehicle: 1, position: p(31.10, 121.60), restricted: true, severity: 1, driving: true),
                MapCar(vehicle: 2, position: p(31.30, 121.20), restricted: false, severity: 0, driving: false),
                MapCar(vehicle: 3, position: p(31.05, 121.45), restricted: false, severity: 0, driving: false),
                MapCar(vehicle: 7, position: p(31.24, 121.50), restricted: false, severity: 0, driving: true),
            ])
        let bay = MapRegion(
            id: "us", name: "Bay Area", south: 37.2, north: 37.9, west: -122.55, east: -121.75,
            zones: [MapZone(id: "us-moffett", name: "Moffett Field", shape: .circle(center: p(37.415, -122.049), radiusKm: 1.5))],
            landmarks: [MapLandmark(name: "Fremont factory", position: p(37.494, -121.944)), MapLandmark(name: "Palo Alto", position: p(37.395, -122.150))],
            cars: [
                MapCar(vehicle: 4, position: p(37.60, -122.30), restricted: false, severity: 0, driving: true),
                MapCar(vehicle: 5, position: p(37.49, -121.95), restricted: false, severity: 0, driving: false),
                MapCar(vehicle: 6, position: p(37.42, -122.05), restricted: false, severity: 2, driving: false),
            ])
        // The built-in basemap under both, as the model builder gives it.
        var regions = [shanghai, bay]
        for i in regions.indices {
            let r = regions[i]
            let part = Basemap.builtIn.part(touching: GeoBox(south: r.south, north: r.north, west: r.west, east: r.east))
            regions[i].masks = part.masks
            regions[i].lines = part.lines
        }
        return MapModel(regions: regions)
    }

    static var model: DashboardModel {
        var m = DashboardModel(
            scenarioName: "shanghai-and-bay-area", seed: 42, clock: .seconds(8_100), wallClockLabel: "2026-03-02 10:15",
            fleet: FleetSummary(
                cars: vehicles.count, states: ["driving": 4, "charging": 1, "parked": 2, "asleep": 1], upRate: 3_500_000, downRate: 1_500_000,
                upBytes: 5_400_000_000, downBytes: 2_300_000_000, restrictedCars: 2, openAlerts: [.critical: 1, .high: 2, .watch: 1],
                history: wave(80, seed: 3, scale: 200_000)),
            regions: [
                RegionSummary(id: "shanghai", name: "Shanghai", market: .cn, cars: 5, driving: 3, restrictedCars: 2, upRate: 1_900_000,
                              downRate: 800_000, bytes: 2_536_000_000, crossBorderBytes: 1_790_000_000, openAlerts: 3, history: wave(60, seed: 1, scale: 90_000)),
                RegionSummary(id: "us", name: "United States", market: .us, cars: 3, driving: 1, upRate: 1_600_000, downRate: 700_000,
                              bytes: 5_241_000_000, crossBorderBytes: 96_000, openAlerts: 1, history: wave(60, seed: 2, scale: 80_000)),
            ],
            countries: [
                CountryShare(country: .unitedStates, name: "United States", bytes: 5_000_000_000, rate: 2_900_000, share: 0.64),
                CountryShare(country: .china, name: "China", bytes: 2_700_000_000, rate: 2_000_000, share: 0.35),
                CountryShare(country: Country("SG"), name: "Singapore", bytes: 96_000_000, rate: 1_200, share: 0.01),
            ],
            vehicles: vehicles, alerts: alerts, detail: detail, map: map)
        // The counts the alert book would give for these alerts: 4 open, #37 acknowledged, 1 closed.
        m.fleet.unacknowledgedAlerts = [.critical: 1, .high: 2, .watch: 0]
        m.alertLog.raised = 41
        m.alertLog.open = 4
        m.alertLog.acknowledged = 1
        m.alertLog.closed = 37
        m.alertLog.droppedFromLog = 36
        m.alertLog.logCapacity = 1
        m.alertLog.recentLimit = 50
        return m
    }

    /// A fleet of `n` plain cars for scrolling and sorting tests.
    static func fleet(_ n: Int) -> DashboardModel {
        var m = model
        var rows: [VehicleRow] = []
        for i in 0..<n {
            let serial = String(String(100_000 + (i * 7919) % 90_000).suffix(5))
            let rate = Double((i * 7919) % 1000) * 100
            let state = i % 3 == 0 ? "driving" : "parked"
            rows.append(car(
                i, "LRW3E7FA1PC2" + serial, "Driver \(i)", nil, .privateOwner, market: .cn, state: state, rate: rate,
                cats: [(.telemetry, 500)], top: ("tesla-cn-dc", "Tesla CN DC", .china), total: UInt64(i) * 1000))
        }
        m.vehicles = rows
        m.fleet.cars = n
        return m
    }
}
