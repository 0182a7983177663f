import Fleet
import Simulation

/// Decodes the `timeline` section: a list of `{at: DURATION, action: NAME, ...parameters}` in
/// time order (see docs/scenario-format.md for each action's keys).
public enum TimelineDecoding {
    /// Each action's keys besides `at` and `action`, and which of them are required.
    static let actionKeys: [String: (allowed: [String], required: [String])] = [
        "set-routing": (["market", "category", "service"], ["market", "category", "service"]),
        "set-policies": (["restricted-classes", "rules"], []),
        "assign-class": (["car", "class"], ["car", "class"]),
        "assign-driver": (["car", "name", "romanized", "class"], ["car", "name"]),
        "trip": (["car", "to-place", "to-zone"], ["car"]),
        "inject-flow": (["car", "category", "direction", "bytes", "service", "duration"], ["car", "category", "bytes"]),
        "add-cars": (["count", "region", "class"], ["count", "region"]),
        "remove-cars": (["count", "region"], ["count"]),
        "set-speed": (["factor"], ["factor"]),
        "view": (["name", "car"], ["name"]),
        "caption": (["text", "for"], ["text"]),
        "chapter": (["title", "for"], ["title"]),
        "highlight": (["car", "panel"], []),
        "what-if": (["name", "from"], []),
        "set-zones": (["add", "remove"], []),
        "set-class-mix": (["region", "classes"], ["region", "classes"]),
        "set-apps": (["region", "third-party-telemetry"], ["region", "third-party-telemetry"]),
    ]

    /// The entries of a `timeline` node, or nil after recording diagnostics.
    public static func decode(
        _ node: YAMLNode, names: ScenarioNames = .unchecked, context: inout DecodeContext
    ) -> [TimelineEntry]? {
        guard let items = context.list(node, "timeline", maxCount: context.limits.maxTimelineEntries) else {
            return nil
        }
        let before = context.diagnostics.count
        var entries: [TimelineEntry] = []
        entries.reserveCapacity(items.count)
        var previous: SimDuration = .zero
        // Cars added by the timeline can be named by index after their entry.
        var names = names
        for item in items {
            guard let entry = decodeEntry(item, names: names, context: &context) else { continue }
            if case .addCars(let count, _, _) = entry.action, let size = names.fleetSize {
                names.fleetSize = size + count
                names.addedCars += count
            }
            if entry.at < previous {
                context.error(
                    "timeline entry at \(entry.at) comes after one at \(previous); list entries in time order",
                    at: item)
            }
            previous = max(previous, entry.at)
            entries.append(entry)
        }
        checkChapterLengths(entries, context: &context)
        return context.diagnostics.count == before ? entries : nil
    }

    /// A chapter with a `for` must end by the time the next chapter starts: chapters never overlap.
    static func checkChapterLengths(_ entries: [TimelineEntry], context: inout DecodeContext) {
        let chapters = entries.filter { if case .chapter = $0.action { true } else { false } }
        for (entry, next) in zip(chapters, chapters.dropFirst()) {
            guard case .chapter(let title, let length?) = entry.action, entry.at + length > next.at else { continue }
            context.error(
                "chapter '\(title)' lasts \(length) from \(entry.at), past the next chapter at \(next.at); "
                    + "shorten its 'for' or leave it out (a chapter then lasts until the next one)",
                at: entry.location)
        }
    }

    static func decodeEntry(_ node: YAMLNode, names: ScenarioNames, context: inout DecodeContext) -> TimelineEntry? {
        guard case .mapping = node.kind else {
            context.error("a timeline entry must be a mapping such as {at: 30s, action: chapter, title: ...}, "
                + "found \(node.kindDescription)", at: node)
            return nil
        }
        let actionName = node["action"].flatMap { context.string($0, "timeline action") }
        let spec = actionName.flatMap { actionKeys[$0] }
        if let actionName, spec == nil, let actionNode = node["action"] {
            context.error("unknown timeline action '\(actionName)'" + Suggestion.hint(for: actionName, among: actionKeys.keys),
                at: actionNode)
        }
        // Without a known action only `at` and `action` can be checked.
        let allowed = ["at", "action"] + (spec?.allowed ?? [])
        let required = ["at", "action"] + (spec?.required ?? [])
        let what = actionName.map { "a '\($0)' timeline entry" } ?? "a timeline entry"
        guard let f = context.mapping(node, what, allowed: spec == nil ? allowed + allKeys : allowed,
            required: spec == nil ? ["at", "action"] : required)
        else { return nil }
        let at = f["at"].flatMap { context.duration($0, "timeline 'at'") }
        guard let actionName, spec != nil, let at else { return nil }
        let reader = ActionReader(fields: f, names: names)
        guard let action = reader.read(actionName, context: &context) else { return nil }
        return TimelineEntry(at: at, action: action, location: node.location)
    }

    /// Every key some action takes: an entry with an unknown action is not also blamed for them.
    static let allKeys = Array(Set(actionKeys.values.flatMap(\.allowed))).sorted()
}
