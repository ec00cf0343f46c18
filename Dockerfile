# syntax=docker/dockerfile:1
# Builds the manager image: a static binary on a distroless, non-root base. Multi-arch with buildx:
#   docker buildx build --platform linux/amd64,linux/arm64 -t <image> .

ARG GO_VERSION=1.26.8
ARG BASE_IMAGE=gcr.io/distroless/static:nonroot

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS builder
ARG TARGETOS=linux
ARG TARGETARCH
ARG VERSION=dev
ARG GIT_COMMIT=unknown
WORKDIR /workspace
ENV GOTOOLCHAIN=local CGO_ENABLED=0
# Dependencies first, so that a source change reuses the module layer.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download
# The sources; .dockerignore leaves out what the manager does not build from (tests, docs, tools, output).
COPY . .
RUN --mount=type=cache,target=/root/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    GOOS=${TARGETOS} GOARCH=${TARGETARCH} go build -trimpath \
      -ldflags "-s -w -X github.com/oracle/cluster-api-provider-oci/internal/version.gitVersion=${VERSION} -X github.com/oracle/cluster-api-provider-oci/internal/version.gitCommit=${GIT_COMMIT}" \
      -o /out/manager .

FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.source="https://github.com/oracle/cluster-api-provider-oci"
WORKDIR /
COPY --from=builder /out/manager /manager
USER 65532:65532
ENTRYPOINT ["/manager"]
