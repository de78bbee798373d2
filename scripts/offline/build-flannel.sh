#!/usr/bin/env bash
# Builds flanneld of one release from the github.com/flannel-io/flannel module, in a module of its
# own. Usage: build-flannel.sh VERSION OUTDIR (VERSION like v0.28.10).
# Two things differ from `go install flannel@VERSION`, both named in stand-ins.json:
#  - cgo on, linked statically: flanneld's amd64 build needs cgo (its ipsec backend); static, so the
#    image needs no libc for it.
#  - the Go module proxy refuses the zip of github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc
#    v1.3.188 (flannel's pin; 403 "not available"), used only by the tencentvpc backend, which a
#    kube-anywhere cluster never selects. It is replaced by the newest version the proxy serves.
set -euo pipefail
version=$1 out=$2
vpc_module=github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc
vpc_served=v1.0.1000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
go mod init kube-anywhere.local/build-flannel >/dev/null 2>&1
printf '//go:build tools\npackage tools\nimport _ "github.com/flannel-io/flannel"\n' > tools.go
go mod edit -require="github.com/flannel-io/flannel@$version" -replace="$vpc_module=$vpc_module@$vpc_served"
go mod tidy >/dev/null
mkdir -p "$out"
CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -extldflags -static -X github.com/flannel-io/flannel/pkg/version.Version=$version" -o "$out/flannel" github.com/flannel-io/flannel
