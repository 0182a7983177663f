#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/Package.swift, with the fuzzer and address sanitizers) and
# runs each for a bounded time from its seed corpus (fuzz/corpus/<target>, copied to a temporary
# directory so that a run never writes into the repository).
#
#   fuzz/run.sh [seconds-per-target] [target ...]     default: 30 s, every target
#
# Prints per target the executions libFuzzer ran (stat::number_of_executed_units). Exits non-zero
# when a build fails or a target crashes, traps, leaks, runs out of memory or times out; the input
# that did it is kept (its path is printed) under $FUZZ_ARTIFACTS (default: a directory in
# ${TMPDIR:-/tmp}). Reproduce with: fuzz/.build/debug/fuzz-<target> <that file>.
# FUZZ_NO_BUILD=1 skips the build (the binaries must exist).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

seconds="${1:-30}"
shift || true
all=(scenario config query input)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# Longest input per target. Scenarios: 8 kB keeps Demo/briefing.yaml whole and cuts the 18 kB
# default scenario (a prefix of it is still a scenario; the whole of it is a unit test), because a
# large input is slow under the sanitizers. Configurations: 16 kB keeps the default world whole.
# Filters: a little more than the 1000 characters accepted. Terminal input: a few batches.
max_len() {
    case "$1" in
        scenario) echo 8192 ;;
        config) echo 16384 ;;
        query) echo 2048 ;;
        input) echo 512 ;;
        *) echo "fuzz/run.sh: unknown target '$1' (targets: ${all[*]})" >&2; exit 2 ;;
    esac
}
for t in "${targets[@]}"; do max_len "$t" >/dev/null; done

# Keys and syntax to splice in (fuzz/dict): the scenario's for both scenario targets.
dict_for() {
    case "$1" in
        scenario | config) echo dict/scenario.dict ;;
        query) echo dict/query.dict ;;
        *) echo "" ;;
    esac
}

work="$(mktemp -d "${TMPDIR:-/tmp}/fleetwatch-fuzz.XXXXXX")"
artifacts="${FUZZ_ARTIFACTS:-$work/artifacts}"
mkdir -p "$artifacts"
# Keep the artifacts (and the logs) when something failed; remove the rest.
status=0
cleanup() { [ "$status" -ne 0 ] || rm -rf "$work"; }
trap cleanup EXIT

# SwiftPM's --sanitize flags set up the C targets (Yams' libyaml) and the link; swiftc keeps only
# the last -sanitize= it is given, so the Swift code gets both in one flag, last.
build_flags=(--sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address)
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    echo "fuzz: building (debug, -sanitize=fuzzer,address)"
    start=$(date +%s)
    # gold warns about every ASan helper it cannot export; the log keeps them, the screen does not.
    if ! swift build -c debug "${build_flags[@]}" >"$work/build.log" 2>&1; then
        grep -v "Cannot export local symbol" "$work/build.log" | tail -60
        echo "fuzz: the build failed (log: $work/build.log)"
        status=1
        exit 1
    fi
    # Blind fuzzing would pass quietly: make sure the Swift code has coverage counters.
    # (grep -c reads to the end: with -q, objdump could die of SIGPIPE and fail the pipeline.)
    if ! objdump -h .build/debug/Scenario.build/YAMLLoader.swift.o | grep -c __sancov_cntrs >/dev/null; then
        echo "fuzz: the Swift code was built without coverage instrumentation; check the flags"
        status=1
        exit 1
    fi
    echo "fuzz: built in $(( $(date +%s) - start )) s"
fi

# Swift's backtracer must not wait for a key; ASan reports and aborts, libFuzzer keeps the input.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"

summary=()
for t in "${targets[@]}"; do
    corpus="$work/corpus-$t"
    mkdir -p "$corpus"
    cp corpus/"$t"/* "$corpus"/ 2>/dev/null || true
    log="$work/$t.log"
    echo "fuzz: $t for ${seconds} s ($(ls "$corpus" | wc -l | tr -d ' ') seeds)"
    dict=$(dict_for "$t")
    set +e
    ".build/debug/fuzz-$t" "$corpus" ${dict:+-dict="$dict"} \
        -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=25 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$t-" >"$log" 2>&1
    rc=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    units=$(ls "$corpus" | wc -l | tr -d ' ')
    if [ $rc -eq 0 ]; then
        summary+=("$(printf '%-9s %10s executions  corpus %5s  ok' "$t" "${runs:-?}" "$units")")
    else
        status=1
        found=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        grep -E "ERROR: |Fatal error|==[0-9]+==|SUMMARY|deadly signal|Test unit written" "$log" | head -20 || true
        summary+=("$(printf '%-9s %10s executions  corpus %5s  FAILED (exit %s) input: %s log: %s' \
            "$t" "${runs:-?}" "$units" "$rc" "${found:-none}" "$log")")
    fi
done

echo "fuzz: results (${seconds} s each)"
printf '  %s\n' "${summary[@]}"
[ $status -eq 0 ] || echo "fuzz: FAILED; reproduce with fuzz/.build/debug/fuzz-<target> <input>"
exit $status
