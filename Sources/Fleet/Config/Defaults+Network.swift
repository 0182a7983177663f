import Geography
/// Default sensitive zones, services and routing (DOMAIN.md). Addresses are from the
/// documentation ranges; real Tesla China data-centre addresses are not public.
extension ZoneConfig {
    public static let defaults: [ZoneConfig] = [
        ZoneConfig(id: "cn-gov-peoples-square", name: "Shanghai municipal government, People's Square",
                   kind: .governmentOrgan, country: .china,
                   shape: .circle(center: GeoPoint(latitude: 31.230, longitude: 121.474), radiusMeters: 800)),
        ZoneConfig(id: "cn-defence-changxing", name: "Changxing Island shipyards",
                   kind: .defenceIndustry, country: .china,
                   shape: .circle(center: GeoPoint(latitude: 31.37, longitude: 121.72), radiusMeters: 3000)),
        // Synthetic: a rural stretch of Jinshan district [E].
        ZoneConfig(id: "cn-military-jinshan", name: "Military management zone (synthetic), Jinshan",
                   kind: .militaryZone, country: .china,
                   shape: .polygon([
                       GeoPoint(latitude: 30.78, longitude: 121.22), GeoPoint(latitude: 30.78, longitude: 121.30),
                       GeoPoint(latitude: 30.83, longitude: 121.31), GeoPoint(latitude: 30.84, longitude: 121.23),
                   ])),
        // No Beidaihe: 1,000 km from Shanghai and in force in July-August only, no car of the
        // default fleet could enter it (DECISIONS.md 2026-12-02); seasonal zones stay supported.
        ZoneConfig(id: "us-moffett", name: "Moffett Federal Airfield", kind: .usGovernmentSite, country: .unitedStates,
                   shape: .circle(center: GeoPoint(latitude: 37.415, longitude: -122.049), radiusMeters: 1500)),
        ZoneConfig(id: "us-llnl", name: "Lawrence Livermore National Laboratory", kind: .usGovernmentSite,
                   country: .unitedStates,
                   shape: .circle(center: GeoPoint(latitude: 37.687, longitude: -121.706), radiusMeters: 1200)),
        ZoneConfig(id: "us-travis-afb", name: "Travis Air Force Base", kind: .usGovernmentSite, country: .unitedStates,
                   shape: .circle(center: GeoPoint(latitude: 38.263, longitude: -121.927), radiusMeters: 2500)),
        ZoneConfig(id: "us-fort-cavazos", name: "Fort Cavazos", kind: .usGovernmentSite, country: .unitedStates,
                   shape: .circle(center: GeoPoint(latitude: 31.14, longitude: -97.78), radiusMeters: 3000)),
    ]
}

extension ServiceConfig {
    public static let defaults: [ServiceConfig] = [
        ServiceConfig(id: "tesla-cn-dc", name: "Tesla China data centre", country: .china,
                      serverName: "telemetry.tesla.cn", address: IPv4Address(203, 0, 113, 10)),
        ServiceConfig(id: "tesla-cn-cdn", name: "Tesla China delivery network", country: .china,
                      serverName: "firmware.tesla.cn", address: IPv4Address(203, 0, 113, 20)),
        ServiceConfig(id: "tesla-cn-relay", name: "Owner's phone via Tesla relay (CN)", country: .china,
                      serverName: "relay.tesla.cn", address: IPv4Address(203, 0, 113, 30)),
        ServiceConfig(id: "baidu-maps", name: "Baidu Maps", country: .china,
                      serverName: "api.map.baidu.com", address: IPv4Address(203, 0, 113, 40)),
        ServiceConfig(id: "volcano-engine", name: "Volcano Engine", country: .china,
                      serverName: "voice.volces.com", address: IPv4Address(203, 0, 113, 50)),
        ServiceConfig(id: "cn-streaming", name: "Chinese streaming back ends", country: .china,
                      serverName: "vod.media.cn", address: IPv4Address(203, 0, 113, 60)),
        // What-if: a third-party car app whose telemetry server is in China (US cars stream to it).
        ServiceConfig(id: "cn-car-app", name: "Third-party car app server (CN)", country: .china,
                      serverName: "telemetry.carapp.example.cn", address: IPv4Address(203, 0, 113, 70)),
        ServiceConfig(id: "tesla-us-cloud", name: "Tesla US cloud", country: .unitedStates,
                      serverName: "telemetry.tesla.com", address: IPv4Address(198, 51, 100, 10)),
        ServiceConfig(id: "tesla-us-cdn", name: "Tesla delivery network", country: .unitedStates,
                      serverName: "firmware.teslamotors.com", address: IPv4Address(198, 51, 100, 20)),
        ServiceConfig(id: "tesla-us-relay", name: "Owner's phone via Tesla relay (US)", country: .unitedStates,
                      serverName: "relay.tesla.com", address: IPv4Address(198, 51, 100, 30)),
        ServiceConfig(id: "tesla-ai", name: "Tesla AI training (US)", country: .unitedStates,
                      serverName: "fleet-learning.tesla.com", address: IPv4Address(198, 51, 100, 40)),
        ServiceConfig(id: "us-maps", name: "US map provider", country: .unitedStates,
                      serverName: "maps.tesla.com", address: IPv4Address(198, 51, 100, 50)),
        ServiceConfig(id: "xai", name: "xAI", country: .unitedStates,
                      serverName: "api.x.ai", address: IPv4Address(192, 0, 2, 10)),
        ServiceConfig(id: "us-streaming", name: "Netflix, Spotify", country: .unitedStates,
                      serverName: "streaming.nflxvideo.net", address: IPv4Address(192, 0, 2, 20)),
        // A third-party car app hosted in the US (some CN-market owners stream to it).
        ServiceConfig(id: "us-car-app", name: "Third-party car app server (US)", country: .unitedStates,
                      serverName: "telemetry.carapp.example.com", address: IPv4Address(192, 0, 2, 30)),
    ]
}

extension RoutingTable {
    /// CN-market data stays in China (Tesla, May 2021); US cars use US services.
    public static let defaults = RoutingTable(routes: [
        .cn: [
            .telemetry: "tesla-cn-dc", .diagnostics: "tesla-cn-dc", .cameraClip: "tesla-cn-dc",
            .sentryLive: "tesla-cn-relay", .cabinCamera: "tesla-cn-dc", .ota: "tesla-cn-cdn",
            .navigation: "baidu-maps", .voice: "volcano-engine", .media: "cn-streaming", .appCommands: "tesla-cn-relay",
        ],
        .us: [
            .telemetry: "tesla-us-cloud", .diagnostics: "tesla-us-cloud", .cameraClip: "tesla-ai",
            .sentryLive: "tesla-us-relay", .cabinCamera: "tesla-ai", .ota: "tesla-us-cdn",
            .navigation: "us-maps", .voice: "xai", .media: "us-streaming", .appCommands: "tesla-us-relay",
        ],
    ])
}
