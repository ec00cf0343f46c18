#!/usr/bin/env bash
# Provides kube-apiserver, etcd and kubectl for envtest in a cache directory outside the clone,
# and prints that directory. By default the binaries are built from the Go module proxy
# (hack/tools/kube and hack/tools/etcd); ENVTEST_SOURCE=download opts into setup-envtest's download.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
k8s_version=${ENVTEST_K8S_VERSION:?ENVTEST_K8S_VERSION is required}
etcd_version=${ENVTEST_ETCD_VERSION:?ENVTEST_ETCD_VERSION is required}
cache=${CAPOCI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cluster-api-provider-oci}
goos=$(go env GOOS)
goarch=$(go env GOARCH)
dir="$cache/envtest/k8s-${k8s_version}-${goos}-${goarch}"
mkdir -p "$dir"

log() { printf 'envtest: %s\n' "$*" >&2; }

if [[ "${ENVTEST_SOURCE:-build}" == "download" ]]; then
  : "${SETUP_ENVTEST:?SETUP_ENVTEST must point at setup-envtest}"
  src=$("$SETUP_ENVTEST" use "$k8s_version" --bin-dir "$cache/setup-envtest" -p path)
  for b in kube-apiserver etcd kubectl; do cp "$src/$b" "$dir/$b"; done
  echo "$dir"
  exit 0
fi

major=${k8s_version%%.*}
rest=${k8s_version#*.}
minor=${rest%%.*}
build_date=1970-01-01T00:00:00Z
stamp() {
  local pkg=$1 version=$2
  printf -- "-X %s.gitVersion=v%s -X %s.gitMajor=%s -X %s.gitMinor=%s -X %s.gitTreeState=clean -X %s.buildDate=%s" \
    "$pkg" "$version" "$pkg" "$major" "$pkg" "$minor" "$pkg" "$pkg" "$build_date"
}
kube_ldflags="-s -w $(stamp k8s.io/component-base/version "$k8s_version") $(stamp k8s.io/client-go/pkg/version "$k8s_version")"

build_kube() {
  local name=$1
  if [[ -x "$dir/$name" && -f "$dir/$name.version" && "$(cat "$dir/$name.version")" == "$k8s_version" ]]; then
    return
  fi
  log "building $name v$k8s_version from the Go module proxy (a few minutes the first time)"
  (cd "$root/hack/tools/kube" && CGO_ENABLED=0 go build -trimpath -ldflags "$kube_ldflags" -o "$dir/$name.tmp" "k8s.io/kubernetes/cmd/$name")
  mv "$dir/$name.tmp" "$dir/$name"
  echo "$k8s_version" > "$dir/$name.version"
}

build_etcd() {
  if [[ -x "$dir/etcd" && -f "$dir/etcd.version" && "$(cat "$dir/etcd.version")" == "$etcd_version" ]]; then
    return
  fi
  log "building etcd v$etcd_version from the Go module proxy"
  (cd "$root/hack/tools/etcd" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$dir/etcd.tmp" .)
  mv "$dir/etcd.tmp" "$dir/etcd"
  echo "$etcd_version" > "$dir/etcd.version"
}

build_etcd
build_kube kube-apiserver
build_kube kubectl
echo "$dir"
