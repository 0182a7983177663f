import Fleet
import Simulation

/// Reads one timeline action's parameters from its entry's fields.
struct ActionReader {
    let fields: Fields
    let names: ScenarioNames

    init(fields: Fields, names: ScenarioNames) {
        self.fields = fields
        self.names = names
    }

    func read(_ action: String, context c: inout DecodeContext) -> ScriptedAction? {
        let before = c.diagnostics.count
        let result: ScriptedAction?
        switch action {
        case "set-routing":
            let market = fields["market"].flatMap { c.choice($0, "market", as: Market.self) }
            let category = fields["category"].flatMap { c.choice($0, "data category", as: DataCategory.self) }
            let service = serviceID(fields["service"], &c)
            result = zip3(market, category, service).map { .setRouting(market: $0, category: $1, service: $2) }
        case "set-policies":
            result = setPolicies(&c)
        case "assign-class":
            let car = car(fields["car"], &c)
            let userClass = userClass(fields["class"], &c)
            result = zip2(car, userClass).map { .assignClass(car: $0, userClass: $1) }
        case "assign-driver":
            let car = car(fields["car"], &c)
            let name = fields["name"].flatMap { c.string($0, "driver name") }
            let romanized = fields["romanized"].flatMap { c.string($0, "driver romanized name") }
            let userClass = userClass(fields["class"], &c)
            result = zip2(car, name).map { .assignDriver(car: $0, name: $1, romanized: romanized, userClass: userClass) }
        case "trip":
            let car = car(fields["car"], &c)
            var destination: TripTarget?
            switch (fields["to-place"], fields["to-zone"]) {
            case (let place?, nil):
                destination = c.name(place, "place", in: names.places).map(TripTarget.place)
            case (nil, let zone?):
                destination = c.name(zone, "zone", in: names.zones).map { .zone(ZoneID(rawValue: $0)) }
            default:
                c.error("a 'trip' needs exactly one of 'to-place' or 'to-zone'", at: fields.node)
            }
            result = zip2(car, destination).map { .trip(car: $0, to: $1) }
        case "inject-flow":
            let car = car(fields["car"], &c)
            let category = fields["category"].flatMap { c.choice($0, "data category", as: DataCategory.self) }
            let direction = fields["direction"].map { c.choice($0, "direction", as: Direction.self) } ?? .up
            let bytes = fields["bytes"].flatMap { c.byteCount($0, "inject-flow bytes") }
            let service = serviceID(fields["service"], &c)
            let duration = fields["duration"].map { c.duration($0, "inject-flow duration", max: .seconds(Int64(31_535_999))) }
            let durationRead: Bool = if case .some(.none) = duration { false } else { true }
            result = zip3(car, category, bytes).flatMap { car, category, bytes in
                guard durationRead else { return nil }
                return direction.map {
                    .injectFlow(car: car, category: category, direction: $0, bytes: bytes, service: service, duration: duration ?? nil)
                }
            }
        case "add-cars":
            let count = fields["count"].flatMap { c.int($0, "add-cars count", in: 1...c.limits.maxFleetSize) }
            let region = region(fields["region"], &c)
            let userClass = userClass(fields["class"], &c)
            result = zip2(count, region).map { .addCars(count: $0, region: $1, userClass: userClass) }
        case "remove-cars":
            let count = fields["count"].flatMap { c.int($0, "remove-cars count", in: 1...c.limits.maxFleetSize) }
            let region = region(fields["region"], &c)
            result = count.map { .removeCars(count: $0, region: region) }
        case "set-speed":
            result = fields["factor"].flatMap { c.double($0, "set-speed factor", in: 0.01...100_000) }
                .map { .setSpeed(factor: $0) }
        case "view":
            let name = fields["name"].flatMap { oneOf($0, "view", PresentationNames.views, &c) }
            let car = car(fields["car"], &c)
            if name == "car", fields["car"] == nil {
                c.error("a 'view' named car needs 'car': the index or VIN of the car to show", at: fields.node)
            }
            result = name.map { .view(name: $0, car: car) }
        case "caption":
            let text = fields["text"].flatMap { c.string($0, "caption text") }
            let duration = fields["for"].flatMap { c.duration($0, "caption 'for'") }
            result = text.map { .caption(text: $0, duration: duration) }
        case "chapter":
            let title = fields["title"].flatMap { c.string($0, "chapter title") }
            let length = fields["for"].flatMap { c.duration($0, "chapter 'for'") }
            if let length, length <= .zero, let node = fields["for"] {
                c.error("chapter 'for' must be longer than 0s, found \(length)", at: node)
            }
            result = title.map { .chapter(title: $0, duration: length) }
        case "what-if":
            result = whatIf(&c)
        case "set-class-mix":
            let region = fields["region"].flatMap { c.name($0, "region", in: names.regions) }
            let classes = fields["classes"].flatMap { WorldDecoder.classMix($0, "set-class-mix classes", known: names.classes, &c) }
            if let region, let classes { result = .setClassMix(region: RegionID(rawValue: region), classes: classes) } else { result = nil }
        case "set-apps":
            let region = fields["region"].flatMap { c.name($0, "region", in: names.regions) }
            let apps = fields["third-party-telemetry"].flatMap { WorldDecoder.apps($0, "set-apps", services: names.services, &c) }
            if let region, let apps { result = .setApps(region: RegionID(rawValue: region), apps: apps) } else { result = nil }
        case "set-zones":
            result = ZoneChangeDecoding.decode(
                add: fields["add"], remove: fields["remove"], node: fields.node, "a 'set-zones' timeline entry", names: names, context: &c
            ).map { .setZones($0) }
        case "highlight":
            let car = car(fields["car"], &c)
            let panel = fields["panel"].flatMap { oneOf($0, "panel", PresentationNames.panels, &c) }
            if fields["car"] != nil, fields["panel"] != nil {
                c.error("a 'highlight' points at a car or at a panel, not both (neither clears it)", at: fields.node)
            }
            result = .highlight(car: car, panel: panel)
        default:
            result = nil
        }
        return c.diagnostics.count == before ? result : nil
    }

    // The newer actions read in functions of their own: one `read` holding every action's
    // locals has a stack frame that a debug build's test threads cannot afford.

    /// `set-policies`: restricted classes, rules, or both.
    func setPolicies(_ c: inout DecodeContext) -> ScriptedAction? {
        guard fields["restricted-classes"] != nil || fields["rules"] != nil else {
            c.error("a 'set-policies' timeline entry needs restricted-classes or rules (or both)", at: fields.node)
            return nil
        }
        return PolicyDecoding.decodeChange(
            restricted: fields["restricted-classes"], rules: fields["rules"], "set-policies", names: names, context: &c
        ).map { .setPolicies($0) }
    }

    /// `what-if`: a demo's cue to show one of the scenario's what-ifs (without `name`: none).
    func whatIf(_ c: inout DecodeContext) -> ScriptedAction? {
        let name = fields["name"].flatMap { c.string($0, "what-if name") }
        let from = fields["from"].flatMap { c.duration($0, "what-if from") }
        if fields["name"] != nil, name == nil { return nil }
        if fields["from"] != nil, from == nil { return nil }
        return .showWhatIf(name: name, from: from)
    }

    /// A car index below the fleet size (when known), or a VIN of 17 letters and digits.
    func car(_ node: YAMLNode?, _ c: inout DecodeContext) -> CarReference? {
        guard let node else { return nil }
        if case .scalar(let text, true) = node.kind, let index = Int(text.replacingUnderscores) {
            let size = names.fleetSize ?? c.limits.maxFleetSize
            guard index >= 0, index < size else {
                let added = names.addedCars > 0 ? ", plus \(names.addedCars) added before" : ""
                c.error("undefined car \(index): car indexes run from 0 to \(size - 1)"
                    + (names.fleetSize == nil ? "" : " (fleet.size is \(size - names.addedCars)\(added))"), at: node)
                return nil
            }
            return .index(index)
        }
        guard let text = c.string(node, "car") else { return nil }
        guard let vin = VIN(text) else {
            c.error("car must be an index in the fleet or a 17-character VIN, found '\(text)'", at: node)
            return nil
        }
        return .vin(vin)
    }

    /// A name from a fixed list, with a suggestion when misspelt.
    func oneOf(_ node: YAMLNode, _ what: String, _ names: [String], _ c: inout DecodeContext) -> String? {
        guard let text = c.string(node, "\(what) name") else { return nil }
        guard names.contains(text) else {
            c.error("unknown \(what) '\(text)'" + Suggestion.hint(for: text, among: names), at: node)
            return nil
        }
        return text
    }

    func userClass(_ node: YAMLNode?, _ c: inout DecodeContext) -> UserClassID? {
        node.flatMap { c.reference($0, "user class", among: names.classes) }.map(UserClassID.init(rawValue:))
    }

    func region(_ node: YAMLNode?, _ c: inout DecodeContext) -> RegionID? {
        node.flatMap { c.name($0, "region", in: names.regions) }.map(RegionID.init(rawValue:))
    }

    func serviceID(_ node: YAMLNode?, _ c: inout DecodeContext) -> ServiceID? {
        node.flatMap { c.name($0, "service", in: names.services) }.map(ServiceID.init(rawValue:))
    }
}

func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

func zip3<A, B, C>(_ a: A?, _ b: B?, _ c: C?) -> (A, B, C)? {
    guard let a, let b, let c else { return nil }
    return (a, b, c)
}
