/// Malformed scenario texts and the exact diagnostics each must produce.
enum MalformedCases {
    static let all: [(name: String, text: String, expected: [String])] = [
        ("unknown top-level key with did-you-mean", """
            name: demo
            sede: 4
            """, ["t.yaml:2:1: error: unknown key 'sede' in the scenario; did you mean 'seed'?"]),
        ("missing name", """
            seed: 4
            """, ["t.yaml:1:1: error: missing key 'name' in the scenario"]),
        ("top level is a list", """
            - name: demo
            """, ["t.yaml:1:1: error: the scenario must be a mapping (key: value lines), found a list"]),
        ("seed of the wrong type", """
            name: demo
            seed: forty-two
            """, ["t.yaml:2:7: error: seed must be a whole number, found a string"]),
        ("negative seed", """
            name: demo
            seed: -1
            """, ["t.yaml:2:7: error: seed must be between 0 and 9223372036854775807, found -1"]),
        ("fleet over the size limit", """
            name: demo
            fleet: {size: 20_000_000}
            """, ["t.yaml:2:15: error: fleet.size must be between 1 and 10000000, found 20000000"]),
        ("bad duration", """
            name: demo
            alerts:
              quiet-period: 5 minutes
            """, ["t.yaml:3:17: error: alerts.quiet-period: invalid duration '5 minutes': the number 5 has no unit; "
                + "write a number with a unit, such as 90s, 15m, 2h, 1d or 1h30m"]),
        ("alert key misspelt", """
            name: demo
            alerts: {min-intervl: 5m, log-size: -3}
            """, [
                "t.yaml:2:10: error: unknown key 'min-intervl' in alerts; did you mean 'min-interval'?",
                "t.yaml:2:37: error: alerts.log-size must be between 0 and 1000000, found -3",
            ]),
        ("YAML syntax error", """
            name: demo
            seed: [1, 2
            """, ["t.yaml:3:1: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence that starts at 2:7"]),
        ("unclosed quote", """
            name: "demo
            """, ["t.yaml:1:12: error: invalid YAML: found unexpected end of stream while scanning a quoted scalar that starts at 1:7"]),
        ("duplicate key", """
            name: demo
            seed: 1
            name: again
            """, ["t.yaml:1:1: error: duplicate key 'name' in one mapping; each key may appear once"]),
        ("empty file", "", ["t.yaml:1:1: error: the file is empty; a scenario needs at least a name"]),
        ("unknown restricted class", """
            name: demo
            policies:
              restricted-classes: [militray]
            """, ["t.yaml:3:24: error: undefined user class 'militray'; did you mean 'military'?"]),
        ("rule missing keys and bad severity", """
            name: demo
            policies:
              rules:
                - id: X-1
                  title: t
                  match: {}
                  severity: severe
            """, [
                "t.yaml:4:7: error: missing key 'source' in a rule",
                "t.yaml:4:7: error: missing key 'explanation' in a rule",
                "t.yaml:7:17: error: unknown severity 'severe'; expected one of: critical, high, watch",
            ]),
        ("duplicate rule id", """
            name: demo
            policies:
              rules:
                - {id: R, title: t, source: s, explanation: e, match: {}, severity: watch}
                - {id: R, title: t, source: s, explanation: e, match: {}, severity: high}
            """, ["t.yaml:5:12: error: duplicate rule id 'R' (first defined at 4:12)"]),
        ("match with wrong values", """
            name: demo
            policies:
              rules:
                - id: R
                  title: t
                  source: s
                  explanation: "{driver} at {postion}"
                  match: {category: camera, cross-border: maybe, country: China, min-bytes: lots, zone-kinds: military}
                  severity: high
            """, [
                "t.yaml:7:20: error: unknown placeholder '{postion}' in rule 'R' explanation; did you mean 'position'?",
                "t.yaml:8:25: error: unknown data category 'camera'; did you mean 'camera-clip'?",
                "t.yaml:8:47: error: rule 'R' match cross-border must be true or false, found a string",
                "t.yaml:8:63: error: rule 'R' match country must be a two-letter country code such as CN or US, found 'China'",
                "t.yaml:8:81: error: rule 'R' match min-bytes must be a size such as 4096, 500 kB, 12.4 MB or 1 GiB, found 'lots'",
                "t.yaml:8:87: error: unknown key 'zone-kinds' in rule 'R' match; did you mean 'zone-kind'?",
            ]),
        ("undefined service with declared services", """
            name: demo
            services:
              - {id: tesla-cn-dc}
              - {id: tesla-us-cloud}
            timeline:
              - {at: 1m, action: set-routing, market: CN, category: camera-clip, service: tesla-us-clod}
            """, ["t.yaml:6:79: error: undefined service 'tesla-us-clod'; did you mean 'tesla-us-cloud'?"]),
        ("duplicate zone id across regions", """
            name: demo
            regions:
              - id: shanghai
                zones: [{id: cn-gov-1}]
              - id: beijing
                zones: [{id: cn-gov-1}]
            """, ["t.yaml:6:18: error: duplicate zone id 'cn-gov-1' (first defined at 4:18)"]),
        ("unknown timeline action", """
            name: demo
            timeline:
              - {at: 10s, action: tirp, car: 1, to-zone: z}
            """, ["t.yaml:3:23: error: unknown timeline action 'tirp'; did you mean 'trip'?"]),
        ("timeline key for another action", """
            name: demo
            timeline:
              - {at: 10s, action: chapter, title: One, text: Two}
            """, ["t.yaml:3:44: error: unknown key 'text' in a 'chapter' timeline entry; expected one of: action, at, for, title"]),
        ("timeline out of order and missing at", """
            name: demo
            timeline:
              - {at: 2m, action: chapter, title: B}
              - {at: 1m, action: chapter, title: A}
              - {action: chapter, title: C}
            """, [
                "t.yaml:4:5: error: timeline entry at 1m comes after one at 2m; list entries in time order",
                "t.yaml:5:5: error: missing key 'at' in a 'chapter' timeline entry",
            ]),
        ("car beyond the fleet", """
            name: demo
            fleet: {size: 100}
            timeline:
              - {at: 0s, action: assign-class, car: 100, class: military}
            """, ["t.yaml:4:41: error: undefined car 100: car indexes run from 0 to 99 (fleet.size is 100)"]),
        ("trip with both destinations and a bad VIN", """
            name: demo
            timeline:
              - {at: 0s, action: trip, car: LRW123, to-place: a, to-zone: b}
            """, [
                "t.yaml:3:5: error: a 'trip' needs exactly one of 'to-place' or 'to-zone'",
                "t.yaml:3:33: error: car must be an index in the fleet or a 17-character VIN, found 'LRW123'",
            ]),
        ("speed out of range", """
            name: demo
            timeline:
              - {at: 0s, action: set-speed, factor: 0}
            """, ["t.yaml:3:41: error: set-speed factor must be between 0.01 and 100000.0, found 0"]),
        ("timeline is a mapping", """
            name: demo
            timeline: {at: 0s}
            """, ["t.yaml:2:11: error: timeline must be a list, found a mapping"]),
        ("inject-flow with a bad size and direction", """
            name: demo
            timeline:
              - {at: 0s, action: inject-flow, car: 1, category: voice, bytes: 12 parsecs, direction: sideways}
            """, [
                "t.yaml:3:67: error: inject-flow bytes must be a size such as 4096, 500 kB, 12.4 MB or 1 GiB, found '12 parsecs'",
                "t.yaml:3:90: error: unknown direction 'sideways'; expected one of: down, up",
            ]),
        ("add-cars undefined class", """
            name: demo
            classes: [{id: diplomat}]
            timeline:
              - {at: 0s, action: add-cars, count: 10, region: shanghai, class: diplomt}
            """, ["t.yaml:4:68: error: undefined user class 'diplomt'; did you mean 'diplomat'?"]),
    ]
}
