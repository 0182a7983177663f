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

    /// Seconds become the nearest nanosecond, halves away from zero, exactly as `rounded()` does.
    @Test func secondsRoundToTheNearestNanosecond() {
        var rng = SeededGenerator(seed: 9)
        var values: [Double] = [0, 0.5e-9, -0.5e-9, 1.5e-9, -2.5e-9, 0.49999999999999994e-9, 4503599627.3701495, 9e9, -3e9]
        for _ in 0..<20_000 {
            let magnitude = [1e-9, 1e-3, 1, 600, 86_400, 1e7][rng.index(below: 6)]
            let v = (rng.uniform() - 0.3) * magnitude
            values.append(v)
            values.append((v * 1e9).rounded(.down) / 1e9 + 0.5e-9)
        }
        for v in values {
            #expect(SimDuration.seconds(v).nanoseconds == Int64((v * 1e9).rounded()), "\(v)")
        }
        #expect(SimDuration.seconds(1e300).nanoseconds == .max)
        #expect(SimDuration.seconds(-1e300).nanoseconds == .min)
    }

    @Test func decayingRateConvergesAndDecays() {
        var r = DecayingRate()
        for i in 1...3000 { r.add(100, at: .seconds(Double(i) * 0.1), tau: 10) }  // 1000 B/s
        #expect(abs(r.rate - 1000) < 60)
        let later = r.value(at: .seconds(310.0), tau: 10)
        #expect(abs(later - r.rate * 0.36788) < 1, "one time constant later the rate is 1/e")
    }
}
