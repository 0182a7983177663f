/// The order of the NDJSON flow log: by flow start (`flowStartNanoseconds`), then the car's
/// fleet index (`vehicle`), then `flowId`, the flow's place in the order the monitor judged
/// the flows (by end, then the world's order). `flowId`s are unique, so the order is total and
/// the same run gives the same file.
///
/// The monitor judges a flow at its end, and flows of different lengths end out of start order,
/// so the log is sorted when the run is over. The writer spills each line to a scratch file as
/// it comes and keeps only its key and place here (32 bytes a flow, against some 750 for the
/// line), then copies the lines out in this order.
public struct FlowLogOrder: Sendable {
    /// One line of the log: its sort key, and where its bytes are in the scratch file.
    public struct Entry: Hashable, Sendable {
        public var start: Int64
        public var vehicle: UInt32
        public var length: UInt32
        public var id: UInt64
        public var offset: Int64

        public init(start: Int64, vehicle: UInt32, id: UInt64, offset: Int64, length: UInt32) {
            self.start = start
            self.vehicle = vehicle
            self.id = id
            self.offset = offset
            self.length = length
        }
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// The `flowId` of the next flow: 1 for the first.
    public var nextID: UInt64 { UInt64(entries.count) + 1 }

    /// Notes the next flow (its id is `nextID`), whose line has `length` bytes at `offset`.
    public mutating func add(start: Int64, vehicle: UInt32, offset: Int64, length: Int) {
        entries.append(Entry(start: start, vehicle: vehicle, id: nextID, offset: offset, length: UInt32(clamping: length)))
    }

    /// Whether `a` comes before `b` in the log.
    @inlinable public static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        (a.start, a.vehicle, a.id) < (b.start, b.vehicle, b.id)
    }

    /// The lines in the log's order.
    ///
    /// - Complexity: O(n log n).
    public func sorted() -> [Entry] { entries.sorted(by: Self.precedes) }
}
