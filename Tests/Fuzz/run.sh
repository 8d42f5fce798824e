#!/usr/bin/env bash
# Fuzzes Crossroads' parsers and importers with libFuzzer, then presses a million
# seeded random keys against the browser; fails if anything crashes.
#
#   bash Tests/Fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS (default 20) is each fuzz target's time. Targets: edtf atlas-yaml csv
# un-missions geo-pko unsc-vetoes ucdp-ged acled gdelt1 un-contributions (default: all); naming
# targets skips the key run. CROSSROADS_KEYS=N changes the key count (0 skips it).
# The fuzzers start from seed 1 (CROSSROADS_FUZZ_SEED; 0 draws a new one each run),
# so CI tries the same inputs each time and a red run is a change's doing; explore
# with another seed and longer runs.
# A crash leaves its input in .build-fuzz/crashes/TARGET/; replay it with the plain
# build: swift run crossroads-fuzz TARGET FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH=/opt/swift/usr/bin:$PATH
fi

seconds=${1:-20}
shift || true
all_targets=(edtf atlas-yaml csv un-missions geo-pko unsc-vetoes ucdp-ged acled gdelt1 un-contributions)
keys=${CROSSROADS_KEYS:-1000000}
fuzz_seed=${CROSSROADS_FUZZ_SEED:-1}
if [ $# -gt 0 ]; then targets=("$@"); keys=0; else targets=("${all_targets[@]}"); fi

work=.build-fuzz/work
rm -rf "$work"
mkdir -p "$work" .build-fuzz/crashes
start=$(date +%s)
elapsed() { echo "$(( $(date +%s) - start )) s"; }

# --- builds ------------------------------------------------------------------
# The fuzzer: Atlas and its dependencies instrumented for libFuzzer (coverage,
# comparisons) and AddressSanitizer, libyaml's C as well, in a debug build: it compiles in a third of
# a release build's time and keeps Swift's bounds checks on unsafe buffers (the
# CSV reader reads through them). SwiftPM links an executable's entry point under
# its own name, so libFuzzer's own main cannot be used: its main-less library is
# linked and crossroads-fuzz's main starts it (LLVMFuzzerRunDriver).
swift_bin=$(dirname "$(readlink -f "$(command -v swift)")")
fuzzer_lib=$(ls "$swift_bin"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)
[ -n "$fuzzer_lib" ] || { echo "run.sh: libclang_rt.fuzzer_no_main not found beside $swift_bin" >&2; exit 1; }
build_fuzzer() {
    swift build --scratch-path .build-fuzz -c debug --product crossroads-fuzz \
        -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
        -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -DFUZZING -Xlinker --whole-archive -Xlinker "$fuzzer_lib" -Xlinker --no-whole-archive -Xlinker -lstdc++ \
        2>&1 | grep -v "Cannot export local symbol" || true
}
# The key run: a release build of crossroads-bench (a million keys take minutes
# there and hours in a debug build), built beside the fuzzer on the other core.
build_bench() {
    swift build --scratch-path .build-keys -c release --product crossroads-bench 2>&1 || true
}
if [ "$keys" -gt 0 ]; then
    build_bench > "$work/bench-build.log" &
    bench_build=$!
fi
build_fuzzer > "$work/fuzz-build.log"
fuzzer=.build-fuzz/debug/crossroads-fuzz
[ -x "$fuzzer" ] || { cat "$work/fuzz-build.log"; echo "run.sh: the fuzzer did not build" >&2; exit 1; }
echo "fuzz: built the fuzzer ($(elapsed))"

# --- the million keys, on the other core while the fuzzers run ----------------
if [ "$keys" -gt 0 ]; then
    wait "$bench_build"
    bench=.build-keys/release/crossroads-bench
    [ -x "$bench" ] || { cat "$work/bench-build.log"; echo "run.sh: crossroads-bench did not build" >&2; exit 1; }
    echo "keys: built crossroads-bench ($(elapsed))"
    (
        # Half the keys on the seed atlas, half on a generated 10,000-event atlas;
        # both halves run even when the first fails.
        status=0
        "$bench" keys --count $((keys / 2)) --seed 1 2>/dev/null || status=1
        "$bench" generate --events 10000 --actors 1000 --missions 50 --seed 1 --into "$work/10k.sqlite" > /dev/null 2>&1 || status=1
        "$bench" keys --count $((keys - keys / 2)) --seed 2 --db "$work/10k.sqlite" 2>/dev/null || status=1
        exit $status
    ) > "$work/keys.log" 2>&1 &
    keys_run=$!
fi

# --- seed corpora -------------------------------------------------------------
# Small slices of the real files (../shared/data/real, beside the clone in CI),
# the atlas files and the test fixtures.
real=../shared/data/real
seeds=$work/seeds
for t in "${all_targets[@]}"; do mkdir -p "$seeds/$t"; done
i=0
for d in 2024-03-22 2024-02 2017~ 2013-02/2013-04 2024-05-10/2024-05-11 201X 19XX 2024-21 2023-24 \
         ../2020 2020/.. /2020 2020/ -0044 2024-XX-XX 2024-03-XX 2001? 2004-06~ 2004-06-11% 2000-02-29; do
    printf '%s' "$d" > "$seeds/edtf/$i"; i=$((i + 1))
done
cat Tests/AtlasTests/Fixtures/mini/{sources,actors,missions,events}.yaml > "$seeds/atlas-yaml/mini.yaml"
cp Tests/BrowserModelTests/Fixtures/scripts/atlas.yaml "$seeds/atlas-yaml/scripts.yaml"
cp Tests/BrowserModelTests/Fixtures/hostile/atlas.yaml "$seeds/atlas-yaml/hostile.yaml"
for f in Resources/atlas/*.yaml; do head -c 8000 "$f" > "$seeds/atlas-yaml/builtin-$(basename "$f")"; done
slice() { # slice TARGET NAME FILE LINES [FROM]
    [ -f "$3" ] || return 0
    local from=${5:-2}
    sed -n "1p;${from},$((from + $4 - 1))p" "$3" > "$seeds/$1/$2"
}
slice un-missions head $real/un-psdata-missions/DPPADPOSS-PKO.csv 7
slice un-missions active $real/un-psdata-missions/DPPADPOSS-PKO.csv 6 60
slice geo-pko head $real/geo-pko/TCCMap_v.2.3.csv 6
slice geo-pko later $real/geo-pko/TCCMap_v.2.3.csv 6 2000
slice un-contributions head $real/un-pko-contributions/odp_contributionranks_2021-01.csv 8
slice unsc-vetoes head $real/unsc-vetoes/unsc_vetoes_1946_sept2022.csv 8
slice unsc-vetoes later $real/unsc-vetoes/unsc_vetoes_1946_sept2022.csv 8 250
slice ucdp-ged v23 $real/ucdp-ged/ucdpged_23_1_sample1000.csv 4
slice ucdp-ged v19 $real/ucdp-ged/ged191_MMR_BGD.csv 4
cp Tests/ImportTests/Fixtures/acled/*.csv "$seeds/acled/"
slice gdelt1 cols58 $real/gdelt/gdelt1_events_sample_20160728.tsv 3
[ -f $real/gdelt/gdelt1_events_sample_20160728.tsv ] && sed -n '510,512p' $real/gdelt/gdelt1_events_sample_20160728.tsv > "$seeds/gdelt1/cols57"
for t in un-missions geo-pko unsc-vetoes ucdp-ged acled gdelt1 un-contributions; do
    for f in "$seeds/$t"/*; do [ -f "$f" ] && cp "$f" "$seeds/csv/$t-$(basename "$f")"; done
done

# --- fuzzing --------------------------------------------------------------------
failed=()
for t in "${targets[@]}"; do
    case "$t" in edtf) max_len=64 ;; *) max_len=8192 ;; esac
    corpus=.build-fuzz/corpus/$t   # kept between runs: a longer run goes on from it
    mkdir -p "$corpus" ".build-fuzz/crashes/$t"
    log=$work/$t.log
    status=0
    # Swift's own crash backtracer would wait on the sanitizer's; libFuzzer reports.
    SWIFT_BACKTRACE=enable=no CROSSROADS_FUZZ_TARGET=$t ASAN_OPTIONS=detect_leaks=0 \
        "$fuzzer" "$corpus" "$seeds/$t" -max_total_time="$seconds" -seed="$fuzz_seed" -rss_limit_mb=2048 -timeout=10 \
        -max_len=$max_len -artifact_prefix=".build-fuzz/crashes/$t/" -print_final_stats=1 > "$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    if [ $status -ne 0 ]; then
        failed+=("$t")
        echo "fuzz: $t FAILED after ${runs:-?} runs (exit $status); input in .build-fuzz/crashes/$t/"
        grep -E "ERROR|Fatal error|SUMMARY|panicked|Test unit written" "$log" | head -8 | sed 's/^/    /'
    else
        echo "fuzz: $t ok, ${runs:-?} runs in ${seconds} s, ${cov:-cov: ?} ($(elapsed))"
    fi
done

if [ "$keys" -gt 0 ]; then
    status=0
    wait "$keys_run" || status=$?
    sed 's/^/    /' "$work/keys.log"
    if [ $status -ne 0 ]; then failed+=(keys); echo "keys: FAILED"; else echo "keys: ok ($(elapsed))"; fi
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: ${#failed[@]} failed: ${failed[*]}"
    exit 1
fi
echo "fuzz: ${#targets[@]} targets and $keys keys without a crash in $(elapsed)"
