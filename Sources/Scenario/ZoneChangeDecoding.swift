import Fleet

/// Decodes a change to the zones in force (`ZoneChange`): the timeline's `set-zones` and a
/// what-if's `zones`, written alike:
///
/// ```yaml
/// add:    [{id: cn-gov-lingang, market: CN, kind: government-organ, center: [30.90, 121.93], radius-m: 2000}]
/// remove: [us-moffett]
/// ```
///
/// An added zone is a region's zone (docs/scenario-format.md) with the `market` whose country
/// it is in, and an id no zone of the scenario has; `remove` names zones of the scenario.
enum ZoneChangeDecoding {
    static let keys = ["add", "remove"]
    static let addedZoneKeys = WorldDecoder.zoneKeys + ["market"]

    /// The change written in `add` and `remove` (at least one of them), or nil after recording
    /// diagnostics; `node` is the mapping holding them, for a message about both.
    static func decode(
        add: YAMLNode?, remove: YAMLNode?, node: YAMLNode, _ what: String, names: ScenarioNames, context c: inout DecodeContext
    ) -> ZoneChange? {
        let before = c.diagnostics.count
        guard add != nil || remove != nil else {
            c.error("\(what) needs add or remove (or both)", at: node)
            return nil
        }
        var change = ZoneChange()
        if let add, let items = c.list(add, "\(what) add", maxCount: 10_000) {
            var seen: [(id: String, node: YAMLNode)] = []
            for item in items {
                // The zone's keys are checked once, by the region's zone decoder; then its market.
                let decoded = WorldDecoder().decodeZone(item, country: Market.cn.country, path: "", allowed: addedZoneKeys, &c)
                guard var zone = decoded else { continue }
                guard let m = item["market"] else {
                    c.error("zone '\(zone.id)' needs 'market' (CN or US): the country it is in", at: item)
                    continue
                }
                guard let market = c.choice(m, "market", as: Market.self) else { continue }
                zone.country = market.country
                if let idNode = item["id"] {
                    if names.zones?.contains(zone.id.rawValue) == true {
                        c.error("zone '\(zone.id)' is already a zone of the scenario; give the added zone an id of its own", at: idNode)
                    }
                    seen.append((zone.id.rawValue, idNode))
                }
                change.add.append(zone)
            }
            c.checkUnique(seen, "added zone id")
        }
        if let remove, let items = c.oneOrMany(remove, "\(what) remove") {
            var seen: [(id: String, node: YAMLNode)] = []
            for item in items {
                guard let id = c.name(item, "zone", in: names.zones) else { continue }
                seen.append((id, item))
                change.remove.append(ZoneID(rawValue: id))
            }
            c.checkUnique(seen, "removed zone")
        }
        return c.diagnostics.count == before ? change : nil
    }
}
