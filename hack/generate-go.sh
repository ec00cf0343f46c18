#!/usr/bin/env bash
# Generates deepcopy functions (controller-gen) and conversion functions (conversion-gen) for the API packages.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CONTROLLER_GEN:?}" "${CONVERSION_GEN:?}"

api_dirs=()
for d in api exp/api; do
  [[ -d "$d" ]] && api_dirs+=("paths=./$d/...")
done
[[ ${#api_dirs[@]} -eq 0 ]] && exit 0

"$CONTROLLER_GEN" object:headerFile=hack/boilerplate.go.txt "${api_dirs[@]}"

# Spoke packages declare `+k8s:conversion-gen=<hub package>` in doc.go. Cluster API's core v1beta1 package is a peer:
# its conversion functions (Condition) are used for the Cluster API types our spokes embed, with ours for APIEndpoint
# (api/internal/capiconversion: Cluster API only generates that one, and conversion-gen ignores generated peers).
mapfile -t spokes < <(grep -l '+k8s:conversion-gen=' api/*/doc.go exp/api/*/doc.go 2>/dev/null | xargs -r -n1 dirname)
if [[ ${#spokes[@]} -gt 0 ]]; then
  "$CONVERSION_GEN" --go-header-file=hack/boilerplate.go.txt --output-file=zz_generated.conversion.go \
    --extra-peer-dirs=sigs.k8s.io/cluster-api/api/core/v1beta1,github.com/oracle/cluster-api-provider-oci/api/internal/capiconversion \
    "${spokes[@]/#/./}"
fi
