import Geography

/// What a run of recorded flows (`--source`) shows of traffic no inventory names
/// (docs/source.md, "Unmapped records"): one region of unknown cars, of the unknown market,
/// whose drivers are of the unknown class, and one service of the unknown country that every
/// flow to a server nobody names goes to. They are rows like the others, in every total, so the
/// accounting's laws hold with them; the rules judge none of their flows (`MonitorCore.observe`).
///
/// No scenario names them: the ids are reserved (`WorldConfig.validate()`), and a recorded world
/// adds them after its scenario is validated (`withUnknown()`). A simulated world has none.
extension RegionID {
    public static let unknown: RegionID = "unknown"
}

extension ServiceID {
    public static let unknown: ServiceID = "unknown"
}

extension UserClassID {
    /// The class of an unknown car's driver: no market restricts it, so no rule about
    /// restricted drivers can match it.
    public static let unknown: UserClassID = "unknown"
}

extension ServiceConfig {
    /// The server of a flow whose server no inventory or scenario names: no address, no TLS
    /// name, the unknown country.
    public static let unknown = ServiceConfig(
        id: .unknown, name: "unknown server", country: .unknown, serverName: "", address: IPv4Address(rawValue: 0), port: 0)
}

extension RegionConfig {
    /// The cars of addresses no inventory names: no place (their area has no extent and its
    /// centre is no position: NaN), no model mix, one class.
    public static let unknown = RegionConfig(
        id: .unknown, name: "Unknown cars", market: .unknown, fleetShare: 0,
        areas: [AreaConfig(
            id: "unknown", name: "Unknown",
            bounds: GeoBox(south: .nan, north: .nan, west: .nan, east: .nan), share: 1, speedKmh: 0, places: [])],
        models: [], classMix: [ClassShare(.unknown, percent: 100)], chineseNames: false, modelYears: 2024...2024)
}

extension WorldConfig {
    /// This configuration with the unknown region and service after its own (indexes of its
    /// regions and services stay); itself when it has them already.
    public func withUnknown() -> WorldConfig {
        var config = self
        if unknownRegionIndex == nil { config.regions.append(.unknown) }
        if unknownServiceIndex == nil { config.services.append(.unknown) }
        return config
    }

    /// This configuration without the unknown region and service: the scenario's own.
    public var withoutUnknown: WorldConfig {
        var config = self
        config.regions.removeAll { $0.id == .unknown && $0.market == .unknown }
        config.services.removeAll { $0.id == .unknown && $0.country == .unknown }
        return config
    }

    /// The index of the region of unknown cars (a recorded world's last), if there is one.
    public var unknownRegionIndex: Int? { regions.lastIndex { $0.id == .unknown && $0.market == .unknown } }
    /// The index of the unknown server's service (a recorded world's last), if there is one.
    public var unknownServiceIndex: Int? { services.lastIndex { $0.id == .unknown && $0.country == .unknown } }
}
