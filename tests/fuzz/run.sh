#!/bin/sh
# tests/fuzz/run.sh [SECONDS] [TARGET...]: builds the libFuzzer targets with the `fuzz` preset
# (clang-14, ASan + UBSan) and runs each for SECONDS (default 60) on its seed corpus.
# New inputs that grow coverage go to build/fuzz/corpus/<target>/ (not the committed seeds);
# a crash leaves build/fuzz/crash-<target>-* and makes the script exit 1.
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"fuzz_scenario fuzz_python fuzz_template fuzz_urls"}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build/fuzz

cmake --preset fuzz -S "$root" >/dev/null
# shellcheck disable=SC2086 # targets is a word list
cmake --build "$build" --target $targets

status=0
for target in $targets; do
    work=$build/corpus/$target
    mkdir -p "$work"
    echo "== $target: ${seconds}s"
    # -timeout: one input running longer than 10 s is a hang, reported like a crash.
    if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/bin/$target" "$work" "$root/tests/fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=16384 \
        -artifact_prefix="$build/crash-$target-" -print_final_stats=1; then
        echo "== $target: FAILED (see $build/crash-$target-*)"
        status=1
    fi
done
exit $status
