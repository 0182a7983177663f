/// What part of each region the map shows: a zoom (a power of two), the centre as a fraction
/// of the region's box, and whether it follows the selected car. Plain numbers, changed by the
/// map's keys through the reducer; the view turns them into a box (`MapView.viewport`), and
/// resolves "follow" there, on the car's position in the frame's model.
public struct MapViewport: Hashable, Sendable {
    /// 0 is the whole region; each step doubles the scale (×2, ×4 … ×32).
    public var zoom = 0
    /// The centre of the view, from the region's west (0) to its east (1).
    public var centerX = 0.5
    /// The centre of the view, from the region's north (0) to its south (1).
    public var centerY = 0.5
    /// Centre on the selected car, wherever it drives (a pan stops following).
    public var follow = false

    public static let maxZoom = 5

    public init(zoom: Int = 0, centerX: Double = 0.5, centerY: Double = 0.5, follow: Bool = false) {
        self.zoom = min(max(zoom, 0), Self.maxZoom)
        self.centerX = centerX
        self.centerY = centerY
        self.follow = follow
        clamp()
    }

    /// How much bigger than the whole region things are drawn.
    public var scale: Int { 1 << zoom }

    /// Whether this is the whole map, as the map opens.
    public var isWhole: Bool { zoom == 0 && !follow }

    /// Half the view's side as a fraction of the region's.
    var half: Double { 0.5 / Double(scale) }

    /// The centre kept where the view stays inside the region.
    mutating func clamp() {
        centerX = min(max(centerX, half), 1 - half)
        centerY = min(max(centerY, half), 1 - half)
    }

    mutating func zoom(by steps: Int) {
        zoom = min(max(zoom + steps, 0), Self.maxZoom)
        clamp()
    }

    /// Moves the view a quarter of its side (`dx`, `dy` in quarters: -1 west or north).
    mutating func pan(dx: Int, dy: Int) {
        follow = false
        centerX += Double(dx) * half / 2
        centerY += Double(dy) * half / 2
        clamp()
    }
}
