#!/usr/bin/env bash
# Generates the deepcopy functions and the CRDs of the API packages (api/..., exp/api/...).
# Usage: hack/generate-api.sh   (CONTROLLER_GEN overrides the controller-gen binary)
set -euo pipefail
cd "$(dirname "$0")/.."
CONTROLLER_GEN=${CONTROLLER_GEN:-hack/tools/bin/controller-gen-v0.21.0}

"$CONTROLLER_GEN" object:headerFile=hack/boilerplate.go.txt paths=./api/... paths=./exp/api/...
"$CONTROLLER_GEN" crd:crdVersions=v1 paths=./api/... paths=./exp/api/... output:crd:dir=config/crd/bases
