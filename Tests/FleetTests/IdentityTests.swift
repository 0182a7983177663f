import Simulation
import Testing
@testable import Fleet

@Suite struct IdentityTests {
    @Test func knownVINCheckDigits() throws {
        // The textbook example of the North American check digit, and a made-up wrong one.
        #expect(try #require(VIN("1M8GDM9AXKP042788")).hasValidCheckDigit)
        #expect(try #require(VIN("1M8GDM9A1KP042788")).hasValidCheckDigit == false)
        #expect(VIN("TOO-SHORT") == nil)
    }

    @Test func defaultFleetIdentities() throws {
        let world = try FleetWorld(config: .default)
        #expect(world.carCount == 600)
        var prefixes = Set<String>(), regions = Set<RegionID>(), classes: [UserClassID: Int] = [:]
        var vins = Set<VIN>()
        for i in 0..<world.carCount {
            let car = world.car(i)
            #expect(car.vin.hasValidCheckDigit)
            #expect(car.vin.description.count == 17)
            vins.insert(car.vin)
            prefixes.insert(car.vin.wmi)
            regions.insert(car.region)
            classes[car.driver.userClass, default: 0] += 1
            #expect(car.vin.wmi == "LRW" ? car.market == .cn : true)
            if car.market == .cn && car.vin.wmi == "LRW" {
                // Chinese names: CJK characters, with an ASCII pinyin form.
                #expect(car.driver.name.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) })
                #expect(car.driver.romanized.allSatisfy { $0.isASCII } && car.driver.romanized.contains(" "))
            }
            #expect(car.address.isIn(.carrierNATBase, prefixLength: 10))
        }
        #expect(vins.count == 600)
        #expect(prefixes == ["LRW", "5YJ", "7SA"])
        #expect(regions == ["shanghai", "us"])
        #expect(world.car(0).region == "shanghai" && world.car(599).region == "us")
        #expect((classes[.military] ?? 0) >= 3)
        #expect((classes[.keySOE] ?? 0) >= 5)
        #expect((classes[.privateOwner] ?? 0) > 400)
    }

    @Test func eventsAreSmall() {
        #expect(MemoryLayout<FleetEvent>.size <= 16)
        #expect(MemoryLayout<VIN>.size <= 24)
    }

    @Test func apportionKeepsSmallShares() {
        #expect(FleetState.apportion(300, weights: [82, 12, 2, 1.5, 2.5]) == [246, 36, 6, 5, 7])
        #expect(FleetState.apportion(7, weights: [1, 1, 1]).reduce(0, +) == 7)
    }

    /// Car addresses: 100.64.0.0/10 first, then 10.0.0.0/8, each less its first and last address;
    /// all distinct, none the range's network or broadcast address, up to the largest fleet.
    @Test func carAddressesFillTheSharedRangeThenThePrivateOne() {
        let last = IPv4Address.carrierNATCars - 1
        #expect(IPv4Address.car(0, recorded: []) == IPv4Address(100, 64, 0, 1))
        #expect(IPv4Address.car(last, recorded: []) == IPv4Address(100, 127, 255, 254))
        #expect(IPv4Address.car(last + 1, recorded: []) == IPv4Address(10, 0, 0, 1))
        #expect(IPv4Address.car(WorldConfig.maxFleetSize - 1, recorded: []) == IPv4Address(10, 255, 255, 254))
        #expect(WorldConfig.maxFleetSize == 20_971_516)
        var seen = Set<UInt32>()
        for car in Array(0..<1000) + Array((last - 1000)...(last + 1000)) + Array((WorldConfig.maxFleetSize - 1000)..<WorldConfig.maxFleetSize) {
            let a = IPv4Address.car(car, recorded: [])
            #expect(a.isIn(.carrierNATBase, prefixLength: 10) != a.isIn(.privateBase, prefixLength: 8), "\(car): \(a)")
            let ends = [IPv4Address(100, 64, 0, 0), IPv4Address(100, 127, 255, 255), IPv4Address(10, 0, 0, 0), IPv4Address(10, 255, 255, 255)]
            #expect(!ends.contains(a), "\(car): \(a)")
            seen.insert(a.rawValue)
        }
        #expect(seen.count == 1000 + 2001 + 1000)
    }
}
