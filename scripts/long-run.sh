#!/usr/bin/env bash
# Bounded memory over long simulated runs: the product's full model (cars, trips, every data
# category, zones, meters, policies, alerts) run headless by `fleetwatch bench --workload full`,
# once for one simulated day and once for the long duration, with the peak resident set of each
# run measured from outside by /usr/bin/time -v (the kernel's maximum RSS of the process).
#
#   scripts/long-run.sh [CASE...]
#       CASE is default (the built-in fleet, 600 cars, 1 day vs 30 days) or 10k (10 000 cars,
#       1 day vs 7 days); both by default. Builds the release binary first unless FLEETWATCH
#       names one. BOUND (default 1.05) is the ratio the long run's peak may reach.
#
# Prints one line per run (cars, simulated days, wall seconds, peak RSS in MiB) and, per case,
# the ratio long / 1 day; exits 1 if a ratio exceeds BOUND.
set -euo pipefail
cd "$(dirname "$0")/.."
bound=${BOUND:-1.05}
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(default 10k)
if [ -z "${FLEETWATCH:-}" ]; then
    swift build -c release --product fleetwatch >/dev/null
    FLEETWATCH=.build/release/fleetwatch
fi
binary=$(realpath "$FLEETWATCH")
export SWIFT_BACKTRACE=interactive=no

# One run: prints "WALL_S PEAK_KIB"; the bench line goes to stderr for the record.
run() {
    local vehicles=$1 days=$2 log
    log=$(mktemp)
    /usr/bin/time -v "$binary" bench --workload full --vehicles "$vehicles" --duration $((days * 86400)) \
        >"$log.out" 2>"$log" || { cat "$log" "$log.out" >&2; rm -f "$log" "$log.out"; return 1; }
    local peak wall
    peak=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log")
    wall=$(sed -n 's/.*"wall_s":\([0-9.]*\).*/\1/p' "$log.out")
    echo "  bench: $(cat "$log.out")" >&2
    rm -f "$log" "$log.out"
    echo "$wall $peak"
}

status=0
for c in "${cases[@]}"; do
    case $c in
        default) vehicles=600; long=30 ;;
        10k) vehicles=10000; long=7 ;;
        *) echo "long-run: unknown case $c (default or 10k)" >&2; exit 64 ;;
    esac
    read -r wall1 peak1 < <(run "$vehicles" 1)
    printf '%6d cars %3d day(s): %8.1f s wall, peak RSS %8.1f MiB\n' "$vehicles" 1 "$wall1" "$(echo "$peak1/1024" | bc -l)"
    read -r wallN peakN < <(run "$vehicles" "$long")
    printf '%6d cars %3d day(s): %8.1f s wall, peak RSS %8.1f MiB\n' "$vehicles" "$long" "$wallN" "$(echo "$peakN/1024" | bc -l)"
    ratio=$(echo "$peakN/$peak1" | bc -l)
    verdict=ok
    if [ "$(echo "$ratio > $bound" | bc -l)" = 1 ]; then verdict="FAIL (bound $bound)"; status=1; fi
    printf '%6d cars: peak RSS %d days / 1 day = %.3f  %s\n' "$vehicles" "$long" "$ratio" "$verdict"
done
exit $status
