/// How fast a telemetry field's value moves in each awake car state, in the field's own unit
/// per second (metres, km/h, %, V...); 0 means it holds still.
public struct FieldChange: Hashable, Sendable, Codable {
    public var parked: Double
    public var driving: Double
    public var charging: Double

    public init(parked: Double = 0, driving: Double = 0, charging: Double = 0) {
        self.parked = parked
        self.driving = driving
        self.charging = charging
    }

    /// The rate in `state`; an asleep car streams nothing, so its fields do not count.
    public func perSecond(_ state: CarState) -> Double {
        switch state {
        case .asleep: 0
        case .parked: parked
        case .driving: driving
        case .charging: charging
        }
    }
}

/// One field (or a group of fields configured alike, such as PackVoltage, PackCurrent and
/// ModuleTempMax) of a Fleet Telemetry configuration, with the three settings Tesla's
/// `fleet_telemetry_config` gives every field [S: teslamotors/fleet-telemetry,
/// developer.tesla.com "Fleet Telemetry"]: the car checks the field every `intervalSeconds`, sends
/// it when it moved by at least `minimumDelta` since the value last sent, and sends it again
/// unchanged once `resendIntervalSeconds` passed without a send.
public struct TelemetryField: Hashable, Sendable, Codable {
    /// The proto's field names ("Location", "VehicleSpeed") or a group's name.
    public var name: String
    /// Bytes the field adds to a record (16 a scalar datum, 27 a location; DOMAIN.md [C]).
    public var bytes: Double
    /// `interval_seconds`: the field is sent at most this often (at least 1 s).
    public var intervalSeconds: Double
    /// `minimum_delta`: the change needed before the field is sent again; 0 sends every change.
    public var minimumDelta: Double
    /// `resend_interval_seconds`: resend an unchanged value after this long; 0 never resends.
    public var resendIntervalSeconds: Double
    /// How fast the value moves per state [E].
    public var change: FieldChange

    public init(
        name: String, bytes: Double, intervalSeconds: Double, minimumDelta: Double = 0,
        resendIntervalSeconds: Double = 0, change: FieldChange
    ) {
        self.name = name
        self.bytes = bytes
        self.intervalSeconds = intervalSeconds
        self.minimumDelta = minimumDelta
        self.resendIntervalSeconds = resendIntervalSeconds
        self.change = change
    }

    /// Seconds between two sends of the field in `state`, or nil when it is never sent.
    ///
    /// The car looks at the field every `intervalSeconds`; a value moving steadily at `v` units a
    /// second has moved `minimumDelta` after `δ/v` seconds, so the field goes out every
    /// `interval · ⌈δ / (v · interval)⌉` seconds (every interval when δ is 0), or after the resend
    /// interval if that comes first (rounded up to a whole interval, when the car looks).
    public func sendPeriod(in state: CarState) -> Double? {
        let v = change.perSecond(state)
        let interval = max(intervalSeconds, 1)
        var period: Double? = nil
        if v > 0 {
            // A hair below the quotient, so that 1 / 0.002 checks stays 500 and not 501.
            let checks = minimumDelta > 0 ? max(1, (minimumDelta / (v * interval) * (1 - 1e-12)).rounded(.up)) : 1
            period = checks * interval
        }
        if state != .asleep, resendIntervalSeconds > 0 {
            let resend = max(1, (resendIntervalSeconds / interval * (1 - 1e-12)).rounded(.up)) * interval
            period = min(period ?? resend, resend)
        }
        return period
    }
}

/// The Fleet Telemetry stream of a car: the fields it is configured with and the size of a
/// record's envelope. This replaces a per-state record rate: what is sent follows from which
/// fields move in the car's state (driving: location and motion; charging: state of charge and
/// power; parked: little; asleep: nothing).
///
/// A record bundles the fields due at one instant. The car looks at its fields on a one-second
/// grid; with the fields' phases independent, the chance that a given second carries a record
/// is `1 − Π (1 − 1/pᵢ)` over the fields' send periods pᵢ, and the bytes a second are that times
/// the record overhead plus `Σ bytesᵢ / pᵢ`. Those two expectations are exact, and they are the
/// flow profile the world draws each tick from (`profile(_:)`): no per-field event is simulated.
public struct TelemetryConfig: Hashable, Sendable, Codable {
    /// Bytes every record carries whatever its fields: the payload's `created_at`, `vin` and
    /// `is_resend` (31 B, DOMAIN.md [C]) plus the flatbuffers envelope, WebSocket and TLS framing
    /// (120-200 B [E]).
    public var recordOverheadBytes: Double
    public var fields: [TelemetryField]

    /// No fields: a car that streams nothing.
    public static let silent = TelemetryConfig(recordOverheadBytes: 0, fields: [])

    public init(recordOverheadBytes: Double, fields: [TelemetryField]) {
        self.recordOverheadBytes = recordOverheadBytes
        self.fields = fields
    }

    /// Expected records per second in `state`.
    public func recordsPerSecond(_ state: CarState) -> Double {
        var none = 1.0
        for field in fields {
            guard let p = field.sendPeriod(in: state) else { continue }
            none *= 1 - min(1, 1 / p)
        }
        return 1 - none
    }

    /// Expected bytes per second in `state`: overhead per record plus each field at its period.
    public func bytesPerSecond(_ state: CarState) -> Double {
        var fieldBytes = 0.0
        for field in fields {
            guard let p = field.sendPeriod(in: state) else { continue }
            fieldBytes += field.bytes / p
        }
        return recordsPerSecond(state) * recordOverheadBytes + fieldBytes
    }

    /// The stream in `state` as a flow profile: records per hour, their mean size, no size
    /// spread (the mean record is exact in expectation). `.none` when nothing is sent.
    public func profile(_ state: CarState) -> FlowProfile {
        let r = recordsPerSecond(state)
        guard r > 0 else { return .none }
        return FlowProfile(rate: r * 3600, meanBytes: bytesPerSecond(state) / r, sizeSigma: 0)
    }
}
