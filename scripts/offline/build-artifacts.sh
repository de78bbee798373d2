#!/usr/bin/env bash
# `make offline-artifacts VERSION=1.37.2`: everything a cluster of that Kubernetes release fetches,
# built from the registries this machine reaches (the Go module proxy and Debian's packages), laid
# out as an air-gapped site's mirrors (README, "Air-gapped sites"):
#
#   $CACHE/offline/v<VERSION>/downloads/<upstream host>/<upstream path>  (+ .sha256)  the download mirror
#   $CACHE/offline/v<VERSION>/registry/      a docker-registry storage root: <upstream host>/<repository>:<tag>
#   $CACHE/offline/v<VERSION>/bin/           host programs: kubectl, crane (for tests and users)
#   $CACHE/offline/v<VERSION>/artifacts.json what `kube-anywhere artifacts --output json` listed
#   $CACHE/offline/v<VERSION>/stand-ins.json what was built as a stand-in or not at all, and why
#
# $CACHE is $KUBE_ANYWHERE_CACHE or ~/.cache/kube-anywhere. What to build comes from `kube-anywhere
# artifacts` for a default config of that release (so versions come from the one releases table),
# plus the test image. Each piece is built once: a re-run skips what is done (marks in .done/), and
# an interrupted run continues. Stand-ins are listed in scripts/offline/README.md with the reasons.
set -euo pipefail
version=${1:?usage: build-artifacts.sh KUBERNETES_VERSION (e.g. 1.37.2)}
version=${version#v}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${KUBE_ANYWHERE_CACHE:-$HOME/.cache/kube-anywhere}
out=$cache/offline/v$version
marks=$out/.done
arch=amd64
mkdir -p "$out/downloads" "$out/registry" "$out/bin" "$marks" "$cache/build"
work=$(mktemp -d "$cache/build/v$version.XXXXXX")
reg_pid=
cleanup() { [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
log() { printf '[offline-artifacts %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
done_mark() { [ -e "$marks/$1" ]; }
mark() { touch "$marks/$1"; }

# --- what a cluster of this release fetches, from the CLI (one table of releases) ---------------
cli() { node "$repo/dist/bin/kube-anywhere.js" "$@"; }
cli config --config "$work/flannel.json" --defaults --set "kubernetesVersion=$version" >/dev/null
cli config --config "$work/calico.json" --defaults --set "kubernetesVersion=$version" --set phase3.cni.plugin=calico --set phase3.dns.provider=kube-dns >/dev/null
cli artifacts --config "$work/flannel.json" --output json > "$out/artifacts.json"
cli artifacts --config "$work/calico.json" --output json > "$work/artifacts-calico.json"
# field NAME -> value, from artifacts.json, with node (no jq on a fresh machine)
q() { node -e "const a=require('$out/artifacts.json'); const r=($1); process.stdout.write(Array.isArray(r)?r.join('\n'):String(r))"; }
image_of() { q "a.images.find(i=>i.name==='$1').image"; }
download_of() { q "a.downloads.find(d=>d.name==='$1'&&d.arch==='$arch').url"; }
tag_of() { local ref; ref=$(image_of "$1"); echo "${ref##*:}"; }

# --- Go programs -------------------------------------------------------------------------------
gobin=$out/gobin
mkdir -p "$gobin"
if ! done_mark kubernetes; then
  log "building Kubernetes v$version from the k8s.io/kubernetes module (about 11 min on 2 cores from an empty Go cache)"
  "$here/build-kubernetes.sh" "v$version" "$gobin" kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubelet kubectl
  mark kubernetes
fi
etcd_tag=$(tag_of etcd)            # 3.7.0-0: upstream's image tag is the etcd version plus a build suffix
if ! done_mark "etcd-$etcd_tag"; then
  log "building etcd v${etcd_tag%-*}"
  "$here/build-etcd.sh" "v${etcd_tag%-*}" "$gobin/etcd-$etcd_tag"
  mark "etcd-$etcd_tag"
fi
go_install() { # MARK CGO PACKAGE@VERSION [ldflags]
  if done_mark "$1"; then return; fi
  log "building $3"
  local dir=$gobin/$1
  mkdir -p "$dir"
  GOBIN=$dir CGO_ENABLED=$2 GOFLAGS=-trimpath go install -ldflags "-s -w ${4:-}" "$3"
  mark "$1"
}
go_install crane 0 github.com/google/go-containerregistry/cmd/crane@v0.22.1
crane=$gobin/crane/crane
coredns_tag=$(tag_of coredns)
go_install "coredns-$coredns_tag" 0 "github.com/coredns/coredns@$coredns_tag"
flannel_tag=$(tag_of flannel)
if ! done_mark "flannel-$flannel_tag"; then
  log "building flanneld $flannel_tag"
  "$here/build-flannel.sh" "$flannel_tag" "$gobin/flannel-$flannel_tag"
  mark "flannel-$flannel_tag"
fi

cni_url=$(download_of cni-plugins)
cni_version=$(basename "$(dirname "$cni_url")")
go_install "cni-plugins-$cni_version" 0 "github.com/containernetworking/plugins/plugins/...@$cni_version"
crictl_url=$(download_of crictl)
crictl_version=$(basename "$(dirname "$crictl_url")")
go_install "crictl-$crictl_version" 0 "sigs.k8s.io/cri-tools/cmd/crictl@$crictl_version" "-X sigs.k8s.io/cri-tools/pkg/version.Version=$crictl_version"
if ! done_mark flannel-cni-standin; then
  log "building the flannel CNI plugin stand-in"
  mkdir -p "$gobin/flannel-cni-standin"
  (cd "$here/stand-ins/flannel-cni" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$gobin/flannel-cni-standin/flannel" .)
  mark flannel-cni-standin
fi

# --- the download mirror, in upstream's layout --------------------------------------------------
mirror_path() { local u=${1#https://}; echo "$out/downloads/$u"; }
publish() { # SOURCE URL: a file at its mirror path with a .sha256 beside it
  local dest; dest=$(mirror_path "$2")
  mkdir -p "$(dirname "$dest")"
  cp "$1" "$dest.tmp" && mv "$dest.tmp" "$dest"
  case "$2" in
    *.tgz|*.tar.gz) (cd "$(dirname "$dest")" && sha256sum "$(basename "$dest")" > "$(basename "$dest").sha256") ;; # "<sum>  <file>", as GitHub releases
    *) sha256sum "$dest" | cut -d' ' -f1 > "$dest.sha256" ;;                                                      # the bare sum, as dl.k8s.io
  esac
}
publish "$gobin/kubelet" "$(download_of kubelet)"
tar_of() { # OUT DIR FILE...: a release tarball with ./FILE entries (upstream's layout)
  local o=$1 d=$2; shift 2
  tar -C "$d" --owner=0 --group=0 -czf "$o" "${@/#/./}"
}
(cd "$gobin/cni-plugins-$cni_version" && tar_of "$work/cni.tgz" . $(ls))
publish "$work/cni.tgz" "$cni_url"
tar_of "$work/crictl.tgz" "$gobin/crictl-$crictl_version" crictl
publish "$work/crictl.tgz" "$crictl_url"
for b in "$gobin/kubectl" "$crane"; do cp "$b" "$out/bin/.new" && mv -f "$out/bin/.new" "$out/bin/$(basename "$b")"; done # a running kubectl is not overwritten

# --- images: a real registry (Debian's docker-registry) over the cache's storage ----------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<EOF
version: 0.1
storage: { filesystem: { rootdirectory: $out/registry } }
http: { addr: 127.0.0.1:$port }
log: { level: warn }
EOF
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
reg=127.0.0.1:$port

layer() { # OUT SRC:DEST... : a tarball holding each SRC file at DEST
  local o=$1 d; d=$(mktemp -d "$work/layer.XXXX"); shift
  for pair in "$@"; do mkdir -p "$d/$(dirname "${pair#*:}")"; cp -a "${pair%%:*}" "$d/${pair#*:}"; done
  tar -C "$d" --owner=0 --group=0 -cf "$o" .
}
push_image() { # REF ENTRYPOINT USER LAYER... : REF is the upstream name; it is stored under <host>/<repository>
  local ref=$1 entry=$2 user=$3; shift 3
  if done_mark "image-${ref//\//_}"; then return; fi
  log "image $ref"
  local dest=$reg/$ref args=()
  for l in "$@"; do args+=(-f "$l"); done
  "$crane" append --insecure --oci-empty-base "${args[@]}" -t "$dest" >/dev/null
  local mut=(--set-platform "linux/$arch" -e PATH=/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:/opt/bin -t "$dest")
  [ -n "$entry" ] && mut+=(--entrypoint "$entry")
  [ -n "$user" ] && mut+=(--user "$user")
  "$crane" mutate --insecure "${mut[@]}" "$dest" >/dev/null
  mark "image-${ref//\//_}"
}
"$here/debian-layer.sh" "$work/iptables.tar" libc6 iptables libxtables12 libip4tc2 libip6tc2 libnftnl11 libmnl0 libnetfilter-conntrack3 libnfnetlink0 conntrack
"$here/debian-layer.sh" "$work/busybox.tar" busybox-static
# Debian's busybox-static is /bin/busybox (in the layer: usr/bin/busybox); the applets need links.
bb_links=$(mktemp -d "$work/bb.XXXX"); mkdir -p "$bb_links/usr/bin"
for a in sh cp ls cat mkdir rm mv ln sleep wget nslookup nc httpd hostname ip ping echo env id; do ln -s busybox "$bb_links/usr/bin/$a"; done
tar -C "$bb_links" --owner=0 --group=0 -cf "$work/busybox-links.tar" usr

for c in kube-apiserver kube-controller-manager kube-scheduler; do
  layer "$work/$c.tar" "$gobin/$c:usr/local/bin/$c"
  push_image "$(image_of "$c")" "/usr/local/bin/$c" "" "$work/$c.tar"
done
layer "$work/kube-proxy.tar" "$gobin/kube-proxy:usr/local/bin/kube-proxy"
push_image "$(image_of kube-proxy)" /usr/local/bin/kube-proxy "" "$work/iptables.tar" "$work/kube-proxy.tar"
e=$gobin/etcd-$etcd_tag
layer "$work/etcd.tar" "$e/etcd:usr/local/bin/etcd" "$e/etcdctl:usr/local/bin/etcdctl" "$e/etcdutl:usr/local/bin/etcdutl"
push_image "$(image_of etcd)" /usr/local/bin/etcd "" "$work/etcd.tar"
if ! done_mark pause; then
  kmod=$(go mod download -json "k8s.io/kubernetes@v$version" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).Dir))')
  pause_tag=$(tag_of pause)
  gcc -Os -static -DVERSION="$pause_tag" -o "$gobin/pause" "$kmod/build/pause/linux/pause.c"
  mark pause
fi
layer "$work/pause.tar" "$gobin/pause:pause"
push_image "$(image_of pause)" /pause 65535:65535 "$work/pause.tar"
# As upstream's image: user nonroot (65532), and /coredns may bind port 53 (file capability; the
# Deployment adds NET_BIND_SERVICE to the bounding set, so it survives no_new_privs).
cp "$gobin/coredns-$coredns_tag/coredns" "$work/coredns"
setcap cap_net_bind_service=+ep "$work/coredns"
tar -C "$work" --owner=0 --group=0 --xattrs --xattrs-include=security.capability -cf "$work/coredns.tar" coredns
push_image "$(image_of coredns)" /coredns 65532:65532 "$work/coredns.tar"
layer "$work/flanneld.tar" "$gobin/flannel-$flannel_tag/flannel:opt/bin/flanneld"
push_image "$(image_of flannel)" /opt/bin/flanneld "" "$work/iptables.tar" "$work/busybox.tar" "$work/busybox-links.tar" "$work/flanneld.tar"
layer "$work/flannel-cni.tar" "$gobin/flannel-cni-standin/flannel:flannel"
push_image "$(image_of flannel-cni-plugin)" "" "" "$work/busybox.tar" "$work/busybox-links.tar" "$work/flannel-cni.tar"
# Issue 9's node-local API balancer and serving-certificate approver run upstream's HAProxy and Node
# images, which no registry here serves: Debian's haproxy and this machine's node stand in, at the
# paths upstream's images have them (stand-ins.json).
has_image() { q "a.images.some(i=>i.name==='$1')" | grep -qx true; }
if has_image api-balancer; then
  "$here/binary-layer.sh" "$work/haproxy.tar" "$(command -v haproxy):usr/local/sbin/haproxy"
  push_image "$(image_of api-balancer)" /usr/local/sbin/haproxy "" "$work/haproxy.tar"
fi
if has_image kubelet-serving-approver; then
  "$here/binary-layer.sh" "$work/node.tar" "$(command -v node):usr/local/bin/node"
  push_image "$(image_of kubelet-serving-approver)" /usr/local/bin/node "" "$work/node.tar"
fi
# The workload image the cluster tests run (nslookup, wget, httpd, nc): Debian's busybox.
bb_version=$(dpkg-query -W -f '${Version}' busybox-static | sed -E 's/^[0-9]+://; s/[-+].*//')
push_image "docker.io/library/busybox:$bb_version" /bin/sh "" "$work/busybox.tar" "$work/busybox-links.tar"
printf '{ "busybox": "docker.io/library/busybox:%s" }\n' "$bb_version" > "$out/test-images.json"

# --- what was not built, and what stands in ------------------------------------------------------
node - "$out" "$work" <<'EOF'
const [out, work] = process.argv.slice(2);
const a = require(`${out}/artifacts.json`);
const fs = require('fs');
const standIns = {
  'flannel-cni-plugin': 'github.com/flannel-io/cni-plugin is not served by the Go module proxy here; scripts/offline/stand-ins/flannel-cni does what it does by default (subnet.env -> bridge + host-local)',
  flannel: 'flanneld from its module, but with the tencentcloud vpc SDK at v1.0.1000: the proxy refuses the zip of v1.3.188 (flannel\'s pin), used only by the tencentvpc backend (build-flannel.sh)',
  busybox: "a test workload image from Debian's busybox-static, not docker.io's build",
  'api-balancer': "docker.io is not reachable: Debian's haproxy (its own version) with its libraries, at upstream's path /usr/local/sbin/haproxy",
  'kubelet-serving-approver': "docker.io is not reachable: this machine's node (its own version) with its libraries, at upstream's path /usr/local/bin/node",
};
for (const k of Object.keys(standIns)) if (k !== 'busybox' && !a.images.some((i) => i.name === k)) delete standIns[k];
const calico = require(`${work}/artifacts-calico.json`);
const notBuilt = calico.images.filter((i) => /^quay\.io\/calico\/|^registry\.k8s\.io\/dns\//.test(i.image))
  .map((i) => ({ image: i.image, why: 'calico and kube-dns are not served by any registry reachable here' }));
fs.writeFileSync(`${out}/stand-ins.json`, JSON.stringify({ standIns, notBuilt }, null, 2) + '\n');
EOF
touch "$out/.complete"
log "done: $out"
