#!/usr/bin/env bash
# An outside check of the generated servers against their specs: Schemathesis (a spec-driven API
# tester nobody here wrote, https://schemathesis.readthedocs.io) generates requests from
# spec/ionos/auth-v1.yaml, sends them to the reference server (crates/ionos-auth-mock on the
# generated ionos-auth-server stub) and checks every answer against the spec: status codes,
# content types, headers and bodies documented, schema-valid input accepted, invalid input and
# missing or wrong credentials refused, unsupported methods answered with 405 and `Allow`,
# deleted tokens gone.
#
#   scripts/schemathesis.sh        # from anywhere; exits non-zero when a check fails
#
# Four runs, each against a fresh mock on 127.0.0.1 (an ephemeral port; loopback only):
#   basic           every operation, Basic credentials of the demo user (one contract)
#   bearer          the GET operations, with a token the demo user got from /tokens/generate
#   multi-contract  every operation, the demo user with two contracts (one check left out)
#   rate-limited    a mock allowing 20 requests a minute, so most answers are the spec's 429
#   ionos-export    as basic, driven by the document `cargo xtask openapi` writes from the spec
# and two against the Cloudforet identity mock (crates/cloudforet-identity-mock, REST face on the
# generated cloudforet-identity-server stub), driven by the OpenAPI 3.1 document our exporter
# writes from the protos (generated/cloudforet-identity-server/openapi.json):
#   cloudforet          every phase (coverage, fuzzing, stateful issue → grant), all checks but
#                       positive_data_acceptance (see there)
#   cloudforet-examples the valid example requests, all checks
# The first three raise the mock's rate limit so that the generated requests reach the
# operations instead of the limiter.
#
# Schemathesis (pinned below) is installed with pip into target/schemathesis-venv on first
# use; without python3, venv or PyPI the check is skipped with a message and exit code 0.
# Environment: SCHEMATHESIS_MAX_EXAMPLES (test cases per operation and phase, default 50),
# SCHEMATHESIS_SEED (default fixed, so runs are reproducible; any integer explores other
# inputs). Reports (JUnit XML) and logs are left in target/schemathesis/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

SCHEMATHESIS_VERSION=4.32.5
venv="$root/target/schemathesis-venv"
work="$root/target/schemathesis"
spec="$root/spec/ionos/auth-v1.yaml"
cloudforet_spec="$root/generated/cloudforet-identity-server/openapi.json"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-50}"
seed="${SCHEMATHESIS_SEED:-1}"
mkdir -p "$work"

skip() {
  echo "schemathesis: SKIPPED: $*"
  exit 0
}

# --- Schemathesis, pinned, in its own venv -------------------------------------------------
st="$venv/bin/schemathesis"
if [ "$("$st" --version 2>/dev/null || true)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  command -v python3 >/dev/null || skip "python3 is not installed"
  echo "==> installing schemathesis $SCHEMATHESIS_VERSION into ${venv#"$root"/}"
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >"$work/venv.log" 2>&1; then
    rm -rf "$venv"
    skip "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv); see $work/venv.log"
  fi
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 30 --retries 2 \
    "schemathesis==$SCHEMATHESIS_VERSION" >"$work/pip.log" 2>&1; then
    tail -n 5 "$work/pip.log" || true
    rm -rf "$venv"
    skip "pip could not install schemathesis==$SCHEMATHESIS_VERSION (PyPI unreachable?); see $work/pip.log"
  fi
fi
py="$venv/bin/python"

# --- The mock ------------------------------------------------------------------------------
echo "==> cargo build -p ionos-auth-mock"
cargo build --quiet -p ionos-auth-mock
target_dir=$(cargo metadata --format-version 1 --no-deps |
  "$py" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
mock_bin="$target_dir/debug/ionos-auth-mock"

mock_pid=""
stop_mock() {
  if [ -n "$mock_pid" ]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
    mock_pid=""
  fi
}
trap stop_mock EXIT
trap 'exit 130' INT TERM

# Starts a fresh mock (no tokens, own counters) on an ephemeral loopback port with the given
# extra arguments; sets $base_url from the address it prints.
start_mock() {
  stop_mock
  local log="$work/mock.log"
  "$mock_bin" --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  mock_pid=$!
  wait_for_url "$log" 'IONOS Auth API mock listening on' "the mock"
}

# wait_for_url LOG PREFIX WHAT: waits (up to 10 s) until the mock started last writes
# "PREFIX http://127.0.0.1:PORT" to LOG and sets $base_url to that URL; shows LOG and fails
# the script when the mock exits or stays silent.
wait_for_url() {
  local log=$1 prefix=$2 what=$3
  base_url=""
  for _ in $(seq 1 100); do
    base_url=$(sed -n "s|^${prefix} \\(http://127\\.0\\.0\\.1:[0-9]*\\)\$|\\1|p" "$log")
    [ -n "$base_url" ] && return 0
    kill -0 "$mock_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log"
  echo "schemathesis: $what did not start"
  exit 1
}

# --- The runs ------------------------------------------------------------------------------
failed=()
summaries=()

# run NAME EXAMPLES SCHEMATHESIS-ARGS…: runs Schemathesis with all checks against $base_url,
# at most EXAMPLES test cases per operation and phase.
run() {
  local name=$1 examples=$2
  shift 2
  echo
  echo "==> schemathesis run ($name): $base_url, seed $seed, at most $examples examples per operation"
  local out="$work/$name.txt" status=0
  # Run inside target/ so Schemathesis' own files stay out of the work tree.
  (cd "$work" && "$st" run "${run_spec:-$spec}" \
    --url "$base_url" \
    --checks all \
    --max-examples "$examples" \
    --seed "$seed" \
    --generation-database none \
    --no-color \
    --report junit --report-junit-path "$work/$name.junit.xml" \
    "$@") >"$out" 2>&1 || status=$?
  # The failures (if any), the warnings and the summary; the whole output is in $out.
  awk '/^=+ (FAILURES|WARNINGS|SUMMARY) =+$/ { p = 1 } p && n++ < 400' "$out"
  if ! grep -qE '^=+ SUMMARY =+$' "$out"; then
    tail -n 40 "$out"
  fi
  local cases
  cases=$(grep -m1 -A1 '^Test cases:' "$out" | tail -n1 | sed 's/^ *//')
  summaries+=("$name: ${cases:-no summary (see $out)}; exit $status")
  if [ "$status" -ne 0 ]; then
    failed+=("$name")
  fi
}

# Every operation with the demo user's Basic credentials (the mock's default user).
start_mock --rate-limit 1000000
run basic "$max_examples" --auth demo:demo-password

# Token Authentication. The DELETE operations are left out here: with CURRENT or ALL, or the
# first id GET /tokens lists, they delete the very token this run authenticates with, and the
# rest of the run would only see 401. The basic run and tests/tests/e2e_ionos.rs cover them.
start_mock --rate-limit 1000000
token=$("$py" - "$base_url" <<'EOF'
import base64, json, sys, urllib.request
request = urllib.request.Request(
    sys.argv[1] + "/tokens/generate?ttl=3600",
    headers={"Authorization": "Basic " + base64.b64encode(b"demo:demo-password").decode()},
)
with urllib.request.urlopen(request, timeout=10) as response:
    print(json.load(response)["token"])
EOF
)
run bearer "$max_examples" --header "Authorization: Bearer $token" --exclude-method DELETE

# A user with two contracts, which must name one in X-Contract-Number (the spec: "Users with
# multiple contracts must provide the contract number …; otherwise, an error response is
# returned"): the mock answers 400 CONTRACT_REQUIRED without it. That requirement depends on
# the user and is only written in prose, so Schemathesis' positive_data_acceptance check, which
# expects every schema-valid request (the header is optional in the schema) to be accepted,
# cannot hold for this user: it is left out of this run only. The other checks still apply.
start_mock --rate-limit 1000000 --user demo:demo-password:31415,27182
run multi-contract "$max_examples" --auth demo:demo-password --exclude-checks positive_data_acceptance

# The rate limiter's answers: with 20 requests a minute most requests get 429, which must be as
# documented (status, `Retry-After`, `Error` body).
start_mock --rate-limit 20
run rate-limited 10 --auth demo:demo-password

# The same spec after a trip through the IR: the document `cargo xtask openapi` writes from it
# must describe the same server (Basic credentials, every operation).
cargo xtask openapi spec/ionos/auth-v1.yaml >"$work/ionos-export.json"
start_mock --rate-limit 1000000
run_spec="$work/ionos-export.json"
run ionos-export "$max_examples" --auth demo:demo-password
run_spec=""

stop_mock

# --- The Cloudforet identity mock, driven by our export of its protos ------------------------
echo
echo "==> cargo build -p cloudforet-identity-mock"
cargo build --quiet -p cloudforet-identity-mock
cloudforet_bin="$target_dir/debug/cloudforet-identity-mock"

# Starts the Cloudforet mock (its one user: domain-1 / alice / secret) on ephemeral loopback
# ports; sets $base_url.
start_cloudforet() {
  stop_mock
  local log="$work/cloudforet-mock.log"
  "$cloudforet_bin" --listen 127.0.0.1:0 --grpc-listen 127.0.0.1:0 \
    --user domain-1:alice:secret >"$log" 2>&1 &
  mock_pid=$!
  wait_for_url "$log" '  REST listening on' "the Cloudforet mock"
}

# Both rpcs are `+noauth`: they take credentials and tokens in the body, which random data never
# hits. So a copy of the document under target/ gets a valid example of each request (the
# user's credentials; a refresh token the mock issued) and an OpenAPI link issue → grant (the
# answer's refresh token into the grant request), so that success answers and the stateful
# phase are exercised too. Otherwise the exported document is used as it is.
start_cloudforet
"$py" - "$base_url" "$cloudforet_spec" "$work/cloudforet-openapi.json" <<'EOF'
import json, sys, urllib.request
url, source, target = sys.argv[1:4]

def post(path, body):
    request = urllib.request.Request(
        url + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)

issue = {"credentials": {"user_id": "alice", "password": "secret"}, "auth_type": "LOCAL", "domain_id": "domain-1"}
tokens = post("/identity/v2/token/issue", issue)
grant = {"grant_type": "REFRESH_TOKEN", "token": tokens["refresh_token"], "scope": "DOMAIN", "domain_id": "domain-1"}
doc = json.load(open(source))
for path, body in [("/identity/v2/token/issue", issue), ("/identity/v2/token/grant", grant)]:
    media = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    media["examples"] = {"valid": {"value": body}}
link = dict(grant, token="$response.body#/refresh_token")
doc["paths"]["/identity/v2/token/issue"]["post"]["responses"]["200"]["links"] = {
    "Grant": {"operationId": "grant", "requestBody": link}
}
json.dump(doc, open(target, "w"), indent=2)
EOF
# positive_data_acceptance expects every schema-valid request to be accepted, but the mock
# answers 400 for what the protos only say in prose: LOCAL credentials need `user_id` and
# `password`, and it grants REFRESH_TOKEN only (ERROR_NOT_SUPPORTED_GRANT_TYPE, as Cloudforet).
# It is left out of this run; the examples run applies it to the valid requests.
run_spec="$work/cloudforet-openapi.json"
run cloudforet "$max_examples" --exclude-checks positive_data_acceptance
run cloudforet-examples "$max_examples" --phases examples
run_spec=""

stop_mock
echo
echo "==> schemathesis $SCHEMATHESIS_VERSION against spec/ionos/auth-v1.yaml and the Cloudforet export"
for s in "${summaries[@]}"; do
  echo "  $s"
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "schemathesis: FAILED: ${failed[*]} (outputs in ${work#"$root"/}/)"
  exit 1
fi
echo "schemathesis: all runs passed"
