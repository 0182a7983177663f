import Fleet

/// A filter over the vehicle table, written in a small query language:
///
///     class:military dest:US rate>1MB region:shanghai !state:asleep
///
/// Terms separated by spaces must all hold. `field:value` matches a field (case-insensitive;
/// `a,b` means either; a value in quotes may hold spaces and commas); `field>N`, `>=`, `<`, `<=`, `=` compare numbers (`rate` takes a size with
/// an optional unit: `500kB`, `1.5MB`, `2GB`, bytes per second); `!` before a term negates it; a
/// bare word matches the VIN, the driver's name (either script), or the zone. `restricted`,
/// `alert` and `crossborder` alone are flags.
public struct Query: Hashable, Sendable, CustomStringConvertible {
    public var terms: [Term]
    /// The text the query was parsed from.
    public var source: String

    public init(terms: [Term], source: String) {
        self.terms = terms
        self.source = source
    }

    /// The query that matches every car.
    public static let all = Query(terms: [], source: "")

    public var isEmpty: Bool { terms.isEmpty }
    public var description: String { source }

    public func matches(_ row: VehicleRow) -> Bool { matches(facts: row) }

    /// Whether a car matches, read through `VehicleFacts`: a built row, or the model builder's
    /// cheap view of a car in the fleet.
    func matches<F: VehicleFacts>(facts row: F) -> Bool {
        for term in terms where term.test.matches(row) == term.negated { return false }
        return true
    }

    public struct Term: Hashable, Sendable {
        public var negated: Bool
        public var test: Test

        public func matches(_ row: VehicleRow) -> Bool { test.matches(row) }
    }

    /// One condition on a row.
    public enum Test: Hashable, Sendable {
        /// The field's text equals one of the values (lower-cased).
        case field(Field, anyOf: [String])
        /// The field's number compares to the value.
        case number(NumericField, Comparison, Double)
        /// A flag is set.
        case flag(Flag)
        /// Free text in the VIN, the driver's name or the zone.
        case text(String)

        func matches<F: VehicleFacts>(_ row: F) -> Bool {
            switch self {
            case .field(let field, let values):
                return values.contains { field.matches(row, $0) }
            case .number(let field, let op, let value):
                return op.holds(field.value(of: row), value)
            case .flag(let flag):
                return flag.isSet(in: row)
            case .text(let needle):
                return row.containsText(needle)
            }
        }
    }

    /// Text fields a `field:value` term can name. Each takes what the screen shows of the car,
    /// case-insensitively (values are lower-cased by the parser), as well as the ids of the
    /// scenario file: see `matches(_:_:)`.
    public enum Field: String, CaseIterable, Hashable, Sendable {
        case `class`, dest, region, market, state, zone, model, cat, vin, driver, sev

        /// Whether the car's field matches `value` (lower-cased):
        /// - `dest`: the top service (the table's Destination) by id, name or the name the table
        ///   shows ("Tesla AI training" for "Tesla AI training (US)"), or any country the car sent
        ///   to by code or name (`dest:CN`, `dest:China`);
        /// - `model`: "Model Y", "modely" or just "y";
        /// - `vin`: a prefix (`vin:LRW`), or the table's shortened VIN, with `…` (or `...`) for
        ///   the characters left out (`vin:LRW…485407`);
        /// - `driver`: part of the name in either script (`driver:王`, `driver:wang`);
        /// - `cat`: a category the car sends now, by id, abbreviation or name;
        /// - `region`: its id or its name (`region:"United States"`);
        /// - the others: the value shown, whole.
        func matches<F: VehicleFacts>(_ row: F, _ value: String) -> Bool {
            switch self {
            case .vin: return Self.vinMatches(row.vin.lowercased(), value)
            case .driver: return row.driverNamesLowercased.contains { !$0.isEmpty && $0.contains(value) }
            case .model:
                let model = row.model.lowercased()
                let bare = model.hasPrefix("model ") ? String(model.dropFirst(6)) : model
                return value == model || value == bare || value == model.filter { $0 != " " }
            default: return values(of: row).contains(value)
            }
        }

        /// The row's values for this field, lower-cased (a field may have several: `dest` is the
        /// top service and every destination country).
        func values<F: VehicleFacts>(of row: F) -> [String] {
            switch self {
            case .class: [row.userClass.rawValue.lowercased()]
            case .dest: Self.destinations(of: row)
            case .region: [row.region.rawValue, row.regionName].filter { !$0.isEmpty }.map { $0.lowercased() }
            case .market: [row.market.rawValue.lowercased()]
            case .state: [row.state.lowercased()]
            case .zone: row.zone.map { [$0.rawValue.lowercased()] } ?? ["none"]
            case .model: [row.model.lowercased()]
            case .cat:
                DataCategory.allCases.filter { row.categoryRate($0) > 0 }.flatMap { [$0.rawValue, $0.shortName, $0.displayName.lowercased()] }
            case .vin: [row.vin.lowercased()]
            case .driver: row.driverNamesLowercased
            case .sev: [["none", "watch", "high", "critical"][max(0, min(3, row.maxSeverity))]]
            }
        }

        static func destinations<F: VehicleFacts>(of row: F) -> [String] {
            var out: [String] = []
            if let service = row.topService { out.append(service.rawValue) }
            if let name = row.topServiceName {
                out.append(name)
                if let country = row.topCountry { out.append(ServiceConfig.bareName(name, country: country)) }
            }
            for country in (row.topCountry.map { [$0] } ?? []) + row.countries {
                out += [country.rawValue, ModelBuilder.countryName(country)]
            }
            return out.map { $0.lowercased() }
        }

        /// `vin` (lower-cased) starts with `value`, or, when `value` holds an ellipsis, starts
        /// with what comes before it and ends with what comes after it.
        static func vinMatches(_ vin: String, _ value: String) -> Bool {
            let cut = value.firstRange(of: "…") ?? value.firstRange(of: "...")
            guard let cut else { return vin.hasPrefix(value) }
            let head = value[..<cut.lowerBound], tail = value[cut.upperBound...]
            return vin.count >= head.count + tail.count && vin.hasPrefix(head) && vin.hasSuffix(tail)
        }
    }

    /// Number fields a comparison can name.
    public enum NumericField: String, CaseIterable, Hashable, Sendable {
        case rate, up, down, total, alerts

        func value<F: VehicleFacts>(of row: F) -> Double {
            switch self {
            case .rate: row.rate
            case .up: row.upRate
            case .down: row.downRate
            case .total: Double(row.totalBytes)
            case .alerts: Double(row.openAlerts)
            }
        }

        /// Whether values take a byte-size unit (`kB`, `MB`, `GB`).
        var takesSize: Bool { self != .alerts }
    }

    public enum Comparison: String, CaseIterable, Hashable, Sendable {
        case greaterOrEqual = ">=", lessOrEqual = "<=", greater = ">", less = "<", equal = "="

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .greater: a > b
            case .greaterOrEqual: a >= b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .equal: a == b
            }
        }
    }

    public enum Flag: String, CaseIterable, Hashable, Sendable {
        case restricted, alert, crossborder

        func isSet<F: VehicleFacts>(in row: F) -> Bool {
            switch self {
            case .restricted: row.restricted
            case .alert: row.openAlerts > 0
            case .crossborder: row.crossBorder
            }
        }
    }
}
