import Dashboard
import Fleet

/// The `/` filter language. Never traps; a refusal points inside the text (or just past it) and
/// says something; an accepted query keeps its text (`description`), parses again to the same
/// query, has no more terms than the text has words, and evaluating it does not trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let characters = text.count
    do {
        let query = try Query(parsing: text)
        precondition(query.description == text, "the query lost its text")
        precondition(characters <= Query.maxLength, "a filter of \(characters) characters was accepted")
        let words = text.split(whereSeparator: \.isWhitespace).count
        precondition(query.terms.count <= words, "\(query.terms.count) terms from \(words) words")
        precondition((try? Query(parsing: query.description)) == query, "the query does not parse to itself")
        for row in rows { _ = query.matches(row) }
    } catch {
        precondition(!error.message.isEmpty, "an empty message")
        precondition(error.column >= 0 && error.column <= max(characters, Query.maxLength), "column \(error.column) of \(characters)")
        if characters <= Query.maxLength {
            precondition(error.column <= characters, "column \(error.column) past the end of \(characters) characters")
        }
    }
    return 0
}

/// Rows to evaluate accepted queries on: the two of `QueryTests`, and one with every optional
/// fact absent and out-of-range numbers.
let rows = [
    VehicleRow(
        index: 0, vin: "LRW3E7FA1MC000001", model: "Model 3", market: .cn, region: "shanghai", state: "driving",
        driverName: "王伟", driverRomanised: "Wang Wei", userClass: .military, restricted: true,
        zone: "cn-gov-peoples-square", rate: 2_500_000, upRate: 2_000_000, downRate: 500_000,
        topService: "tesla-us-cloud", topCountry: .unitedStates, crossBorder: true, countries: [.china, .unitedStates],
        openAlerts: 2, maxSeverity: 3),
    VehicleRow(
        index: 1, vin: "7SAYGDEE1PF000002", model: "Model Y", market: .us, region: "us", state: "asleep",
        driverName: "Emily Carter", userClass: .privateOwner, restricted: false, rate: 0,
        topService: "tesla-us-cloud", topCountry: .unitedStates, countries: [.unitedStates]),
    VehicleRow(
        index: 2, vin: "", model: "", market: .us, region: "", state: "", driverName: "", userClass: .privateOwner,
        restricted: false, rate: -.infinity, upRate: .nan, downRate: .greatestFiniteMagnitude,
        totalBytes: .max, openAlerts: .min, maxSeverity: 99),
]
