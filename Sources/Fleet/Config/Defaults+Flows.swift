/// Default flow parameters per category and car state, from DOMAIN.md's table [C/E].
extension FlowConfig {
    public static let defaults = FlowConfig(categories: [
        // Profiles derived from `telemetry` (the fields below); the link settings are these.
        .telemetry: CategoryFlowConfig(
            parked: .none, driving: .none, charging: .none, upShare: 1, throughput: 1_000_000, packetBytes: 480),
        // 5-50 MB/day: continuous logs plus bursts after faults (wide size spread); about 8-10 MB
        // a day at these rates (DayNightTests).
        .diagnostics: CategoryFlowConfig(
            parked: FlowProfile(rate: 15, meanBytes: 150_000, sizeSigma: 1.0),
            driving: FlowProfile(rate: 30, meanBytes: 150_000, sizeSigma: 1.0),
            charging: FlowProfile(rate: 15, meanBytes: 150_000, sizeSigma: 1.0),
            upShare: 1, throughput: 1_000_000),
        // Clips of 8 cameras x 30 s, 60-120 MB; uploads at ~12 Mbit/s.
        .cameraClip: CategoryFlowConfig(
            parked: FlowProfile(rate: 0.1, meanBytes: 90_000_000, sizeSigma: 0.4),
            driving: FlowProfile(rate: 0.2, meanBytes: 90_000_000, sizeSigma: 0.4),
            charging: FlowProfile(rate: 0.1, meanBytes: 90_000_000, sizeSigma: 0.4),
            upShare: 1, throughput: 1_500_000),
        // The owner opens the live Sentry view: ~3 minutes at 2 Mbit/s.
        .sentryLive: CategoryFlowConfig(
            parked: FlowProfile(rate: 0.1, meanBytes: 45_000_000, sizeSigma: 0.6),
            driving: .none,
            charging: FlowProfile(rate: 0.05, meanBytes: 45_000_000, sizeSigma: 0.6),
            upShare: 1, throughput: 250_000),
        // Processed in the car by default: nothing leaves unless a scenario opts in.
        .cabinCamera: CategoryFlowConfig(
            parked: .none, driving: .none, charging: .none,
            upShare: 1, throughput: 1_000_000),
        // 0.3-3.2 GB every 2-6 weeks, over Wi-Fi at ~25 Mbit/s.
        .ota: CategoryFlowConfig(
            parked: FlowProfile(rate: 0.007, meanBytes: 1_200_000_000, sizeSigma: 0.6),
            driving: .none,
            charging: FlowProfile(rate: 0.007, meanBytes: 1_200_000_000, sizeSigma: 0.6),
            upShare: 0.01, throughput: 3_000_000),
        // Position and destination up, tiles and traffic down: 5-20 MB/h while driving.
        .navigation: CategoryFlowConfig(
            parked: FlowProfile(rate: 2, meanBytes: 50_000, sizeSigma: 0.5),
            driving: FlowProfile(rate: 360, meanBytes: 35_000, sizeSigma: 0.5),
            charging: FlowProfile(rate: 2, meanBytes: 50_000, sizeSigma: 0.5),
            upShare: 0.1, throughput: 2_000_000),
        // 10-50 KB an utterance.
        .voice: CategoryFlowConfig(
            parked: FlowProfile(rate: 0.3, meanBytes: 30_000, sizeSigma: 0.5),
            driving: FlowProfile(rate: 1.5, meanBytes: 30_000, sizeSigma: 0.5),
            charging: FlowProfile(rate: 0.3, meanBytes: 30_000, sizeSigma: 0.5),
            upShare: 0.9, throughput: 100_000),
        // Sessions of music (small) or video (1-7 GB/h), drained at ~5 Mbit/s.
        .media: CategoryFlowConfig(
            parked: FlowProfile(rate: 0.2, meanBytes: 1_000_000_000, sizeSigma: 1.0),
            driving: FlowProfile(rate: 0.4, meanBytes: 300_000_000, sizeSigma: 1.0),
            charging: FlowProfile(rate: 0.6, meanBytes: 1_200_000_000, sizeSigma: 1.0),
            upShare: 0.02, throughput: 600_000),
        // Lock, climate, summon from the phone: under 2 KB each way.
        .appCommands: CategoryFlowConfig(
            parked: FlowProfile(rate: 2, meanBytes: 1_500, sizeSigma: 0.3),
            driving: FlowProfile(rate: 0.5, meanBytes: 1_500, sizeSigma: 0.3),
            charging: FlowProfile(rate: 3, meanBytes: 1_500, sizeSigma: 0.3),
            upShare: 0.5, throughput: 10_000, packetBytes: 500),
    ], telemetry: .defaults)
}

extension TelemetryConfig {
    /// Field groups named after vehicle_data.proto, with intervals, deltas and resends as a
    /// third-party configuration would set them (DECISIONS.md 2026-12-02): Location and motion
    /// each second while driving, Soc each minute, charging power each 30 s, and the battery
    /// group as TeslaLogger's recommended profile (10 s, delta 0.5, resend 120 s). A field's
    /// bytes are 16 a scalar datum and 27 a location (DOMAIN.md [C]); a record adds 31 B of
    /// payload plus a 160 B envelope, WebSocket and TLS framing [E]. The rates of change are
    /// estimates [E]. This gives ~3,600 records and 1.1 MB an hour driving, ~550 and 0.14 MB
    /// charging, ~120 and 0.03 MB parked awake.
    public static let defaults = TelemetryConfig(recordOverheadBytes: 191, fields: [
        TelemetryField(name: "Location", bytes: 27, intervalSeconds: 1, change: FieldChange(driving: 8)),
        TelemetryField(name: "VehicleSpeed, GpsHeading", bytes: 32, intervalSeconds: 1, minimumDelta: 1,
                       change: FieldChange(driving: 0.8)),
        TelemetryField(name: "Odometer", bytes: 16, intervalSeconds: 10, minimumDelta: 0.1,
                       change: FieldChange(driving: 0.0083)),
        TelemetryField(name: "Motion (PedalPosition, LateralAcceleration, LongitudinalAcceleration, BrakePedal)",
                       bytes: 64, intervalSeconds: 1, minimumDelta: 1, change: FieldChange(driving: 1.5)),
        TelemetryField(name: "Gear", bytes: 16, intervalSeconds: 1, minimumDelta: 1, change: FieldChange(driving: 0.002)),
        TelemetryField(name: "Battery (PackVoltage, PackCurrent, ModuleTempMax)", bytes: 48, intervalSeconds: 10,
                       minimumDelta: 0.5, resendIntervalSeconds: 120,
                       change: FieldChange(parked: 0.01, driving: 1, charging: 0.2)),
        TelemetryField(name: "Soc, EstBatteryRange", bytes: 32, intervalSeconds: 60, minimumDelta: 0.1,
                       change: FieldChange(driving: 0.0016, charging: 0.01)),
        TelemetryField(name: "Charging (ChargeState, ACChargingPower, DCChargingPower, ChargeAmps, ChargerVoltage, "
                       + "TimeToFullCharge)", bytes: 96, intervalSeconds: 30, minimumDelta: 0.5,
                       change: FieldChange(charging: 0.05)),
        TelemetryField(name: "Climate (InsideTemp, OutsideTemp, HvacPower, HvacFanSpeed)", bytes: 64, intervalSeconds: 60,
                       minimumDelta: 0.5, change: FieldChange(parked: 0.005, driving: 0.01, charging: 0.005)),
        TelemetryField(name: "Body (Locked, DoorState, SentryMode, DriverSeatOccupied)", bytes: 64, intervalSeconds: 1,
                       minimumDelta: 1, change: FieldChange(parked: 0.005, driving: 0.002, charging: 0.001)),
        TelemetryField(name: "Media (MediaNowPlayingTitle, MediaPlaybackStatus)", bytes: 32, intervalSeconds: 10,
                       minimumDelta: 1, change: FieldChange(parked: 0.0003, driving: 0.005, charging: 0.0003)),
    ])
}

extension BehaviourConfig {
    public static let defaults = BehaviourConfig(
        // Tuned so that a car drives about 1.3 h a day (DOMAIN.md: 1-1.5 h; AAA 2019-2020: 59
        // minutes) in some 2.5 trips a day of 14-16 km on average (NHTS 2017: about 10 miles)
        // with the districts' places and a 3 km distance decay: Shanghai's at 23 km/h take about
        // 40 minutes, the US ones about 22. Stays are in profile time (DayProfile); most trips
        // away from home go home.
        fromHome: TripMix(home: 0, work: 0.5, poi: 0.44, charger: 0.04, zone: 0.02),
        fromElsewhere: TripMix(home: 0.8, work: 0.03, poi: 0.15, charger: 0.01, zone: 0.01),
        dwellHours: DwellHours(home: 14, work: 9, poi: 1.5, charger: 0.3, zone: 1),
        dwellSigma: 0.6, speedSigma: 0.25, detourFactor: 1.3, sleepAfterSeconds: 900,
        consumptionKWhPerKm: 0.15, chargeBelow: 0.25, homeChargeBelow: 0.6, chargeTarget: 0.85,
        superchargerKW: 120, homeChargerKW: 7, initialBattery: 0.3...0.95, initialAwakeShare: 0.3,
        distanceDecayKm: 3)
}

extension WorldConfig {
    /// The embedded default the dashboard opens with: 300 cars in Shanghai, 300 in the US.
    public static let `default` = WorldConfig(
        seed: 2021, fleetSize: 600, start: StartDate(year: 2026, month: 11, day: 30, hour: 8, utcOffsetMinutes: 480),
        regions: [.shanghai, .unitedStates], zones: ZoneConfig.defaults, services: ServiceConfig.defaults,
        routing: .defaults, flows: .defaults, behaviour: .defaults)
}
