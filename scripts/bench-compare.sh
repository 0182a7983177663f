#!/usr/bin/env bash
# Compares `fleetwatch bench` with the C programs of ../shared/bench-ref, side by side.
# usage: scripts/bench-compare.sh [V=10000] [D=600] [runs=5] [c-mode=heap] [entries=vehicle]
#   c-mode: heap, calendar, vehicle or superposed (run-c.sh's modes); entries: vehicle (one
#   queue entry per car, the default of `fleetwatch bench`) or stream (one per car and category).
# Builds release (unless NO_BUILD=1), then alternates runs of the two programs (ours first, then
# C, repeated) so that both see the same machine noise, and prints the median events/s of each,
# their ratio, and each one's peak RSS (median, from /usr/bin/time -v, in MiB).
set -euo pipefail
cd "$(dirname "$0")/.."
V=${1:-10000} D=${2:-600} RUNS=${3:-5} MODE=${4:-heap} ENTRIES=${5:-vehicle}
ref=../shared/bench-ref/run-c.sh
[ -x "$ref" ] || { echo "bench-compare: $ref not found (the shared folder sits beside the repo)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-compare: /usr/bin/time is needed for peak RSS" >&2; exit 2; }
if [ "${NO_BUILD:-0}" != 1 ]; then swift build -c release --product fleetwatch >&2; fi
"$ref" 1 1 "$MODE" >/dev/null  # compiles the C program outside the timed runs

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*$1[\":=]*\([0-9.]*\).*/\1/p"; }
rss() { sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p'; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$RUNS"); do
  /usr/bin/time -v .build/release/fleetwatch bench --vehicles "$V" --duration "$D" --entries "$ENTRIES" >"$tmp/s.out" 2>"$tmp/s.err"
  /usr/bin/time -v "$ref" "$V" "$D" "$MODE" >"$tmp/c.out" 2>"$tmp/c.err"
  s=$(field events_per_s <"$tmp/s.out"); c=$(field events_per_s <"$tmp/c.out")
  echo "$s" >>"$tmp/s.eps"; echo "$c" >>"$tmp/c.eps"
  rss <"$tmp/s.err" >>"$tmp/s.rss"; rss <"$tmp/c.err" >>"$tmp/c.rss"
  echo "run $i: swift ($ENTRIES) $s ev/s, c-$MODE $c ev/s" >&2
done
echo "swift: $(head -c 300 "$tmp/s.out")"
echo "c:     $(cat "$tmp/c.out")"
s=$(median <"$tmp/s.eps"); c=$(median <"$tmp/c.eps")
sr=$(median <"$tmp/s.rss"); cr=$(median <"$tmp/c.rss")
awk -v V="$V" -v D="$D" -v n="$RUNS" -v m="$MODE" -v e="$ENTRIES" -v s="$s" -v c="$c" -v sr="$sr" -v cr="$cr" 'BEGIN {
  printf "V=%s D=%s runs=%s  median events/s: swift (%s entries) %.2fM, c-%s %.2fM, ratio %.2f\n", V, D, n, e, s / 1e6, m, c / 1e6, s / c
  printf "peak RSS (median): swift %.1f MiB, c-%s %.1f MiB, ratio %.2f\n", sr / 1024, m, cr / 1024, sr / cr
}'
