/// A change to the zones in force from a time on (the timeline's `set-zones`, a what-if's
/// `zones`): new zones, and zones taken out of force. It changes the law a flow is judged by,
/// not where cars drive: an added zone is no trip's destination, and a zone out of force stays
/// one (cars still go there; their flows there are judged as outside every zone). A flow is in
/// the zones in force at its end, as with seasons (docs/scenario-format.md, "Zones").
public struct ZoneChange: Hashable, Sendable {
    /// Zones in force from the change on, after the world's zones (ids not yet used).
    public var add: [ZoneConfig]
    /// Zones of the world that are no longer in force from the change on.
    public var remove: [ZoneID]

    public init(add: [ZoneConfig] = [], remove: [ZoneID] = []) {
        self.add = add
        self.remove = remove
    }

    public var isEmpty: Bool { add.isEmpty && remove.isEmpty }
}
