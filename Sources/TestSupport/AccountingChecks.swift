import Foundation

/// The accounting's conservation laws (ARCHITECTURE.md, "The accounting") checked on a JSON
/// snapshot and its CSV as an outsider reads them: as text, with no FleetWatch code. The
/// unknown rows of a source run (docs/source.md, "Unmapped records") are rows like the others. Returns one
/// line per law that does not hold (empty when all hold), and how many window bytes the fleet
/// had (so a caller can insist on a busy fleet).
///
/// Window bytes and bytes must add up exactly; rates must be the window bytes over the window
/// to the printed precision (3 decimals).
public func accountingViolations(json: Data, csv: String? = nil) throws -> (problems: [String], fleetWindowBytes: Int) {
    typealias Object = [String: Any]
    guard let doc = try JSONSerialization.jsonObject(with: json) as? Object else { return (["not a JSON object"], 0) }
    var problems: [String] = []
    func fail(_ s: String) { if problems.count < 50 { problems.append(s) } }
    func int(_ o: Any?, _ key: String) -> Int { (o as? Object)?[key] as? Int ?? -1 }
    func double(_ o: Any?) -> Double { (o as? NSNumber)?.doubleValue ?? .nan }
    func sum(_ list: [Object], _ key: String) -> Int { list.reduce(0) { $0 + ($1[key] as? Int ?? 0) } }
    func windowSum(_ list: [Object]) -> (Int, Int) {
        list.reduce((0, 0)) { s, o in (s.0 + int(o["window_bytes"], "up"), s.1 + int(o["window_bytes"], "down")) }
    }
    func close(_ rate: Any?, _ bytes: Int, _ window: Int, tolerance: Double = 0.001) -> Bool {
        abs(double(rate) - Double(bytes) / Double(window)) < tolerance
    }
    guard let window = doc["rate_window_s"] as? Int, window > 0, let fleet = doc["fleet"] as? Object else {
        return (["no rate_window_s or fleet"], 0)
    }
    let fleetWindow = (int(fleet["window_bytes"], "up"), int(fleet["window_bytes"], "down"))
    let fleetBytes = (fleet["up_bytes"] as? Int ?? -1, fleet["down_bytes"] as? Int ?? -1)
    if !close(fleet["up_rate_bps"], fleetWindow.0, window) || !close(fleet["down_rate_bps"], fleetWindow.1, window) {
        fail("fleet rates are not its window bytes over \(window) s")
    }
    // fleet = Σ regions = Σ countries = Σ services = Σ categories = Σ cars.
    for key in ["regions", "countries", "services", "categories", "vehicles"] {
        guard let list = doc[key] as? [Object] else { fail("no \(key)"); continue }
        let w = windowSum(list)
        if w != fleetWindow { fail("window bytes: Σ \(key) \(w) ≠ fleet \(fleetWindow)") }
        if key == "vehicles" {
            let up = list.reduce(0) { $0 + int($1["bytes"], "up") }, down = list.reduce(0) { $0 + int($1["bytes"], "down") }
            if (up, down) != fleetBytes { fail("bytes: Σ vehicles (\(up), \(down)) ≠ fleet \(fleetBytes)") }
            continue
        }
        if (sum(list, "up_bytes"), sum(list, "down_bytes")) != fleetBytes || sum(list, "bytes") != fleetBytes.0 + fleetBytes.1 {
            fail("bytes: Σ \(key) ≠ fleet \(fleetBytes)")
        }
        for o in list {
            let up = int(o["window_bytes"], "up"), down = int(o["window_bytes"], "down")
            let ok = key == "regions" ? close(o["up_rate_bps"], up, window) && close(o["down_rate_bps"], down, window)
                : close(o["rate_bps"], up + down, window)
            if !ok { fail("\(key): a rate is not its window bytes over \(window) s: \(o)") }
        }
    }
    // fleet's cars = Σ regions' cars (the unknown cars' region of a source run included).
    let regionCars = sum(doc["regions"] as? [Object] ?? [], "vehicles")
    if regionCars != fleet["vehicles"] as? Int { fail("cars: Σ regions \(regionCars) ≠ fleet \(fleet["vehicles"] ?? "?")") }
    // A country's or a service's bytes = Σ cars' bytes to it (every destination a car sent to,
    // the unknown server and its country included, is a row of the list). A car's destinations
    // past its meter's slots are one "other destinations" entry: a row's bytes are then at
    // least the cars' named ones, and what the rows hold beyond those is the "other" bytes.
    for (list, key, other) in [("countries", "country", "--"), ("services", "service", "other")] {
        var toIt: [String: Int] = [:]
        for v in doc["vehicles"] as? [Object] ?? [] {
            for d in v["by_destination"] as? [Object] ?? [] { toIt[d[key] as? String ?? "?", default: 0] += d["bytes"] as? Int ?? 0 }
        }
        let unnamed = toIt.removeValue(forKey: other) ?? 0
        var beyond = 0
        for o in doc[list] as? [Object] ?? [] {
            let id = o[key] as? String ?? "?", bytes = o["bytes"] as? Int ?? -1, named = toIt.removeValue(forKey: id) ?? 0
            if bytes < named || (unnamed == 0 && bytes != named) { fail("\(list): \(id)'s bytes \(bytes) ≠ Σ cars' bytes to it \(named)") }
            beyond += bytes - named
        }
        if beyond != unnamed { fail("\(list): rows hold \(beyond) bytes beyond the cars' named destinations, their other destinations \(unnamed)") }
        for (id, bytes) in toIt where bytes > 0 { fail("\(list): cars sent \(bytes) bytes to \(id), which is no row") }
    }
    // A car: up + down = Σ categories (window and since the start); Σ destinations = total.
    for v in doc["vehicles"] as? [Object] ?? [] {
        // An unknown car of a source run has no VIN: its address names it.
        let vin = v["vin"] as? String ?? v["address"] as? String ?? "?"
        let cats = (v["by_category"] as? Object)?.values.compactMap { $0 as? Object } ?? []
        let w = int(v["window_bytes"], "up") + int(v["window_bytes"], "down")
        if sum(cats, "window_bytes") != w { fail("\(vin): Σ categories' window bytes ≠ up + down") }
        if sum(cats, "bytes") != int(v["bytes"], "total") { fail("\(vin): Σ categories' bytes ≠ total") }
        if sum(v["by_destination"] as? [Object] ?? [], "bytes") != int(v["bytes"], "total") { fail("\(vin): Σ destinations ≠ total") }
        if !close((v["rate_bps"] as? Object)?["total"], w, window) { fail("\(vin): rate ≠ window bytes over \(window) s") }
        let catRates = cats.reduce(0.0) { $0 + double($1["rate_bps"]) }
        if abs(catRates - Double(w) / Double(window)) >= 0.001 * Double(cats.count + 1) { fail("\(vin): Σ category rates ≠ rate") }
    }
    // The CSV: the same laws per row, and its rows add up to the fleet.
    if let csv {
        let rows = parseCSV(csv)
        guard let header = rows.first else { return (problems + ["empty CSV"], fleetWindow.0 + fleetWindow.1) }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        let categories = header.compactMap { $0.hasPrefix("window_bytes_") ? String($0.dropFirst("window_bytes_".count)) : nil }
        guard let upW = column("up_window_bytes"), let downW = column("down_window_bytes"), let total = column("total_bytes"),
            let rate = column("rate_bps"), !categories.isEmpty
        else { return (problems + ["CSV lacks the window columns"], fleetWindow.0 + fleetWindow.1) }
        let catWindow = categories.compactMap { column("window_bytes_\($0)") }
        let catBytes = categories.compactMap { column("bytes_\($0)") }
        let catRate = categories.compactMap { column("rate_bps_\($0)") }
        // Every row is of the JSON's time: the snapshot's, to the nanosecond.
        let time = column("simulated_time_ns")
        if time == nil { fail("CSV lacks simulated_time_ns") }
        var sums = (0, 0)
        for row in rows.dropFirst() {
            if let time, Int(row[time]) != doc["simulated_time_ns"] as? Int { fail("CSV \(row[0]): simulated_time_ns \(row[time]) ≠ the JSON's") }
            let up = Int(row[upW]) ?? -1, down = Int(row[downW]) ?? -1
            sums.0 += up
            sums.1 += down
            if catWindow.reduce(0, { $0 + (Int(row[$1]) ?? -1) }) != up + down { fail("CSV \(row[0]): Σ category window bytes ≠ up + down") }
            if catBytes.reduce(0, { $0 + (Int(row[$1]) ?? -1) }) != Int(row[total]) { fail("CSV \(row[0]): Σ category bytes ≠ total") }
            if abs((Double(row[rate]) ?? .nan) - Double(up + down) / Double(window)) >= 0.001 { fail("CSV \(row[0]): rate ≠ window bytes / \(window)") }
            let rates = catRate.reduce(0.0) { $0 + (Double(row[$1]) ?? .nan) }
            if !(abs(rates - (Double(row[rate]) ?? .nan)) < 0.001 * Double(catRate.count + 1)) { fail("CSV \(row[0]): Σ category rates ≠ rate") }
        }
        if sums != fleetWindow { fail("CSV: rows add up to \(sums), the fleet to \(fleetWindow)") }
    }
    return (problems, fleetWindow.0 + fleetWindow.1)
}
