import Fleet
import Simulation

/// One line of the `ndjson` flow log: IPFIX information element names (RFC 7012) for the flow
/// itself, our own labels (vin, category, service, country, policy verdict) beside them, as
/// DOMAIN.md's flow-record formats suggest, and every fact a policy rule read about the flow
/// (docs/flow-log.md), so that an auditor can re-derive every verdict and every alert from
/// the log and the scenario file alone (scripts/recheck.py).
public struct FlowLogNDJSON: Sendable {
    let services: [ServiceConfig]
    /// The policies in force: the timeline's `set-policies` changes them (`FlowSink.policiesChanged`).
    public var policies: PolicySet

    public init(services: [ServiceConfig], policies: PolicySet) {
        self.services = services
        self.policies = policies
    }

    /// The line for one flow, without its trailing newline. `id` is the flow's `flowId`: its
    /// place in the numbering of the flows (`FlowLogOrder.Numbering`), from 1.
    public func line(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict], id: UInt64) -> String {
        Self.line(id: id, body: body(record, facts: facts, verdicts: verdicts))
    }

    /// The line for the flow whose `body` this is, numbered `id`: `flowId` first, then the body's keys.
    public static func line(id: UInt64, body: String) -> String {
        head(id: id) + body.dropFirst()
    }

    /// What comes before a body's keys, the body's `{` in its place: `{"flowId":N,`.
    public static func head(id: UInt64) -> String { "{\"flowId\":\(id)," }

    /// The line without its `flowId`, for a writer that numbers the flows once it knows their
    /// order (`FlowLogOrder.Numbering`): a JSON object, which `line(id:body:)` completes.
    public func body(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) -> String {
        let service = Int(record.service) < services.count ? services[Int(record.service)] : nil
        let carAddress = facts.carAddress ?? IPv4Address.car(Int(record.vehicle), recorded: [])
        // The car opens the connection from an ephemeral port; derive one per car and category so
        // the log is stable from run to run.
        let sourcePort = 49_152 + Int((record.vehicle &* 31 &+ UInt32(record.category.index)) % 16_384)
        let up = record.direction == .up
        let worst = verdicts.max { $0.severity < $1.severity }
        let fields: [(String, JSONValue)] = [
            // The milliseconds are IPFIX's (truncated); the nanoseconds are exact, and
            // `flowEndNanoseconds` is the time the alert book counts (`FlowFacts.time`).
            ("flowStartMilliseconds", .int(record.start.nanoseconds / 1_000_000)),
            ("flowEndMilliseconds", .int(record.end.nanoseconds / 1_000_000)),
            ("flowStartNanoseconds", .int(record.start.nanoseconds)),
            ("flowEndNanoseconds", .int(facts.time.nanoseconds)),
            ("sourceIPv4Address", .string(up ? carAddress.description : service?.address.description ?? "")),
            ("destinationIPv4Address", .string(up ? service?.address.description ?? "" : carAddress.description)),
            ("sourceTransportPort", .int(Int64(up ? sourcePort : Int(record.port)))),
            ("destinationTransportPort", .int(Int64(up ? Int(record.port) : sourcePort))),
            ("protocolIdentifier", .int(6)),
            ("octetDeltaCount", .uint(record.bytes)),
            ("packetDeltaCount", .uint(UInt64(record.packets))),
            ("vin", .string(facts.vin?.description ?? "")),
            ("vehicle", .uint(UInt64(facts.vehicle))),
            ("market", .string(facts.market.rawValue)),
            ("region", .string(facts.region.rawValue)),
            ("modelYear", .int(Int64(facts.modelYear))),
            ("prcLinkedConnectivity", .bool(facts.prcLinkedConnectivity)),
            ("category", .string(record.category.rawValue)),
            ("direction", .string(record.direction.rawValue)),
            ("anonymised", .bool(facts.anonymised)),
            ("service", .string(facts.service.rawValue)),
            ("serverName", .string(service?.serverName ?? "")),
            ("country", .string(facts.destinationCountry.rawValue)),
            ("crossBorder", .bool(facts.isCrossBorder)),
            ("userClass", .string(facts.userClass.rawValue)),
            ("restricted", .bool(policies.isRestricted(facts.userClass, in: facts.market))),
            ("zone", .optional(facts.zone?.rawValue)),
            ("zoneKind", .optional(facts.zoneKind?.rawValue)),
            ("latitude", .double(record.position.latitude, 6)),
            ("longitude", .double(record.position.longitude, 6)),
            ("verdict", .string(worst.map { $0.severity.rawValue } ?? "pass")),
            ("rules", .array(verdicts.map { v in
                .string(v.rule < policies.rules.count ? "\(policies.rules[v.rule].id) \(v.severity.rawValue)" : v.severity.rawValue)
            })),
        ]
        return JSONValue.object(fields).serialized()
    }
}
