/// What an alert's flows carried: bytes and flows per data category and per destination.
///
/// A fixed-size value, so that adding a flow to an open alert allocates nothing: ten inline
/// counters per category, `destinationSlots` named destination slots filled in order of first
/// appearance, and an explicit `other` bucket that counts (never drops) the flows of any further
/// destination. Every flow lands in exactly one category and exactly one destination (a slot or
/// `other`), so both breakdowns sum to the alert's bytes and count.
public struct AlertBreakdown: Hashable, Sendable {
    /// Named destinations an alert keeps before the rest go to `other`.
    public static let destinationSlots = 4

    /// One destination's share of an alert.
    public struct Destination: Hashable, Sendable {
        public var service: ServiceID
        /// The service's display name; empty means show the id.
        public var name: String
        public var country: Country
        public var bytes: UInt64
        public var flows: UInt64
    }

    /// One category's share of an alert.
    public struct CategoryShare: Hashable, Sendable {
        public var category: DataCategory
        public var bytes: UInt64
        public var flows: UInt64
    }

    var categoryBytes = Inline10()
    var categoryFlows = Inline10()
    var slots = Inline4<Destination?>(nil)
    /// Bytes and flows of destinations beyond the named slots.
    public private(set) var otherBytes: UInt64 = 0
    public private(set) var otherFlows: UInt64 = 0
    /// Bytes and flows whose destination is outside the country of the car's market.
    public private(set) var crossBorderBytes: UInt64 = 0
    public private(set) var crossBorderFlows: UInt64 = 0

    public init() {}

    /// A breakdown of flows all of one category to one destination (tests, hand-made rows).
    public init(
        category: DataCategory, service: ServiceID, name: String = "", country: Country, bytes: UInt64, flows: UInt64,
        crossBorder: Bool = false
    ) {
        categoryBytes[category.index] = bytes
        categoryFlows[category.index] = flows
        slots[0] = Destination(service: service, name: name, country: country, bytes: bytes, flows: flows)
        if crossBorder { (crossBorderBytes, crossBorderFlows) = (bytes, flows) }
    }

    /// Adds one flow.
    /// - Complexity: O(`destinationSlots`), no allocation.
    @inline(__always)
    public mutating func add(_ f: FlowFacts) {
        let c = f.category.index
        categoryBytes[c] &+= f.bytes
        categoryFlows[c] &+= 1
        if f.isCrossBorder {
            crossBorderBytes &+= f.bytes
            crossBorderFlows &+= 1
        }
        for s in 0..<Self.destinationSlots {
            if let d = slots[s] {
                guard d.service == f.service else { continue }
                slots.modify(s) { $0!.bytes &+= f.bytes; $0!.flows &+= 1 }
                return
            }
            slots[s] = Destination(
                service: f.service, name: f.serviceName, country: f.destinationCountry, bytes: f.bytes, flows: 1)
            return
        }
        otherBytes &+= f.bytes
        otherFlows &+= 1
    }

    /// Bytes and flows of one category.
    public func bytes(_ c: DataCategory) -> UInt64 { categoryBytes[c.index] }
    public func flows(_ c: DataCategory) -> UInt64 { categoryFlows[c.index] }

    /// The categories seen, most bytes first (then in category order).
    public var categories: [CategoryShare] {
        DataCategory.allCases.filter { categoryFlows[$0.index] > 0 }
            .map { CategoryShare(category: $0, bytes: categoryBytes[$0.index], flows: categoryFlows[$0.index]) }
            .sorted { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.category.index < $1.category.index }
    }

    /// The named destinations, most bytes first (then in order of first appearance).
    public var destinations: [Destination] {
        let named = (0..<Self.destinationSlots).compactMap { slots[$0] }
        return named.enumerated().sorted { a, b in
            a.element.bytes != b.element.bytes ? a.element.bytes > b.element.bytes : a.offset < b.offset
        }.map(\.element)
    }

    /// Distinct categories seen.
    public var categoryCount: Int { (0..<DataCategory.count).reduce(0) { $0 + (categoryFlows[$1] > 0 ? 1 : 0) } }
    /// Named destinations, plus one when `other` holds anything.
    public var destinationCount: Int {
        (0..<Self.destinationSlots).reduce(0) { $0 + (slots[$1] != nil ? 1 : 0) } + (otherFlows > 0 ? 1 : 0)
    }

    /// Sum of the per-category bytes (equals the alert's bytes).
    public var totalBytes: UInt64 { (0..<DataCategory.count).reduce(0) { $0 &+ categoryBytes[$1] } }
    /// Sum of the per-category flows (equals the alert's count).
    public var totalFlows: UInt64 { (0..<DataCategory.count).reduce(0) { $0 &+ categoryFlows[$1] } }
    /// Sum over the destinations and `other` (equals the alert's bytes).
    public var destinationBytes: UInt64 { destinations.reduce(otherBytes) { $0 &+ $1.bytes } }
    public var destinationFlows: UInt64 { destinations.reduce(otherFlows) { $0 &+ $1.flows } }
}

/// Ten `UInt64` stored inline (one per `DataCategory`): no array, no allocation.
struct Inline10: Hashable, Sendable {
    var a0: UInt64 = 0, a1: UInt64 = 0, a2: UInt64 = 0, a3: UInt64 = 0, a4: UInt64 = 0
    var a5: UInt64 = 0, a6: UInt64 = 0, a7: UInt64 = 0, a8: UInt64 = 0, a9: UInt64 = 0

    subscript(i: Int) -> UInt64 {
        get {
            switch i {
            case 0: a0
            case 1: a1
            case 2: a2
            case 3: a3
            case 4: a4
            case 5: a5
            case 6: a6
            case 7: a7
            case 8: a8
            default: a9
            }
        }
        set {
            switch i {
            case 0: a0 = newValue
            case 1: a1 = newValue
            case 2: a2 = newValue
            case 3: a3 = newValue
            case 4: a4 = newValue
            case 5: a5 = newValue
            case 6: a6 = newValue
            case 7: a7 = newValue
            case 8: a8 = newValue
            default: a9 = newValue
            }
        }
    }
}

/// Four values stored inline.
struct Inline4<Element: Hashable & Sendable>: Hashable, Sendable {
    var e0, e1, e2, e3: Element

    init(_ value: Element) { (e0, e1, e2, e3) = (value, value, value, value) }

    subscript(i: Int) -> Element {
        get {
            switch i {
            case 0: e0
            case 1: e1
            case 2: e2
            default: e3
            }
        }
        set { modify(i) { $0 = newValue } }
    }

    /// Changes one element in place (no copy of it is made).
    @inline(__always)
    mutating func modify(_ i: Int, _ body: (inout Element) -> Void) {
        switch i {
        case 0: body(&e0)
        case 1: body(&e1)
        case 2: body(&e2)
        default: body(&e3)
        }
    }
}
