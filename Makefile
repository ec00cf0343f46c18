# Makefile for the Cluster API infrastructure provider for Oracle Cloud Infrastructure (CAPOCI).
#
# Tools are pinned below and built on demand into hack/tools/bin (ignored by git), each binary named
# with its version so that a version bump rebuilds it. `make help` lists the targets.

SHELL := /usr/bin/env bash -o errexit -o pipefail -o nounset
# No "Entering/Leaving directory" lines: the test command's last line is the test result.
MAKEFLAGS += --no-print-directory
.DEFAULT_GOAL := help

ROOT_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
TOOLS_DIR := $(ROOT_DIR)/hack/tools
TOOLS_BIN_DIR := $(TOOLS_DIR)/bin
BIN_DIR := $(ROOT_DIR)/bin
OUT_DIR := $(ROOT_DIR)/out
export PATH := $(TOOLS_BIN_DIR):$(PATH)
export GOTOOLCHAIN := local

GO ?= go
GOOS ?= $(shell $(GO) env GOOS)
GOARCH ?= $(shell $(GO) env GOARCH)

# Cache outside the clone: envtest binaries survive a fresh clone on the same machine.
CAPOCI_CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/cluster-api-provider-oci
export CAPOCI_CACHE_DIR

## --------------------------------------
## Versions
## --------------------------------------

CONTROLLER_GEN_VER := v0.21.0
CONVERSION_GEN_VER := v0.36.3
MOCKGEN_VER := v0.6.0
KUSTOMIZE_VER := v5.7.1
GOLANGCI_LINT_VER := v2.15.0
SETUP_ENVTEST_VER := v0.24.1
CLUSTERCTL_VER := v1.14.2
ACTIONLINT_VER := v1.7.12
GOVULNCHECK_VER := v1.9.0

# The Kubernetes and etcd versions of the envtest API server (the Kubernetes 1.36 line).
ENVTEST_K8S_VERSION ?= 1.36.3
ENVTEST_ETCD_VERSION ?= 3.6.14
# ENVTEST_SOURCE=download opts into setup-envtest's download instead of building from the module proxy.
ENVTEST_SOURCE ?= build
export ENVTEST_K8S_VERSION ENVTEST_ETCD_VERSION ENVTEST_SOURCE

CONTROLLER_GEN := $(TOOLS_BIN_DIR)/controller-gen-$(CONTROLLER_GEN_VER)
CONVERSION_GEN := $(TOOLS_BIN_DIR)/conversion-gen-$(CONVERSION_GEN_VER)
MOCKGEN := $(TOOLS_BIN_DIR)/mockgen-$(MOCKGEN_VER)
KUSTOMIZE := $(TOOLS_BIN_DIR)/kustomize-$(KUSTOMIZE_VER)
GOLANGCI_LINT := $(TOOLS_BIN_DIR)/golangci-lint-$(GOLANGCI_LINT_VER)
SETUP_ENVTEST := $(TOOLS_BIN_DIR)/setup-envtest-$(SETUP_ENVTEST_VER)
CLUSTERCTL := $(TOOLS_BIN_DIR)/clusterctl-$(CLUSTERCTL_VER)
ACTIONLINT := $(TOOLS_BIN_DIR)/actionlint-$(ACTIONLINT_VER)
GOVULNCHECK := $(TOOLS_BIN_DIR)/govulncheck-$(GOVULNCHECK_VER)

## --------------------------------------
## Release variables
## --------------------------------------

REGISTRY ?= ghcr.io/oracle
IMAGE_NAME ?= cluster-api-oci-controller
TAG ?= dev
CONTROLLER_IMG ?= $(REGISTRY)/$(IMAGE_NAME)
ALL_ARCH ?= amd64 arm64
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GIT_COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X github.com/oracle/cluster-api-provider-oci/internal/version.gitVersion=$(VERSION) -X github.com/oracle/cluster-api-provider-oci/internal/version.gitCommit=$(GIT_COMMIT)

##@ Help

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make \033[36m<target>\033[0m\n"} /^[a-zA-Z0-9_-]+:.*?##/ { printf "  \033[36m%-22s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Main commands

# DEMO_ARGS are the demo's flags, e.g. DEMO_ARGS="--control-planes 3 --workers 3 --latency fast"
# (see `cd test/e2e && go run ./cmd/capoci-demo -h`).
.PHONY: demo
demo: envtest $(CLUSTERCTL) ## The main job: a cluster from templates/cluster-template.yaml comes up on the OCI emulator with Cluster API and the provider; Ctrl-C deletes it.
	cd test/e2e && CLUSTERCTL=$(abspath $(CLUSTERCTL)) $(GO) run ./cmd/capoci-demo $(DEMO_ARGS)

.PHONY: check
check: envtest $(KUSTOMIZE) $(CLUSTERCTL) $(GOLANGCI_LINT) $(ACTIONLINT) ## The test command: lint, verify, every test with statement coverage, and the end-to-end suite alongside (what CI runs).
	$(TEST_ENV) hack/check.sh

##@ Generate

.PHONY: generate
generate: generate-go generate-manifests generate-mocks generate-templates ## Regenerate everything (deepcopy, conversion, CRDs, RBAC, webhooks, mocks, cluster templates).

.PHONY: generate-go
generate-go: $(CONTROLLER_GEN) $(CONVERSION_GEN) ## Generate deepcopy and conversion functions.
	CONTROLLER_GEN=$(CONTROLLER_GEN) CONVERSION_GEN=$(CONVERSION_GEN) hack/generate-go.sh

.PHONY: generate-manifests manifests
manifests: generate-manifests ## Alias of generate-manifests.
generate-manifests: $(CONTROLLER_GEN) ## Generate CRDs, RBAC and webhook configurations under config/.
	CONTROLLER_GEN=$(CONTROLLER_GEN) hack/generate-manifests.sh

.PHONY: generate-templates
generate-templates: $(KUSTOMIZE) ## Render templates/cluster-template*.yaml from their kustomizations under templates/flavors.
	capi="$$($(GO) list -m -f '{{.Dir}}' sigs.k8s.io/cluster-api)" && $(GO) run ./hack/flavorgen -kustomize $(KUSTOMIZE) \
		-crds config/crd/bases -crds "$$capi/core/config/crd/bases" \
		-crds "$$capi/controlplane/kubeadm/config/crd/bases" -crds "$$capi/bootstrap/kubeadm/config/crd/bases"

.PHONY: generate-mocks
generate-mocks: $(MOCKGEN) ## Generate mocks (go:generate directives that call mockgen).
	MOCKGEN=$(MOCKGEN) hack/generate-mocks.sh

##@ Verify and lint

.PHONY: verify
verify: verify-modules verify-gen verify-gofmt ## Fail if generated files, go.mod/go.sum or formatting are stale.

.PHONY: verify-modules
verify-modules: ## Fail if go mod tidy changes go.mod or go.sum (main and helper modules).
	hack/verify.sh modules

.PHONY: verify-gen
verify-gen: ## Fail if `make generate` changes any file.
	hack/verify.sh generate

.PHONY: verify-gofmt
verify-gofmt: ## Fail if a Go file is not gofmt-formatted.
	hack/verify.sh gofmt

.PHONY: lint
lint: $(GOLANGCI_LINT) $(ACTIONLINT) ## Run golangci-lint (the provider's module and the end-to-end module) and actionlint (.github/workflows).
	cd $(ROOT_DIR) && $(ACTIONLINT) -no-color
	$(GOLANGCI_LINT) run ./...
	cd test/e2e && $(abspath $(GOLANGCI_LINT)) run --config $(abspath .golangci.yml) --build-tags e2e_tenancy ./...

.PHONY: lint-workflows
lint-workflows: $(ACTIONLINT) ## Run actionlint on .github/workflows (shellcheck and pyflakes checks only where installed).
	cd $(ROOT_DIR) && $(ACTIONLINT) -no-color

# VULNCHECK_MODULES are the modules to scan; VULNCHECK_ARGS are govulncheck's flags, e.g. "-format sarif".
VULNCHECK_MODULES ?= . test/e2e
.PHONY: vulncheck
vulncheck: $(GOVULNCHECK) ## Report known vulnerabilities the code of the provider's and the end-to-end module reaches (needs vuln.go.dev).
	for m in $(VULNCHECK_MODULES); do (cd "$$m" && $(GOVULNCHECK) $(VULNCHECK_ARGS) ./...) || exit 1; done

.PHONY: lint-fix
lint-fix: $(GOLANGCI_LINT) ## Run golangci-lint and apply its fixes.
	$(GOLANGCI_LINT) run --fix ./...

##@ Test

.PHONY: envtest
envtest: ## Provide kube-apiserver, etcd and kubectl for envtest in $(CAPOCI_CACHE_DIR).
	@SETUP_ENVTEST=$(SETUP_ENVTEST) $(if $(filter download,$(ENVTEST_SOURCE)),$(MAKE) -s $(SETUP_ENVTEST) >/dev/null &&) hack/envtest.sh

# Tests find the pinned tools they run (kustomize and clusterctl for the release checks) through these.
TEST_ENV = KUBEBUILDER_ASSETS="$$(hack/envtest.sh)" KUSTOMIZE=$(abspath $(KUSTOMIZE)) CLUSTERCTL=$(abspath $(CLUSTERCTL))

.PHONY: test
test: envtest $(KUSTOMIZE) $(CLUSTERCTL) ## Run all tests (the provider's module, then the end-to-end module).
	$(TEST_ENV) $(GO) test ./... $(TEST_ARGS)
	assets="$$(hack/envtest.sh)" && cd test/e2e && KUBEBUILDER_ASSETS="$$assets" KUSTOMIZE=$(abspath $(KUSTOMIZE)) CLUSTERCTL=$(abspath $(CLUSTERCTL)) $(GO) test ./... -timeout 45m $(TEST_ARGS)

.PHONY: test-e2e
test-e2e: envtest $(KUSTOMIZE) $(CLUSTERCTL) ## Run the end-to-end module: the whole lifecycle, the crash run and clusterctl init/move on the emulator (E2E_FULL=true adds the fault run and larger sizes).
	assets="$$(hack/envtest.sh)" && cd test/e2e && KUBEBUILDER_ASSETS="$$assets" KUSTOMIZE=$(abspath $(KUSTOMIZE)) CLUSTERCTL=$(abspath $(CLUSTERCTL)) $(GO) test ./... -timeout 45m -v $(TEST_ARGS)

.PHONY: test-cover
test-cover: envtest $(KUSTOMIZE) $(CLUSTERCTL) ## Run all tests with statement coverage of api, exp, cloud, controllers and webhooks.
	$(TEST_ENV) hack/test-cover.sh

.PHONY: bench
bench: envtest ## Report OCI calls (by operation) and times from the emulator's counters: the engine and an OCICluster.
	$(TEST_ENV) $(GO) test ./cloud/async/ ./controllers/ -run '^$$' -bench . -benchtime 1x -v $(BENCH_ARGS)

##@ Build

.PHONY: build
build: ## Build the manager binary into bin/.
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN_DIR)/manager .

.PHONY: run
run: ## Run the manager from source against the cluster of the current kubeconfig.
	$(GO) run . $(RUN_ARGS)

.PHONY: docker-build
docker-build: ## Build the container image for ARCH (default: this machine's) with docker buildx.
	docker buildx build --platform linux/$(GOARCH) --build-arg VERSION=$(VERSION) -t $(CONTROLLER_IMG)-$(GOARCH):$(TAG) --load .

.PHONY: docker-build-all
docker-build-all: $(addprefix docker-build-,$(ALL_ARCH)) ## Build images for every architecture in ALL_ARCH.
docker-build-%:
	$(MAKE) GOARCH=$* docker-build

##@ Release

.PHONY: release-manifests
# The manager's image is set to $(CONTROLLER_IMG):$(TAG) (TAG=v0.1.0 for a release) by a kustomize overlay of
# config/default in a directory of its own under out/ (kustomize takes a base only by a relative path), so that
# runs at once (the end-to-end suite's, with their own OUT_DIR) do not share it; it is removed after.
release-manifests: $(KUSTOMIZE) ## Render out/infrastructure-components.yaml (image $(CONTROLLER_IMG):$(TAG)) and out/metadata.yaml for clusterctl.
	mkdir -p $(OUT_DIR) $(ROOT_DIR)/out
	overlay=$$(mktemp -d $(ROOT_DIR)/out/release-overlay.XXXXXX) && trap 'rm -rf "$$overlay"' EXIT && \
	printf 'resources:\n- ../../config/default\nimages:\n- name: ghcr.io/oracle/cluster-api-oci-controller\n  newName: %s\n  newTag: %s\n' \
		"$(CONTROLLER_IMG)" "$(TAG)" > "$$overlay/kustomization.yaml" && \
	$(KUSTOMIZE) build "$$overlay" > $(OUT_DIR)/infrastructure-components.yaml
	cp metadata.yaml $(OUT_DIR)/metadata.yaml

# RELEASE_NOTES_ARGS are releasenotes' flags, e.g. RELEASE_NOTES_ARGS="-to v0.2.0" (-from defaults to the tag before).
.PHONY: release-notes
release-notes: ## Print the draft release notes: commits since the previous v* tag, grouped by kind.
	$(GO) run ./hack/releasenotes $(RELEASE_NOTES_ARGS)

##@ Tools

.PHONY: tools
tools: $(CONTROLLER_GEN) $(CONVERSION_GEN) $(MOCKGEN) $(KUSTOMIZE) $(GOLANGCI_LINT) $(CLUSTERCTL) $(ACTIONLINT) $(GOVULNCHECK) ## Build every pinned tool.

.PHONY: controller-gen conversion-gen mockgen kustomize golangci-lint setup-envtest clusterctl actionlint govulncheck
controller-gen: $(CONTROLLER_GEN) ## Build controller-gen.
conversion-gen: $(CONVERSION_GEN) ## Build conversion-gen.
mockgen: $(MOCKGEN) ## Build mockgen.
kustomize: $(KUSTOMIZE) ## Build kustomize.
golangci-lint: $(GOLANGCI_LINT) ## Build golangci-lint.
setup-envtest: $(SETUP_ENVTEST) ## Build setup-envtest (only for ENVTEST_SOURCE=download).
clusterctl: $(CLUSTERCTL) ## Build clusterctl through its helper module.
actionlint: $(ACTIONLINT) ## Build actionlint.
govulncheck: $(GOVULNCHECK) ## Build govulncheck.

$(CONTROLLER_GEN):
	hack/go-install.sh sigs.k8s.io/controller-tools/cmd/controller-gen $(CONTROLLER_GEN_VER) $@
$(CONVERSION_GEN):
	hack/go-install.sh k8s.io/code-generator/cmd/conversion-gen $(CONVERSION_GEN_VER) $@
$(MOCKGEN):
	hack/go-install.sh go.uber.org/mock/mockgen $(MOCKGEN_VER) $@
$(KUSTOMIZE):
	hack/go-install.sh sigs.k8s.io/kustomize/kustomize/v5 $(KUSTOMIZE_VER) $@
$(GOLANGCI_LINT):
	hack/go-install.sh github.com/golangci/golangci-lint/v2/cmd/golangci-lint $(GOLANGCI_LINT_VER) $@
$(ACTIONLINT):
	hack/go-install.sh github.com/rhysd/actionlint/cmd/actionlint $(ACTIONLINT_VER) $@
$(GOVULNCHECK):
	hack/go-install.sh golang.org/x/vuln/cmd/govulncheck $(GOVULNCHECK_VER) $@
$(SETUP_ENVTEST):
	hack/go-install.sh sigs.k8s.io/controller-runtime/tools/setup-envtest $(SETUP_ENVTEST_VER) $@
$(CLUSTERCTL):
	cd $(TOOLS_DIR)/clusterctl && CGO_ENABLED=0 $(GO) build -trimpath \
		-ldflags "-s -w -X sigs.k8s.io/cluster-api/version.gitVersion=$(CLUSTERCTL_VER) -X sigs.k8s.io/cluster-api/version.gitMajor=1 -X sigs.k8s.io/cluster-api/version.gitMinor=14 -X sigs.k8s.io/cluster-api/version.gitTreeState=clean" \
		-o $@ sigs.k8s.io/cluster-api/cmd/clusterctl

##@ Clean

.PHONY: clean
clean: ## Remove build output and project-local tools.
	rm -rf $(BIN_DIR) $(OUT_DIR) $(TOOLS_BIN_DIR) cover.out
