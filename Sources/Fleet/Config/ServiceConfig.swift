/// An IPv4 address as a 32-bit value; `description` is dotted quad.
public struct IPv4Address: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a dotted quad such as `203.0.113.10`; `nil` if it is not one.
    public init?(parsing text: String) {
        var text = text
        guard let a = text.withUTF8({ IPv4Address(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = a
    }

    /// Dotted-quad text as bytes: four decimal octets of one to three digits, each at most 255.
    /// The one parser of addresses, for scenario files, inventories and flow records.
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        var value: UInt32 = 0, octet: UInt32 = 0, digits = 0, dots = 0
        for b in bytes {
            if b >= 0x30, b <= 0x39 {
                octet = octet * 10 + UInt32(b - 0x30)
                digits += 1
                guard digits <= 3, octet <= 255 else { return nil }
            } else if b == UInt8(ascii: "."), digits > 0, dots < 3 {
                value = value << 8 | octet
                octet = 0
                digits = 0
                dots += 1
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        rawValue = value << 8 | octet
    }

    public var description: String {
        "\(rawValue >> 24).\(rawValue >> 16 & 0xFF).\(rawValue >> 8 & 0xFF).\(rawValue & 0xFF)"
    }

    public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.rawValue < b.rawValue }

    /// Whether the address is in `base/prefixLength`.
    public func isIn(_ base: IPv4Address, prefixLength: Int) -> Bool {
        let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefixLength)
        return rawValue & mask == base.rawValue & mask
    }

    /// Whether the address is in one of the documentation ranges of RFC 5737.
    public var isDocumentationAddress: Bool {
        isIn(IPv4Address(192, 0, 2, 0), prefixLength: 24) || isIn(IPv4Address(198, 51, 100, 0), prefixLength: 24)
            || isIn(IPv4Address(203, 0, 113, 0), prefixLength: 24)
    }

    /// The carrier-grade NAT range 100.64.0.0/10 (RFC 6598), where mobile operators put the
    /// cars they connect: a simulated fleet's first cars.
    public static let carrierNATBase = IPv4Address(100, 64, 0, 0)
    /// Addresses in the carrier-grade NAT range.
    public static let carrierNATSize = 1 << 22
    /// The private range 10.0.0.0/8 (RFC 1918): the cars past the carrier-grade NAT range.
    public static let privateBase = IPv4Address(10, 0, 0, 0)
    public static let privateSize = 1 << 24
    /// Cars the carrier-grade NAT range holds: all its addresses but the first and the last.
    public static let carrierNATCars = carrierNATSize - 2
    /// The most cars with addresses of their own: both ranges, each less its first and last
    /// address (20 971 516). No other range is private, so a larger fleet would need addresses
    /// a flow log could mistake for servers'.
    public static let maxCars = carrierNATCars + privateSize - 2

    /// Car `car`'s address: the inventory's for a recorded fleet (`recorded`, one per car),
    /// else the simulated fleet's: 100.64.0.1 for car 0, on through 100.127.255.254 (car
    /// 4 194 301), then 10.0.0.1 on through 10.255.255.254. The one definition, for the world and
    /// the flow log.
    @inlinable public static func car(_ car: Int, recorded: [IPv4Address]) -> IPv4Address {
        if car < recorded.count { return recorded[car] }
        if car < carrierNATCars { return IPv4Address(rawValue: carrierNATBase.rawValue &+ UInt32(truncatingIfNeeded: car + 1)) }
        return IPv4Address(rawValue: privateBase.rawValue &+ UInt32(truncatingIfNeeded: car - carrierNATCars + 1))
    }
}

/// A destination service: who receives a category's data, in which country, at which server.
public struct ServiceConfig: Hashable, Sendable, Codable {
    public var id: ServiceID
    public var name: String
    public var country: Country
    /// The TLS server name (SNI) a flow log would show.
    public var serverName: String
    public var address: IPv4Address
    public var port: UInt16

    public init(id: ServiceID, name: String, country: Country, serverName: String, address: IPv4Address, port: UInt16 = 443) {
        self.id = id
        self.name = name
        self.country = country
        self.serverName = serverName
        self.address = address
        self.port = port
    }
}

/// Which service each category goes to, per market. Scenarios change it while running
/// (`FleetAction.route`), which is how a demo shows "China data stays in China".
public struct RoutingTable: Hashable, Sendable, Codable {
    public var routes: [Market: [DataCategory: ServiceID]]

    public init(routes: [Market: [DataCategory: ServiceID]]) { self.routes = routes }

    public func service(for category: DataCategory, market: Market) -> ServiceID? {
        routes[market]?[category]
    }

    public mutating func setService(_ service: ServiceID, for category: DataCategory, market: Market) {
        routes[market, default: [:]][category] = service
    }
}

extension ServiceConfig {
    /// `name` without a trailing " (CC)" naming `country` ("Tesla AI training (US)" → "Tesla AI
    /// training"): what to write before a country that is shown anyway.
    public static func bareName(_ name: String, country: Country) -> String {
        let suffix = " (" + country.rawValue + ")"
        guard name.hasSuffix(suffix), name.count > suffix.count else { return name }
        return String(name.dropLast(suffix.count))
    }

    /// "Tesla AI training (US)": the name with its country once, whether or not the name
    /// already ends with it.
    public static func label(name: String, country: Country) -> String {
        bareName(name, country: country) + " (" + country.rawValue + ")"
    }
}
