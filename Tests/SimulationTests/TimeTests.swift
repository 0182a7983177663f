import Testing
@testable import Simulation

@Suite struct TimeTests {
    @Test(arguments: [
        ("90s", 90.0), ("15m", 900), ("2h", 7200), ("1d", 86_400), ("1h30m", 5400), ("1.5h", 5400),
        ("250ms", 0.25), ("42", 42), (" 10s ", 10),
    ])
    func parsesDurations(text: String, seconds: Double) throws {
        #expect(try SimDuration(parsing: text) == .seconds(seconds))
    }

    @Test(arguments: ["", "-5s", "10x", "s", "1e400", "200y", "1000000d", "5 s"])
    func refusesBadDurations(text: String) {
        #expect(throws: DurationParseError.self) { try SimDuration(parsing: text) }
    }

    @Test func formatsClockAndCompactForms() {
        #expect(SimTime.seconds(3725.5).description == "01:02:05.500")
        #expect(SimTime.seconds(90_000).description == "1+01:00:00.000")
        #expect(SimDuration.seconds(5400.0).description == "1h30m")
        #expect(SimDuration.zero.description == "0s")
    }

    @Test func decayingRateConvergesAndDecays() {
        var r = DecayingRate()
        for i in 1...3000 { r.add(100, at: .seconds(Double(i) * 0.1), tau: 10) }  // 1000 B/s
        #expect(abs(r.rate - 1000) < 60)
        let later = r.value(at: .seconds(310.0), tau: 10)
        #expect(abs(later - r.rate * 0.36788) < 1, "one time constant later the rate is 1/e")
    }

    /// Seconds to nanoseconds rounds half away from zero, exactly as `Double.rounded()` does,
    /// on halves, near-halves, negative values, random values and the saturation limits.
    @Test func secondsRoundLikeRounded() {
        var rng = SeededGenerator(seed: 11)
        var values: [Double] = [0, -0.0, 0.5e-9, -0.5e-9, 1.5e-9, 2.5e-9, -2.5e-9, 0.49999999999999994e-9, 9.1e9, -9.1e9]
        for _ in 0..<20_000 {
            let magnitude = [1e-9, 1e-6, 1.0, 1e3, 1e6, 1e9][rng.index(below: 6)]
            values.append((rng.uniform() * 2 - 1) * magnitude)
            values.append((Double(rng.index(below: 1 << 20)) + 0.5) * 1e-9)  // halves in nanoseconds
        }
        for s in values {
            let expected = (s * 1e9).rounded()
            #expect(SimDuration.seconds(s).nanoseconds == Int64(expected), "\(s) s")
        }
        #expect(SimDuration.seconds(1e10).nanoseconds == .max)
        #expect(SimDuration.seconds(-1e10).nanoseconds == .min)
    }
}
