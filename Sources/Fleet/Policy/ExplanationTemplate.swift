import Geography
/// A rule's explanation sentence with `{placeholders}` filled from a flow's facts.
///
/// Parsed once (the scenario decoder reports unknown placeholders with their position); rendered
/// only when an alert is shown or exported, never per flow.
public struct ExplanationTemplate: Hashable, Sendable {
    /// What a placeholder stands for.
    public enum Placeholder: String, CaseIterable, Hashable, Sendable {
        /// "王伟 (Wang Wei, military)": name, romanized name, class.
        case driver
        case userClass = "class"
        case vin
        /// Decimal units: "12.4 MB".
        case bytes
        /// The category's display name ("camera clip").
        case category
        case direction
        /// The service's display name (without a trailing "(CC)" that repeats its country, which
        /// `{country}` says), or its id.
        case service
        case country
        /// "across the border" or "inside the market".
        case border
        /// "31.23N 121.47E".
        case position
        /// The zone id, or "no zone".
        case zone
        /// The zone kind, or "none".
        case zoneKind = "zone-kind"
        /// " inside ZONE" or nothing.
        case inZone = "in-zone"
        /// "anonymised" or "not anonymised".
        case anonymised
        case market
        case region
        case modelYear = "model-year"
    }

    enum Segment: Hashable, Sendable {
        case text(String)
        case value(Placeholder)
    }

    let segments: [Segment]
    /// Names between braces that are not placeholders, in order of appearance.
    public let unknownPlaceholders: [String]

    /// Parses `text`; `{{` and `}}` stand for literal braces. Unknown names are kept as text and
    /// listed in `unknownPlaceholders`.
    public init(_ text: String) {
        var segments: [Segment] = []
        var unknown: [String] = []
        var literal = ""
        var chars = Substring(text)
        while let c = chars.first {
            chars.removeFirst()
            if c == "{", chars.first == "{" {
                chars.removeFirst()
                literal.append("{")
            } else if c == "}", chars.first == "}" {
                chars.removeFirst()
                literal.append("}")
            } else if c == "{", let close = chars.firstIndex(of: "}") {
                let name = String(chars[..<close])
                chars = chars[chars.index(after: close)...]
                if let p = Placeholder(rawValue: name) {
                    if !literal.isEmpty { segments.append(.text(literal)) }
                    literal = ""
                    segments.append(.value(p))
                } else {
                    unknown.append(name)
                    literal += "{\(name)}"
                }
            } else {
                literal.append(c)
            }
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        self.segments = segments
        unknownPlaceholders = unknown
    }

    /// The sentence for `facts`, with `bytes` (an alert's total) in place of the flow's own.
    public func render(_ facts: FlowFacts, bytes: UInt64? = nil) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let t): out += t
            case .value(let p): out += Self.value(p, facts, bytes: bytes ?? facts.bytes)
            }
        }
        return out
    }

    /// The sentence for an alert that aggregates the flows of `breakdown`: `{bytes}` is their
    /// total; `{category}`, `{service}`, `{country}` and `{border}` speak of all of them ("media
    /// and telemetry", "2 destinations", "CN/US", "partly across the border"); the other
    /// placeholders are those of `facts` (the flow that raised the alert or its severity).
    /// When the flows span more than one category or destination, the sentence ends with the
    /// breakdown: " — 8.6 MB: media 8.5 MB, telemetry 34.0 kB; to ...".
    public func render(_ facts: FlowFacts, breakdown b: AlertBreakdown) -> String {
        let total = b.totalBytes
        let categories = b.categories
        let destinations = b.destinations
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let t): out += t
            case .value(let p):
                switch p {
                case .category where categories.count > 1:
                    out += Self.joined(categories.map(\.category.displayName))
                case .service where b.destinationCount > 1:
                    out += "\(b.destinationCount) destinations"
                case .country where b.destinationCount > 1:
                    var countries: [String] = []
                    for d in destinations where !countries.contains(d.country.rawValue) { countries.append(d.country.rawValue) }
                    out += countries.joined(separator: "/") + (b.otherFlows > 0 ? "/others" : "")
                case .border where b.crossBorderFlows > 0 && b.crossBorderFlows < b.totalFlows:
                    out += "partly across the border (\(ByteFormat.decimal(b.crossBorderBytes)))"
                default:
                    out += Self.value(p, facts, bytes: total)
                }
            }
        }
        if categories.count > 1 || b.destinationCount > 1 { out += " \u{2014} " + Self.summary(b) }
        return out
    }

    /// "8.6 MB: media 8.5 MB, telemetry 34.0 kB; to Chinese streaming back ends (CN) 8.5 MB, Tesla
    /// China data centre (CN) 34.0 kB": the parts with more than one entry, largest first.
    public static func summary(_ b: AlertBreakdown) -> String {
        var out = ByteFormat.decimal(b.totalBytes)
        let categories = b.categories
        if categories.count > 1 {
            out += ": " + categories.map { "\($0.category.displayName) \(ByteFormat.decimal($0.bytes))" }
                .joined(separator: ", ")
        }
        if b.destinationCount > 1 {
            var parts = b.destinations.map {
                "\(ServiceConfig.label(name: $0.name.isEmpty ? $0.service.rawValue : $0.name, country: $0.country)) "
                    + ByteFormat.decimal($0.bytes)
            }
            if b.otherFlows > 0 { parts.append("other destinations \(ByteFormat.decimal(b.otherBytes))") }
            out += "; to " + parts.joined(separator: ", ")
        }
        return out
    }

    /// "a", "a and b", "a, b and c".
    static func joined(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    static func value(_ p: Placeholder, _ f: FlowFacts, bytes: UInt64) -> String {
        switch p {
        case .driver:
            let d = f.driver
            let name = d.name.isEmpty ? "(unnamed)" : d.name
            return d.romanized.isEmpty || d.romanized == d.name
                ? "\(name) (\(d.userClass))" : "\(name) (\(d.romanized), \(d.userClass))"
        case .userClass: return f.userClass.rawValue
        case .vin: return f.vin?.description ?? "car #\(f.vehicle)"
        case .bytes: return ByteFormat.decimal(bytes)
        case .category: return f.category.displayName
        case .direction: return f.direction.rawValue
        case .service:
            return f.serviceName.isEmpty ? f.service.rawValue : ServiceConfig.bareName(f.serviceName, country: f.destinationCountry)
        case .country: return f.destinationCountry.rawValue
        case .border: return f.isCrossBorder ? "across the border" : "inside the market"
        case .position: return ByteFormat.position(f.position)
        case .zone: return f.zone?.rawValue ?? "no zone"
        case .zoneKind: return f.zoneKind?.rawValue ?? "none"
        case .inZone: return f.zone.map { " inside \($0)" } ?? ""
        case .anonymised: return f.anonymised ? "anonymised" : "not anonymised"
        case .market: return f.market.rawValue
        case .region: return f.region.rawValue
        case .modelYear: return String(f.modelYear)
        }
    }
}

/// Text forms of sizes and positions, written without Foundation so Fleet stays I/O-free and
/// identical on every platform.
public enum ByteFormat {
    /// "950 B", "12.4 MB", "3.2 GB" (powers of 1000, one decimal from kB up).
    public static func decimal(_ bytes: UInt64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes) / 1000
        var unit = 0
        // Move up while the rounded value would read 1000.0 or more (999,960 B is "1.0 MB").
        while unit < units.count - 1, (value * 10).rounded() >= 10_000 {
            value /= 1000
            unit += 1
        }
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// "31.23N 121.47E", two decimals (about a kilometre: what a compliance officer needs).
    public static func position(_ p: GeoPoint) -> String {
        "\(twoDecimals(abs(p.latitude)))\(p.latitude < 0 ? "S" : "N") "
            + "\(twoDecimals(abs(p.longitude)))\(p.longitude < 0 ? "W" : "E")"
    }

    static func twoDecimals(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        let hundredths = Int64((min(v, 1e9) * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
