/// The numbering and the order of the NDJSON flow log.
///
/// **Numbering** (`flowId`, from 1): by the flow's end (`flowEndNanoseconds`, the instant the
/// monitor judged it), then the car's fleet index (`vehicle`), then the order the monitor
/// judged the car's flows of that instant. Not the order the monitor happened to see the cars
/// of one instant in (the event queue's, which depends on what else the run holds): so a
/// partition of the fleet (`stream --partition`) numbers its flows in the same order as the
/// whole run, and the partitions' streams merge into the whole run's (`fleetwatch merge`).
/// `fleetwatch stream` writes its flows in this order, numbered so.
///
/// **Order** of the log's lines: by flow start (`flowStartNanoseconds`), then `vehicle`, then
/// `flowId`. `flowId`s are unique, so the order is total and the same run gives the same file.
///
/// The monitor judges a flow at its end, and flows of different lengths end out of start order,
/// so the log is sorted when the run is over. The writer spills each line (without its
/// `flowId`) to a scratch file as it comes and keeps only its keys and place here (40 bytes a
/// flow, against some 750 for the line), then numbers the flows and copies the lines out in
/// this order.
public struct FlowLogOrder: Sendable {
    /// One line of the log: its keys, and where its bytes are in the scratch file.
    public struct Entry: Hashable, Sendable {
        public var start: Int64
        public var end: Int64
        public var vehicle: UInt32
        public var length: UInt32
        /// The place in the order judged (from 0) until `sorted()` numbers the flows; then the `flowId`.
        public var id: UInt64
        public var offset: Int64

        public init(start: Int64, end: Int64, vehicle: UInt32, id: UInt64, offset: Int64, length: UInt32) {
            self.start = start
            self.end = end
            self.vehicle = vehicle
            self.id = id
            self.offset = offset
            self.length = length
        }
    }

    /// A flow's place in the numbering: the one definition of `flowId`'s order.
    public struct Numbering: Comparable, Hashable, Sendable {
        public var end: Int64
        public var vehicle: UInt32
        /// The order judged, among flows of one instant and car.
        public var judged: UInt64

        public init(end: Int64, vehicle: UInt32, judged: UInt64) {
            self.end = end
            self.vehicle = vehicle
            self.judged = judged
        }

        @inlinable public static func < (a: Numbering, b: Numbering) -> Bool {
            (a.end, a.vehicle, a.judged) < (b.end, b.vehicle, b.judged)
        }
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Notes the next flow judged, whose line (without `flowId`) has `length` bytes at `offset`.
    public mutating func add(start: Int64, end: Int64, vehicle: UInt32, offset: Int64, length: Int) {
        entries.append(Entry(start: start, end: end, vehicle: vehicle, id: UInt64(entries.count), offset: offset,
                             length: UInt32(clamping: length)))
    }

    /// Whether `a` comes before `b` in the log (both numbered).
    @inlinable public static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        (a.start, a.vehicle, a.id) < (b.start, b.vehicle, b.id)
    }

    /// The lines numbered (`id` is the `flowId`) and in the log's order.
    ///
    /// - Complexity: O(n log n).
    public func sorted() -> [Entry] {
        var numbered = entries
        let byNumber = entries.indices.sorted {
            Numbering(end: entries[$0].end, vehicle: entries[$0].vehicle, judged: UInt64($0))
                < Numbering(end: entries[$1].end, vehicle: entries[$1].vehicle, judged: UInt64($1))
        }
        for (rank, i) in byNumber.enumerated() { numbered[i].id = UInt64(rank + 1) }
        numbered.sort(by: Self.precedes)
        return numbered
    }
}
