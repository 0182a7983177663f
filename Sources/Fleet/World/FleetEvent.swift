/// One pending event of the fleet world: eight bytes, no strings or references.
///
/// A car has at most one pending activity event (depart, arrive, sleep or charge-done) plus its
/// flow tick. Rather than cancelling, the world bumps the car's epoch when plans change, and an
/// event whose epoch no longer matches is ignored when it fires.
public struct FleetEvent: Hashable, Sendable {
    public enum Kind: UInt8, Sendable {
        case tick
        case depart
        case arrive
        case sleep
        case chargeDone
        /// `car` is the index of a scripted action.
        case action
    }

    public var car: UInt32
    public var kind: Kind
    public var epoch: UInt16

    @inlinable public init(car: UInt32, kind: Kind, epoch: UInt16) {
        self.car = car
        self.kind = kind
        self.epoch = epoch
    }
}

/// What a consumer of flows knows about a flow's car besides the record itself.
/// Built from indexes and short (inline, allocation-free) identifiers.
public struct FlowContext: Hashable, Sendable {
    public var market: Market
    /// Index of the car's region in `WorldConfig.regions`.
    public var region: Int
    /// The car's driver's class at the time of the flow.
    public var userClass: UserClassID
    /// Country of the destination service.
    public var destinationCountry: Country
    public var vin: VIN?
    public var modelYear: Int
    /// The car runs connectivity software from a PRC-linked supplier (US-3).
    public var prcLinkedConnectivity: Bool
    /// The car's address (`FleetWorld.address(of:)`), for the flow log.
    public var address: IPv4Address
    /// `userClass`'s index in `FleetWorld.userClasses` (-1 when not known): the monitor asks
    /// whether a class is restricted once per class, not hashes its name on every flow.
    public var userClassIndex: Int

    public init(
        market: Market, region: Int, userClass: UserClassID, destinationCountry: Country, vin: VIN? = nil,
        modelYear: Int = 0, prcLinkedConnectivity: Bool = false, address: IPv4Address = IPv4Address(rawValue: 0),
        userClassIndex: Int = -1
    ) {
        self.userClassIndex = userClassIndex
        self.market = market
        self.region = region
        self.userClass = userClass
        self.destinationCountry = destinationCountry
        self.vin = vin
        self.modelYear = modelYear
        self.prcLinkedConnectivity = prcLinkedConnectivity
        self.address = address
    }
}

/// Receives every completed flow, in order, as the world runs. Generic, so the world's loop is
/// specialised per observer: no closure or existential per flow.
public protocol FlowObserver {
    mutating func observe(_ flow: FlowRecord, context: FlowContext)
}

/// Ignores flows (the world still meters them and keeps the recent ones).
public struct IgnoreFlows: FlowObserver {
    public init() {}
    @inlinable public mutating func observe(_ flow: FlowRecord, context: FlowContext) {}
}

/// Keeps every flow with its context (for tests and small runs; it grows without bound).
public struct CollectFlows: FlowObserver {
    public var flows: [FlowRecord] = []
    public var contexts: [FlowContext] = []
    public init() {}
    public mutating func observe(_ flow: FlowRecord, context: FlowContext) {
        flows.append(flow)
        contexts.append(context)
    }
}

extension DataCategory {
    /// `allCases` built once: `allCases` itself builds a new array at each use.
    static let byIndex: [DataCategory] = allCases
}
