#!/usr/bin/env bash
# Generates CRDs (config/crd/bases), the manager's RBAC role (config/rbac) and the webhook configurations
# (config/webhook) from the markers in the Go sources, and the book's API reference (docs/book/src/reference/api)
# from the CRDs.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CONTROLLER_GEN:?}"

paths=()
for d in api exp controllers webhooks internal cloud; do
  [[ -d "$d" ]] && paths+=("paths=./$d/...")
done

if [[ -d api || -d exp/api ]]; then
  crd_paths=()
  for d in api exp/api; do [[ -d "$d" ]] && crd_paths+=("paths=./$d/..."); done
  "$CONTROLLER_GEN" crd:crdVersions=v1 "${crd_paths[@]}" output:crd:dir=./config/crd/bases
  go run ./hack/crdref/cmd/crdref -crds config/crd/bases -out docs/book/src/reference/api
fi
"$CONTROLLER_GEN" rbac:roleName=manager-role "${paths[@]}" output:rbac:dir=./config/rbac
if [[ -d webhooks ]]; then
  "$CONTROLLER_GEN" webhook paths=./webhooks/... output:webhook:dir=./config/webhook
fi
