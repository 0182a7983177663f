import Fleet

/// What the linear mode's `map` tells, counted in one pass over the fleet state: the active
/// cars inside sensitive zones (per zone, and how many of them restricted or alerting), the
/// restricted cars and the cars with open alerts, and the first `limit` of those to name, in the
/// order they are told (the most severe open alert first, then cars inside a zone, then fleet
/// order). Reads numbers only (activity, zone index, class, market); no car's row, name or
/// position is built here: the lines build the rows of the named cars alone.
///
/// - Complexity: O(cars · 1) with a table per zone and per open alert; the named list is kept
///   at `limit` entries by insertion, so its cost is O(cars · limit) only when every car is named.
public struct MapCensus: Hashable, Sendable {
    public var activeCars = 0
    public var inZones = 0
    public var restricted = 0
    public var alerting = 0
    public var restrictedInZones = 0
    public var alertingInZones = 0
    /// Cars per zone, by the index of `config.zones`.
    public var perZone: [Int]
    /// The cars to name (fleet indices), at most `limit`, in the order told; `named` of them in all.
    public var first: [Int] = []
    public var named = 0
    public let limit: Int

    /// The key `first` is ordered by, highest first: severity rank + 1 (0: no open alert), inside
    /// a zone, and the fleet index reversed (the lower index first).
    private var keys: [Key] = []
    private struct Key: Comparable, Hashable, Sendable {
        var severity: Int
        var inZone: Bool
        var index: Int
        static func < (a: Key, b: Key) -> Bool {
            (a.severity, a.inZone ? 1 : 0, -a.index) < (b.severity, b.inZone ? 1 : 0, -b.index)
        }
    }

    public init(world: FleetWorld, alerts book: AlertBook, policies: PolicySet, limit: Int = 20) {
        self.limit = max(0, limit)
        perZone = Array(repeating: 0, count: world.config.zones.count)
        // The open alerts by car: a table of the cars that have one, not a slot per car.
        var severity: [Int: Int] = [:]
        book.forEachOpenAlert { a in severity[Int(a.vehicle)] = max(severity[Int(a.vehicle)] ?? 0, a.severity.rank + 1) }
        let classes = world.userClasses
        let restrictedClass = Market.allCases.map { m in classes.map { policies.isRestricted($0, in: m) } }
        for i in 0..<world.carCount where world.isActive(i) {
            activeCars += 1
            let zone = world.zone(of: i)
            let isRestricted = restrictedClass[world.market(of: i).index][world.userClassIndex(of: i)]
            let worst = severity[i] ?? 0
            if let zone {
                inZones += 1
                if zone < perZone.count { perZone[zone] += 1 }
                if isRestricted { restrictedInZones += 1 }
                if worst > 0 { alertingInZones += 1 }
            }
            if isRestricted { restricted += 1 }
            if worst > 0 { alerting += 1 }
            guard isRestricted || worst > 0 else { continue }
            named += 1
            note(Key(severity: worst, inZone: zone != nil, index: i))
        }
        first = keys.map(\.index)
    }

    /// Keeps `key` among the first `limit`, highest first.
    private mutating func note(_ key: Key) {
        guard limit > 0 else { return }
        if keys.count == limit {
            guard key > keys[limit - 1] else { return }
            keys.removeLast()
        }
        let at = keys.firstIndex { $0 < key } ?? keys.count
        keys.insert(key, at: at)
    }

    /// The zones that hold cars, most first (then by name), with their counts.
    public func zones(named name: (Int) -> String) -> [(name: String, cars: Int)] {
        perZone.indices.filter { perZone[$0] > 0 }.map { (name($0), perZone[$0]) }.sorted { ($0.cars, $1.name) > ($1.cars, $0.name) }
    }
}
