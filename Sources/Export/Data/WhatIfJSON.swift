import Dashboard
import Fleet
import Simulation

/// The `json` of `snapshot --what-if` (docs/what-if.md): the what-if, the `baseline` and the
/// `variant` (each the document a plain snapshot of its run writes: `SnapshotJSON.document`),
/// and the `delta`, each figure of which is a `{baseline, variant, delta}` triple of numbers
/// the two documents state (`WhatIfComparison`), so `delta` can be recomputed from them.
public enum WhatIfJSON {
    public static func document(
        comparison c: WhatIfComparison, baseline: JSONValue, variant: JSONValue, generator: String
    ) -> JSONValue {
        .object([
            ("schema_version", .int(Int64(SnapshotJSON.schemaVersion))),
            ("generator", .string(generator)),
            ("what_if", .object([
                ("name", .string(c.name)), ("description", .optional(c.description)),
                ("from_ns", .int(c.from.nanoseconds)), ("from_clock", .string(c.from.description)),
                ("simulated_time_ns", .int(c.clock.nanoseconds)), ("started", .bool(!c.pending)),
            ])),
            ("baseline", baseline),
            ("variant", variant),
            ("delta", delta(c)),
        ])
    }

    static func pair(_ p: WhatIfComparison.Pair) -> JSONValue {
        .object([("baseline", .uint(p.baseline)), ("variant", .uint(p.variant)), ("delta", .int(p.delta))])
    }

    public static func delta(_ c: WhatIfComparison) -> JSONValue {
        .object([
            ("cross_border_bytes", pair(c.crossBorder)),
            ("regions", .array(c.regions.map { r in
                .object([
                    ("region", .string(r.id.rawValue)), ("name", .string(r.name)), ("market", .string(r.market.rawValue)),
                    ("cross_border_bytes", pair(r.crossBorder)), ("bytes", pair(r.bytes)),
                ])
            })),
            ("countries", .array(c.countries.map { r in
                .object([("country", .string(r.country.rawValue)), ("name", .string(r.name)), ("bytes", pair(r.bytes))])
            })),
            ("alerts", .object([
                ("raised", pair(c.raised)),
                ("open", .object(c.openBySeverity.map { ($0.0.rawValue, pair($0.1)) })),
                ("by_rule", .array(c.rules.map { r in
                    .object([("rule", .string(r.ruleID)), ("title", .string(r.title)), ("raised", pair(r.raised)), ("open", pair(r.open))])
                })),
            ])),
            ("compliance", .array(c.thresholds.map { t in
                .object([("measure", .string(t.measure.rawValue)), ("to_date", pair(t.toDate)), ("projected", pair(t.projected))])
            })),
            ("restricted_vehicles", pair(c.restricted)),
            ("vehicles_compared", .int(Int64(c.carsCompared))),
            ("vehicles_changed", .int(Int64(c.cars.count))),
            ("vehicles", .array(c.cars.map { r in
                .object([
                    ("vin", .string(r.vin)), ("vehicle", .int(Int64(r.index))), ("driver", .string(r.driver)),
                    ("driver_romanised", .optional(r.driverRomanised)), ("class", .string(r.userClass.rawValue)),
                    ("variant_class", .string(r.variantClass.rawValue)),
                    ("market", .string(r.market.rawValue)), ("cross_border_bytes", pair(r.crossBorder)), ("bytes", pair(r.bytes)),
                    ("open_alerts", pair(r.openAlerts)),
                ])
            })),
        ])
    }
}
