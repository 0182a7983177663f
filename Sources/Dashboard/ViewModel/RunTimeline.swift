import Fleet
import Simulation

/// Where the screen stands in the run, for the timeline strip (`t`) and a jump's progress: set
/// by the driver that keeps the run's checkpoints (the live dashboard); nil in a snapshot, which
/// shows one time and has no other.
public struct RunTimeline: Hashable, Sendable {
    /// The time on screen.
    public var now: SimTime
    /// The furthest time simulated so far: after a jump back, later than `now`.
    public var simulated: SimTime
    /// When the run's alerts were raised, with the most severe of each stretch of time.
    public var marks: AlertMarks
    /// A jump under way, drawn as it runs.
    public var seek: Seek?

    public struct Seek: Hashable, Sendable {
        public var from: SimTime
        public var target: SimTime
        /// Where the run is on its way (from `from` to `target`).
        public var reached: SimTime
        /// While the fleet itself is still being built before the run (the dashboard's start
        /// with a large fleet, or a jump back that builds the start again): the cars built so
        /// far and the fleet's size; both 0 once it is built.
        public var carsBuilt: Int
        public var carsInAll: Int

        public init(from: SimTime, target: SimTime, reached: SimTime, carsBuilt: Int = 0, carsInAll: Int = 0) {
            self.from = from
            self.target = target
            self.reached = reached
            self.carsBuilt = carsBuilt
            self.carsInAll = carsInAll
        }

        /// Whether the fleet is still being built.
        public var isBuilding: Bool { carsInAll > 0 }

        /// The build's part done, 0 to 1 (1 when there is none).
        public var buildFraction: Double {
            carsInAll > 0 ? min(1, max(0, Double(carsBuilt) / Double(carsInAll))) : 1
        }

        /// 0 to 1.
        public var fraction: Double {
            let whole = Double(target.nanoseconds - from.nanoseconds)
            guard whole != 0 else { return 1 }
            return min(1, max(0, Double(reached.nanoseconds - from.nanoseconds) / whole))
        }
    }

    public init(now: SimTime, simulated: SimTime, marks: AlertMarks = AlertMarks(), seek: Seek? = nil) {
        self.now = now
        self.simulated = simulated
        self.marks = marks
        self.seek = seek
    }
}

/// The run's alerts on a time line: for each stretch of `binSeconds`, the most severe alert
/// raised in it. Alert ids come in raising order and a replay after a jump raises the same
/// alerts with the same ids at the same times, so noting an alert twice changes nothing.
///
/// Memory is bounded for any run length: at most `maxBins` stretches; past them two neighbours
/// merge and the stretch doubles (the strip is a few hundred cells wide at most).
public struct AlertMarks: Hashable, Sendable {
    /// 0: none; 1 + `Severity.rank` of the most severe alert raised in the stretch.
    public private(set) var bins: [UInt8] = []
    public private(set) var binSeconds: Int64 = 60
    /// The newest alert id noted: older ones are already on the line.
    public private(set) var lastID: UInt64 = 0

    public static let maxBins = 4096

    public init() {}

    /// Notes the alerts raised since the last call (ids above `lastID`), with their severity now.
    public mutating func note(_ book: AlertBook) {
        guard book.raisedCount > lastID else { return }
        let newest = book.raisedCount
        // In any order: a stretch keeps its most severe alert, whichever comes first.
        book.forEachOpenAlert { alert in if alert.id > lastID { add(alert.start, alert.severity) } }
        for alert in book.log.reversed() {
            guard alert.id > lastID else { break }
            add(alert.start, alert.severity)
        }
        lastID = newest
    }

    mutating func add(_ time: SimTime, _ severity: Severity) {
        var bin = Int(max(0, time.nanoseconds) / 1_000_000_000 / binSeconds)
        while bin >= Self.maxBins {
            // Two stretches become one, twice as long.
            bins = stride(from: 0, to: bins.count, by: 2).map { i in max(bins[i], i + 1 < bins.count ? bins[i + 1] : 0) }
            binSeconds *= 2
            bin /= 2
        }
        if bin >= bins.count { bins += repeatElement(0, count: bin + 1 - bins.count) }
        bins[bin] = max(bins[bin], UInt8(severity.rank + 1))
    }

    /// The most severe alert raised in `[from, to)` (seconds), as 1 + rank, or 0.
    public func mark(from: Int64, to: Int64) -> UInt8 {
        guard !bins.isEmpty, to > from else { return 0 }
        let first = max(0, from / binSeconds), last = min(Int64(bins.count) - 1, (to - 1) / binSeconds)
        guard first <= last else { return 0 }
        return bins[Int(first)...Int(last)].max() ?? 0
    }
}
