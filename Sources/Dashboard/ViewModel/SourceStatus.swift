/// What a run fed by recorded flows (`--source`) has read so far: the header's source line,
/// the JSON export's `source` object, the summary on standard error. Counts of records (lines
/// or objects of the input) and of the flows made of them (a Zeek connection with bytes both
/// ways is two flows); bytes after the sampling rate.
public struct SourceStatus: Hashable, Sendable {
    /// The input as the user named it (a path, or "standard input"); text from outside, so
    /// sanitized wherever it is drawn.
    public var name: String
    /// The records' format (`fleetwatch`, `goflow2`, `nfdump`, `zeek`), nil before the first record.
    public var format: String?
    public var records: UInt64 = 0
    /// Flows counted into the cars, and their bytes.
    public var flows: UInt64 = 0
    public var bytes: UInt64 = 0
    /// Records that are not flows (alert events, Zeek's ssl.log records), skipped on purpose.
    public var skipped: UInt64 = 0
    /// Records counted under the first of several categories the routing sends to their
    /// service, since nothing said which (docs/source.md).
    public var guessedCategory: UInt64 = 0
    /// Flows read that end after the time shown, or wait in the reorder buffer.
    public var pending: UInt64 = 0
    /// Records of no car in the inventory, and of a known car to no known server: counted as
    /// unknown (the unknown cars, the unknown server), and in these counts too.
    public var unmappedCarRecords: UInt64 = 0
    public var unmappedCarBytes: UInt64 = 0
    public var unmappedServerRecords: UInt64 = 0
    public var unmappedServerBytes: UInt64 = 0
    /// Unknown cars made so far (one per address, up to `unknownCarLimit`, then one car for
    /// the others), and the flows that car took (`FleetWorld.foldedUnknownFlows`).
    public var unknownCars = 0
    public var unknownCarLimit = 0
    public var otherUnknownFlows: UInt64 = 0
    /// Records refused, by reason, with the first one's place (`file:line:col`).
    public var rejectedBy: [Reason] = []
    /// Whether the input has ended (a file read to its end, a pipe closed).
    public var ended = false

    public struct Reason: Hashable, Sendable {
        public var reason: String
        public var records: UInt64
        public var firstAt: String
        public init(reason: String, records: UInt64, firstAt: String) {
            self.reason = reason
            self.records = records
            self.firstAt = firstAt
        }
    }

    public init(name: String, format: String? = nil) {
        self.name = name
        self.format = format
    }

    public var unmappedRecords: UInt64 { unmappedCarRecords + unmappedServerRecords }
    public var unmappedBytes: UInt64 { unmappedCarBytes + unmappedServerBytes }
    public var rejected: UInt64 { rejectedBy.reduce(0) { $0 + $1.records } }
}
