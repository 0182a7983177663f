import Geography
import Simulation

/// One data flow between a car and a server: what the meters count, the policies judge and the
/// flow log exports (IPFIX-style fields in ../shared/DOMAIN.md).
///
/// Names are resolved at load time: the vehicle, service and zone are indexes into the fleet's
/// tables, so a record is a small value with no strings or references.
public struct FlowRecord: Hashable, Sendable {
    public var start: SimTime
    public var end: SimTime
    /// Index of the car in the fleet.
    public var vehicle: UInt32
    public var category: DataCategory
    public var direction: Direction
    public var bytes: UInt64
    public var packets: UInt32
    /// Index of the destination service in the fleet's service table.
    public var service: UInt16
    /// Destination port (443 for almost everything).
    public var port: UInt16
    /// The car's position when the flow started.
    public var position: GeoPoint
    /// Index of the sensitive zone the car was in, if any.
    public var zone: UInt16?

    public init(
        start: SimTime, end: SimTime, vehicle: UInt32, category: DataCategory, direction: Direction,
        bytes: UInt64, packets: UInt32, service: UInt16, port: UInt16 = 443, position: GeoPoint, zone: UInt16? = nil
    ) {
        self.start = start
        self.end = end
        self.vehicle = vehicle
        self.category = category
        self.direction = direction
        self.bytes = bytes
        self.packets = packets
        self.service = service
        self.port = port
        self.position = position
        self.zone = zone
    }
}
