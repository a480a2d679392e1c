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
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(-p apigen-runtime)
for manifest in generated/*/Cargo.toml; do
  packages+=(-p "$(basename "$(dirname "$manifest")")")
done
echo "packaging: ${packages[*]}"
cargo package --quiet "${packages[@]}"
ls -1 target/package/*.crate
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --all-features "${packages[@]}"
echo "packaged and documented $(( ${#packages[@]} / 2 )) crates"
