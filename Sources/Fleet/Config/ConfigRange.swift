/// The allowed ranges of the world's numbers, named once: `WorldConfig.validate()` checks them
/// and the scenario decoder reports a value outside them at its FILE:LINE:COL, so the two never
/// disagree about what a scenario may say.
public enum ConfigRange {
    /// A relative weight (fleet, area, model, place shares): any non-negative number.
    public static let weight: ClosedRange<Double> = 0...1e9
    /// A percentage of a class mix.
    public static let percent: ClosedRange<Double> = 0...100
    /// A share between none and all (up share, PRC-linked share, battery levels).
    public static let fraction: ClosedRange<Double> = 0...1
    /// Flows per hour of a category in one state.
    public static let flowRate: ClosedRange<Double> = 0...1e6
    /// A flow's mean size in bytes.
    public static let meanBytes: ClosedRange<Double> = 1...1e11
    /// The lognormal sigma of flow sizes.
    public static let sizeSigma: ClosedRange<Double> = 0...4
    /// A category's throughput, bytes per second.
    public static let throughput: ClosedRange<Double> = 1...1e11
    /// Bytes of a telemetry record's overhead or of one field (a record is at most 1,000,000 B).
    public static let recordBytes: ClosedRange<Double> = 0...1_000_000
    /// A telemetry field's `interval_seconds` (at least 1 s) in seconds.
    public static let telemetryInterval: ClosedRange<Double> = 1...86_400
    /// A telemetry field's `resend_interval_seconds` (0 = never) in seconds.
    public static let telemetryResend: ClosedRange<Double> = 0...86_400 * 30
    /// A telemetry field's `minimum_delta`, or how fast its value moves a second.
    public static let telemetryDelta: ClosedRange<Double> = 0...1e9
    /// Bytes per packet.
    public static let packetBytes: ClosedRange<Double> = 1...65_535
    /// An area's average driving speed.
    public static let speedKmh: ClosedRange<Double> = 1...200
    /// A model's battery.
    public static let batteryKWh: ClosedRange<Double> = 10...300
    /// A circular zone's radius.
    public static let radiusMeters: ClosedRange<Double> = 1...1_000_000
}

extension ClosedRange where Bound == Double {
    /// The whole numbers of the range (for values a scenario writes as integers).
    public var integers: ClosedRange<Int> { Int(lowerBound.rounded(.up))...Int(upperBound.rounded(.down)) }
}
