# Sourced by the progenitor bench scripts: installs cargo-progenitor into $target/tools (exits 0,
# saying so, when crates.io is unreachable) and builds the release xtask unless XTASK names one.
# Needs `target` (absolute CARGO_TARGET_DIR); sets `progenitor` and `xtask`.
tools="$target/tools"
progenitor="$tools/bin/cargo-progenitor"
version="0.15.1"
if [ ! -x "$progenitor" ]; then
    if ! cargo install --quiet --locked --root "$tools" cargo-progenitor --version "$version"; then
        echo "skipped: cargo-progenitor $version could not be installed (crates.io unreachable?)"
        exit 0
    fi
fi
# XTASK: an already built release xtask binary (skips the build).
xtask="${XTASK:-}"
if [ -z "$xtask" ]; then
    cargo build --quiet --release -p xtask
    xtask="$target/release/xtask"
fi
