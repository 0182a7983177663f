#!/usr/bin/env python3
"""Re-derive every verdict and every alert of a FleetWatch run from its exports and the scenario.

An auditor's tool, written apart from the program (Python 3 and PyYAML, no FleetWatch code): it
reads the scenario file (the built-in Scenarios/default.yaml fills in the sections a file leaves
out, as the program does), the run's NDJSON flow log and its JSON snapshot taken at the same
time, and checks

  * every flow's facts against the scenario (the destination's country, cross-border, the
    driver's restriction, the region's market, the zone's kind and season, anonymisation, the
    IPFIX millisecond fields against the exact nanoseconds, the log's order), and its zone against
    its position by the overlap rule (except within rounding of a zone's edge);
  * every flow's verdicts: each rule of the scenario's policy set evaluated on the flow's facts
    (first matching severity case; none = no verdict), and the worst of them;
  * every alert: the alert book replayed over the flagged flows in flowId order (raise, aggregate,
    escalate, suppress by min-interval, close by quiet-period, the log's size), and the JSON's
    open and recent alerts, their counters and settings compared with the replay, field by
    field (id, rule, severity, car, the raising flow's facts, bytes, count, start, last seen,
    end, duration, breakdown, the case's label).

docs/recheck.md describes what is checked and how; docs/flow-log.md the NDJSON fields;
docs/scenario-format.md ("alerts") the alert settings.

    fleetwatch snapshot --at 2h --format ndjson --out flows.ndjson
    fleetwatch snapshot --at 2h --format json --out snapshot.json
    scripts/recheck.py --ndjson flows.ndjson --json snapshot.json [--scenario FILE]

Exit status: 0 when everything is re-derived, 1 on any mismatch (listed on stderr), 2 when the
input cannot be read.
"""

import argparse
import collections
import datetime
import json
import math
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.stderr.write("recheck: PyYAML is needed (python3 -m pip install pyyaml)\n")
    sys.exit(2)

SEVERITY_RANK = {"watch": 0, "high": 1, "critical": 2}
CATEGORIES = [
    "telemetry", "diagnostics", "camera-clip", "sentry-live", "cabin-camera", "ota", "navigation", "voice",
    "media", "app-commands",
]
MARKET_COUNTRY = {"CN": "CN", "US": "US"}
DESTINATION_SLOTS = 4
DEFAULT_RESTRICTED = {"CN": ["military", "key-soe"], "US": ["military"]}
DEFAULT_ALERTS = {"min-interval": "10m", "quiet-period": "2m", "log-size": 1000}
MAX_REPORTED = 30


class InputError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Scenario: the sections the rules and the alert book depend on.

DURATION_UNITS = {
    "ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800,
}
SIZE_UNITS = {
    "": 1, "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
    "KiB": 1024, "MiB": 1048576, "GiB": 1073741824, "TiB": 1099511627776,
}


def round_half_away(x):
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def duration_ns(value, what):
    """`90s`, `15m`, `1h30m`, `250ms` or a bare number of seconds, in nanoseconds (rounded)."""
    text = str(value).strip()
    try:
        return round_half_away(float(text) * 1e9)
    except ValueError:
        pass
    total, rest = 0.0, text
    while rest:
        m = re.match(r"([0-9.]+)([A-Za-z]+)", rest)
        if not m or m.group(2) not in DURATION_UNITS:
            raise InputError(f"{what}: cannot read the duration '{text}'")
        total += float(m.group(1)) * DURATION_UNITS[m.group(2)]
        rest = rest[m.end():]
    return round_half_away(total * 1e9)


def size_bytes(value, what):
    """`4096`, `500 kB`, `12.4 MB`, `1 GiB` in bytes."""
    text = str(value).replace("_", "").replace(" ", "")
    m = re.match(r"([0-9.]*)(.*)$", text)
    if not m or m.group(2) not in SIZE_UNITS or not m.group(1):
        raise InputError(f"{what}: cannot read the size '{value}'")
    return round_half_away(float(m.group(1)) * SIZE_UNITS[m.group(2)])


def load_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"{path}: {e}")
    if not isinstance(doc, dict):
        raise InputError(f"{path}: not a scenario (a mapping at the top)")
    return doc


class Scenario:
    """The facts of a scenario file that verdicts and alerts depend on, with the built-in defaults
    for what it leaves out: a list replaces the default list, a mapping changes only the keys it
    names, an absent `policies` is the default set (docs/scenario-format.md)."""

    def __init__(self, path, defaults_path):
        base = load_yaml(defaults_path)
        doc = load_yaml(path) if path else base

        def section(name):
            return doc[name] if doc.get(name) is not None else base.get(name)

        fleet = dict(base.get("fleet") or {})
        fleet.update(doc.get("fleet") or {})
        self.start_date, self.start_hour = self.parse_start(str(fleet.get("start", "2026-11-30 08:00")))

        self.region_market = {}
        self.zones = {}
        shapes = []
        for region in section("regions") or []:
            self.region_market[str(region["id"])] = str(region["market"])
            for zone in region.get("zones") or []:
                season = zone.get("season")
                window = None
                if season:
                    window = (self.month_day(season["from"]), self.month_day(season["to"]))
                self.zones[str(zone["id"])] = (str(zone["kind"]), window)
                shapes.append((str(zone["id"]), ZoneShape(zone)))
        # The timeline's `set-zones` (a what-if's zones, docs/what-if.md): an added zone is in
        # force for the flows ending at or after its time, after the scenario's zones in list
        # order; a removed zone is out of force for them.
        self.zone_since, self.zone_until = {}, {}
        for entry in (doc.get("timeline") or []) if path else []:
            if isinstance(entry, dict) and entry.get("action") == "set-zones":
                at = duration_ns(entry["at"], "timeline at")
                for zone in entry.get("add") or []:
                    season = zone.get("season")
                    window = (self.month_day(season["from"]), self.month_day(season["to"])) if season else None
                    self.zones[str(zone["id"])] = (str(zone["kind"]), window)
                    self.zone_since[str(zone["id"])] = at
                    shapes.append((str(zone["id"]), ZoneShape(zone)))
                removed = entry.get("remove") or []
                for zid in [removed] if isinstance(removed, str) else removed:
                    self.zone_until[str(zid)] = min(at, self.zone_until.get(str(zid), at))
        # Overlaps: a zone in force first, then the smallest area, then list order.
        self.zone_order = [z for _, z in sorted(
            ((shape.area, i), (zid, shape)) for i, (zid, shape) in enumerate(shapes))]
        self.zone_cache = {}

        self.services = {}
        for s in section("services") or []:
            self.services[str(s["id"])] = (str(s.get("name") or s["id"]), str(s["country"]))

        self.anonymised = set()
        base_flows, flows = base.get("flows") or {}, doc.get("flows") or {}
        for c in CATEGORIES:
            value = False
            for layer in (base_flows, flows):
                fields = layer.get(c)
                if isinstance(fields, dict) and "anonymised" in fields:
                    value = bool(fields["anonymised"])
            if value:
                self.anonymised.add(c)

        base_policies = base.get("policies") or {}
        policies = doc.get("policies") if doc.get("policies") is not None else base_policies
        restricted = policies.get("restricted-classes", base_policies.get("restricted-classes", DEFAULT_RESTRICTED)) or []
        # A list restricts the same classes in every market; a mapping names them per market.
        if isinstance(restricted, dict):
            self.restricted = {m: set(restricted.get(m) or []) for m in MARKET_COUNTRY}
        else:
            self.restricted = {m: set(restricted) for m in MARKET_COUNTRY}
        self.rules = [Rule(r) for r in (policies.get("rules", base_policies.get("rules", [])) or [])]
        alerts = dict(DEFAULT_ALERTS)
        alerts.update(base.get("alerts") or {})
        if path:
            alerts.update(doc.get("alerts") or {})
        self.min_interval = duration_ns(alerts["min-interval"], "alerts.min-interval")
        self.quiet_period = duration_ns(alerts["quiet-period"], "alerts.quiet-period")
        self.log_size = int(alerts["log-size"])
        # The timeline's `set-policies` (a what-if's policies, docs/what-if.md): from its time on,
        # the markets it names get its restricted classes and each of its rules replaces the rule
        # with its id in place, or is added after the others. A flow is judged at its end, with
        # the policies in force then (a change at T judges the flows ending at or after T).
        self.policy_changes = []
        for entry in (doc.get("timeline") or []) if path else []:
            if isinstance(entry, dict) and entry.get("action") == "set-policies":
                self.policy_changes.append((duration_ns(entry["at"], "timeline at"), entry))
        self.policy_changes.sort(key=lambda c: c[0])
        self.periods = [(None, self.restricted, self.rules)]
        for at, entry in self.policy_changes:
            restricted, rules = dict(self.periods[-1][1]), list(self.periods[-1][2])
            change = entry.get("restricted-classes")
            if isinstance(change, dict):
                for m, classes in change.items():
                    restricted[m] = set(classes or [])
            elif change is not None:
                restricted = {m: set(change) for m in MARKET_COUNTRY}
            for r in entry.get("rules") or []:
                new = Rule(r)
                ids = [x.id for x in rules]
                if new.id in ids:
                    rules[ids.index(new.id)] = new
                else:
                    rules.append(new)
            self.periods.append((at, restricted, rules))

    def policies_at(self, ns):
        """The restricted classes and the rules in force for a flow ending at `ns`."""
        restricted, rules = self.restricted, self.rules
        for at, r, rs in self.periods[1:]:
            if ns >= at:
                restricted, rules = r, rs
        return restricted, rules


    @staticmethod
    def parse_start(text):
        parts = text.replace("T", " ").split()
        y, m, d = (int(x) for x in parts[0].split("-"))
        hh, mm = (int(x) for x in parts[1].split(":")) if len(parts) > 1 else (8, 0)
        return datetime.date(y, m, d), hh + mm / 60

    @staticmethod
    def month_day(value):
        m, d = str(value).split("-")
        return int(m) * 100 + int(d)

    def day_of(self, ns):
        """The calendar day (month*100 + day) a simulated time falls on."""
        days = math.floor((self.start_hour * 3600 + float(ns) * 1e-9) / 86400)
        date = self.start_date + datetime.timedelta(days=days)
        return date.month * 100 + date.day

    def zone_at(self, lat, lon, ns):
        """The zone the rules see at a position on the day of `ns`: the first zone in force that
        contains it, by precedence; (zone or None, True), or (None, False) when the position is
        within rounding of a zone's edge, where the NDJSON's 6 decimals cannot decide."""
        active = tuple(self.in_season(zid, ns) for zid, _ in self.zone_order) if self.has_seasons else ()
        key = (lat, lon, active)
        if key not in self.zone_cache:
            result = (None, True)
            for zid, shape in self.zone_order:
                inside = shape.contains_definitely(lat, lon)
                if inside is None:
                    result = (None, False)
                    break
                if inside and self.in_season(zid, ns):
                    result = (zid, True)
                    break
            if len(self.zone_cache) > 200_000:
                self.zone_cache.clear()
            self.zone_cache[key] = result
        return self.zone_cache[key]

    @property
    def has_seasons(self):
        return any(window for _, window in self.zones.values()) or bool(self.zone_since or self.zone_until)

    def in_season(self, zone, ns):
        """Whether the zone is in force for a flow ending at `ns`: in its season, if it has one,
        and between the `set-zones` that added it and the one that removed it."""
        kind, window = self.zones[zone]
        if ns < self.zone_since.get(zone, ns) or ns >= self.zone_until.get(zone, ns + 1):
            return False
        if window is None:
            return True
        x, (a, b) = self.day_of(ns), window
        return a <= x <= b if a <= b else (x >= a or x <= b)


METERS_PER_DEGREE_LATITUDE = 111_195.0
EDGE = 2e-6  # degrees: beyond the NDJSON's rounding of positions (5e-7)


class ZoneShape:
    """A zone's circle or polygon, with the plane geometry docs/scenario-format.md names: circles
    by equirectangular distance, polygons by ray casting, areas by pi r^2 and the shoelace formula."""

    def __init__(self, spec):
        if "polygon" in spec:
            self.polygon = [(float(a), float(b)) for a, b in spec["polygon"]]
            self.circle = None
            v = self.polygon
            lat0 = sum(p[0] for p in v) / len(v) * math.pi / 180
            ky = METERS_PER_DEGREE_LATITUDE
            kx = ky * math.cos(lat0)
            twice, j = 0.0, len(v) - 1
            for i in range(len(v)):
                twice += (v[j][1] * kx) * (v[i][0] * ky) - (v[i][1] * kx) * (v[j][0] * ky)
                j = i
            self.area = abs(twice) / 2 if len(v) >= 3 else 0
            self.box = (min(p[0] for p in v), max(p[0] for p in v), min(p[1] for p in v), max(p[1] for p in v))
        else:
            lat, lon = (float(x) for x in spec["center"])
            r = float(spec["radius-m"])
            self.circle = (lat, lon, r)
            self.polygon = None
            self.area = math.pi * r * r
            dlat = r / METERS_PER_DEGREE_LATITUDE
            dlon = r / (METERS_PER_DEGREE_LATITUDE * max(math.cos(lat * math.pi / 180), 1e-9))
            self.box = (lat - dlat, lat + dlat, lon - dlon, lon + dlon)

    def contains(self, lat, lon):
        if self.circle:
            clat, clon, r = self.circle
            mean = (clat + lat) * 0.5 * math.pi / 180
            dy = (lat - clat) * METERS_PER_DEGREE_LATITUDE
            dx = (lon - clon) * METERS_PER_DEGREE_LATITUDE * math.cos(mean)
            return math.sqrt(dx * dx + dy * dy) <= r
        inside, v = False, self.polygon
        j = len(v) - 1
        for i in range(len(v)):
            a, b = v[i], v[j]
            if (a[0] > lat) != (b[0] > lat):
                x = a[1] + (lat - a[0]) / (b[0] - a[0]) * (b[1] - a[1])
                if lon < x:
                    inside = not inside
            j = i
        return inside

    def contains_definitely(self, lat, lon):
        """True or False when the point and its neighbours within rounding agree; None at an edge."""
        s, n, w, e = self.box
        if lat < s - 2 * EDGE or lat > n + 2 * EDGE or lon < w - 2 * EDGE or lon > e + 2 * EDGE:
            return False
        answers = {self.contains(lat + dy, lon + dx) for dy, dx in ((0, 0), (EDGE, 0), (-EDGE, 0), (0, EDGE), (0, -EDGE))}
        return answers.pop() if len(answers) == 1 else None


def as_set(value):
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def condition_holds(key, value, f, restricted):
    """One `match`/`when` key on one flow's facts (docs/scenario-format.md, policies)."""
    if key == "user-class":
        return f["userClass"] in as_set(value)
    if key == "restricted":
        return bool(value) == restricted
    if key == "market":
        return f["market"] in as_set(value)
    if key == "region":
        return f["region"] in as_set(value)
    if key == "in-zone":
        return bool(value) == (f["zone"] is not None)
    if key == "zone":
        return f["zone"] is not None and f["zone"] in as_set(value)
    if key == "zone-kind":
        return f["zoneKind"] is not None and f["zoneKind"] in as_set(value)
    if key == "category":
        return f["category"] in as_set(value)
    if key == "direction":
        return f["direction"] == str(value)
    if key == "service":
        return f["service"] in as_set(value)
    if key == "country":
        return f["country"] in as_set(value)
    if key == "cross-border":
        return bool(value) == f["crossBorder"]
    if key == "min-bytes":
        return f["octetDeltaCount"] >= size_bytes(value, "min-bytes")
    if key == "anonymised":
        return bool(value) == f["anonymised"]
    if key == "min-model-year":
        return f["modelYear"] >= int(value)
    if key == "prc-connectivity":
        return bool(value) == f["prcLinkedConnectivity"]
    raise InputError(f"unknown match key '{key}'")


class Rule:
    def __init__(self, spec):
        self.id = str(spec["id"])
        self.title = str(spec.get("title", ""))
        self.match = spec.get("match") or {}
        severity = spec["severity"]
        if isinstance(severity, str):
            self.cases = [({}, severity, None)]
        else:
            self.cases = [(c.get("when") or {}, str(c["level"]), c.get("label")) for c in severity]

    def case(self, f, restricted):
        """The index of the first severity case the flow falls under; None when the rule does not
        apply (its match fails, or no case matches: a severity list can narrow the rule)."""
        if not all(condition_holds(k, v, f, restricted) for k, v in self.match.items()):
            return None
        for i, (when, _, _) in enumerate(self.cases):
            if all(condition_holds(k, v, f, restricted) for k, v in when.items()):
                return i
        return None

    def explicit_label(self, index):
        """The case's own label, or the label the program derives without looking at `when`
        (None when it would derive one from the conditions: not re-derived here)."""
        when, _, label = self.cases[index]
        if label:
            return str(label)
        if not when:
            return "other flows" if index > 0 else self.title
        return None


# ---------------------------------------------------------------------------------------------
# The alert book, replayed.

class Alert:
    def __init__(self, id, rule, case, severity, flow, now):
        self.id, self.rule, self.case, self.severity = id, rule, case, severity
        self.flow = flow  # the flow that raised the alert, or last raised its severity
        self.vehicle = flow["vehicle"]
        self.start = self.last = now
        self.closed = None
        self.count = 0
        self.bytes = 0
        self.categories = collections.OrderedDict()  # category -> [bytes, flows]
        self.slots = []  # [service, bytes, flows], first appearance order, at most 4
        self.other = [0, 0]
        self.cross_border = [0, 0]
        self.add(flow)

    def add(self, f):
        b = f["octetDeltaCount"]
        self.count += 1
        self.bytes += b
        c = self.categories.setdefault(f["category"], [0, 0])
        c[0] += b
        c[1] += 1
        if f["crossBorder"]:
            self.cross_border[0] += b
            self.cross_border[1] += 1
        for slot in self.slots:
            if slot[0] == f["service"]:
                slot[1] += b
                slot[2] += 1
                return
        if len(self.slots) < DESTINATION_SLOTS:
            self.slots.append([f["service"], b, 1])
        else:
            self.other[0] += b
            self.other[1] += 1


class AlertBook:
    def __init__(self, scenario):
        self.min_interval = scenario.min_interval
        self.quiet = scenario.quiet_period
        self.capacity = scenario.log_size
        self.open = {}
        self.last_raised = {}
        self.log = collections.deque()
        self.dropped = 0
        self.suppressed = 0
        self.next_id = 1
        self.next_expiry = None  # a lower bound of the open alerts' expiries

    def tick(self, now, before=False):
        """Closes every open alert whose last flow is at least quiet-period before `now`, in the
        order they closed (last seen + quiet-period), then by id. `before`: only those that
        closed before `now` (the end of a run to `now`: one that closes at `now` itself is
        still open then)."""
        if self.next_expiry is None or now < self.next_expiry or (before and now == self.next_expiry):
            return
        expired = sorted((a.last + self.quiet, a.id, k) for k, a in self.open.items()
                         if a.last + self.quiet < now or (not before and a.last + self.quiet == now))
        for _, _, k in expired:
            self.close(k)
        self.next_expiry = min((a.last + self.quiet for a in self.open.values()), default=None)

    def close(self, key):
        a = self.open.pop(key)
        a.closed = a.last + self.quiet
        if self.capacity <= 0:
            self.dropped += 1
            return
        self.log.append(a)
        while len(self.log) > self.capacity:
            self.log.popleft()
            self.dropped += 1

    def record(self, rule, case, severity, flow, now):
        key = (rule, flow["vehicle"])
        a = self.open.get(key)
        if a is not None:
            if now < a.last + self.quiet:
                a.add(flow)
                a.last = max(a.last, now)
                if SEVERITY_RANK[severity] > SEVERITY_RANK[a.severity]:
                    a.severity, a.flow, a.case = severity, flow, case
                return
            self.close(key)
        previous = self.last_raised.get(key)
        if previous is not None and now < previous + self.min_interval:
            self.suppressed += 1
            return
        self.open[key] = Alert(self.next_id, rule, case, severity, flow, now)
        self.next_id += 1
        self.last_raised[key] = now
        expiry = now + self.quiet
        self.next_expiry = expiry if self.next_expiry is None else min(self.next_expiry, expiry)


# ---------------------------------------------------------------------------------------------
# The check.

class Report:
    def __init__(self):
        self.mismatches = 0
        self.lines = []
        self.edge_zones = 0  # flows at a zone's edge, whose zone the rounded position cannot decide

    def mismatch(self, where, what, expected, found):
        self.mismatches += 1
        if len(self.lines) < MAX_REPORTED:
            self.lines.append(f"mismatch: {where}: {what}: re-derived {expected!r}, export says {found!r}")

    def check(self, where, what, expected, found):
        if expected != found:
            self.mismatch(where, what, expected, found)


FACT_FIELDS = [
    "flowId", "flowStartMilliseconds", "flowEndMilliseconds", "flowStartNanoseconds", "flowEndNanoseconds", "octetDeltaCount",
    "vin", "vehicle", "market", "region", "modelYear", "prcLinkedConnectivity", "category", "direction", "anonymised",
    "service", "country", "crossBorder", "userClass", "restricted", "zone", "zoneKind", "latitude", "longitude",
    "verdict", "rules",
]


def check_facts(scenario, f, where, report):
    """The facts the scenario decides, recomputed: what the log says must follow from the file."""
    report.check(where, "flowStartMilliseconds", f["flowStartNanoseconds"] // 1_000_000, f["flowStartMilliseconds"])
    report.check(where, "flowEndMilliseconds", f["flowEndNanoseconds"] // 1_000_000, f["flowEndMilliseconds"])
    service = scenario.services.get(f["service"])
    if service is None:
        report.mismatch(where, "service", "a service of the scenario", f["service"])
    else:
        report.check(where, "country (the service's)", service[1], f["country"])
    report.check(where, "market (the region's)", scenario.region_market.get(f["region"]), f["market"])
    report.check(where, "crossBorder", f["country"] != MARKET_COUNTRY.get(f["market"]), f["crossBorder"])
    report.check(where, "restricted", f["userClass"] in scenario.policies_at(f["flowEndNanoseconds"])[0].get(f["market"], set()), f["restricted"])
    report.check(where, "anonymised", f["category"] in scenario.anonymised, f["anonymised"])
    zone = f["zone"]
    if zone is None:
        report.check(where, "zoneKind", None, f["zoneKind"])
    elif zone not in scenario.zones:
        report.mismatch(where, "zone", "a zone of the scenario", zone)
    else:
        report.check(where, "zoneKind", scenario.zones[zone][0], f["zoneKind"])
        report.check(where, f"zone {zone} in season on the flow's day", True, scenario.in_season(zone, f["flowEndNanoseconds"]))
    expected, decided = scenario.zone_at(f["latitude"], f["longitude"], f["flowEndNanoseconds"])
    if decided:
        report.check(where, "zone (of the flow's position, by the overlap rule)", expected, zone)
    else:
        report.edge_zones += 1


def replay(scenario, ndjson_path, end_ns, report, compliance=None):
    """Re-evaluates every flow and replays the alert book; returns (book, flows, verdicts).
    Each flow also goes to `compliance`, in flowId order."""
    book = AlertBook(scenario)
    flows = verdicts = 0
    previous_end = None
    try:
        lines = open(ndjson_path, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{ndjson_path}: {e}")
    flows_read = []
    with lines:
        for number, line in enumerate(lines, 1):
            where = f"{ndjson_path}:{number}"
            try:
                f = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{where}: not JSON: {e}")
            missing = [k for k in FACT_FIELDS if k not in f]
            if missing:
                raise InputError(f"{where}: the flow lacks {', '.join(missing)} (an NDJSON export of an older fleetwatch?)")
            flows_read.append((where, f))
    # The log is sorted by start, then vehicle, then flowId (docs/flow-log.md); the alert book
    # counted the flows in flowId order (by end), so they are replayed in that order.
    previous_key = None
    for where, f in flows_read:
        key = (f["flowStartNanoseconds"], f["vehicle"], f["flowId"])
        if previous_key is not None and key <= previous_key:
            report.mismatch(where, "log order (flowStartNanoseconds, vehicle, flowId)", f"> {previous_key}", key)
        previous_key = key
    flows_read.sort(key=lambda wf: wf[1]["flowId"])
    for expected_id, (where, f) in enumerate(flows_read, 1):
        if f["flowId"] != expected_id:
            report.mismatch(where, "flowId (1, 2, 3… with none missing)", expected_id, f["flowId"])
            break
    for where, f in flows_read:
        flows += 1
        now = f["flowEndNanoseconds"]
        if previous_end is not None and now < previous_end:
            report.mismatch(where, "time order (flowEndNanoseconds, in flowId order)", f">= {previous_end}", now)
        previous_end = now
        check_facts(scenario, f, where, report)
        if compliance is not None:
            compliance.add(f)

        in_force, rules = scenario.policies_at(now)
        restricted = f["userClass"] in in_force.get(f["market"], set())
        derived = []
        for index, rule in enumerate(rules):
            case = rule.case(f, restricted)
            if case is not None:
                derived.append((index, case, rule.cases[case][1]))
        labels = [f"{rules[i].id} {s}" for i, _, s in derived]
        report.check(where, "rules", labels, f["rules"])
        worst = None
        for i, _, s in derived:
            if worst is None or SEVERITY_RANK[s] > SEVERITY_RANK[worst]:
                worst = s
        report.check(where, "verdict", worst or "pass", f["verdict"])
        verdicts += len(derived)

        book.tick(now)
        for i, case, severity in derived:
            book.record(i, case, severity, f, now)
    book.tick(end_ns, before=True)
    return book, flows, verdicts


def expected_breakdown(scenario, a):
    def name(service):
        return scenario.services.get(service, (service, ""))[0]

    def country(service):
        return scenario.services.get(service, ("", ""))[1]

    cats = sorted(a.categories.items(), key=lambda kv: (-kv[1][0], CATEGORIES.index(kv[0])))
    slots = sorted(enumerate(a.slots), key=lambda p: (-p[1][1], p[0]))
    return {
        "by_category": [{"category": c, "bytes": b, "flows": n} for c, (b, n) in cats],
        "by_destination": [
            {"service": s, "name": name(s), "country": country(s), "bytes": b, "flows": n} for _, (s, b, n) in slots
        ],
        "other_destinations": {"bytes": a.other[0], "flows": a.other[1]},
        "cross_border": {"bytes": a.cross_border[0], "flows": a.cross_border[1]},
    }


def check_alert(scenario, a, j, where, report):
    f = a.flow
    # An alert keeps the rule that raised it (a later `set-policies` may replace the rule).
    rule = scenario.policies_at(f["flowEndNanoseconds"])[1][a.rule]
    end = a.closed
    expected = {
        "id": a.id, "rule": rule.id, "severity": a.severity, "vin": f["vin"], "class": f["userClass"],
        "category": f["category"], "service": scenario.services.get(f["service"], (f["service"], ""))[0],
        "country": f["country"], "zone": f["zone"], "position": {"lat": f["latitude"], "lon": f["longitude"]},
        "bytes": a.bytes, "count": a.count, "start_ns": a.start, "last_seen_ns": a.last, "end_ns": end,
        "duration_ns": (end if end is not None else a.last) - a.start,
        "breakdown": expected_breakdown(scenario, a),
    }
    label = rule.explicit_label(a.case)
    if label is not None:
        expected["short_label"] = label
    for key, value in expected.items():
        report.check(where, key, value, j.get(key))
    # The seconds are the nanoseconds rounded for reading.
    for key in ("start", "last_seen", "end"):
        ns, s = j.get(key + "_ns"), j.get(key + "_s")
        if (ns is None) != (s is None) or (ns is not None and abs(ns * 1e-9 - s) > 0.0005 + 1e-9):
            report.mismatch(where, key + "_s", None if ns is None else round(ns * 1e-9, 3), s)


def check_alerts(scenario, book, snapshot, report):
    alerts = snapshot["alerts"]
    where = "json alerts"
    raised = book.next_id - 1
    counters = {
        "raised": raised, "suppressed": book.suppressed, "open_count": len(book.open),
        # Nobody acknowledges in a snapshot.
        "acknowledged_count": 0,
        "closed_count": len(book.log) + book.dropped, "dropped_from_log": book.dropped,
        "log_size": scenario.log_size, "min_interval_ns": scenario.min_interval,
        "quiet_period_ns": scenario.quiet_period,
    }
    for key, value in counters.items():
        report.check(where, key, value, alerts.get(key))
    limit = alerts.get("recent_limit")
    if not isinstance(limit, int) or limit < 0:
        report.mismatch(where, "recent_limit", "a count", limit)
        limit = 0
    open_alerts = sorted(book.open.values(), key=lambda a: (-a.start, -a.id))
    recent = list(book.log)[-limit:] if limit else []
    recent.reverse()
    checked = 0
    for name, expected, found in (("open", open_alerts, alerts["open"]), ("recent", recent, alerts["recent"])):
        report.check(where, f"{name} ids, in order", [a.id for a in expected], [j.get("id") for j in found])
        by_id = {j.get("id"): j for j in found}
        for a in expected:
            j = by_id.get(a.id)
            if j is not None:
                check_alert(scenario, a, j, f"json alert {a.id} ({name})", report)
                checked += 1
    return checked, len(open_alerts), len(recent)


# ---------------------------------------------------------------------------------------------
# Compliance over time (ARCHITECTURE.md, "Compliance over time"): distinct cars and people per
# threshold, recounted from the flow log and compared with the JSON's `compliance` section.

LOCATION = {"telemetry", "navigation", "camera-clip"}
SENSITIVE = LOCATION | {"sentry-live", "cabin-camera", "voice"}
CN_ZONE_KINDS = {"government-organ", "defence-industry", "military-zone", "seasonal"}
CONCERN = {"CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"}
SECOND = 1_000_000_000
DAY = 86_400 * SECOND
YEAR_365 = 365 * DAY
CHINA_OFFSET = 8 * 3600
MEASURES = {
    # id: (market, unit, window, threshold, strictly more)
    "us-bulk-precise-geolocation": ("US", "devices", "rolling-12-months", 1000, True),
    "us-government-site-geolocation": ("US", "devices", "rolling-12-months", 1, False),
    "cn-personal-information": ("CN", "people", "calendar-year", 100_000, False),
    "cn-sensitive-personal-information": ("CN", "people", "calendar-year", 10_000, False),
    "cn-important-data": ("CN", "devices", "calendar-year", 1, False),
}


def counts_for(measure, f):
    """Whether flow `f` counts for `measure` (docs/recheck.md, "Compliance")."""
    if f["direction"] != "up" or f["market"] != MEASURES[measure][0]:
        return False
    cat, country, kind = f["category"], f["country"], f["zoneKind"]
    if measure == "us-bulk-precise-geolocation":
        return cat in LOCATION and country in CONCERN
    if measure == "us-government-site-geolocation":
        return cat in LOCATION and country in CONCERN and kind == "us-government-site"
    if country == "CN":
        return False
    if measure == "cn-personal-information":
        return True
    if measure == "cn-sensitive-personal-information":
        return cat in SENSITIVE
    return cat == "camera-clip" or (cat in LOCATION and kind in CN_ZONE_KINDS)


def shift_months(t_ns, months, start_utc):
    """Simulated time `t_ns` moved by calendar months on the UTC calendar, the day clamped."""
    seconds, nanos = divmod(t_ns, SECOND)
    utc = start_utc + seconds
    days, time_of_day = divmod(utc, 86_400)
    d = datetime.date(1970, 1, 1) + datetime.timedelta(days=days)
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    length = ((datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.date(year, month, 1)).days
    day = min(d.day, length)
    new_days = (datetime.date(year, month, day) - datetime.date(1970, 1, 1)).days
    return (new_days * 86_400 + time_of_day - start_utc) * SECOND + nanos


def china_year(t_ns, start_utc):
    """[1 January, next 1 January) in China time (UTC+8) around `t_ns`, in simulated ns."""
    local = start_utc + t_ns // SECOND + CHINA_OFFSET
    year = (datetime.date(1970, 1, 1) + datetime.timedelta(days=local // 86_400)).year

    def at(y):
        return ((datetime.date(y, 1, 1) - datetime.date(1970, 1, 1)).days * 86_400 - CHINA_OFFSET - start_utc) * SECOND
    return at(year), at(year + 1)


class Compliance:
    """Every counting flow's time per measure and car (or person), in flowId order."""

    def __init__(self):
        self.times = {m: collections.defaultdict(list) for m in MEASURES}

    def add(self, f):
        for m in MEASURES:
            if counts_for(m, f):
                self.times[m][f["vehicle"]].append((f["flowId"], f["flowEndNanoseconds"]))

    def check(self, snapshot, report):
        section = snapshot.get("compliance")
        if section is None:
            report.mismatch("json", "compliance", "a compliance section", None)
            return 0
        now = snapshot["simulated_time_ns"]
        utc = datetime.datetime.fromisoformat(snapshot["utc_time"])
        start_utc = int(utc.timestamp()) - now // SECOND
        changes = section["driver_changes"]
        markets = collections.Counter(v["market"] for v in snapshot["vehicles"])
        cn_changes = [c for c in changes if snapshot["vehicles"][c["vehicle"]]["market"] == "CN"]
        exported = {m["id"]: m for m in section["measures"]}
        report.check("json compliance", "measures", list(MEASURES), [m["id"] for m in section["measures"]])
        report.check("json compliance", "rate_period_ns", DAY, section["rate_period_ns"])
        for measure, (market, unit, window, threshold, strictly) in MEASURES.items():
            j = exported.get(measure)
            if j is None:
                continue
            where = f"json compliance {measure}"
            if window == "calendar-year":
                window_start, window_end = china_year(now, start_utc)
                horizon = window_end
            else:
                window_start, window_end = shift_months(now, -12, start_utc), now
                horizon = max(now, shift_months(0, 12, start_utc))
            counted_from = max(0, window_start)
            rate_start = max(counted_from, now - DAY)
            entries = []  # per car or person: when it entered the window, if it is in it
            for vehicle, flows in self.times[measure].items():
                if unit == "people":
                    keyed = collections.defaultdict(list)
                    for flow_id, t in flows:
                        before = sum(1 for c in changes if c["vehicle"] == vehicle and c["flows_before"] < flow_id)
                        keyed[before].append(t)
                    groups = list(keyed.values())
                else:
                    groups = [[t for _, t in flows]]
                for ts in groups:
                    if window == "calendar-year":
                        inside = [t for t in ts if window_start <= t <= now]
                        if inside:
                            entries.append(min(inside))
                    else:
                        if max(ts) < window_start:
                            continue
                        # It entered at its last flow that followed more than 12 months without one.
                        entry = ts[0]
                        for previous, t in zip(ts, ts[1:]):
                            if t - previous > YEAR_365 and previous < shift_months(t, -12, start_utc):
                                entry = t
                        entries.append(entry)
            to_date = len(entries)
            fresh = sum(1 for e in entries if e >= rate_start)
            population = markets[market] + (len(cn_changes) if unit == "people" else 0)
            trigger = threshold + (1 if strictly else 0)
            span, remaining = now - rate_start, horizon - now
            projected = to_date
            if span > 0 and fresh > 0 and remaining > 0:
                projected = min(population, to_date + fresh * remaining // span)
            crossing = None
            if to_date < trigger and span > 0 and fresh > 0 and population >= trigger:
                dt = -((-(trigger - to_date) * span) // fresh)
                if dt <= remaining:
                    crossing = now + dt
            expected = {
                "market": market, "unit": unit, "window": window, "threshold": threshold, "strictly_more": strictly,
                "trigger": trigger, "window_start_ns": window_start, "window_end_ns": window_end,
                "counted_from_ns": counted_from, "to_date": to_date, "crossed": to_date >= trigger,
                "rate_start_ns": rate_start, "new_in_rate_period": fresh, "horizon_ns": horizon,
                "population": population, "projected": projected, "crossing_ns": crossing,
            }
            for key, value in expected.items():
                report.check(where, key, value, j.get(key))
            rate = fresh * 86_400e9 / span if span > 0 else 0.0
            if abs(rate - j.get("rate_per_day", -1)) > 0.0005 + 1e-9 * rate:
                report.mismatch(where, "rate_per_day", round(rate, 3), j.get("rate_per_day"))
            if abs(to_date / threshold - j.get("fraction", -1)) > 0.0000005 + 1e-9:
                report.mismatch(where, "fraction", round(to_date / threshold, 6), j.get("fraction"))
        return len(exported)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description="Re-derive every verdict and alert of a FleetWatch run from its NDJSON and JSON exports "
        "and the scenario file.")
    parser.add_argument("--scenario", help="the scenario file of the run (default: the built-in Scenarios/default.yaml)")
    parser.add_argument("--defaults", default=os.path.join(here, "..", "Scenarios", "default.yaml"),
                        help="the built-in scenario, which fills in what a file leaves out (default: %(default)s)")
    parser.add_argument("--ndjson", required=True, help="fleetwatch snapshot --format ndjson --at T")
    parser.add_argument("--json", required=True, help="fleetwatch snapshot --format json --at T (same scenario, seed and T)")
    args = parser.parse_args(argv)

    report = Report()
    try:
        scenario = Scenario(args.scenario, args.defaults)
        try:
            with open(args.json, encoding="utf-8") as f:
                snapshot = json.load(f)
        except (OSError, json.JSONDecodeError) as e:
            raise InputError(f"{args.json}: {e}")
        if "simulated_time_ns" not in snapshot or "raised" not in snapshot.get("alerts", {}):
            raise InputError(f"{args.json}: no simulated_time_ns or alert counters (a JSON export of an older fleetwatch?)")
        compliance = Compliance()
        book, flows, verdicts = replay(scenario, args.ndjson, snapshot["simulated_time_ns"], report, compliance)
        checked, n_open, n_recent = check_alerts(scenario, book, snapshot, report)
        measures = compliance.check(snapshot, report)
    except InputError as e:
        sys.stderr.write(f"recheck: {e}\n")
        return 2
    for line in report.lines:
        sys.stderr.write(line + "\n")
    if report.mismatches > len(report.lines):
        sys.stderr.write(f"... and {report.mismatches - len(report.lines)} more\n")
    print(f"{flows} flows, {verdicts} verdicts, {checked} alerts re-derived "
          f"({n_open} open, {n_recent} recent of {book.next_id - 1} raised, {book.suppressed} suppressed), "
          f"{report.mismatches} mismatches")
    if measures:
        standing = "; ".join(f"{m['id']} {m['to_date']}" for m in snapshot["compliance"]["measures"])
        print(f"compliance: {measures} thresholds recounted from the log ({standing})")
    print(f"zones: every flow's zone re-derived from its position and the season, "
          f"but {report.edge_zones} within rounding of a zone's edge (taken as logged)")
    return 1 if report.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
