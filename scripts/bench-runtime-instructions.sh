#!/usr/bin/env bash
# Instructions per request of the runtime benchmark's stacks, counted by valgrind (callgrind):
# deterministic, unlike timings on a shared machine. User-space instructions of the whole
# process (client, server, the mock's handler logic, hyper, tokio); the kernel is not counted.
#
#   scripts/bench-runtime-instructions.sh [STACK...]   # default: generated baseline
#
# Each stack runs the load loop of `benches/runtime.rs` alone (APIGEN_BENCH_ONLY), one round,
# twice: with 100 and with 400 cycles per phase. The difference is 2 × 300 cycles of 4
# requests, so start-up and warm-up cancel out. Takes a few minutes. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
stacks=("$@")
[ ${#stacks[@]} -gt 0 ] || stacks=(generated baseline)

bin=$(cargo bench -p apigen-bench --bench runtime --no-run --message-format=json 2>/dev/null \
    | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
[ -x "$bin" ] || { echo "cannot find the runtime benchmark executable" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # stack cycles -> instructions
    APIGEN_BENCH_MIXED=1 APIGEN_BENCH_ONLY="$1" APIGEN_BENCH_ROUNDS=1 APIGEN_BENCH_CYCLES="$2" \
        valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" --log-file="$out/log.%p" \
        "$bin" --bench no-criterion-benchmark >/dev/null 2>&1
    # The largest count is the benchmark process (criterion may start helper processes).
    grep -ho 'Collected : [0-9]*' "$out"/log.* | awk '{print $3}' | sort -n | tail -1
    rm -f "$out"/log.* "$out"/cg.*
}

declare -A per
for s in "${stacks[@]}"; do
    small=$(count "$s" 100)
    large=$(count "$s" 400)
    per[$s]=$(( (large - small) / 2400 ))
    echo "$s: ${per[$s]} instructions per request"
done
if [ -n "${per[baseline]:-}" ]; then
    for s in "${stacks[@]}"; do
        [ "$s" = baseline ] && continue
        awk -v a="${per[$s]}" -v b="${per[baseline]}" -v s="$s" \
            'BEGIN { printf "%s / baseline: %.3f\n", s, a / b }'
    done
fi
