/// What a car is doing. Asleep cars send nothing; the others run a flow tick.
public enum CarState: UInt8, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    case asleep
    case parked
    case driving
    case charging

    /// The states a car sends data in.
    public static let awake: [CarState] = [.parked, .driving, .charging]

    public var description: String {
        switch self {
        case .asleep: "asleep"
        case .parked: "parked"
        case .driving: "driving"
        case .charging: "charging"
        }
    }
}
