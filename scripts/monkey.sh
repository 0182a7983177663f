#!/usr/bin/env bash
# The seeded monkey test of the live dashboard, long: `fleetwatch --speed 10000` in tmux under
# random keys, resizes (down to 1x1) and SIGWINCH storms for SECONDS (default 600), with its
# RSS sampled every second (scripts/monkey.py has the details and the memory bound).
#
#   scripts/monkey.sh [SECONDS [SEED]]
#       Builds the release binary first unless FLEETWATCH names one. Prints the RSS at start,
#       middle and end and exits 1 if the dashboard crashed, grew past the bound after warm-up
#       (1.10x the RSS at the end of warm-up + 8 MiB), garbled the screen or the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
seed=${2:-1}
if [ -z "${FLEETWATCH:-}" ]; then
    swift build -c release --product fleetwatch >/dev/null
    FLEETWATCH=.build/release/fleetwatch
fi
exec env --default-signal python3 scripts/monkey.py --binary "$FLEETWATCH" --seconds "$seconds" --seed "$seed"
