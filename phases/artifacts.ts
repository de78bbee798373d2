// `kube-anywhere artifacts [--output json]`: every file a node downloads (with where its checksum
// is) and every image the cluster pulls, for this config: what an air-gapped site must mirror.
// Read from the same tables the renderers use (lib/downloads.ts, lib/images.ts); a test compares
// the list both ways with what the rendered Ignition configs and addon manifests reference.
import type { ClusterConfig } from '../config-schema/types.js';
import type { CommonOptions } from '../lib/cli.js';
import { ARCHES, downloads } from '../lib/downloads.js';
import { clusterImages, type ImageName } from '../lib/images.js';
import { loadCluster } from './load-cluster.js';

export interface ArtifactDownload {
  name: string;
  arch: string;
  /** The upstream URL (its host and path are the mirror's layout). */
  url: string;
  /** Where the nodes fetch it with phase2.downloads.baseUrl set; null without a mirror. */
  mirrorUrl: string | null;
  /** The SHA-256 when pinned; null: read from checksumUrl at install time. */
  sha256: string | null;
  /** Where the nodes read the checksum: the file's URL + ".sha256". */
  checksumUrl: string;
}

export interface ArtifactImage {
  name: ImageName;
  image: string;
  /** What runs it: static-pod/<name>, containerd/sandbox_image or addon/<addon>. */
  usedBy: string[];
}

export interface Artifacts {
  kubernetesVersion: string;
  downloads: ArtifactDownload[];
  images: ArtifactImage[];
}

/** The images this config's cluster runs: the control plane, the sandbox, and the chosen addons. */
function imagesInUse(c: ClusterConfig): [ImageName, string[]][] {
  const out: [ImageName, string[]][] = [
    ['etcd', ['static-pod/etcd']],
    ['kube-apiserver', ['static-pod/kube-apiserver']],
    ['kube-controller-manager', ['static-pod/kube-controller-manager']],
    ['kube-scheduler', ['static-pod/kube-scheduler']],
    ['pause', ['containerd/sandbox_image']],
    ['kube-proxy', ['addon/kube-proxy']],
  ];
  if (c.phase3.cni.plugin === 'flannel') out.push(['flannel', ['addon/flannel']], ['flannel-cni-plugin', ['addon/flannel']]);
  else out.push(['calico-node', ['addon/calico']], ['calico-cni', ['addon/calico']], ['calico-kube-controllers', ['addon/calico']]);
  if (c.phase3.dns.provider === 'coredns') out.push(['coredns', ['addon/coredns']]);
  else out.push(['kube-dns', ['addon/kube-dns']], ['dnsmasq-nanny', ['addon/kube-dns']], ['sidecar', ['addon/kube-dns']]);
  return out;
}

export function artifacts(c: ClusterConfig): Artifacts {
  const mirrored = Boolean(c.phase2.downloads.baseUrl);
  const all = clusterImages(c);
  return {
    kubernetesVersion: c.kubernetesVersion,
    downloads: ARCHES.flatMap((arch) =>
      downloads(c, arch).map((d) => ({
        name: d.name,
        arch,
        url: d.url,
        mirrorUrl: mirrored ? d.fetchUrl : null,
        sha256: null,
        checksumUrl: `${d.fetchUrl}.sha256`,
      })),
    ),
    images: imagesInUse(c).map(([name, usedBy]) => ({ name, image: all[name], usedBy })),
  };
}

export async function artifactsCommand(opts: CommonOptions): Promise<number> {
  const { config } = await loadCluster(opts);
  const a = artifacts(config);
  if (opts.output === 'json') {
    process.stdout.write(JSON.stringify(a, null, 2) + '\n');
    return 0;
  }
  const lines = [`Kubernetes ${a.kubernetesVersion}`, '', 'Downloads (each with its SHA-256 at the same URL + .sha256):'];
  for (const d of a.downloads) lines.push(`  ${d.name.padEnd(12)} ${d.arch.padEnd(6)} ${d.url}${d.mirrorUrl ? `\n  ${''.padEnd(19)} mirror: ${d.mirrorUrl}` : ''}`);
  lines.push('', 'Images (names stay canonical; phase2.images.mirrors redirects the pulls):');
  for (const i of a.images) lines.push(`  ${i.image.padEnd(60)} ${i.usedBy.join(', ')}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
