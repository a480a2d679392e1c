#!/usr/bin/env bash
# An outside check of the proto3 JSON mapping of the models generated from protos: Cloudforet's
# own Python classes (PyPI `spaceone-api`, pinned) and protobuf's `google.protobuf.json_format`
# (what Cloudforet's servers call) write random messages in every spelling a Cloudforet peer
# uses; the generated Rust models decode and re-encode each text; protobuf parses the result
# back strictly and it must equal the original message (scripts/proto_json_differential.py).
#
#   scripts/proto-json-differential.sh     # from anywhere; exits non-zero on any failure
#
# Three runs: the models of spec/cloudforet (the identity v2 Token service this workspace
# generates); tests/fixtures/proto-json/alltypes.proto (every scalar type, presence, maps, the
# well-known types, json_name; protobuf builds its Python classes from the descriptors protox
# compiled); and, when ../shared/corpus/proto is present, the models generated from every file
# of that Cloudforet tree (compiled together; a file whose names clash is left out and said so).
# Each run builds a small driver with `cargo xtask proto-json-driver` under target/proto-json.
#
# Python packages are installed with pip into target/proto-json-venv on first use; without
# python3, venv or PyPI the check is skipped with a message and exit code 0.
# Environment: PROTO_JSON_SEED (default fixed: reproducible), PROTO_JSON_CASES (random messages
# per message type, default 25 for the spec and 12 for the corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

PROTOBUF_VERSION=5.29.5
SPACEONE_API_VERSION=2.0.435
GOOGLEAPIS_COMMON_PROTOS_VERSION=1.70.0
venv="$root/target/proto-json-venv"
work="$root/target/proto-json"
seed="${PROTO_JSON_SEED:-20261130}"
mkdir -p "$work"

skip() {
  echo "proto3 JSON differential: SKIPPED: $*"
  exit 0
}

# --- protobuf and spaceone-api, pinned, in their own venv ---------------------------------
want="protobuf==$PROTOBUF_VERSION spaceone-api==$SPACEONE_API_VERSION googleapis-common-protos==$GOOGLEAPIS_COMMON_PROTOS_VERSION"
if [ "$(cat "$venv/.installed" 2>/dev/null || true)" != "$want" ]; then
  command -v python3 >/dev/null || skip "python3 is not installed"
  echo "==> installing $want into ${venv#"$root"/}"
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >"$work/venv.log" 2>&1; then
    rm -rf "$venv"
    skip "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv); see $work/venv.log"
  fi
  # shellcheck disable=SC2086
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 30 --retries 2 \
    $want >"$work/pip.log" 2>&1; then
    tail -n 5 "$work/pip.log" || true
    rm -rf "$venv"
    skip "pip could not install $want (PyPI unreachable?); see $work/pip.log"
  fi
  echo "$want" >"$venv/.installed"
fi
py="$venv/bin/python"

target_dir=$(cargo metadata --format-version 1 --no-deps |
  "$py" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

# run LABEL CASES PROTO_ROOT FILE...: builds the driver for FILEs and runs the comparison.
run() {
  local label=$1 cases=$2 proto_root=$3
  shift 3
  local out="$work/$label"
  echo "==> $label: cargo xtask proto-json-driver (${#@} proto files)"
  cargo xtask proto-json-driver "$proto_root" "$out" "$@" || return 1
  (cd "$out" && CARGO_TARGET_DIR="$target_dir/proto-json-target" cargo build --quiet) || return 1
  "$py" scripts/proto_json_differential.py "$target_dir/proto-json-target/debug/$(cat "$out/binary-name")" "$out/ir.json" \
    --label "$label" --seed "$seed" --cases "${PROTO_JSON_CASES:-$cases}" \
    --descriptors "$out/descriptors.binpb"
}

status=0
run spec 25 spec/cloudforet spaceone/api/identity/v2/token.proto || status=1
run alltypes 60 tests/fixtures/proto-json alltypes.proto || status=1
corpus="$root/../shared/corpus/proto"
if [ -d "$corpus" ]; then
  mapfile -t files < <(cd "$corpus" && find spaceone -name '*.proto' | LC_ALL=C sort)
  run corpus 12 "$corpus" "${files[@]}" || status=1
else
  echo "proto3 JSON differential: ../shared/corpus/proto is absent: only spec/cloudforet checked"
fi
exit $status
