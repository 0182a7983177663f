/// A user class such as `private`, `military` or `key-soe`. Scenarios may define more.
/// Whether a class is restricted is decided by the policy set, not by the class.
public struct UserClassID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public static let privateOwner: UserClassID = "private"
    public static let corporate: UserClassID = "corporate"
    public static let government: UserClassID = "government"
    public static let military: UserClassID = "military"
    /// Employee of a key state-owned enterprise.
    public static let keySOE: UserClassID = "key-soe"

    public var description: String { rawValue }
    public static func < (a: UserClassID, b: UserClassID) -> Bool { a.rawValue < b.rawValue }
}

/// Names a destination service, such as `tesla-cn-dc` or `baidu-maps`.
public struct ServiceID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: ServiceID, b: ServiceID) -> Bool { a.rawValue < b.rawValue }
}

/// Names a sensitive zone, such as `cn-gov-peoples-square`.
public struct ZoneID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: ZoneID, b: ZoneID) -> Bool { a.rawValue < b.rawValue }
}

/// Names a region (`shanghai`, `us`), the unit of the per-region summaries.
public struct RegionID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: RegionID, b: RegionID) -> Bool { a.rawValue < b.rawValue }
}

