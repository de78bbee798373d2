#!/usr/bin/env bash
# Builds the Kubernetes programs of one release from the k8s.io/kubernetes Go module (the Go module
# proxy serves it; no git clone, no dl.k8s.io). Usage: build-kubernetes.sh VERSION OUTDIR PROGRAM...
# The module's go.mod replaces every k8s.io/<name> with ./staging/...; outside the repository those
# paths do not exist, so each is pinned to the published staging module v0.<minor>.<patch>.
set -euo pipefail
version=$1 out=$2; shift 2
programs=("$@")
staging=v0.${version#v1.}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init kube-anywhere.local/build-kubernetes >/dev/null 2>&1
{
  echo '//go:build tools'
  echo 'package tools'
  echo 'import ('
  for p in "${programs[@]}"; do echo "  _ \"k8s.io/kubernetes/cmd/$p\""; done
  echo ')'
} > tools.go
gomod=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
for name in $(sed -n 's#^\s*k8s.io/\([a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod"); do
  go mod edit -replace="k8s.io/$name=k8s.io/$name@$staging"
done
go mod edit -require="k8s.io/kubernetes@$version"
go mod tidy >/dev/null
mkdir -p "$out"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$version -X k8s.io/client-go/pkg/version.gitVersion=$version"
ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$version" | cut -d. -f2)"
for p in "${programs[@]}"; do
  CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out/$p" "k8s.io/kubernetes/cmd/$p"
done
