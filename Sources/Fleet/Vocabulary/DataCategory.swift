/// The kinds of data a car exchanges with the outside world (../shared/DOMAIN.md, "Data
/// categories per car"). The raw value is the name used in scenario files and exports.
public enum DataCategory: String, CaseIterable, Hashable, Sendable, Codable {
    case telemetry
    case diagnostics
    case cameraClip = "camera-clip"
    case sentryLive = "sentry-live"
    case cabinCamera = "cabin-camera"
    case ota
    case navigation
    case voice
    case media
    case appCommands = "app-commands"

    /// Dense index, for per-category arrays.
    @inlinable public var index: Int {
        switch self {
        case .telemetry: 0
        case .diagnostics: 1
        case .cameraClip: 2
        case .sentryLive: 3
        case .cabinCamera: 4
        case .ota: 5
        case .navigation: 6
        case .voice: 7
        case .media: 8
        case .appCommands: 9
        }
    }

    public static let count = 10

    /// The one name people read for the category, on every surface (panels, detail view,
    /// explanations, alert breakdowns). The raw value stays the machine id (scenario files,
    /// JSON, CSV, NDJSON, filters).
    public var displayName: String {
        switch self {
        case .telemetry: "telemetry"
        case .diagnostics: "diagnostics"
        case .cameraClip: "camera clip"
        case .sentryLive: "Sentry live view"
        case .cabinCamera: "cabin camera"
        case .ota: "OTA update"
        case .navigation: "navigation"
        case .voice: "voice"
        case .media: "media"
        case .appCommands: "app command"
        }
    }

    /// An abbreviation the filter language also accepts (`cat:cam`). Not shown on screen: the
    /// panels use `displayName`, and the table's meter headers name groups (`MeterGroup`).
    public var shortName: String {
        switch self {
        case .telemetry: "tel"
        case .diagnostics: "diag"
        case .cameraClip: "cam"
        case .sentryLive: "sntry"
        case .cabinCamera: "cabin"
        case .ota: "ota"
        case .navigation: "nav"
        case .voice: "voice"
        case .media: "media"
        case .appCommands: "app"
        }
    }

    /// Images or video from a camera.
    public var isCamera: Bool { self == .cameraClip || self == .sentryLive || self == .cabinCamera }
    /// Images or video of the outside of the car (CN-1).
    public var isExteriorCamera: Bool { self == .cameraClip || self == .sentryLive }
    /// Records that carry the car's position (CN-2, US-1): telemetry, navigation, camera clips.
    public var carriesLocation: Bool { self == .telemetry || self == .navigation || self == .cameraClip }
}

/// Whether data leaves the car (`up`) or arrives at it (`down`).
public enum Direction: String, CaseIterable, Hashable, Sendable, Codable {
    case up
    case down
}

/// The market a car was sold into, which decides its routing table and its rules.
public enum Market: String, CaseIterable, Hashable, Sendable, Codable {
    case cn = "CN"
    case us = "US"
    /// The market of a car no inventory names (`--source`, docs/source.md "Unmapped records"):
    /// no scenario routes, restricts or judges it, and no file may name it.
    case unknown = "??"

    /// The markets a scenario, a routing table or a rule may name.
    public static let known: [Market] = [.cn, .us]

    /// The country whose rules govern the market's cars (`Country.unknown` for none).
    public var country: Country {
        switch self {
        case .cn: .china
        case .us: .unitedStates
        case .unknown: .unknown
        }
    }

    /// Whether data sent to `destination` leaves the country whose rules govern the market's
    /// cars: the one definition of "cross-border" (rules, panels, exports). Where the car's
    /// market or the destination's country is unknown nothing is known to cross: neither side
    /// of the border can be named.
    @inlinable public func isAbroad(_ destination: Country) -> Bool {
        self != .unknown && destination != .unknown && destination != country
    }
}

/// An ISO 3166-1 alpha-2 country code.
public struct Country: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { rawValue = code }

    public static let china = Country("CN")
    public static let unitedStates = Country("US")
    /// The country of a server no inventory or scenario names (docs/source.md, "Unmapped
    /// records"), and of the unknown market; not a code ISO 3166 assigns, and one no scenario
    /// may give a service.
    public static let unknown = Country("??")

    public var description: String { rawValue }
    public static func < (a: Country, b: Country) -> Bool { a.rawValue < b.rawValue }
}
