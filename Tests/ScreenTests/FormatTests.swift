import Testing
@testable import Screen

@Suite struct FormatTests {
    @Test func bytes() {
        #expect(Format.bytes(0) == "0 B")
        #expect(Format.bytes(999) == "999 B")
        #expect(Format.bytes(999.6) == "1.0 kB")
        #expect(Format.bytes(1234) == "1.2 kB")
        #expect(Format.bytes(9_949) == "9.9 kB")
        #expect(Format.bytes(9_950) == "10 kB")
        #expect(Format.bytes(340_000) == "340 kB")
        #expect(Format.bytes(999_499) == "999 kB")
        #expect(Format.bytes(999_500) == "1.0 MB")
        #expect(Format.bytes(1_200_000) == "1.2 MB")
        #expect(Format.bytes(3.5e12) == "3.5 TB")
        #expect(Format.bytes(-2048) == "-2.0 kB")
        #expect(Format.bytes(.nan) == "-")
        #expect(Format.rate(340_123) == "340 kB/s")
    }

    @Test func bytesNeverExceedTheirWidth() {
        var v = 0.37
        while v < 1e20 {
            #expect(Format.bytes(v).count <= Format.bytesWidth, "\(v) -> \(Format.bytes(v))")
            #expect(Format.rate(v).count <= Format.rateWidth)
            v *= 1.37
        }
    }

    @Test func durations() {
        #expect(Format.duration(0) == "0s")
        #expect(Format.duration(59.9) == "59s")
        #expect(Format.duration(65) == "1m05s")
        #expect(Format.duration(3599) == "59m59s")
        #expect(Format.duration(3600 * 3 + 7 * 60 + 59) == "3h07m")
        #expect(Format.duration(86400 * 2 + 3600 * 4) == "2d04h")
        #expect(Format.duration(-5) == "0s")
        #expect(Format.clock(3600 * 25 + 61) == "25:01:01")
        #expect(Format.clock(0) == "00:00:00")
    }

    @Test func percentAndDecimals() {
        #expect(Format.percent(0.456) == "46%")
        #expect(Format.percent(0.0456, decimals: 1) == "4.6%")
        #expect(Format.percent(1) == "100%")
        #expect(Format.decimal(2.05, decimals: 2) == "2.05")
        #expect(Format.decimal(-0.04, decimals: 1) == "0.0")  // no "-0.0"
        #expect(Format.decimal(-1.25, decimals: 1) == "-1.3")
        #expect(Format.decimal(7, decimals: 0) == "7")
        #expect(Format.padLeft("1.2 MB", to: 8) == "  1.2 MB")
        #expect(Format.bytesColumn(12) == "  12 B")
        #expect(Format.rateColumn(1_234_567) == "1.2 MB/s")
        #expect(Format.rateColumn(12) == "  12 B/s")
    }
}
