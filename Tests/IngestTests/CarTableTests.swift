import Fleet
import Foundation
import Testing
@testable import Ingest

/// The resolver's car tables agree with a dictionary, for addresses and VINs, at any size.
@Suite struct CarTableTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func agreesWithADictionary(seed: UInt64) {
        var rng = TableDraws(seed)
        var table = CarTable<UInt32>(capacity: 4), model: [UInt32: UInt32] = [:]
        for n in 0..<5_000 {
            // Addresses close together (a car range) and far apart, some written twice.
            let key = rng.next() % 3 == 0 ? UInt32(truncatingIfNeeded: rng.next()) : 0x6440_0000 &+ UInt32(rng.next() % 4096)
            table[key] = UInt32(n)
            model[key] = UInt32(n)
        }
        var same = true
        for (k, v) in model where table[k] != v { same = false }
        for _ in 0..<5_000 {
            let key = UInt32(truncatingIfNeeded: rng.next())
            if table[key] != model[key] { same = false }
        }
        #expect(same)
    }

    @Test func findsEveryVINOfAFleetAndNoOther() {
        var table = CarTable<VIN>()
        let vins = (0..<3_000).map { VIN(String(format: "LRW3E1EA7LC%06d", $0))! }
        for (i, v) in vins.enumerated() { table[v] = UInt32(i) }
        var found = true
        for (i, v) in vins.enumerated() where table[v] != UInt32(i) { found = false }
        #expect(found)
        #expect(table[VIN("LRW3E1EA7LC999999")!] == nil && table[VIN("5YJ3E1EA7LC000001")!] == nil)
    }
}

/// splitmix64: the tests' own draws.
struct TableDraws {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
