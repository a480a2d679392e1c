#!/usr/bin/env bash
# The crates this repository publishes, checked as crates.io would receive them:
#
#   scripts/package.sh
#
# 1. `cargo package` (with verification) of apigen-runtime and every generated crate under
#    generated/. Each .crate is unpacked under target/package/ and built there on its own,
#    its path dependencies replaced by the version requirement, as after publishing. The
#    dependencies between them (client → models → runtime) are resolved from the crates being
#    packaged: given several packages, cargo puts them in a temporary local registry
#    (target/package/tmp-registry) layered over crates.io, so nothing has to be published
#    first and every .crate is verified against the others' .crate, not against the working
#    tree. Third-party dependencies come from crates.io.
# 2. `cargo doc --no-deps` of the same crates with warnings as errors (docs.rs builds them so).
#
# Cargo treats a registry package as immutable: a `.crate` of the temporary registry is
# unpacked once into $CARGO_HOME/registry/src/<registry hash>/ and built once per target dir,
# keyed by name and version. Packaging changed sources under an unchanged version would then
# verify the old unpacked sources (found after a merge: the verified runtime lacked new
# modules). So the unpacked copies and the build fingerprints of these crates are removed
# first; only they are rebuilt, the third-party dependencies in target/ are reused.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"

names=(apigen-runtime)
for manifest in generated/*/Cargo.toml; do
  names+=("$(basename "$(dirname "$manifest")")")
done
packages=()
for name in "${names[@]}"; do
  packages+=(-p "$name")
  rm -rf "$target"/debug/.fingerprint/"$name"-*
  for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
    case "$dir" in */index.crates.io-*/) continue ;; esac
    rm -rf "$dir$name"-[0-9]*
  done
done
echo "packaging: ${packages[*]}"
cargo package --quiet "${packages[@]}"
ls -1 "$target"/package/*.crate
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --all-features "${packages[@]}"
echo "packaged and documented $(( ${#packages[@]} / 2 )) crates"
