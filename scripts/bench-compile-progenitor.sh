#!/usr/bin/env bash
# Compile time of the crates apigen generates for one spec against the crate cargo-progenitor
# generates for the same spec, built in one run (issue 16). Default spec: Cloud API v6 of the
# shared corpus (../shared/corpus, or $APIGEN_CORPUS); skipped, saying so, when absent, and when
# cargo-progenitor cannot be installed from crates.io (into $CARGO_TARGET_DIR/tools).
#
#   scripts/bench-compile-progenitor.sh [SPEC]          # RUNS=3 rounds by default
#
# The crates go into a scratch workspace ($CARGO_TARGET_DIR/bench-compile, deleted afterwards)
# that builds into the usual target directory, starting from this workspace's Cargo.lock so both
# sides use the same dependency versions. Dependencies are built first (not timed); then each
# round, in turn: our models + client (both cleaned with `cargo clean -p`, then
# `cargo build -p CLIENT`), our server (cleaned, models kept) and progenitor's crate (cleaned).
# Debug profile (PROFILE=release for release). The table shows medians of wall and CPU time
# (user + system of cargo and rustc; the figure to compare on a busy machine).
# Both generators read the same input: the spec as cargo-progenitor accepts it, written by
# scripts/lib/progenitor_compat.py (three mechanical edits, printed; Cloud API v6 needs all
# three). Without python3 + PyYAML the spec is used as it is (and progenitor may fail on it).
# A full run takes several minutes on 2 cores. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${RUNS:-3}"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
export CARGO_TARGET_DIR="$target"
corpus="${APIGEN_CORPUS:-$root/../shared/corpus}"
spec="${1:-$corpus/openapi/ionos-cloudapi-v6.yaml}"
profile_flag=()
[ "${PROFILE:-dev}" = release ] && profile_flag=(--release)
[ -f "$spec" ] || { echo "skipped: $spec is absent"; exit 0; }
. "$root/scripts/lib/progenitor.sh"

name="$(basename "$spec")"
name="bench-${name%.*}"
scratch="$target/bench-compile"
rm -rf "$scratch"
mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT
models="$(basename "$spec")"
models="${models%.*}"
if python3 -c 'import yaml' 2>/dev/null; then
    mkdir -p "$scratch/spec"
    python3 "$root/scripts/lib/progenitor_compat.py" "$spec" "$scratch/spec/$models.yaml"
    spec="$scratch/spec/$models.yaml"
else
    echo "python3 with PyYAML not found: the spec goes to both generators unedited"
fi
"$xtask" generate-file "$spec" "$scratch"
members=("$models-models" "$models-client" "$models-server")
labels=(ours-models+client ours-server)
if "$progenitor" progenitor -i "$spec" -o "$scratch/$name-progenitor" -n "$name-progenitor" \
    -v 0.1.0 >"$scratch/progenitor.log" 2>&1; then
    members+=("$name-progenitor")
    labels+=(progenitor)
else
    echo "cargo-progenitor cannot generate $spec (measuring apigen's crates only):"
    grep -v '^ ' "$scratch/progenitor.log" | head -3
fi
{
    echo "[workspace]"
    echo "resolver = \"2\""
    printf 'members = ['
    printf '"%s", ' "${members[@]}"
    echo ']'
} >"$scratch/Cargo.toml"
cp Cargo.lock "$scratch/Cargo.lock"
cd "$scratch"
echo "building dependencies (not timed)…"
# One package at a time, as the timed builds run: cargo resolves features for the packages
# selected, so a `--workspace` build would leave dependencies to rebuild in the timed runs.
for member in "$models-client" "$models-server" "${members[@]:3}"; do
    cargo build --quiet "${profile_flag[@]}" -p "$member" 2>&1 | grep -v '^warning' | tail -5 || true
done

: >times
timed() {
    local label="$1"
    shift
    /usr/bin/time -o one -f "%e %U %S" cargo build --quiet "${profile_flag[@]}" "$@" 2>/dev/null
    awk -v l="$label" '{ printf "%s %s %.2f\n", l, $1, $2 + $3 }' one >>times
}
for _ in $(seq "$runs"); do
    cargo clean --quiet "${profile_flag[@]}" -p "$models-models" -p "$models-client"
    timed ours-models+client -p "$models-client"
    cargo clean --quiet "${profile_flag[@]}" -p "$models-server"
    timed ours-server -p "$models-server"
    if [ "${#labels[@]}" = 3 ]; then
        cargo clean --quiet "${profile_flag[@]}" -p "$name-progenitor"
        timed progenitor -p "$name-progenitor"
    fi
done
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
lines() { find "$@" -name '*.rs' -exec cat {} + | wc -l; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); ${PROFILE:-dev} profile; medians of $runs"
printf '%-20s %8s %8s %8s\n' crate wall_s cpu_s lines
for label in "${labels[@]}"; do
    case "$label" in
        ours-models+client) n="$(lines "$models-models" "$models-client")" ;;
        ours-server) n="$(lines "$models-server")" ;;
        progenitor) n="$(lines "$name-progenitor")" ;;
    esac
    printf '%-20s %8s %8s %8s\n' "$label" \
        "$(awk -v l="$label" '$1 == l { print $2 }' times | median)" \
        "$(awk -v l="$label" '$1 == l { print $3 }' times | median)" "$n"
done
