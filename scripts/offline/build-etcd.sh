#!/usr/bin/env bash
# Builds etcd, etcdctl and etcdutl of one release from the go.etcd.io/etcd/*/v3 Go modules, in a
# module of their own (etcd's dependency pins differ from Kubernetes'). Usage: build-etcd.sh VERSION OUTDIR
# (VERSION like v3.7.0).
set -euo pipefail
version=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init kube-anywhere.local/build-etcd >/dev/null 2>&1
cat > tools.go <<'GO'
//go:build tools
package tools
import (
  _ "go.etcd.io/etcd/server/v3"
  _ "go.etcd.io/etcd/etcdctl/v3"
  _ "go.etcd.io/etcd/etcdutl/v3"
)
GO
go get "go.etcd.io/etcd/server/v3@$version" "go.etcd.io/etcd/etcdctl/v3@$version" "go.etcd.io/etcd/etcdutl/v3@$version" >/dev/null 2>&1
go mod tidy >/dev/null 2>&1
mkdir -p "$out"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/etcdctl" go.etcd.io/etcd/etcdctl/v3
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/etcdutl" go.etcd.io/etcd/etcdutl/v3
