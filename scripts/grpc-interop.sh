#!/usr/bin/env bash
# gRPC interop with a client and a server nobody here wrote: Cloudforet's own Python stubs
# (PyPI spaceone-api: spaceone.api.identity.v2.token_pb2_grpc, with grpcio) against our side.
#
#   1. Python TokenStub → crates/cloudforet-identity-mock (generated tonic server + codec):
#      issue with LOCAL credentials, grant DOMAIN and WORKSPACE, wrong credentials refused.
#   2. generated Rust client (cloudforet-identity-grpc, the mock's `token_client` example) →
#      a Python server on token_pb2_grpc.TokenServicer (scripts/grpc_interop/python_server.py).
#
#   scripts/grpc-interop.sh        # exits non-zero when a check fails
#
# Pinned packages go into target/grpc-interop-venv on first use; without python3, venv or
# PyPI the check is skipped with a message and exit code 0. Loopback only, ephemeral ports.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

PINS=(spaceone-api==2.0.435 grpcio==1.85.3 googleapis-common-protos==1.76.0 protobuf==7.36.2)
venv="$root/target/grpc-interop-venv"
work="$root/target/grpc-interop"
mkdir -p "$work"

skip() {
  echo "grpc-interop: SKIPPED: $*"
  exit 0
}

py="$venv/bin/python"
if ! "$py" -c 'import grpc, spaceone.api.identity.v2.token_pb2_grpc' >/dev/null 2>&1 ||
  [ "$("$venv/bin/pip" freeze 2>/dev/null | grep -ciE '^(spaceone-api==2.0.435|grpcio==1.85.3|googleapis-common-protos==1.76.0|protobuf==7.36.2)$')" != 4 ]; then
  command -v python3 >/dev/null || skip "python3 is not installed"
  echo "==> installing ${PINS[*]} into ${venv#"$root"/}"
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >"$work/venv.log" 2>&1; then
    rm -rf "$venv"
    skip "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv); see $work/venv.log"
  fi
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 30 --retries 2 \
    "${PINS[@]}" >"$work/pip.log" 2>&1; then
    tail -n 5 "$work/pip.log" || true
    rm -rf "$venv"
    skip "pip could not install ${PINS[*]} (PyPI unreachable?); see $work/pip.log"
  fi
fi

echo "==> cargo build -p cloudforet-identity-mock (binary and the token_client example)"
cargo build --quiet -p cloudforet-identity-mock --bin cloudforet-identity-mock --example token_client
target_dir=$(cargo metadata --format-version 1 --no-deps |
  "$py" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until $1 (a log file) holds a line matching $2 and prints the first match.
wait_for() {
  for _ in $(seq 1 100); do
    if line=$(grep -m1 -E "$2" "$1"); then
      echo "$line"
      return 0
    fi
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1:" >&2
  cat "$1" >&2
  return 1
}

echo "==> 1. Python TokenStub (spaceone-api) -> cloudforet-identity-mock"
"$target_dir/debug/cloudforet-identity-mock" --listen 127.0.0.1:0 --grpc-listen 127.0.0.1:0 \
  --user domain-1:alice:secret >"$work/mock.log" 2>&1 &
pids+=($!)
grpc_addr=$(wait_for "$work/mock.log" 'gRPC listening on' | sed -E 's#.*http://##')
"$py" scripts/grpc_interop/python_client.py "$grpc_addr" domain-1 alice secret

echo "==> 2. generated Rust gRPC client -> Python server on token_pb2_grpc.TokenServicer"
fifo="$work/server-stdin"
rm -f "$fifo"
mkfifo "$fifo"
"$py" scripts/grpc_interop/python_server.py <"$fifo" >"$work/python-server.log" 2>&1 &
pids+=($!)
exec 3>"$fifo" # keeps the server's stdin open until this script exits
py_addr=$(wait_for "$work/python-server.log" 'listening on' | sed -E 's#listening on ##')
"$target_dir/debug/examples/token_client" "http://$py_addr" domain-1 alice secret
exec 3>&-

echo "grpc-interop: all checks passed"
