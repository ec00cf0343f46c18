#!/usr/bin/env bash
# Regenerates the go.uber.org/mock mocks: every `//go:generate ${MOCKGEN} ...` directive in the provider's code.
#
# mockgen type-checks each package with the OCI SDK behind it, some seconds per package. A package's mocks depend
# only on its own non-test sources, its go:generate line, the module's dependencies (go.sum) and mockgen itself;
# their output for the same inputs is kept in the cache outside the clone (CAPOCI_CACHE_DIR, as envtest's), and a
# package whose inputs were generated before gets that output copied in instead of running mockgen. The output is
# still written to the tree, so `make verify` still finds a committed mock that differs from it.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${MOCKGEN:?}"
export MOCKGEN
cache=${CAPOCI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cluster-api-provider-oci}/mocks
mapfile -t pkgs < <(grep -rl --include='*.go' '^//go:generate \${MOCKGEN}' api exp cloud controllers webhooks internal 2>/dev/null | xargs -r -n1 dirname | sort -u)
tool=$(sha256sum "$MOCKGEN" | cut -c1-16)
for p in "${pkgs[@]}"; do
  key=$( { echo "$tool"; cat go.sum; find "$p" -maxdepth 1 -name '*.go' ! -name '*_test.go' | sort | xargs cat; } | sha256sum | cut -c1-32)
  if [[ -d "$cache/$key" ]]; then
    cp -R "$cache/$key/." "$p/"
    continue
  fi
  go generate "./$p"
  mkdir -p "$cache/$key.tmp"
  mapfile -t outs < <(find "$p" -mindepth 1 -maxdepth 1 -type d -name 'mock_*')
  if ((${#outs[@]} > 0)); then
    cp -R "${outs[@]}" "$cache/$key.tmp/"
  fi
  rm -rf "$cache/$key" && mv "$cache/$key.tmp" "$cache/$key"
done
