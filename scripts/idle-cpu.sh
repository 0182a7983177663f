#!/usr/bin/env bash
# The CPU the live dashboard uses while nobody touches it: each case runs `fleetwatch` in a
# private 120x40 tmux session, waits for its first frame, and reads the process's utime+stime
# (/proc/PID/stat) before and after SECONDS of wall time.
#
#   scripts/idle-cpu.sh [SECONDS [ARGUMENTS...]]
#       SECONDS defaults to 20; with ARGUMENTS, only that case is measured. Builds the debug
#       binary first unless FLEETWATCH names one:
#   FLEETWATCH=.build/release/fleetwatch scripts/idle-cpu.sh 10 --speed 100
#   FLEETWATCH=.build/release/fleetwatch scripts/idle-cpu.sh 10 demo --chapter 3
#       ARGUMENTS may start with `demo`: the presenter's screen, from its first frame (its footer's
#       chapter keys); a trailing `--pause` presses space after the first frame.
#
# Prints one line per case: the arguments, CPU seconds used, and the percentage of one core.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
if [ -z "${FLEETWATCH:-}" ]; then
    swift build --product fleetwatch >/dev/null
    FLEETWATCH=.build/debug/fleetwatch
fi
binary=$(realpath "$FLEETWATCH")
ticks=$(getconf CLK_TCK)

measure() {
    local pause=""
    if [ "${!#}" = "--pause" ]; then pause=1; set -- "${@:1:$#-1}"; fi
    local ready='^↑↓ move'
    [ "${1:-}" = demo ] && ready='^→ n next chapter'
    local socket="fw-idle-$$-$RANDOM"
    tmux -L "$socket" -f /dev/null new-session -d -x 120 -y 40 \
        "env --default-signal SWIFT_BACKTRACE=interactive=no '$binary' $*; sleep 5"
    trap 'tmux -L "$socket" kill-server 2>/dev/null || true' RETURN
    local pid="" n=0
    # The first frame: the footer's key hints (building 100,000 cars takes a while).
    until tmux -L "$socket" capture-pane -p | grep -q "$ready"; do
        n=$((n + 1)); [ $n -lt 1200 ] || { echo "no first frame for: $*" >&2; return 1; }; sleep 0.1
    done
    pid=$(pgrep -P "$(tmux -L "$socket" display-message -p '#{pane_pid}')")
    if [ -n "$pause" ]; then tmux -L "$socket" send-keys ' '; sleep 0.5; fi
    local before after
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep "$seconds"
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    awk -v a="$*${pause:+ (paused)}" -v t=$((after - before)) -v hz="$ticks" -v s="$seconds" \
        'BEGIN { printf "%-44s %6.2f s CPU in %d s = %5.1f %% of one core\n", "fleetwatch " a, t / hz, s, 100 * t / hz / s }'
    tmux -L "$socket" send-keys q
}

echo "$binary, ${seconds} s each, 120x40"
if [ $# -gt 1 ]; then
    shift
    measure "$@"
    exit
fi
measure --at 10m                                  # the default dashboard at 1x
measure --at 10m --paused                         # paused: nothing changes
measure --vehicles 100000 --fps 10 --at 10m       # a large fleet at 10 frames per second
measure demo                                      # the presenter's screen, playing chapter 1
measure demo --pause                              # the presenter paused mid-chapter
