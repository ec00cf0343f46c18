#!/usr/bin/env bash
# Checks that the tree is current: `verify.sh modules|generate|gofmt`. Prints what is stale and exits 1;
# it never leaves the tree changed by the check itself (a stale file is restored after the comparison).
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(. test/e2e hack/tools/kube hack/tools/etcd hack/tools/clusterctl)

# snapshot prints a checksum line for every tracked or untracked, non-ignored file.
snapshot() {
  git ls-files -z --cached --others --exclude-standard | xargs -0 -r sha256sum 2>/dev/null | sort -k2
}

verify_modules() {
  local failed=0 m tmp
  for m in "${modules[@]}"; do
    tmp=$(mktemp -d)
    cp "$m/go.mod" "$m/go.sum" "$tmp/"
    (cd "$m" && go mod tidy)
    if ! cmp -s "$m/go.mod" "$tmp/go.mod" || ! cmp -s "$m/go.sum" "$tmp/go.sum"; then
      echo "verify: $m/go.mod or go.sum is not tidy; run 'go mod tidy' in $m" >&2
      diff -u "$tmp/go.mod" "$m/go.mod" >&2 || true
      cp "$tmp/go.mod" "$tmp/go.sum" "$m/"
      failed=1
    fi
    rm -rf "$tmp"
  done
  return $failed
}

verify_generate() {
  local before after changed
  before=$(mktemp) after=$(mktemp)
  snapshot >"$before"
  make -s generate >/dev/null
  snapshot >"$after"
  changed=$(diff <(cat "$before") <(cat "$after") | grep -E '^[<>]' | awk '{print $3}' | sort -u || true)
  rm -f "$before" "$after"
  if [[ -n "$changed" ]]; then
    echo "verify: 'make generate' changed these files; they were stale (commit the regenerated files):" >&2
    printf '  %s\n' $changed >&2
    return 1
  fi
}

verify_gofmt() {
  local bad
  bad=$(git ls-files -z --cached --others --exclude-standard -- '*.go' | xargs -0 -r gofmt -l)
  if [[ -n "$bad" ]]; then
    echo "verify: not gofmt-formatted (run gofmt -w):" >&2
    printf '  %s\n' $bad >&2
    return 1
  fi
}

case "${1:-}" in
  modules) verify_modules ;;
  generate) verify_generate ;;
  gofmt) verify_gofmt ;;
  *) echo "usage: $0 modules|generate|gofmt" >&2; exit 2 ;;
esac
