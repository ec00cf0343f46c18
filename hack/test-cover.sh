#!/usr/bin/env bash
# Runs every test of the module with statement coverage of the provider's own code: api, exp, cloud,
# controllers, webhooks and internal, less generated files and mocks. Integration tests count (-coverpkg).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${COVER_OUT:-cover.out}
dirs=(./api/... ./exp/... ./cloud/... ./controllers/... ./webhooks/... ./internal/...)
existing=()
for d in "${dirs[@]}"; do
  [[ -d "${d%/...}" ]] && existing+=("$d")
done
coverpkg=""
if [[ ${#existing[@]} -gt 0 ]]; then
  coverpkg=$(go list "${existing[@]}" 2>/dev/null | grep -v '/mock_' | paste -sd, -)
fi

args=(-count=1 -timeout=30m)
[[ -n "$coverpkg" ]] && args+=(-coverpkg="$coverpkg" -coverprofile="$out.raw")
go test "${args[@]}" ./... ${TEST_ARGS:-}

if [[ -n "$coverpkg" && -f "$out.raw" ]]; then
  # Generated code and mocks do not count.
  grep -vE '(zz_generated\.[a-z_]+\.go|/mock_[a-z_]+/|_mock\.go):' "$out.raw" >"$out"
  rm -f "$out.raw"
  echo "Statement coverage (api, exp, cloud, controllers, webhooks, internal; generated code and mocks excluded):"
  go run ./hack/coversummary "$out"
fi
