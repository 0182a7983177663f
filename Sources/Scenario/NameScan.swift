import Fleet
/// Reads the ids that the kept sections declare, so references elsewhere can be checked, and
/// reports duplicates and a fleet size over the limit. It reads only `id` keys and `fleet.size`:
/// the rest of those sections' shape is `WorldDecoder`'s to judge. A section the file leaves out
/// keeps the names of `WorldConfig.default`.
enum NameScan {
    static func names(of f: Fields, context: inout DecodeContext) -> ScenarioNames {
        var names = ScenarioNames.defaults
        if let classes = f["classes"] {
            names.classes.formUnion(ids(in: classes, "user class", context: &context))
        }
        if let regions = f["regions"] {
            names.regions = ids(in: regions, "region", context: &context)
            var zones: [(id: String, node: YAMLNode)] = [], places: [(id: String, node: YAMLNode)] = []
            for region in items(regions) {
                zones += idNodes(in: region["zones"])
                for area in items(region["areas"]) { places += idNodes(in: area["places"]) }
            }
            context.checkUnique(zones, "zone id")
            context.checkUnique(places, "place id")
            names.zones = Set(zones.map(\.id))
            names.places = Set(places.map(\.id))
        }
        if let services = f["services"] {
            names.services = ids(in: services, "service", context: &context)
        }
        if let size = f["fleet"]?["size"] {
            names.fleetSize = context.int(size, "fleet.size", in: WorldDecoder.fleetSizes(context.limits))
        }
        return names
    }

    static func items(_ node: YAMLNode?) -> [YAMLNode] {
        if case .sequence(let items)? = node?.kind { return items }
        return []
    }

    static func idNodes(in node: YAMLNode?) -> [(id: String, node: YAMLNode)] {
        items(node).compactMap { item in
            guard let id = item["id"], let text = id.scalarText, !id.isNull else { return nil }
            return (text, id)
        }
    }

    static func ids(in node: YAMLNode, _ what: String, context: inout DecodeContext) -> Set<String> {
        let found = idNodes(in: node)
        context.checkUnique(found, "\(what) id")
        return Set(found.map(\.id))
    }
}
