/// What a model does with each event that the simulator hands it.
///
/// The model is generic, so `run(until:)` is specialised per model and calls `handle` directly:
/// no closure or existential per event.
public protocol EventHandler {
    associatedtype Event
    /// Handles `event`, which fires at `simulator.now`; may schedule and cancel further events.
    mutating func handle(_ event: Event, simulator: inout Simulator<Event>)
}

/// The simulation clock and its pending events.
///
/// `now` only moves forward, to the time of each event as it is popped, or to the bound of
/// `run(until:)`. Scheduling in the past is a programmer error.
public struct Simulator<Event> {
    /// The current simulated time.
    @inlinable public var now: SimTime { _now }
    /// The pending events.
    @inlinable public var queue: EventQueue<Event> { _queue }
    /// Events handed out by `step` and `run` since the start.
    @inlinable public var eventsProcessed: UInt64 { _eventsProcessed }

    @usableFromInline var _now: SimTime
    @usableFromInline var _queue: EventQueue<Event>
    @usableFromInline var _eventsProcessed: UInt64 = 0

    public init(start: SimTime = .zero) {
        _now = start
        _queue = EventQueue()
    }

    /// Reserves queue storage for `n` pending events.
    public mutating func reserveCapacity(_ n: Int) { _queue.reserveCapacity(n) }

    /// Schedules `event` at the absolute time `time` (not before `now`).
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: SimTime, priority: UInt8 = 0) -> EventHandle {
        precondition(time >= now, "cannot schedule at \(time), before now (\(now))")
        return _queue.schedule(event, at: time, priority: priority)
    }

    /// Schedules `event` `delay` after `now`.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, after delay: SimDuration, priority: UInt8 = 0) -> EventHandle {
        schedule(event, at: now + delay, priority: priority)
    }

    /// Cancels a pending event; `false` if it already ran or was cancelled.
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool { _queue.cancel(handle) }

    /// The next pending event, if any, without removing it.
    @inlinable public var nextEvent: Event? { _queue.nextEvent }

    /// Time of the next pending event, if any.
    @inlinable public func peek() -> SimTime? { _queue.nextTime }

    /// Pops the next event and advances `now` to its time; `nil` when nothing is pending.
    @inlinable public mutating func step() -> Event? {
        guard let (time, event) = _queue.pop() else { return nil }
        _now = time
        _eventsProcessed &+= 1
        return event
    }

    /// Hands every event with a time strictly before `bound` to `model`, in order, then sets
    /// `now` to `bound`. Events at or after `bound` stay queued. Returns the number handled.
    @inlinable @discardableResult
    public mutating func run<Model: EventHandler>(until bound: SimTime, model: inout Model) -> UInt64
    where Model.Event == Event {
        precondition(bound >= now, "cannot run back to \(bound) from \(now)")
        let before = _eventsProcessed
        while let next = _queue.nextTime, next < bound {
            let (time, event) = _queue.pop().unsafelyUnwrapped
            _now = time
            _eventsProcessed &+= 1
            model.handle(event, simulator: &self)
        }
        _now = bound
        return _eventsProcessed &- before
    }

    /// Moves `now` forward to `time` when nothing is pending before it.
    public mutating func advance(to time: SimTime) {
        precondition(time >= now, "cannot move the clock back")
        precondition((_queue.nextTime ?? .distantFuture) >= time, "events are pending before \(time)")
        _now = time
    }
}

extension Simulator: Sendable where Event: Sendable {}
