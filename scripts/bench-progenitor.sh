#!/usr/bin/env bash
# apigen against cargo-progenitor, as whole processes, on OpenAPI specs both generate: time,
# CPU, peak memory and lines of generated Rust per operation (issue 16).
#
#   scripts/bench-progenitor.sh                  # RUNS=5 rounds by default
#   scripts/bench-progenitor.sh SPEC...          # other specs
#
# cargo-progenitor is installed from crates.io into $CARGO_TARGET_DIR/tools (target/tools) the
# first time; without crates.io the script says so and exits 0. Specs default to the shared
# corpus (../shared/corpus, or $APIGEN_CORPUS) and are skipped, saying so, when absent.
# Each round runs, one after the other: apigen writing models + client (what progenitor
# writes: types and a client), apigen writing models + client + server, and progenitor; the
# table shows medians over rounds of wall time and of CPU time (user + system; the figure to
# compare on a busy machine) and the largest peak RSS. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
runs="${RUNS:-5}"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
corpus="${APIGEN_CORPUS:-$root/../shared/corpus}"
. "$root/scripts/lib/progenitor.sh"

if [ "$#" -gt 0 ]; then
    specs=("$@")
else
    specs=()
    for name in ionos-certmanager ionos-containerregistry ionos-dbaas-postgres ionos-cloudapi-v6; do
        if [ -f "$corpus/openapi/$name.yaml" ]; then
            specs+=("$corpus/openapi/$name.yaml")
        else
            echo "skipped: $corpus/openapi/$name.yaml is absent"
        fi
    done
fi
[ "${#specs[@]}" -gt 0 ] || { echo "skipped: no spec"; exit 0; }

scratch="$target/bench-progenitor"
rm -rf "$scratch"
mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT

# `time_cmd LABEL CMD...`: runs CMD, appends "LABEL wall cpu maxrss_kib" to $scratch/times.
time_cmd() {
    local label="$1"
    shift
    /usr/bin/time -o "$scratch/one" -f "%e %U %S %M" "$@" >"$scratch/out" 2>&1 || {
        echo "$label failed:"
        tail -5 "$scratch/out"
        return 1
    }
    awk -v l="$label" '{ printf "%s %s %.2f %s\n", l, $1, $2 + $3, $4 }' "$scratch/one" >>"$scratch/times"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rust_lines() { find "$@" -name '*.rs' -exec cat {} + | wc -l; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $runs rounds; medians"
printf '%-26s %5s | %-18s %7s %7s %6s %7s %9s\n' spec ops generator wall_s cpu_s MB lines lines/op
for spec in "${specs[@]}"; do
    name="$(basename "$spec" .yaml)"
    name="${name%.json}"
    : >"$scratch/times"
    ok=1
    for _ in $(seq "$runs"); do
        rm -rf "$scratch/ours" "$scratch/all" "$scratch/prog"
        time_cmd ours-models+client "$xtask" generate-file "$spec" "$scratch/ours" --crates models,client || ok=0
        time_cmd ours-all-3-crates "$xtask" generate-file "$spec" "$scratch/all" || ok=0
        time_cmd progenitor "$progenitor" progenitor -i "$spec" -o "$scratch/prog" -n "$name" -v 0.1.0 \
            || ok=0
    done
    ops="$("$xtask" generate-file "$spec" "$scratch/count" --crates models | awk '{ print $1 }')"
    for gen in ours-models+client ours-all-3-crates progenitor; do
        case "$gen" in
            ours-models+client) lines="$(rust_lines "$scratch/ours")" ;;
            ours-all-3-crates) lines="$(rust_lines "$scratch/all")" ;;
            progenitor) lines="$( [ -d "$scratch/prog" ] && rust_lines "$scratch/prog" || echo 0)" ;;
        esac
        wall="$(awk -v g="$gen" '$1 == g { print $2 }' "$scratch/times" | median)"
        cpu="$(awk -v g="$gen" '$1 == g { print $3 }' "$scratch/times" | median)"
        rss="$(awk -v g="$gen" '$1 == g { print $4 }' "$scratch/times" | sort -g | tail -1)"
        printf '%-26s %5s | %-18s %7s %7s %6s %7s %9.1f\n' "$name" "$ops" "$gen" "${wall:-?}" \
            "${cpu:-?}" "$(( ${rss:-0} / 1024 ))" "$lines" "$(echo "$lines $ops" | awk '{ print $2 ? $1 / $2 : 0 }')"
    done
    [ "$ok" = 1 ] || echo "  (some runs of $name failed; see above)"
done
