#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Fleet
import Geography
import Scenario
import Screen
import Simulation

/// Reading and writing inventory files (docs/inventory.md): YAML with `cars` and `servers`,
/// or CSV with one car a row. Every mistake is reported with FILE:LINE:COL, all at once.
extension Inventory {
    static let carKeys = ["address", "vin", "model", "model-year", "region", "area", "driver", "romanised", "class",
                          "prc-linked", "position", "battery"]
    static let serverKeys = ["service", "address", "server-name", "category"]

    /// Reads `path`: CSV when its name ends in `.csv`, else YAML (or JSON). `file` is the name
    /// messages give (default: the path).
    public static func load(path: String, file: String? = nil) throws(ScenarioError) -> Inventory {
        let name = file ?? path
        if path.lowercased().hasSuffix(".csv") {
            let bytes = try readBytes(path: path, file: name)
            return try csv(bytes, file: name)
        }
        let limits = ScenarioLimits(maxFileBytes: maxFileBytes, maxNodes: 64 * (maxCars + maxServers))
        let root = try YAMLLoader.load(path: path, file: name, limits: limits)
        return try decode(root, file: name)
    }

    static func readBytes(path: String, file: String) throws(ScenarioError) -> [UInt8] {
        let at = SourceLocation(file: file, line: 1, column: 1)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file; check the path (relative paths start from the current directory)"
                : "cannot read the file: \(String(cString: strerror(errno)))"
            throw ScenarioError([Diagnostic(at, reason)])
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ScenarioError([Diagnostic(at, "cannot read the file: \(String(cString: strerror(errno)))")])
            }
            if n == 0 { break }
            out += chunk[0..<n]
            guard out.count <= maxFileBytes else {
                throw ScenarioError([Diagnostic(at, "the file is larger than \(maxFileBytes >> 20) MiB, the limit for an inventory")])
            }
        }
        return out
    }

    /// Decodes a parsed YAML (or JSON) inventory.
    public static func decode(_ root: YAMLNode, file: String) throws(ScenarioError) -> Inventory {
        var c = DecodeContext(file: file)
        var cars: [Car] = [], servers: [Server] = []
        if let f = c.mapping(root, "the inventory", allowed: ["cars", "servers"], required: ["cars"]) {
            if let list = f["cars"].flatMap({ c.list($0, "cars", maxCount: maxCars) }) {
                cars.reserveCapacity(list.count)
                for item in list {
                    guard let g = c.mapping(item, "a car", allowed: carKeys, required: ["address", "vin", "model", "region", "class"])
                    else { continue }
                    var fields: [String: (String, SourceLocation)] = [:]
                    for key in g.keys {
                        guard let node = g[key] else { continue }
                        if key == "position" {
                            if let items = c.list(node, "a car's position", maxCount: 2), items.count == 2,
                               let lat = c.double(items[0], "position latitude", in: -90...90),
                               let lon = c.double(items[1], "position longitude", in: -180...180) {
                                fields[key] = ("\(lat),\(lon)", node.location)
                            } else if c.list(node, "a car's position", maxCount: 2)?.count != 2 {
                                c.error("a car's position must be [latitude, longitude]", at: node)
                            }
                            continue
                        }
                        if let text = c.string(node, "a car's \(key)", allowEmpty: key == "romanised") {
                            fields[key] = (text, node.location)
                        }
                    }
                    if let car = car(fields, at: item.location, &c) { cars.append(car) }
                }
            }
            if let list = f["servers"].flatMap({ c.list($0, "servers", maxCount: maxServers) }) {
                for item in list {
                    guard let g = c.mapping(item, "a server", allowed: serverKeys, required: ["service"]),
                          let id = g["service"].flatMap({ c.string($0, "a server's service") }) else { continue }
                    var address: IPv4Address?
                    if let n = g["address"], let text = c.string(n, "a server's address") {
                        address = IPv4Address(parsing: text)
                        if address == nil { c.error("a server's address must be an IPv4 address such as 203.0.113.10, found '\(text)'", at: n) }
                    }
                    let name = g["server-name"].flatMap { c.string($0, "a server's server-name") }
                    if g["address"] == nil, name == nil {
                        c.error("a server needs an address, a server-name or both", at: item)
                    }
                    let category = g["category"].flatMap { c.choice($0, "category", as: DataCategory.self) }
                    servers.append(Server(service: ServiceID(rawValue: id), address: address, serverName: name?.lowercased(),
                                          category: category, location: item.location))
                }
            }
        }
        try c.check()
        return Inventory(cars: cars, servers: servers)
    }

    /// One car from its fields' texts (YAML or CSV alike), or nil after recording why.
    static func car(_ f: [String: (String, SourceLocation)], at location: SourceLocation, _ c: inout DecodeContext) -> Car? {
        func need(_ key: String) -> (String, SourceLocation)? {
            guard let v = f[key], !v.0.isEmpty else {
                c.error("missing \(key) of a car", at: location)
                return nil
            }
            return v
        }
        var ok = true
        var address: IPv4Address?
        if let (text, at) = need("address") {
            address = IPv4Address(parsing: text)
            if address == nil { c.error("a car's address must be an IPv4 address such as 100.64.0.1, found '\(text)'", at: at); ok = false }
        } else { ok = false }
        var vin: VIN?
        if let (text, at) = need("vin") {
            vin = VIN(text.uppercased())
            if vin == nil { c.error("'\(text)' is not a VIN: 17 letters and digits", at: at); ok = false }
        } else { ok = false }
        var model: CarModel?
        if let (text, at) = need("model") {
            model = CarModel(rawValue: text.uppercased().replacingOccurrences(of: "MODEL ", with: ""))
            if model == nil { c.error("unknown model '\(text)': 3, Y, S or X", at: at); ok = false }
        } else { ok = false }
        var year = 2024
        if let (text, at) = f["model-year"] {
            if let y = Int(text), (2012...2100).contains(y) { year = y } else { c.error("model-year must be a year from 2012 to 2100, found '\(text)'", at: at); ok = false }
        }
        let region = need("region").map { RegionID(rawValue: $0.0) }
        let userClass = need("class").map { UserClassID(rawValue: $0.0) }
        var prc = false
        if let (text, at) = f["prc-linked"] {
            switch text.lowercased() {
            case "true", "yes", "1": prc = true
            case "false", "no", "0", "": prc = false
            default: c.error("prc-linked must be true or false, found '\(text)'", at: at); ok = false
            }
        }
        var position: GeoPoint?
        if let (text, at) = f["position"] {
            let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, let lat = parts[0], let lon = parts[1], (-90...90).contains(lat), (-180...180).contains(lon) {
                position = GeoPoint(latitude: lat, longitude: lon)
            } else { c.error("a car's position must be latitude,longitude, found '\(text)'", at: at); ok = false }
        }
        var battery: Double?
        if let (text, at) = f["battery"], !text.isEmpty {
            if let b = Double(text), (0...1).contains(b) { battery = b } else { c.error("battery must be a number from 0 to 1, found '\(text)'", at: at); ok = false }
        }
        guard ok, let address, let vin, let model, let region, let userClass else { return nil }
        let driver = f["driver"]?.0 ?? ""
        let romanised = f["romanised"].flatMap { $0.0.isEmpty ? nil : $0.0 }
        return Car(address: address, vin: vin, model: model, modelYear: year, region: region, area: f["area"]?.0,
                   driver: driver, romanised: romanised, userClass: userClass, prcLinked: prc, position: position,
                   battery: battery, location: location)
    }

    /// CSV: a header row naming the columns (`carKeys`, `_` or `-`; `latitude` and `longitude`
    /// for the position), then one car a row. Quoted cells may hold commas, quotes ("") and
    /// line breaks.
    public static func csv(_ bytes: [UInt8], file: String) throws(ScenarioError) -> Inventory {
        var c = DecodeContext(file: file)
        let rows = CSVRows.parse(bytes)
        guard let header = rows.first else {
            throw ScenarioError([Diagnostic(SourceLocation(file: file, line: 1, column: 1), "the inventory is empty: a header row and one car a row")])
        }
        var columns: [String?] = []
        let allowed = carKeys.filter { $0 != "position" } + ["latitude", "longitude"]
        for cell in header.cells {
            let name = cell.text.lowercased().replacingOccurrences(of: "_", with: "-").trimmingCharacters(in: .whitespaces)
            if allowed.contains(name) { columns.append(name) } else {
                c.error("unknown column '\(cell.text)'" + Suggestion.hint(for: name, among: allowed), at: SourceLocation(file: file, line: cell.line, column: cell.column))
                columns.append(nil)
            }
        }
        for required in ["address", "vin", "model", "region", "class"] where !columns.contains(required) {
            c.error("missing column '\(required)' in the header", at: SourceLocation(file: file, line: header.line, column: 1))
        }
        try c.check()
        var cars: [Car] = []
        for row in rows.dropFirst() {
            guard cars.count < maxCars else {
                c.error("more than \(maxCars) cars", at: SourceLocation(file: file, line: row.line, column: 1))
                break
            }
            if row.cells.count != columns.count {
                c.error("\(row.cells.count) cells where the header has \(columns.count)", at: SourceLocation(file: file, line: row.line, column: 1))
                continue
            }
            var f: [String: (String, SourceLocation)] = [:]
            var lat: (String, SourceLocation)?, lon: (String, SourceLocation)?
            for (cell, column) in zip(row.cells, columns) {
                guard let column else { continue }
                let value = (cell.text.trimmingCharacters(in: .whitespaces), SourceLocation(file: file, line: cell.line, column: cell.column))
                if column == "latitude" { lat = value } else if column == "longitude" { lon = value } else { f[column] = value }
            }
            if let lat, let lon, !lat.0.isEmpty || !lon.0.isEmpty { f["position"] = ("\(lat.0),\(lon.0)", lat.1) }
            if let car = car(f, at: SourceLocation(file: file, line: row.line, column: 1), &c) { cars.append(car) }
        }
        try c.check()
        return Inventory(cars: cars)
    }

    /// The inventory as YAML, which `load` reads back to the same inventory. Text is written
    /// in double quotes with escapes, so no name can break the file or carry a control
    /// character out of it.
    public func yaml(header: [String]) -> String {
        var out = "# FleetWatch inventory (docs/inventory.md): what flow records cannot say.\n"
        for line in header { out += "# " + Self.comment(line) + "\n" }
        out += "cars:\n"
        for car in cars {
            var fields = [
                "address: \(car.address)", "vin: \(car.vin)", "model: \(Self.quoted(car.model.rawValue))",
                "model-year: \(car.modelYear)", "region: \(Self.quoted(car.region.rawValue))",
            ]
            if let area = car.area { fields.append("area: \(Self.quoted(area))") }
            fields.append("driver: \(Self.quoted(car.driver))")
            if let r = car.romanised { fields.append("romanised: \(Self.quoted(r))") }
            fields.append("class: \(Self.quoted(car.userClass.rawValue))")
            fields.append("prc-linked: \(car.prcLinked)")
            if let p = car.position {
                fields.append("position: [\(Format.decimal(p.latitude, decimals: 6)), \(Format.decimal(p.longitude, decimals: 6))]")
            }
            // The shortest text that reads back as the same number.
            if let b = car.battery { fields.append("battery: \(b)") }
            out += "  - {" + fields.joined(separator: ", ") + "}\n"
        }
        out += "servers:\n"
        for s in servers {
            var fields = ["service: \(Self.quoted(s.service.rawValue))"]
            if let a = s.address { fields.append("address: \(a)") }
            if let n = s.serverName { fields.append("server-name: \(Self.quoted(n))") }
            if let k = s.category { fields.append("category: \(k.rawValue)") }
            out += "  - {" + fields.joined(separator: ", ") + "}\n"
        }
        return out
    }

    /// A YAML double-quoted scalar: `"`, `\` and every control character escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func comment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
    }
}

/// RFC 4180 rows with the line and column of each cell.
struct CSVRows {
    struct Cell { var text: String; var line: Int; var column: Int }
    struct Row { var cells: [Cell]; var line: Int }

    static func parse(_ bytes: [UInt8]) -> [Row] {
        var rows: [Row] = []
        var cells: [Cell] = []
        var field: [UInt8] = []
        var line = 1, column = 1
        var rowLine = 1, cellLine = 1, cellColumn = 1
        var quoted = false, inQuotes = false
        var k = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { k = 3 }
        func endCell() {
            cells.append(Cell(text: String(decoding: field, as: UTF8.self), line: cellLine, column: cellColumn))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        var atCellStart = true
        while k < bytes.count {
            let b = bytes[k]
            if atCellStart { cellLine = line; cellColumn = column; atCellStart = false }
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "\"") { field.append(b); k += 2; column += 2; continue }
                    inQuotes = false
                } else {
                    field.append(b)
                    if b == 0x0A { line += 1; column = 0 }
                }
            } else if b == UInt8(ascii: "\""), field.isEmpty, !quoted {
                inQuotes = true
                quoted = true
            } else if b == UInt8(ascii: ",") {
                endCell()
                atCellStart = true
            } else if b == 0x0A || b == 0x0D {
                if b == 0x0D, k + 1 < bytes.count, bytes[k + 1] == 0x0A { k += 1 }
                endCell()
                if !(cells.count == 1 && cells[0].text.isEmpty) { rows.append(Row(cells: cells, line: rowLine)) }
                cells = []
                line += 1
                column = 0
                rowLine = line
                atCellStart = true
            } else {
                field.append(b)
            }
            k += 1
            column += 1
        }
        if !field.isEmpty || !cells.isEmpty || quoted {
            endCell()
            rows.append(Row(cells: cells, line: rowLine))
        }
        return rows
    }
}
