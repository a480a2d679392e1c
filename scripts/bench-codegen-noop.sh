#!/usr/bin/env bash
# The whole `cargo xtask codegen` process on an up-to-date tree (the no-op case): how long it
# takes, and a check that it rewrites nothing (paths, sizes and modification times of every
# file under generated/ and codegen.lock are compared before and after).
#
#   scripts/bench-codegen-noop.sh            # RUNS=20 by default
#
# Times three commands: `cargo xtask codegen` as users run it (cargo's own start-up and
# freshness check included), and the debug and release xtask binaries directly. Uses
# hyperfine when installed (`apt-get install hyperfine`), a plain loop otherwise.
# See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-20}"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac

cargo build --quiet -p xtask
cargo build --quiet --release -p xtask
# Up to date first (fails, listing stale files, otherwise).
cargo xtask codegen --check >/dev/null

snapshot() { find generated codegen.lock -type f -printf '%p %s %T@\n' | sort; }
before="$(snapshot)"

commands=("cargo xtask codegen" "$target/debug/xtask codegen" "$target/release/xtask codegen")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine >/dev/null; then
    json="$target/bench-codegen-noop.json"
    hyperfine --warmup 2 --runs "$runs" --shell=none --export-json "$json" "${commands[@]}"
    if command -v python3 >/dev/null; then
        python3 - "$json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"median {r['median'] * 1e3:7.1f} ms  min {r['min'] * 1e3:7.1f} ms  {r['command']}")
PY
    fi
else
    for cmd in "${commands[@]}"; do
        $cmd >/dev/null 2>&1
        times=()
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            $cmd >/dev/null
            times+=($(( ($(date +%s%N) - start) / 1000 )))
        done
        sorted=($(printf '%s\n' "${times[@]}" | sort -n))
        median=${sorted[$(( runs / 2 ))]}
        echo "median $(( median / 1000 )).$(( median % 1000 / 100 )) ms  min $(( sorted[0] / 1000 )) ms  $cmd"
    done
fi

after="$(snapshot)"
if [ "$before" != "$after" ]; then
    echo "error: the no-op codegen rewrote files:" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
fi
echo "nothing rewritten ($(echo "$before" | wc -l) files under generated/ and codegen.lock unchanged)"
