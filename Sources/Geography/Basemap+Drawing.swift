/// What the map view needs to draw a basemap at terminal resolution: the water of a grid of
/// cells laid over a box, found from the land masks (not from the polylines), so a cell's shading
/// never depends on which lines happen to cross it.
extension Basemap {
    /// Whether the centre of each cell of a `columns` × `rows` grid over `box` is water, row by
    /// row from the north-west corner. O(columns × rows × masks): a screen's cells, not the data's.
    public func waterGrid(_ box: GeoBox, columns: Int, rows: Int) -> [Bool] {
        guard columns > 0, rows > 0, box.north > box.south, box.east > box.west else { return [] }
        let touching = masks.filter { $0.box.intersects(box) }
        guard !touching.isEmpty else { return Array(repeating: false, count: columns * rows) }
        let dLon = (box.east - box.west) / Double(columns), dLat = (box.north - box.south) / Double(rows)
        var water = Array(repeating: false, count: columns * rows)
        for r in 0..<rows {
            let lat = box.north - (Double(r) + 0.5) * dLat
            for c in 0..<columns {
                let p = GeoPoint(latitude: lat, longitude: box.west + (Double(c) + 0.5) * dLon)
                for m in touching {
                    if let land = m.isLand(p) {
                        water[r * columns + c] = !land
                        break
                    }
                }
            }
        }
        return water
    }

    /// The part of the basemap that reaches into `box`: its lines (in drawing order) and the
    /// masks that overlap it, for a map of that box to carry.
    public func part(touching box: GeoBox) -> Basemap {
        Basemap(
            lines: lines(touching: box),
            masks: masks.filter { $0.box.intersects(box) })
    }
}
