import Testing
@testable import Linear

/// The spoken wording: the screen's numbers with their units in words.
@Suite struct SpokenTests {
    /// A caption written for the screen, read aloud: marks and units in words (the briefing's).
    @Test func captionsInWords() {
        #expect(Spoken.prose("A 60 MB camera clip uploads to Tesla AI training in the US at 1.5 MB/s, for 40 seconds.")
            == "A 60 megabytes camera clip uploads to Tesla AI training in the US at 1.5 megabytes per second, for 40 seconds.")
        #expect(Spoken.prose("⇄ is the share of a region's bytes that left its country. Three drivers here are now restricted (⊘).")
            == "the cross-border share is the share of a region's bytes that left its country. Three drivers here are now restricted (the restricted mark).")
        #expect(Spoken.prose("Telemetry is 1-5 MB a day; MB alone stays") == "Telemetry is 1-5 megabytes a day; MB alone stays")
        #expect(Spoken.prose("bad\u{1b}[31m") == Spoken.clean("bad\u{1b}[31m"))
    }

    @Test func sizesInWords() {
        #expect(Spoken.bytes(0.0) == "0 bytes")
        #expect(Spoken.bytes(1.0) == "1 byte")
        #expect(Spoken.bytes(999.0) == "999 bytes")
        #expect(Spoken.bytes(1_000.0) == "1.0 kilobytes")
        #expect(Spoken.bytes(340_000.0) == "340 kilobytes")
        #expect(Spoken.bytes(115_000_000 as UInt64) == "115 megabytes")
        #expect(Spoken.bytes(1_200_000_000.0) == "1.2 gigabytes")
        #expect(Spoken.bytes(Double.nan) == "-")
    }

    @Test func ratesInWords() {
        #expect(Spoken.rate(2_400_000) == "2.4 megabytes per second")
        // The example: the directions in the total's unit are bare numbers.
        #expect(Spoken.rates(total: 36_000, up: 9_600, down: 27_000) == "rate 36 kilobytes per second, up 9.6, down 27")
        #expect(Spoken.rates(total: 6_700, up: 920, down: 5_800) == "rate 6.7 kilobytes per second, up 920 bytes per second, down 5.8")
        #expect(Spoken.rates(total: 0, up: 0, down: 0) == "rate 0 bytes per second, up 0, down 0")
    }

    @Test func sharesCountsListsDurations() {
        #expect(Spoken.percent(0.456) == "46 percent")
        #expect(Spoken.percent(0.0456, decimals: 1) == "4.6 percent")
        #expect(Spoken.count(0, "car") == "no cars")
        #expect(Spoken.count(1, "car") == "1 car")
        #expect(Spoken.count(3, "open alert") == "3 open alerts")
        #expect(Spoken.list([]) == "")
        #expect(Spoken.list(["China"]) == "China")
        #expect(Spoken.list(["China", "Ireland", "United States"]) == "China, Ireland and United States")
        #expect(Spoken.duration(45) == "45 seconds")
        #expect(Spoken.duration(720) == "12 minutes")
        #expect(Spoken.duration(3 * 3600 + 7 * 60 + 5) == "3 hours 7 minutes")
        #expect(Spoken.duration(2 * 86_400 + 4 * 3600) == "2 days 4 hours")
        #expect(Spoken.speed(1) == "real time")
        #expect(Spoken.speed(10) == "10 times real time")
        #expect(Spoken.speed(2.5) == "2.5 times real time")
    }

    @Test func vinsAndDataText() {
        #expect(Spoken.vin("LRW3E7FA0NC123407") == "LRW…407")
        #expect(Spoken.vin("ABC") == "ABC")
        // Text from a scenario file: an escape sequence shows inert, never sent.
        #expect(Spoken.clean("Zone\u{1B}[31m red") == "Zone␛[31m red")
    }
}
