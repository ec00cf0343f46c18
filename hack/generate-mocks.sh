#!/usr/bin/env bash
# Regenerates the go.uber.org/mock mocks: every `//go:generate ${MOCKGEN} ...` directive in the provider's code.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${MOCKGEN:?}"
export MOCKGEN
mapfile -t pkgs < <(grep -rl --include='*.go' '^//go:generate \${MOCKGEN}' api exp cloud controllers webhooks internal 2>/dev/null | xargs -r -n1 dirname | sort -u)
for p in "${pkgs[@]}"; do
  go generate "./$p"
done
