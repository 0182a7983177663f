/// Land and water, rivers and main roads of the places the default scenario simulates: what the
/// map draws under the cars, what keeps a parked car out of the water, and the roads trips
/// follow. Derived offline (tools/geodata/derive-basemap.py: GSHHG coasts, lakes, rivers and
/// land mask; hand-traced main roads) into `Basemap+Data.swift`, parsed once.
public struct Basemap: Sendable {
    /// What a line is. Drawn in this order (water first, roads on top).
    public enum Feature: String, CaseIterable, Hashable, Sendable {
        case coast, lake, river, motorway, road

        /// Roads, which trips follow (`RoadGraph`).
        public var isRoad: Bool { self == .motorway || self == .road }
        /// Water's edge or a river.
        public var isWater: Bool { !isRoad }
    }

    /// A polyline: a piece of coast or lake shore, a river, a road.
    public struct Line: Hashable, Sendable {
        public var feature: Feature
        /// The road's name; empty for water.
        public var name: String
        public var points: [GeoPoint]
        public var bounds: GeoBox

        public init(feature: Feature, name: String, points: [GeoPoint]) {
            self.feature = feature
            self.name = name
            self.points = points
            var b = GeoBox(south: .infinity, north: -.infinity, west: .infinity, east: -.infinity)
            for p in points {
                b.south = min(b.south, p.latitude); b.north = max(b.north, p.latitude)
                b.west = min(b.west, p.longitude); b.east = max(b.east, p.longitude)
            }
            self.bounds = b
        }
    }

    /// Land or water on a grid of `step` degrees over `box` (row 0 in the south, column 0 in the
    /// west; a cell holds the value at its south-west corner's grid node).
    public struct LandMask: Hashable, Sendable {
        public var name: String
        public var box: GeoBox
        public var step: Double
        public var rows: Int
        public var columns: Int
        /// One bit per cell, row-major: 1 is land.
        var bits: [UInt64]

        public init(name: String, box: GeoBox, step: Double, rows: Int, columns: Int, land: [Bool]) {
            self.name = name
            self.box = box
            self.step = step
            self.rows = rows
            self.columns = columns
            var bits = [UInt64](repeating: 0, count: (rows * columns + 63) / 64)
            for (i, l) in land.enumerated() where l { bits[i >> 6] |= 1 << UInt64(i & 63) }
            self.bits = bits
        }

        /// Whether `p` is on land, or nil outside the mask.
        public func isLand(_ p: GeoPoint) -> Bool? {
            guard box.contains(p) else { return nil }
            let r = min(rows - 1, max(0, Int(((p.latitude - box.south) / step).rounded())))
            let c = min(columns - 1, max(0, Int(((p.longitude - box.west) / step).rounded())))
            let i = r * columns + c
            return bits[i >> 6] >> UInt64(i & 63) & 1 == 1
        }
    }

    public var lines: [Line]
    public var masks: [LandMask]

    public init(lines: [Line], masks: [LandMask]) {
        self.lines = lines
        self.masks = masks
    }

    /// The basemap compiled into the program.
    public static let builtIn: Basemap = Basemap(source: builtInSource)

    /// Whether `p` lies in the sea or a lake (false where no mask covers it: unknown is land, so
    /// a scenario elsewhere on Earth works as before).
    public func isWater(_ p: GeoPoint) -> Bool {
        for m in masks { if let land = m.isLand(p) { return !land } }
        return false
    }

    /// Whether some mask covers `p`.
    public func covers(_ p: GeoPoint) -> Bool { masks.contains { $0.box.contains(p) } }

    /// The lines that reach into `box`, in drawing order (water, then roads by rank).
    public func lines(touching box: GeoBox) -> [Line] {
        let hit = lines.filter { $0.bounds.intersects(box) }
        let order = Dictionary(uniqueKeysWithValues: Feature.allCases.enumerated().map { ($1, $0) })
        return hit.enumerated().sorted { (order[$0.element.feature]!, $0.offset) < (order[$1.element.feature]!, $1.offset) }.map(\.element)
    }

    /// Parses the derived data (the format is `builtInSource`'s comment). A malformed record is a
    /// programming error of the generator, caught by the tests that read the built-in map.
    init(source: String) {
        var lines: [Line] = []
        var masks: [LandMask] = []
        var pending: (name: String, box: GeoBox, step: Double, rows: Int, columns: Int, land: [Bool])?
        func closeMask() {
            if let p = pending { masks.append(LandMask(name: p.name, box: p.box, step: p.step, rows: p.rows, columns: p.columns, land: p.land)) }
            pending = nil
        }
        for record in source.split(separator: "\n", omittingEmptySubsequences: true) {
            if record.hasPrefix("m ") {
                guard pending != nil else { continue }
                var value = true
                var row: [Bool] = []
                for run in record.dropFirst(2).split(separator: " ") {
                    row.append(contentsOf: repeatElement(value, count: Int(run) ?? 0))
                    value.toggle()
                }
                pending!.land += row
            } else if record.hasPrefix("box ") {
                closeMask()
                let f = record.split(separator: " ")
                guard f.count == 9, let s = Double(f[2]), let n = Double(f[3]), let w = Double(f[4]), let e = Double(f[5]),
                      let step = Double(f[6]), let rows = Int(f[7]), let cols = Int(f[8]) else { continue }
                pending = (String(f[1]), GeoBox(south: s, north: n, west: w, east: e), step, rows, cols, [])
            } else {
                let parts = record.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count == 3 else { continue }
                let kind = parts[0].split(separator: " ").first.map(String.init) ?? ""
                let feature: Feature? = switch kind {
                case "coast": .coast
                case "lake": .lake
                case "river": .river
                case "road1": .motorway
                case "road2": .road
                default: nil
                }
                guard let feature else { continue }
                let points = parts[2].split(separator: " ").compactMap { pair -> GeoPoint? in
                    let c = pair.split(separator: ",")
                    guard c.count == 2, let lat = Double(c[0]), let lon = Double(c[1]) else { return nil }
                    return GeoPoint(latitude: lat, longitude: lon)
                }
                if points.count > 1 { lines.append(Line(feature: feature, name: String(parts[1]), points: points)) }
            }
        }
        closeMask()
        self.init(lines: lines, masks: masks)
    }
}
