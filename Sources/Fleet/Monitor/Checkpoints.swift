import DequeModule
import Simulation

/// Copies of a monitor taken as its run goes on, to go back to: the state at any simulated
/// time T already reached is the latest copy at or before T, run on to T, or, before the first
/// copy, a monitor built again from the scenario (deterministic, and cheaper than keeping the
/// start: 0.3 s for 100 000 cars), run on. A monitor is a value whose storage is copied on
/// write, so a copy costs nothing when it is taken and, once the live monitor changes its
/// arrays, about what they hold (`FleetMonitor.checkpointBytes`).
///
/// The copies are taken at least `interval` apart (the start counting as one) and kept within
/// `budgetBytes`: when one more would not fit, every second copy goes and the interval
/// doubles, so the copies stay evenly spread over the whole run for any run length, and a jump
/// re-simulates at most about two intervals. When not even two fit, none is kept. Which copies
/// exist never changes a result: a run to T gives the same monitor however it is cut into
/// pieces (`CheckpointTests`).
public struct Checkpoints: Sendable {
    /// The copies, oldest first (none of the start: it is built again when needed).
    public private(set) var monitors: [FleetMonitor] = []
    /// The shortest simulated time between two copies (doubles when the budget is reached).
    public private(set) var interval: SimDuration
    /// The memory the copies may take.
    public let budgetBytes: Int
    /// What one copy takes, the most seen (0 before the first).
    public private(set) var bytesEach = 0
    /// The furthest simulated time any run of this history reached.
    public private(set) var furthest: SimTime

    /// 256 MB: the default budget (the config file's `rewind-memory`).
    public static let defaultBudgetBytes = 256 << 20

    public init(interval: SimDuration, budgetBytes: Int = Self.defaultBudgetBytes, start: SimTime = .zero) {
        self.interval = max(interval, .seconds(Int64(1)))
        self.budgetBytes = max(0, budgetBytes)
        furthest = start
    }

    /// Makes the interval at least `duration` (a driver learns how much a frame can re-simulate;
    /// copies already taken stay).
    public mutating func interval(atLeast duration: SimDuration) {
        interval = max(interval, duration)
    }

    /// Memory the copies take, estimated.
    public var bytes: Int { monitors.count * bytesEach }

    /// Notes the live monitor after it advanced: takes a copy when the latest copy at or before
    /// its time (or the start) is at least `interval` older (after a jump back, the copies
    /// already there ahead of it are reused, so none is taken twice).
    public mutating func note(_ monitor: FleetMonitor) {
        furthest = max(furthest, monitor.now)
        let i = index(atOrBefore: monitor.now)
        guard monitor.now >= (i.map { monitors[$0].now } ?? .zero) + interval else { return }
        bytesEach = max(bytesEach, monitor.checkpointBytes)
        let fits = (monitors.count + 1) * bytesEach <= budgetBytes
        if !fits, monitors.count >= 2 {
            // Half the copies, twice the interval: the monitor may now be too close to a copy.
            thin()
            return note(monitor)
        }
        guard fits, 2 * bytesEach <= budgetBytes else {
            // Not even two copies fit: keep none, every jump back builds the start again.
            monitors.removeAll()
            return
        }
        monitors.insert(monitor, at: i.map { $0 + 1 } ?? 0)
    }

    /// Where a run to `target` starts.
    public enum Start {
        /// The screen's own monitor: it is not past `target`, and no copy is nearer.
        case current
        /// The latest copy at or before `target`.
        case copy(FleetMonitor)
        /// Before every copy: the monitor built again from the scenario.
        case rebuild
    }

    public func start(for target: SimTime, current: FleetMonitor) -> Start {
        guard let i = index(atOrBefore: target) else { return current.now <= target ? .current : .rebuild }
        let copy = monitors[i]
        if current.now <= target, current.now >= copy.now { return .current }
        return .copy(copy)
    }

    /// The state at `target` (not before the run's start): from the best copy, or from
    /// `origin()` (the monitor built again), run on.
    public func monitor(at target: SimTime, current: FleetMonitor, origin: () -> FleetMonitor) -> FleetMonitor {
        var m: FleetMonitor
        switch start(for: target, current: current) {
        case .current: m = current
        case .copy(let copy): m = copy
        case .rebuild: m = origin()
        }
        if target > m.now { m.run(until: target) }
        return m
    }

    /// The position of the latest copy at or before `time`; nil when none is.
    func index(atOrBefore time: SimTime) -> Int? {
        var lo = -1, hi = monitors.count  // monitors[lo].now <= time < monitors[hi].now
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if monitors[mid].now <= time { lo = mid } else { hi = mid }
        }
        return lo >= 0 ? lo : nil
    }

    /// Drops every second copy (the first, an interval from the start, goes: the second, two
    /// intervals from it, stays) and doubles the interval.
    mutating func thin() {
        monitors = monitors.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        interval = interval + interval
    }
}

extension FleetMonitor {
    /// Bytes of heap storage the monitor's arrays, tables and queue hold: an estimate of what a
    /// copy of it keeps alive once the original has changed them. It counts the arrays that
    /// never change after the build (the VINs, the homes), which stay shared, so it overstates;
    /// it leaves out what elements point to (an alert's texts), which is small beside the
    /// per-car arrays. Walks the stored properties (`Mirror`): for a checkpoint now and then,
    /// not for a frame.
    public var checkpointBytes: Int { Footprint.bytes(of: self) }
}

/// Heap bytes behind a value, found through its stored properties: each array, deque, set or
/// dictionary counts its capacity times its element's stride (not what its elements point to
/// in turn, except for nested values walked the same way), the event queue its buffers.
enum Footprint {
    static let maxDepth = 12

    static func bytes(of value: Any, depth: Int = 0) -> Int {
        if let storage = value as? any HeapStorage { return storage.heapBytes }
        guard depth < maxDepth else { return 0 }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class, .tuple, .optional, .enum:
            return mirror.children.reduce(0) { $0 + bytes(of: $1.value, depth: depth + 1) }
        default:
            return 0
        }
    }
}

protocol HeapStorage { var heapBytes: Int { get } }

extension Array: HeapStorage {
    var heapBytes: Int { capacity * MemoryLayout<Element>.stride }
}

extension ContiguousArray: HeapStorage {
    var heapBytes: Int { capacity * MemoryLayout<Element>.stride }
}

extension Deque: HeapStorage {
    var heapBytes: Int { count * MemoryLayout<Element>.stride }
}

extension Dictionary: HeapStorage {
    // A hashed table: a slot per bucket for the key and the value, a bit per bucket of occupancy.
    var heapBytes: Int { capacity * (MemoryLayout<Key>.stride + MemoryLayout<Value>.stride) * 4 / 3 }
}

extension Set: HeapStorage {
    var heapBytes: Int { capacity * MemoryLayout<Element>.stride * 4 / 3 }
}

extension EventQueue: HeapStorage {}
