#!/usr/bin/env bash
# Installs a Go tool at a pinned version as a versioned binary: go-install.sh <package> <version> <output path>.
set -euo pipefail
pkg=$1 version=$2 out=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "installing $pkg@$version" >&2
GOBIN="$tmp" CGO_ENABLED=0 go install "$pkg@$version"
mkdir -p "$(dirname "$out")"
mv "$tmp/$(basename "${pkg%/v[0-9]*}")" "$out" 2>/dev/null || mv "$tmp"/* "$out"
