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
}
