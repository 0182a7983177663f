import Fleet
import Testing
@testable import Dashboard

let militaryShanghai = VehicleRow(
    index: 0, vin: "LRW3E7FA1MC000001", model: "Model 3", market: .cn, region: "shanghai", state: "driving",
    driverName: "王伟", driverRomanised: "Wang Wei", userClass: .military, restricted: true,
    zone: "cn-gov-peoples-square", rate: 2_500_000, upRate: 2_000_000, downRate: 500_000,
    topService: "tesla-us-cloud", topCountry: .unitedStates, crossBorder: true, countries: [.china, .unitedStates],
    openAlerts: 2, maxSeverity: 3)
let privateAustin = VehicleRow(
    index: 1, vin: "7SAYGDEE1PF000002", model: "Model Y", market: .us, region: "us", state: "asleep",
    driverName: "Emily Carter", userClass: .privateOwner, restricted: false, rate: 0,
    topService: "tesla-us-cloud", topCountry: .unitedStates, countries: [.unitedStates])

@Suite struct QueryTests {
    @Test(arguments: [
        ("class:military dest:US rate>1MB region:shanghai", true, false),
        ("class:military,key-soe", true, false),
        ("!class:military", false, true),
        ("rate>1MB", true, false),
        ("rate<=1kB", false, true),
        ("up>=2MB/s", true, false),
        ("alerts>1", true, false),
        ("restricted", true, false),
        ("!restricted", false, true),
        ("crossborder", true, false),
        ("alert", true, false),
        ("wang", true, false),
        ("王伟", true, false),
        ("carter", false, true),
        ("market:us", false, true),
        ("state:asleep", false, true),
        ("zone:none", false, true),
        ("zone:cn-gov-peoples-square", true, false),
        ("sev:critical", true, false),
        ("dest:tesla-us-cloud", true, true),
        ("country:cn", true, false),
        ("DEST:us REGION:Shanghai", true, false),
        ("", true, true),
        ("  ", true, true),
        ("!!restricted", true, false),
        ("\"wang wei\"", true, false),
    ])
    func matches(query: String, military: Bool, austin: Bool) throws {
        let q = try Query(parsing: query)
        #expect(q.matches(militaryShanghai) == military, "\(query) on the military car")
        #expect(q.matches(privateAustin) == austin, "\(query) on the Austin car")
    }

    @Test(arguments: [
        ("clas:military", "unknown field 'clas' (did you mean 'class'?)", 0),
        ("rate>fast", "'fast' is not a size such as 500kB, 1.5MB or 2GB", 5),
        ("state>3", "'state' cannot be compared", 0),
        ("!", "'!' must be followed by a term", 0),
        ("class:", "'class:' needs a value", 6),
        ("region:us \"open", "a quote is not closed", 10),
        ("alerts>many", "'many' is not a number", 7),
    ])
    func errorsSayWhatAndWhere(query: String, message: String, column: Int) {
        do {
            _ = try Query(parsing: query)
            Issue.record("\(query) parsed")
        } catch {
            #expect(error.message.hasPrefix(message), "\(error.message)")
            #expect(error.column == column)
        }
    }

    @Test func sizesAndEditDistance() {
        #expect(Query.parseSize("1.5MB") == 1_500_000)
        #expect(Query.parseSize("500kB") == 500_000)
        #expect(Query.parseSize("2G") == 2e9)
        #expect(Query.parseSize("12") == 12)
        #expect(Query.parseSize("MB") == nil)
        #expect(Query.editDistance("kitten", "sitting") == 3)
        #expect(Query.editDistance("", "abc") == 3)
    }

    @Test func tooLongIsRefused() {
        #expect(throws: QueryError.self) { try Query(parsing: String(repeating: "a", count: 2000)) }
    }
}
