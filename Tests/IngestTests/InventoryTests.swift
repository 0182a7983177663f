import Foundation
import Fleet
import Scenario
import Simulation
import Testing
@testable import Ingest

@Suite struct InventoryTests {
    func write(_ text: String, _ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-inventory-\(getpid())-\(name)").path
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func yamlWrittenFromAWorldReadsBackTheSame() throws {
        var config = Scenario.builtIn.world
        config.fleetSize = 30
        let world = try FleetWorld(config: config)
        let inventory = Inventory(world: world)
        let path = write(inventory.yaml(header: ["a test\u{1B}[31m"]), "roundtrip.yaml")
        let back = try Inventory.load(path: path)
        #expect(back.cars.count == 30)
        for (a, b) in zip(inventory.cars, back.cars) {
            #expect(a.address == b.address && a.vin == b.vin && a.model == b.model && a.modelYear == b.modelYear)
            #expect(a.region == b.region && a.area == b.area && a.driver == b.driver && a.romanised == b.romanised)
            #expect(a.userClass == b.userClass && a.prcLinked == b.prcLinked && a.battery == b.battery)
        }
        #expect(back.servers.map(\.service) == inventory.servers.map(\.service))
    }

    @Test func yamlMistakesAreReportedWithTheirPlace() {
        let path = write("""
            cars:
              - {address: 100.64.0.1, vin: NOTAVIN, model: "Y", region: shanghai, class: private}
              - {address: 999.1.1.1, vin: LRWYG1EA8TC484523, model: Q, region: shanghai, class: private, colour: red}
            servers:
              - {service: tesla-cn-dc}
            """, "bad.yaml")
        do {
            _ = try Inventory.load(path: path, file: "bad.yaml")
            Issue.record("a bad inventory was read")
        } catch {
            let text = error.description
            #expect(text.contains("bad.yaml:2:"))
            #expect(text.contains("'NOTAVIN' is not a VIN"))
            #expect(text.contains("bad.yaml:3:"))
            #expect(text.contains("unknown key 'colour'"))
            #expect(text.contains("bad.yaml:5:"))
            #expect(text.contains("a server needs an address, a server-name or both"))
        }
    }

    @Test func csvCarsWithQuotedCells() throws {
        let path = write(#"""
            address,vin,model,model_year,region,area,driver,romanised,class,prc_linked,latitude,longitude,battery
            100.64.0.1,LRWYG1EA8TC484523,Y,2024,shanghai,shanghai,"Wang, ""Wei""",,military,false,31.2,121.5,0.5
            100.64.0.2,5YJ3E1EA1PF000001,3,2023,us,bay-area,Jane Doe,,private,true,,,
            """#, "cars.csv")
        let inv = try Inventory.load(path: path)
        #expect(inv.cars.count == 2)
        #expect(inv.cars[0].driver == "Wang, \"Wei\"" && inv.cars[0].userClass == "military" && inv.cars[0].battery == 0.5)
        #expect(inv.cars[0].position?.latitude == 31.2)
        #expect(inv.cars[1].prcLinked && inv.cars[1].position == nil && inv.cars[1].location.line == 3)
    }

    @Test func csvMistakesNameTheirCell() {
        let path = write("""
            address,vin,model,region,class,colour
            100.64.0.1,LRWYG1EA8TC484523,Y,shanghai,private,red
            """, "bad.csv")
        do {
            _ = try Inventory.load(path: path, file: "bad.csv")
            Issue.record("a bad CSV inventory was read")
        } catch {
            #expect(error.description.contains("bad.csv:1:32"))
            #expect(error.description.contains("unknown column 'colour'"))
        }
        let path2 = write("address,vin,model,region,class\n100.64.0.1,LRWYG1EA8TC484523,Y,shanghai\n", "short.csv")
        do {
            _ = try Inventory.load(path: path2, file: "short.csv")
            Issue.record("a short row was read")
        } catch {
            #expect(error.description.contains("short.csv:2:1"))
            #expect(error.description.contains("4 cells where the header has 5"))
        }
    }

    @Test func carsOfUnknownRegionsOrDuplicatedAreProblems() throws {
        let path = write("""
            cars:
              - {address: 100.64.0.1, vin: LRWYG1EA8TC484523, model: "Y", region: mars, class: private}
              - {address: 100.64.0.2, vin: LRWYG1EA8TC484524, model: "Y", region: shanghai, class: private}
              - {address: 100.64.0.2, vin: LRWYG1EA8TC484525, model: "Y", region: shanghai, class: private}
              - {address: 100.64.0.5, vin: LRWYG1EA8TC484526, model: "Y", region: shanghai, class: militray}
              - {address: 100.64.0.6, vin: LRWYG1EA8TC484527, model: "Y", region: shanghai, area: austin, class: private}
            """, "dup.yaml")
        let inv = try Inventory.load(path: path, file: "dup.yaml")
        let build = SourceResolver.cars(inv, config: Scenario.builtIn.world)
        #expect(build.cars.count == 1)
        #expect(build.problems.map(\.location.line) == [2, 4, 5, 6])
        #expect(build.problems[2].message.hasPrefix("class 'militray' is not a class of the scenario (it has "))
        #expect(build.problems[3].message.hasPrefix("area 'austin' is not in region 'shanghai'"))
        #expect(build.problems[0].message.hasPrefix("region 'mars' is not in the scenario"))
        #expect(build.problems[1].message == "address 100.64.0.2 is already the address of the car at 3:5")
    }
}
