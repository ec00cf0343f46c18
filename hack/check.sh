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
began=$(date +%s) times=$(mktemp)
# took NAME: notes how long NAME took since the start, for the timing lines at the end.
took() { echo "$1 $(($(date +%s) - began))" >>"$times"; }

# The suite runs as two processes, each with its own stack, so that its specs (which mostly wait on Cluster API's
# and the emulator's timers) take about half the time: the OKE and clusterctl specs, with the module's other
# packages, and the rest.
split='An OKE cluster|clusterctl, offline'
e2e_json=$(mktemp) e2e_json2=$(mktemp)
e2e_log=$(mktemp) e2e_log2=$(mktemp) e2e_bin=$(mktemp -d)
rm -f e2e-report.txt e2e-report-2.txt
(
  cd test/e2e
  # The module's test binaries are compiled once, before the two processes start: on a cold build cache they
  # would otherwise compile the same packages at the same time. (The manager and Cluster API's controllers,
  # which the suite builds, are built under a lock by whichever process comes first.)
  go test -c -o "$e2e_bin/" ./... >"$e2e_log" 2>&1 || true
  took "e2e-compile"
  others=$(go list ./... | grep -v '/test/e2e$')
  (
    s=0
    E2E_REPORT="$PWD/../../e2e-report.txt" go test -json -count=1 -timeout=45m . -ginkgo.focus "$split" ${E2E_ARGS:-} || s=1
    took "e2e-process-1"
    # shellcheck disable=SC2086 # one argument per package
    go test -json -count=1 -timeout=45m $others || s=1
    took "e2e-other-packages"
    exit $s
  ) >"$e2e_json" 2>>"$e2e_log" &
  first=$!
  (
    s=0
    E2E_REPORT="$PWD/../../e2e-report-2.txt" go test -json -count=1 -timeout=45m . -ginkgo.skip "$split" ${E2E_ARGS:-} || s=1
    took "e2e-process-2"
    exit $s
  ) >"$e2e_json2" 2>"$e2e_log2" &
  second=$!
  trap 'kill "$first" "$second" 2>/dev/null || true' EXIT
  s=0
  wait "$first" || s=1
  wait "$second" || s=1
  trap - EXIT
  exit $s
) &
e2e_pid=$!
trap 'kill "$e2e_pid" 2>/dev/null || true' EXIT

status=0
make lint || status=1
took lint
make verify || status=1
took verify
E2E_SEPARATE=1 hack/test-cover.sh || status=1
took tests

echo "End-to-end module (test/e2e), run alongside:"
e2e_status=0
wait "$e2e_pid" || e2e_status=$?
trap - EXIT
cat "$e2e_log" "$e2e_log2" >&2
cat "$e2e_json" "$e2e_json2" | "$summary" stream test-events-e2e.json || true
for report in e2e-report.txt e2e-report-2.txt; do [[ -f $report ]] && cat "$report"; done
rm -rf "$e2e_json" "$e2e_json2" "$e2e_log" "$e2e_log2" "$e2e_bin"
[[ $e2e_status -ne 0 ]] && status=1
took all
echo "Seconds from the start at which each part ended (lint, verify and tests one after the other; e2e alongside):"
sort -k2 -n "$times" | awk '{ printf "  %-20s %5ds\n", $1, $2 }'
rm -f "$times"

# The last line is the test result, counted from both modules' events.
cat test-events-e2e.json >>test-events.json
"$summary" count test-events.json || status=1
exit "$status"
