#!/usr/bin/env bash
# The README's test command (make check): lint, verify and every test of the provider's module with statement
# coverage, while the end-to-end module (test/e2e) runs beside them: it mostly waits on Cluster API's and the
# emulator's timers, so running it alongside keeps the whole under CI's budget. Its results are shown after the
# provider's, and the last line counts both; any failure exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${KUBEBUILDER_ASSETS:?KUBEBUILDER_ASSETS must name the envtest binaries (make check sets it)}"
: "${CLUSTERCTL:?CLUSTERCTL must name the pinned clusterctl (make check sets it)}"
summary=hack/tools/bin/testsummary
go build -o "$summary" ./hack/testsummary

e2e_json=$(mktemp)
e2e_log=$(mktemp)
rm -f e2e-report.txt
(cd test/e2e && E2E_REPORT="$PWD/../../e2e-report.txt" go test -json -count=1 -timeout=45m ./... ${E2E_ARGS:-} >"$e2e_json" 2>"$e2e_log") &
e2e_pid=$!
trap 'kill "$e2e_pid" 2>/dev/null || true' EXIT

status=0
make lint || status=1
make verify || status=1
E2E_SEPARATE=1 hack/test-cover.sh || status=1

echo "End-to-end module (test/e2e), run alongside:"
e2e_status=0
wait "$e2e_pid" || e2e_status=$?
trap - EXIT
cat "$e2e_log" >&2
"$summary" stream test-events-e2e.json <"$e2e_json" || true
[[ -f e2e-report.txt ]] && cat e2e-report.txt
rm -f "$e2e_json" "$e2e_log"
[[ $e2e_status -ne 0 ]] && status=1

# The last line is the test result, counted from both modules' events.
cat test-events-e2e.json >>test-events.json
"$summary" count test-events.json || status=1
exit "$status"
