// What a node downloads at first boot, from the releases table: one list shared by the installer
// template (bootstrap/units) and `kube-anywhere artifacts`, so the two cannot disagree.
// A download mirror (phase2.downloads.baseUrl) serves each file at <baseUrl>/<upstream host>/<upstream
// path>, with its SHA-256 beside it at the same path + ".sha256", as upstream does: dl.k8s.io's
// kubelet.sha256 holds the bare sum, GitHub release assets' .sha256 hold "<sum>  <file>".
import type { ClusterConfig } from '../config-schema/types.js';
import { releaseFor } from './releases.js';

/** The architectures nodes run (uname -m x86_64 -> amd64, aarch64 -> arm64). */
export const ARCHES = ['amd64', 'arm64'] as const;

export type DownloadName = 'kubelet' | 'cni-plugins' | 'crictl';

export interface Download {
  name: DownloadName;
  version: string;
  /** The upstream URL. */
  url: string;
  /** Where the node fetches it: the mirror's copy, or the upstream URL when there is no mirror. */
  fetchUrl: string;
  /** The file name the URL ends in. */
  file: string;
}

/** <baseUrl>/<upstream host>/<upstream path>, or the upstream URL itself without a mirror. */
export function mirrorUrl(baseUrl: string, upstream: string): string {
  if (!baseUrl) return upstream;
  return `${baseUrl.replace(/\/+$/, '')}/${upstream.replace(/^https?:\/\//, '')}`;
}

/** Every download for one architecture (`arch` may be a shell expression such as "$arch"). */
export function downloads(c: ClusterConfig, arch: string): Download[] {
  const r = releaseFor(c.kubernetesVersion);
  const k = c.kubernetesVersion;
  const list: Omit<Download, 'fetchUrl' | 'file'>[] = [
    { name: 'kubelet', version: k, url: `https://dl.k8s.io/release/v${k}/bin/linux/${arch}/kubelet` },
    {
      name: 'cni-plugins',
      version: r.cniPlugins,
      url: `https://github.com/containernetworking/plugins/releases/download/v${r.cniPlugins}/cni-plugins-linux-${arch}-v${r.cniPlugins}.tgz`,
    },
    {
      name: 'crictl',
      version: r.crictl,
      url: `https://github.com/kubernetes-sigs/cri-tools/releases/download/v${r.crictl}/crictl-v${r.crictl}-linux-${arch}.tar.gz`,
    },
  ];
  const base = c.phase2.downloads.baseUrl;
  return list.map((d) => ({ ...d, fetchUrl: mirrorUrl(base, d.url), file: d.url.slice(d.url.lastIndexOf('/') + 1) }));
}
