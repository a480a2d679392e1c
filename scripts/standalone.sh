#!/usr/bin/env bash
# A generated crate builds outside this repository:
#
#   scripts/standalone.sh [CRATE…]     # default: ionos-auth-client ionos-auth-server
#
# Copies the crate and its models sibling out of generated/ into a temporary directory
# (outside any workspace), with apigen-runtime as `cargo package` writes it (no workspace
# inheritance: what crates.io serves) at the relative path the generated manifests name
# (../../crates/runtime), and builds each with cargo there on its own. The build reuses
# target/ for speed (same dependency versions, via a copy of Cargo.lock, so the
# dependencies built by the workspace and by `cargo package` are reused).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
crates=("$@")
[ ${#crates[@]} -gt 0 ] || crates=(ionos-auth-client ionos-auth-server)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo package --quiet --no-verify -p apigen-runtime
mkdir -p "$tmp/crates/runtime" "$tmp/generated"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' crates/runtime/Cargo.toml | head -1)
tar -xzf "${CARGO_TARGET_DIR:-$root/target}/package/apigen-runtime-$version.crate" -C "$tmp/crates/runtime" --strip-components=1

for krate in "${crates[@]}"; do
  [ -f "generated/$krate/Cargo.toml" ] || { echo "generated/$krate: no such crate"; exit 1; }
  models=$(sed -n 's/^\([a-z0-9_-]*-models\) = { version.*/\1/p' "generated/$krate/Cargo.toml")
  for c in "$krate" $models; do
    [ -d "$tmp/generated/$c" ] || cp -r "generated/$c" "$tmp/generated/$c"
  done
done
if grep -rn "workspace" "$tmp"/generated/*/Cargo.toml "$tmp/crates/runtime/Cargo.toml"; then
  echo "a copied manifest still refers to a workspace"; exit 1
fi
for krate in "${crates[@]}"; do
  echo "==> building $krate alone in $tmp/generated/$krate"
  cp Cargo.lock "$tmp/generated/$krate/Cargo.lock"
  (cd "$tmp/generated/$krate" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" cargo build --quiet)
done
echo "built ${crates[*]} outside the repository"
