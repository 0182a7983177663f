/// The main roads of one area as a graph, for trips that follow roads: nodes are the roads'
/// vertices and their crossings, edges the pieces of road between them (both ways), each as long
/// as the plane distance between its ends. Only the largest connected part is kept, so any two
/// nodes are joined.
///
/// Shortest paths are kept as one tree per destination node (`prepare(toward:)`), built on first
/// use and shared by every later trip to that node: a trip costs one nearest-node search at each
/// end, and a position along it a walk down the tree. Ties break by node index, so the same
/// roads give the same routes everywhere.
public struct RoadGraph: Sendable {
    /// Limits on what the graph holds (explicit, so that an absurd road file is refused rather
    /// than filling memory: each destination tree holds one entry per node).
    public static let maximumNodes = 4000

    public private(set) var nodes: [GeoPoint] = []
    /// Compressed adjacency: the edges of node `v` are `edgeStart[v] ..< edgeStart[v + 1]`.
    var edgeStart: [Int32] = [0]
    var edgeTarget: [UInt16] = []
    var edgeMeters: [Double] = []
    /// The shortest-path tree toward each destination node, once prepared.
    var trees: [Tree?] = []

    /// Toward one destination: each node's next node and its distance left, in metres.
    struct Tree: Sendable {
        var next: [UInt16]
        var meters: [Double]
    }

    public var isEmpty: Bool { nodes.count < 2 }

    /// A graph of the roads' parts inside `box`. Crossing segments are joined at their crossing;
    /// a road's end within `joinMeters` of another road is joined to it.
    public init(roads: [Basemap.Line], within box: GeoBox, joinMeters: Double = 400) {
        var builder = Builder()
        for road in roads where road.feature.isRoad {
            var run: [GeoPoint] = []
            for p in road.points {
                if box.contains(p) {
                    run.append(p)
                } else {
                    builder.addLine(run)
                    run = []
                }
            }
            builder.addLine(run)
        }
        builder.splitCrossings()
        builder.joinEnds(within: joinMeters)
        let (points, edges) = builder.largestComponent()
        guard points.count >= 2, points.count <= Self.maximumNodes else { return }
        nodes = points
        var adjacency = Array(repeating: [(UInt16, Double)](), count: points.count)
        for (a, b) in edges {
            let m = Geo.distance(points[a], points[b])
            adjacency[a].append((UInt16(b), m))
            adjacency[b].append((UInt16(a), m))
        }
        edgeStart = [0]
        for list in adjacency {
            for (t, m) in list.sorted(by: { $0.0 < $1.0 }) {
                edgeTarget.append(t)
                edgeMeters.append(m)
            }
            edgeStart.append(Int32(edgeTarget.count))
        }
        trees = Array(repeating: nil, count: points.count)
    }

    /// The node nearest `p` (the first of equals), or nil for an empty graph.
    public func nearest(to p: GeoPoint) -> Int? {
        guard !isEmpty else { return nil }
        var best = 0, bestMeters = Double.infinity
        for (i, n) in nodes.enumerated() {
            let m = Geo.distance(n, p)
            if m < bestMeters { best = i; bestMeters = m }
        }
        return best
    }

    /// Builds the shortest-path tree toward `target` if it is not there yet (Dijkstra).
    public mutating func prepare(toward target: Int) {
        guard trees.indices.contains(target), trees[target] == nil else { return }
        let n = nodes.count
        var meters = [Double](repeating: .infinity, count: n)
        var next = [UInt16](repeating: UInt16(target), count: n)
        var done = [Bool](repeating: false, count: n)
        var heap = MinHeap()
        meters[target] = 0
        heap.push(0, target)
        while let (d, v) = heap.pop() {
            if done[v] { continue }
            done[v] = true
            for e in Int(edgeStart[v])..<Int(edgeStart[v + 1]) {
                let u = Int(edgeTarget[e])
                let candidate = d + edgeMeters[e]
                if candidate < meters[u] || (candidate == meters[u] && !done[u] && v < Int(next[u])) {
                    meters[u] = candidate
                    next[u] = UInt16(v)
                    heap.push(candidate, u)
                }
            }
        }
        trees[target] = Tree(next: next, meters: meters)
    }

    /// Metres along the roads from `from` to `to` (`prepare(toward: to)` first), or nil when the
    /// tree is not prepared.
    public func meters(from: Int, to: Int) -> Double? {
        guard trees.indices.contains(to), let tree = trees[to] else { return nil }
        return tree.meters[from]
    }

    /// The nodes from `from` to `to`, both included (`prepare(toward: to)` first).
    public func path(from: Int, to: Int) -> [Int] {
        guard trees.indices.contains(to), let tree = trees[to] else { return [] }
        var v = from, out = [from]
        while v != to && out.count <= nodes.count {
            v = Int(tree.next[v])
            out.append(v)
        }
        return out
    }

    /// The point `meters` along the roads from `from` toward `to` (clamped to the route's ends).
    public func point(from: Int, to: Int, after meters: Double) -> GeoPoint {
        guard trees.indices.contains(to), let tree = trees[to] else { return nodes.indices.contains(from) ? nodes[from] : GeoPoint(latitude: 0, longitude: 0) }
        var v = from, left = max(0, meters), steps = 0
        while v != to && steps <= nodes.count {
            let u = Int(tree.next[v])
            let length = tree.meters[v] - tree.meters[u]
            if left < length, length > 0 { return Geo.interpolate(nodes[v], nodes[u], left / length) }
            left -= length
            v = u
            steps += 1
        }
        return nodes[to]
    }

    /// The number of edges (each counted once).
    public var edgeCount: Int { edgeTarget.count / 2 }

    /// A trip along the roads: local streets from the origin to the node nearest it (`entry`),
    /// the shortest road path to the node nearest the destination (`exit`), local streets to
    /// the destination. Local streets count `detour` times their straight length.
    public struct Route: Hashable, Sendable {
        public var entry: Int
        public var exit: Int
        /// The whole trip: both local legs and the road path.
        public var meters: Double

        public init(entry: Int, exit: Int, meters: Double) {
            self.entry = entry
            self.exit = exit
            self.meters = meters
        }
    }

    /// The route from `origin` to `destination`, or nil when both ends are nearest the same node
    /// (or the graph is empty). Prepares the tree toward the exit node.
    public mutating func route(from origin: GeoPoint, to destination: GeoPoint, detour: Double) -> Route? {
        guard let entry = nearest(to: origin), let exit = nearest(to: destination), entry != exit else { return nil }
        prepare(toward: exit)
        guard let road = meters(from: entry, to: exit), road.isFinite else { return nil }
        let local = (Geo.distance(origin, nodes[entry]) + Geo.distance(nodes[exit], destination)) * detour
        return Route(entry: entry, exit: exit, meters: local + road)
    }

    /// The point `meters` along `route` from `origin` (clamped to the destination).
    public func point(on route: Route, from origin: GeoPoint, to destination: GeoPoint, detour: Double, after meters: Double) -> GeoPoint {
        var left = meters
        let first = Geo.distance(origin, nodes[route.entry]) * detour
        if left < first { return Geo.interpolate(origin, nodes[route.entry], left / first) }
        left -= first
        let road = self.meters(from: route.entry, to: route.exit) ?? 0
        if left < road { return point(from: route.entry, to: route.exit, after: left) }
        left -= road
        let last = Geo.distance(nodes[route.exit], destination) * detour
        return last > 0 ? Geo.interpolate(nodes[route.exit], destination, min(1, left / last)) : destination
    }
}

/// A binary min-heap of (distance, node), ties by node: Dijkstra's queue.
private struct MinHeap {
    var items: [(Double, Int)] = []

    static func less(_ a: (Double, Int), _ b: (Double, Int)) -> Bool { a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }

    mutating func push(_ d: Double, _ v: Int) {
        items.append((d, v))
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard Self.less(items[i], items[p]) else { break }
            items.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, Self.less(items[l], items[m]) { m = l }
                if r < items.count, Self.less(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}

/// Builds a graph's nodes and edges from polylines: crossings split, loose ends joined.
private struct Builder {
    var points: [GeoPoint] = []
    var index: [GeoPoint: Int] = [:]
    /// Segments as node pairs, with the line each belongs to.
    var segments: [(a: Int, b: Int, line: Int)] = []
    /// Each line's first and last node.
    var ends: [(Int, Int)] = []

    mutating func node(_ p: GeoPoint) -> Int {
        if let i = index[p] { return i }
        points.append(p)
        index[p] = points.count - 1
        return points.count - 1
    }

    mutating func addLine(_ run: [GeoPoint]) {
        guard run.count >= 2 else { return }
        let line = ends.count
        var previous = node(run[0])
        for p in run.dropFirst() {
            let n = node(p)
            if n != previous { segments.append((previous, n, line)) }
            previous = n
        }
        ends.append((node(run[0]), previous))
    }

    /// Where segments of different lines (or far apart on one line) cross, both are split at a
    /// new node.
    mutating func splitCrossings() {
        var cuts = Array(repeating: [(Double, Int)](), count: segments.count)
        for i in segments.indices {
            for j in (i + 1)..<segments.count {
                let s = segments[i], t = segments[j]
                if s.a == t.a || s.a == t.b || s.b == t.a || s.b == t.b { continue }
                guard let (u, v) = crossing(points[s.a], points[s.b], points[t.a], points[t.b]) else { continue }
                let p = Geo.interpolate(points[s.a], points[s.b], u)
                let n = node(p)
                cuts[i].append((u, n))
                cuts[j].append((v, n))
            }
        }
        var split: [(a: Int, b: Int, line: Int)] = []
        for (i, s) in segments.enumerated() {
            var chain = [s.a] + cuts[i].sorted { $0.0 < $1.0 }.map(\.1) + [s.b]
            chain = chain.enumerated().filter { $0.offset == 0 || $0.element != chain[$0.offset - 1] }.map(\.element)
            for k in 1..<chain.count { split.append((chain[k - 1], chain[k], s.line)) }
        }
        segments = split
    }

    /// A line's end that touches no other line is joined to the nearest point of another line
    /// within `meters` (hand-traced roads stop near the road they meet).
    mutating func joinEnds(within meters: Double) {
        var degree = [Int](repeating: 0, count: points.count)
        for s in segments { degree[s.a] += 1; degree[s.b] += 1 }
        for (line, (first, last)) in ends.enumerated() {
            for end in [first, last] where degree[end] == 1 {
                var best: (meters: Double, segment: Int, f: Double)?
                for (k, s) in segments.enumerated() where s.line != line {
                    let (f, m) = Geo.nearest(to: points[end], onSegment: points[s.a], points[s.b])
                    if m <= meters, best.map({ m < $0.meters }) ?? true { best = (m, k, f) }
                }
                guard let best else { continue }
                let s = segments[best.segment]
                let target: Int
                if best.f <= 0.001 { target = s.a } else if best.f >= 0.999 { target = s.b } else {
                    target = node(Geo.interpolate(points[s.a], points[s.b], best.f))
                    segments[best.segment] = (s.a, target, s.line)
                    segments.append((target, s.b, s.line))
                    degree.append(0)
                    degree[target] += 2
                }
                segments.append((end, target, line))
                degree[end] += 1
                degree[target] += 1
            }
        }
    }

    /// The largest connected part, renumbered in the order of first appearance.
    func largestComponent() -> ([GeoPoint], [(Int, Int)]) {
        var parent = Array(points.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for s in segments {
            let ra = find(s.a), rb = find(s.b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var size: [Int: Int] = [:]
        for s in segments { size[find(s.a), default: 0] += 1 }
        guard let root = size.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key else { return ([], []) }
        var renumber: [Int: Int] = [:]
        var kept: [GeoPoint] = []
        var edges: [(Int, Int)] = []
        var seen = Set<[Int]>()
        for s in segments where find(s.a) == root {
            for v in [s.a, s.b] where renumber[v] == nil {
                renumber[v] = kept.count
                kept.append(points[v])
            }
            let a = renumber[s.a]!, b = renumber[s.b]!
            if a != b, seen.insert([min(a, b), max(a, b)]).inserted { edges.append((a, b)) }
        }
        return (kept, edges)
    }
}

/// Where segments p1p2 and q1q2 cross strictly inside both, as fractions along each (degrees
/// as a plane: fine for crossings within a city).
private func crossing(_ p1: GeoPoint, _ p2: GeoPoint, _ q1: GeoPoint, _ q2: GeoPoint) -> (Double, Double)? {
    let rx = p2.longitude - p1.longitude, ry = p2.latitude - p1.latitude
    let sx = q2.longitude - q1.longitude, sy = q2.latitude - q1.latitude
    let denominator = rx * sy - ry * sx
    guard abs(denominator) > 1e-15 else { return nil }
    let qpx = q1.longitude - p1.longitude, qpy = q1.latitude - p1.latitude
    let u = (qpx * sy - qpy * sx) / denominator
    let v = (qpx * ry - qpy * rx) / denominator
    guard u > 1e-9, u < 1 - 1e-9, v > 1e-9, v < 1 - 1e-9 else { return nil }
    return (u, v)
}

