/// The default policy set: the table in ../shared/DOMAIN.md ("Policy rules a compliance officer
/// would want") as data. The `policies` section of Scenarios/default.yaml states the same rules
/// for users to copy and adapt, and a test checks that the two decode equal.
extension PolicySet {
    static let locationCategories = Set(DataCategory.allCases.filter(\.carriesLocation))
    static let cameraCategories = Set(DataCategory.allCases.filter(\.isCamera))
    /// Exterior camera data a processor collects (fleet-learning clips): the live Sentry view is
    /// end-to-end encrypted to the owner's phone, which Tesla cannot see (DECISIONS.md 2026-12-02).
    static let collectedExteriorCameraCategories = Set(DataCategory.allCases.filter(\.isExteriorCamera))
        .subtracting([.sentryLive])
    static let cacProvisions = "Several Provisions on Automotive Data Security Management (Trial), CAC 2021"

    public static let `default` = PolicySet(
        restrictedClasses: [.cn: [.military, .keySOE], .us: [.military]],
        rules: [
            PolicyRule(
                id: "CN-3a", title: "Restricted driver sends data out", source: "2021 restrictions as reported",
                explanation: "Restricted driver {driver} sent {bytes} of {category} data from {vin} to {service} "
                    + "({country}), {border}, at {position}{in-zone}",
                match: RuleMatch(restricted: true, markets: [.cn], direction: .up),
                severities: [
                    .init(when: RuleMatch(crossBorder: true), .critical, label: "restricted, leaves CN"),
                    .init(.watch, label: "restricted, stays in CN"),
                ]),
            PolicyRule(
                id: "CN-3b", title: "Restricted driver uploads camera data", source: "2021 restrictions as reported",
                explanation: "Restricted driver {driver} uploaded {bytes} of {category} data from {vin} to {service} "
                    + "({country}), {border}, at {position}{in-zone}",
                match: RuleMatch(restricted: true, markets: [.cn], categories: cameraCategories, direction: .up),
                severities: [.init(.high, label: "restricted camera upload")]),
            PolicyRule(
                id: "CN-3c", title: "Restricted driver inside a military zone", source: "2021 restrictions as reported",
                explanation: "Restricted driver {driver} was inside military zone {zone} in {vin} at {position}; "
                    + "{bytes} of {category} data went to {service} ({country})",
                match: RuleMatch(restricted: true, markets: [.cn], zoneKinds: [.militaryZone]),
                severities: [.init(.high, label: "restricted, mil. zone")]),
            PolicyRule(
                id: "CN-1", title: "Exterior camera data leaves China or leaves the car un-anonymised",
                source: cacProvisions + ", Art. 3, 11-12",
                explanation: "{bytes} of exterior {category} data ({anonymised}) left {vin} for {service} ({country}), "
                    + "{border}, at {position}{in-zone}",
                match: RuleMatch(markets: [.cn], categories: collectedExteriorCameraCategories, direction: .up),
                severities: [
                    .init(when: RuleMatch(crossBorder: true), .critical, label: "camera data leaves CN"),
                    .init(when: RuleMatch(anonymised: false), .high, label: "not anonymised, in CN"),
                ]),
            PolicyRule(
                id: "CN-2", title: "Location produced inside a sensitive zone leaves the car",
                source: cacProvisions + ", Art. 3 item 1",
                explanation: "{bytes} of location-bearing {category} data produced inside {zone} ({zone-kind}) "
                    + "left {vin} for {service} ({country}), {border}, at {position}",
                match: RuleMatch(
                    markets: [.cn], zoneKinds: [.governmentOrgan, .defenceIndustry, .militaryZone, .seasonal],
                    categories: locationCategories, direction: .up),
                severities: [
                    .init(when: RuleMatch(crossBorder: true), .critical, label: "zone location leaves CN"),
                    .init(.high, label: "zone location, in CN"),
                ]),
            PolicyRule(
                id: "CN-4", title: "Cabin camera data leaves the car",
                source: "CAAM 2024 requirements; Provisions Art. 6",
                explanation: "{bytes} of cabin camera data left {vin} (driver {driver}) for {service} ({country}), "
                    + "{border}, at {position}{in-zone}",
                match: RuleMatch(markets: [.cn], categories: [.cabinCamera], direction: .up),
                severities: [.init(.critical, label: "cabin camera leaves car")]),
            PolicyRule(
                id: "US-1", title: "Precise location from a listed US site reaches China",
                source: "28 CFR §202.222, §202.242",
                explanation: "{bytes} of precise location ({category}) produced inside listed site {zone} reached "
                    + "{service} ({country}) from {vin} at {position}",
                match: RuleMatch(
                    markets: [.us], zoneKinds: [.usGovernmentSite], categories: locationCategories, direction: .up,
                    countries: [.china]),
                severities: [.init(.critical, label: "US-site location to CN")]),
            PolicyRule(
                id: "US-2", title: "Precise location of a US car reaches China",
                source: "28 CFR §202.205, §202.242 (bulk: more than 1,000 US devices in 12 months)",
                explanation: "{bytes} of precise location ({category}) from {vin} reached {service} ({country}) "
                    + "at {position}{in-zone}",
                match: RuleMatch(markets: [.us], categories: locationCategories, direction: .up, countries: [.china]),
                severities: [
                    // The app's server gathers the location of more US devices than the fleet's
                    // own: its user base is past the bulk threshold [E, what-if].
                    .init(when: RuleMatch(services: ["cn-car-app"]), .critical, label: "bulk location to CN"),
                    .init(.watch, label: "US location to CN"),
                ]),
            PolicyRule(
                id: "US-4", title: "Precise location of a restricted US driver reaches China",
                source: "28 CFR §202.222(a)(2), §202.249 (government-related data)",
                explanation: "{bytes} of precise location ({category}) of restricted driver {driver} ({class}) in {vin} "
                    + "reached {service} ({country}) at {position}{in-zone}",
                match: RuleMatch(
                    restricted: true, markets: [.us], categories: locationCategories, direction: .up,
                    countries: [.china]),
                severities: [.init(.high, label: "restricted loc. to CN")]),
            PolicyRule(
                id: "US-3", title: "US car with PRC-linked connectivity software",
                source: "BIS connected-vehicles rule, 15 CFR 791 subpart D",
                explanation: "{vin} (model year {model-year}) runs connectivity software from a PRC-linked supplier; "
                    + "it sent {bytes} of {category} data to {service} ({country})",
                match: RuleMatch(markets: [.us], minModelYear: 2027, prcLinkedConnectivity: true),
                severities: [.init(.watch, label: "PRC-linked software")]),
        ])
}
