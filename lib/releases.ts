// The supported Kubernetes releases, in one table: everything version-dependent reads it (the
// static pods, the containerd config, the first-boot installer, the addons, `artifacts`, `validate`).
// Kubernetes supports its three newest minors (https://kubernetes.io/releases/); on 2026-12-02
// those are 1.35, 1.36 and 1.37.
//
// Where each value comes from (read in the k8s.io/kubernetes module of that patch release, as the
// Go module proxy serves it: `go mod download -json k8s.io/kubernetes@vX.Y.Z` gives its Dir):
// - patch: the newest patch of the minor in `go list -m -versions k8s.io/kubernetes` (2026-12-02:
//   v1.35.4, v1.36.1 v1.36.3, v1.37.2).
// - etcd, coredns, pause: kubeadm's own pairing, cmd/kubeadm/app/constants/constants.go
//   (DefaultEtcdVersion, CoreDNSVersion, PauseVersion); pause also build/pause/Makefile TAG.
// - cniPlugins, crictl: build/dependencies.yaml ("cni", "crictl") of that release, except where noted.
// - flannel, flannelCniPlugin: flannel v0.28.10's Documentation/kube-flannel.yml (Go module
//   github.com/flannel-io/flannel@v0.28.10), which pairs it with flannel-cni-plugin v1.9.1-flannel3.
//   flannel supports every current minor with one release.
// - calico: see CALICO below.

export interface Release {
  /** MAJOR.MINOR, e.g. "1.37". */
  minor: string;
  /** The default (newest known) patch, MAJOR.MINOR.PATCH. */
  patch: string;
  /** etcd image tag (registry.k8s.io/etcd), upstream's "<etcd version>-<build>" form. */
  etcd: string;
  /** CoreDNS image tag (registry.k8s.io/coredns/coredns). */
  coredns: string;
  /** pause image tag (registry.k8s.io/pause), the pod sandbox. */
  pause: string;
  /** containernetworking/plugins release, without the v. */
  cniPlugins: string;
  /** kubernetes-sigs/cri-tools release (crictl), without the v. */
  crictl: string;
  flannel: string;
  flannelCniPlugin: string;
  calico: string;
  /**
   * Flags of the control-plane components that differ between supported minors. None of the flags
   * kube-anywhere sets changed between 1.35 and 1.37; a future difference goes here, not in a template.
   */
  flags: { apiServer: string[]; controllerManager: string[]; scheduler: string[] };
}

// flannel v0.28.10: Documentation/kube-flannel.yml of github.com/flannel-io/flannel@v0.28.10.
const FLANNEL = { flannel: 'v0.28.10', flannelCniPlugin: 'v1.9.1-flannel3' };
// calico: the addon's manifests and CRD list (addons/calico) were written against calico v3.29
// (upstream manifests/calico.yaml); a newer calico adds CRDs (v3.30: tiers in use, staged
// policies) that those manifests would have to carry first. Tigera's requirements page tests v3.29
// on Kubernetes 1.29-1.32 only: calico on 1.35+ is kept at the manifests' version until they are
// re-read against a newer release (no calico module or image is served here to check one against).
const CALICO = 'v3.29.3';
const NO_FLAGS = { apiServer: [], controllerManager: [], scheduler: [] };

export const RELEASES: readonly Release[] = [
  {
    minor: '1.35',
    patch: '1.35.4',
    etcd: '3.6.6-0', // constants.go v1.35.4: DefaultEtcdVersion
    coredns: 'v1.13.1', // constants.go v1.35.4: CoreDNSVersion
    pause: '3.10.1', // constants.go v1.35.4: PauseVersion; build/pause/Makefile TAG
    cniPlugins: '1.8.0', // build/dependencies.yaml v1.35.4: cni
    crictl: '1.34.0', // build/dependencies.yaml v1.35.4: crictl
    ...FLANNEL,
    calico: CALICO,
    flags: NO_FLAGS,
  },
  {
    minor: '1.36',
    patch: '1.36.3',
    etcd: '3.6.8-0', // constants.go v1.36.3: DefaultEtcdVersion
    coredns: 'v1.14.2', // constants.go v1.36.3: CoreDNSVersion
    pause: '3.10.2', // constants.go v1.36.3: PauseVersion; build/pause/Makefile TAG
    cniPlugins: '1.9.1', // build/dependencies.yaml v1.36.3: cni
    // build/dependencies.yaml v1.36.3 says crictl 1.35.0, which the Go module proxy does not serve
    // (403), so no offline site here could build it; cri-tools' README compatibility matrix pairs
    // any Kubernetes >= 1.27 with any cri-tools >= 1.27, and 1.36.0 is what v1.37.2 pins.
    crictl: '1.36.0',
    ...FLANNEL,
    calico: CALICO,
    flags: NO_FLAGS,
  },
  {
    minor: '1.37',
    patch: '1.37.2',
    etcd: '3.7.0-0', // constants.go v1.37.2: DefaultEtcdVersion
    coredns: 'v1.14.6', // constants.go v1.37.2: CoreDNSVersion
    pause: '3.10.2', // constants.go v1.37.2: PauseVersion; build/pause/Makefile TAG
    cniPlugins: '1.9.1', // build/dependencies.yaml v1.37.2: cni
    crictl: '1.36.0', // build/dependencies.yaml v1.37.2: crictl
    ...FLANNEL,
    calico: CALICO,
    flags: NO_FLAGS,
  },
];

/** The default kubernetesVersion: the newest patch of the newest minor. */
export const DEFAULT_KUBERNETES_VERSION = RELEASES[RELEASES.length - 1].patch;

export const SUPPORTED_MINORS = RELEASES.map((r) => r.minor);

const minorOf = (version: string) => version.split('.').slice(0, 2).join('.');
const patchOf = (version: string) => Number(version.split('.')[2]);

/** The table's row for a MAJOR.MINOR.PATCH version, or undefined when its minor is not supported. */
export function findRelease(version: string): Release | undefined {
  return RELEASES.find((r) => r.minor === minorOf(version));
}

/** The row for a version the config validation has accepted (so its minor is in the table). */
export function releaseFor(version: string): Release {
  const r = findRelease(version);
  if (!r) throw new Error(`internal: Kubernetes ${version} is not in lib/releases.ts (validation should have refused it)`);
  return r;
}

/** Is the patch older than the table's default patch of its minor? */
export function isOlderPatch(version: string): boolean {
  const r = findRelease(version);
  return r !== undefined && patchOf(version) < patchOf(r.patch);
}
