import Simulation
import Testing
@testable import Fleet

/// The Fleet Telemetry model: when a field goes out, and the closed form for records and bytes.
@Suite struct TelemetryModelTests {
    func field(interval: Double, delta: Double = 0, resend: Double = 0, driving: Double = 0, parked: Double = 0,
               bytes: Double = 16) -> TelemetryField {
        TelemetryField(name: "F", bytes: bytes, intervalSeconds: interval, minimumDelta: delta,
                       resendIntervalSeconds: resend, change: FieldChange(parked: parked, driving: driving))
    }

    @Test func aFieldGoesOutWhenItMovedByItsDeltaOnItsInterval() {
        // Odometer at 30 km/h with a 0.1 km delta, looked at every 10 s: every 20 s.
        #expect(field(interval: 10, delta: 0.1, driving: 0.0083).sendPeriod(in: .driving) == 20)
        // No delta: every change, so every interval.
        #expect(field(interval: 1, driving: 8).sendPeriod(in: .driving) == 1)
        // A whole number of checks, not a hair more: 1 / 0.002 is 500 s.
        #expect(field(interval: 1, delta: 1, driving: 0.002).sendPeriod(in: .driving) == 500)
        // Still: never, unless resent; the resend comes on a check.
        #expect(field(interval: 10, delta: 0.5).sendPeriod(in: .parked) == nil)
        #expect(field(interval: 10, delta: 0.5, resend: 120).sendPeriod(in: .parked) == 120)
        #expect(field(interval: 60, resend: 90).sendPeriod(in: .parked) == 120)
        // The resend caps a slow change; an asleep car sends nothing.
        #expect(field(interval: 10, delta: 0.5, resend: 120, parked: 0.001).sendPeriod(in: .parked) == 120)
        #expect(field(interval: 1, resend: 60, driving: 8).sendPeriod(in: .asleep) == nil)
    }

    @Test func recordsBundleTheFieldsDueAtOneInstant() {
        let one = TelemetryConfig(recordOverheadBytes: 100, fields: [field(interval: 2, driving: 1, bytes: 20)])
        #expect(one.recordsPerSecond(.driving) == 0.5)
        #expect(one.bytesPerSecond(.driving) == 0.5 * 100 + 20 / 2)
        #expect(one.profile(.driving) == FlowProfile(rate: 1800, meanBytes: 120, sizeSigma: 0))
        #expect(one.profile(.parked) == .none && one.recordsPerSecond(.parked) == 0)
        // A field every second makes every second a record, whatever else is due.
        let two = TelemetryConfig(recordOverheadBytes: 100, fields: [
            field(interval: 1, driving: 1, bytes: 27), field(interval: 4, driving: 1, bytes: 16),
        ])
        #expect(two.recordsPerSecond(.driving) == 1)
        #expect(two.bytesPerSecond(.driving) == 100 + 27 + 4)
    }

    /// Seeded property: fields on a one-second grid with random phases, counted second by
    /// second over their common period, average to the closed form.
    @Test func theClosedFormIsTheExpectationOverPhases() {
        var g = SeededGenerator(seed: 42)
        for _ in 0..<40 {
            let periods = (0..<(1 + g.index(below: 4))).map { _ in [1, 2, 3, 4, 6, 12][g.index(below: 6)] }
            let bytes = periods.map { _ in Double(8 + g.index(below: 60)) }
            let config = TelemetryConfig(recordOverheadBytes: 191, fields: zip(periods, bytes).map { p, b in
                field(interval: Double(p), driving: 1, bytes: b)
            })
            var records = 0.0, total = 0.0
            let draws = 3000, span = 12
            for _ in 0..<draws {
                let phases = periods.map { g.index(below: $0) }
                for t in 0..<span {
                    var due = false
                    for i in periods.indices where (t + phases[i]) % periods[i] == 0 {
                        due = true
                        total += bytes[i]
                    }
                    if due { records += 1; total += 191 }
                }
            }
            let seconds = Double(draws * span)
            #expect(abs(records / seconds - config.recordsPerSecond(.driving)) < 0.02, "periods \(periods)")
            #expect(abs(total / seconds - config.bytesPerSecond(.driving)) < 0.02 * config.bytesPerSecond(.driving))
        }
    }

    /// The documented defaults: about a record a second and 1.1 MB an hour driving, a few
    /// hundred records charging, little parked; 1-5 MB a day with 1-1.5 h of driving.
    @Test func theDefaultsGiveTeslasVolumes() {
        let t = TelemetryConfig.defaults
        let mbPerHour = { (s: CarState) in t.bytesPerSecond(s) * 3600 / 1e6 }
        #expect(abs(t.recordsPerSecond(.driving) - 1) < 0.001)
        #expect((1.0...2.0).contains(mbPerHour(.driving)))
        #expect((0.03...0.2).contains(mbPerHour(.charging)))
        #expect((0.01...0.2).contains(mbPerHour(.parked)))
        #expect(t.bytesPerSecond(.asleep) == 0)
        // A day: 1-1.5 h driving, 4 h parked awake, 1.5 h charging.
        for driving in [1.0, 1.5] {
            let day = driving * mbPerHour(.driving) + 4 * mbPerHour(.parked) + 1.5 * mbPerHour(.charging)
            #expect((1.0...5.0).contains(day), "\(day) MB a day")
        }
    }
}
