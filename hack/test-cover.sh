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

events=${TEST_EVENTS_OUT:-test-events.json}
summary=hack/tools/bin/testsummary
go build -o "$summary" ./hack/testsummary

# The integration tests mostly wait on the emulator's and the API server's timers, not on the CPU: up to
# TEST_PARALLEL (default 6) parallel tests of a package run at once, more than go test's default of one per core.
args=(-json -count=1 -timeout=30m -parallel="${TEST_PARALLEL:-6}")
[[ -n "$coverpkg" ]] && args+=(-coverpkg="$coverpkg" -coverprofile="$out.raw")
# The events go to $events; the terminal shows each package's result and the output of failed tests.
set +e
go test "${args[@]}" ./... ${TEST_ARGS:-} | "$summary" stream "$events"
status=${PIPESTATUS[0]}
set -e

if [[ -n "$coverpkg" && -f "$out.raw" ]]; then
  # Generated code and mocks do not count.
  grep -vE '(zz_generated\.[a-z_]+\.go|/mock_[a-z_]+/|_mock\.go):' "$out.raw" >"$out"
  rm -f "$out.raw"
  echo "Statement coverage (api, exp, cloud, controllers, webhooks, internal; generated code and mocks excluded):"
  go run ./hack/coversummary "$out"
fi

# The end-to-end module (its own go.mod): the whole lifecycle on the emulator and the crash run; hack/check.sh
# runs it alongside instead (E2E_SEPARATE=1).
if [[ -z "${E2E_SEPARATE:-}" ]]; then
  e2e_events=${events%.json}-e2e.json
  echo "End-to-end module (test/e2e):"
  set +e
  (cd test/e2e && E2E_REPORT="$PWD/../../e2e-report.txt" go test -json -count=1 -timeout=45m ./... ${E2E_ARGS:-}) |
    "$summary" stream "$e2e_events"
  e2e_status=${PIPESTATUS[0]}
  set -e
  [[ -f e2e-report.txt ]] && cat e2e-report.txt
  [[ $e2e_status -ne 0 ]] && status=1
  cat "$e2e_events" >>"$events"
fi

# The last line is the test result, counted from the events; any failure exits non-zero.
if [[ -n "${E2E_SEPARATE:-}" ]]; then
  exit "$status"
fi
"$summary" count "$events" || status=1
exit "$status"
