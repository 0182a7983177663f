import Foundation
import Geography
import Simulation
import Testing
@testable import Fleet

@Suite struct MeterTests {
    func flow(_ bytes: UInt64, _ start: Double, _ end: Double, _ dir: Direction = .up, category: DataCategory = .telemetry,
              service: UInt16 = 0, car: UInt32 = 0) -> FlowRecord {
        FlowRecord(start: .seconds(start), end: .seconds(end), vehicle: car, category: category, direction: dir,
                   bytes: bytes, packets: 1, service: service, position: GeoPoint(latitude: 0, longitude: 0))
    }

    @Test func windowsCountCompleteBucketsOnly() {
        var bank = MeterBank(cars: 1)
        bank.record(flow(1000, 1, 1))
        #expect(bank.rate(car: 0, direction: .up, seconds: 2, at: .seconds(1.5)) == 0)
        #expect(bank.rate(car: 0, direction: .up, seconds: 2, at: .seconds(2)) == 500)
        #expect(bank.rate(car: 0, direction: .up, seconds: 10, at: .seconds(2)) == 100)
        #expect(bank.rate(car: 0, direction: .up, seconds: 40, at: .seconds(2)) == 25)
        #expect(bank.rate(car: 0, direction: .down, seconds: 2, at: .seconds(2)) == 0)
    }

    @Test func aFlowIsSpreadOverItsSpan() {
        var bank = MeterBank(cars: 1)
        bank.record(flow(1000, 1, 1))
        bank.record(flow(10_000, 2, 12))
        let r = bank.rates(car: 0, direction: .up, at: .seconds(12))
        #expect(r.twoSeconds == 1000)  // bucket [10, 12): 2000 bytes
        #expect(r.tenSeconds == 1000)  // buckets [2, 12): 10,000 bytes
        #expect(r.fortySeconds == 11_000.0 / 40)
        #expect(bank.peak(car: 0, direction: .up) == 1000)
        #expect(bank.total(car: 0, direction: .up) == 11_000)
        // Forty seconds later the windows are empty; the totals stay.
        #expect(bank.rates(car: 0, direction: .up, at: .seconds(60)) == WindowRates(twoSeconds: 0, tenSeconds: 0, fortySeconds: 0))
        bank.record(flow(400, 100, 100.5))
        #expect(bank.rate(car: 0, direction: .up, seconds: 40, at: .seconds(102)) == 10)
        #expect(bank.total(car: 0, direction: .up) == 11_400)
    }

    @Test func peakIsTheHighestTwoSecondBucket() {
        var bank = MeterBank(cars: 1)
        bank.record(flow(3000, 0, 1, .down))
        bank.record(flow(1000, 1, 1.5, .down))
        bank.record(flow(500, 30, 31, .down))
        #expect(bank.peak(car: 0, direction: .down) == 2000)
        #expect(bank.peak(car: 0, direction: .up) == 0)
    }

    @Test func pairsOverflowIntoOther() {
        var bank = MeterBank(cars: 1)
        for s in 0..<UInt16(15) { bank.record(flow(100 + UInt64(s), 0, 1, service: s)) }
        let reading = bank.reading(car: 0, at: .seconds(2))
        #expect(reading.byCategoryAndService.count == MeterBank.pairSlots)
        let other = reading.byCategoryAndService.first { $0.service == MeterBank.otherService }
        #expect(other?.bytes == 111 + 112 + 113 + 114)
        #expect(reading.byCategoryAndService.reduce(0) { $0 + $1.bytes } == reading.totalUp)
    }

    @Test func historyIsBoundedAndCurrent() {
        var bank = MeterBank(cars: 2, historyLength: 5, historySeconds: 10)
        let before = bank.storageBytes
        for t in stride(from: 0.0, to: 1000, by: 1) { bank.record(flow(10, t, t + 1, car: 1)) }
        #expect(bank.storageBytes == before)
        let h = bank.history(car: 1, at: .seconds(1000))
        #expect(h == [100, 100, 100, 100, 0])  // [950, 1000) in 10-s samples, the current one empty
        #expect(bank.history(car: 0, at: .seconds(1000)) == [0, 0, 0, 0, 0])
    }

    @Test func categoryRatesShowWhatACarSendsNow() {
        var bank = MeterBank(cars: 1)
        bank.record(flow(100_000, 0, 1, category: .cameraClip))
        bank.record(flow(5_000, 1, 2, category: .telemetry))
        // Over the 10-s window, complete buckets only: nothing yet in the bucket holding now.
        #expect(bank.categoryRates(car: 0, at: .seconds(1.5)).allSatisfy { $0 == 0 })
        let now = bank.categoryRates(car: 0, at: .seconds(2.0))
        // Camera: 100 kB in [0, 2) over 10 s; telemetry: 5 kB.
        #expect(now[DataCategory.cameraClip.index] == 10_000)
        #expect(now[DataCategory.telemetry.index] == 500)
        #expect(now[DataCategory.media.index] == 0)
        #expect(bank.categoryRates(car: 0, at: .seconds(11.9))[DataCategory.telemetry.index] == 500, "still in the window")
        #expect(bank.categoryRates(car: 0, at: .seconds(12.0)).allSatisfy { $0 == 0 }, "out of the window")
        #expect(bank.categoryTotals(car: 0)[DataCategory.cameraClip.index] == 100_000)
    }

    @Test func memoryPerCarIsStatedAndFixed() {
        #expect(MeterBank.bytesPerCar(historyLength: 30) == 788)
        let bank = MeterBank(cars: 10, historyLength: 30)
        #expect(bank.storageBytes == 10 * 788)
    }

    /// Seeded random flows against a direct computation of each window.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomFlowsMatchReference(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var bank = MeterBank(cars: 1)
        var flows: [FlowRecord] = []
        var t = 0.0
        for _ in 0..<300 {
            t += rng.exponential(mean: 0.7)
            let length = rng.bernoulli(0.3) ? 0 : rng.uniform() * 12
            let f = flow(UInt64(rng.index(below: 50_000)), max(0, t - length), t, rng.bernoulli(0.5) ? .up : .down)
            flows.append(f)
            bank.record(f)
            let now = SimTime.seconds(t + rng.uniform() * 3)
            let current = now.nanoseconds / MeterBank.bucketNanoseconds
            for seconds in MeterBank.windows {
                let w1 = Double(current * MeterBank.bucketNanoseconds) * 1e-9, w0 = w1 - Double(seconds)
                for dir in Direction.allCases {
                    var expected = 0.0
                    for g in flows where g.direction == dir {
                        let s = g.start.seconds, e = g.end.seconds
                        if e == s { if e >= w0 && e < w1 { expected += Double(g.bytes) } } else {
                            expected += Double(g.bytes) * max(0, min(e, w1) - max(s, w0)) / (e - s)
                        }
                    }
                    expected /= Double(seconds)
                    let got = bank.rate(car: 0, direction: dir, seconds: seconds, at: now)
                    #expect(abs(got - expected) <= Double(flows.count) / Double(seconds) + 1e-9)
                }
            }
        }
    }
}
