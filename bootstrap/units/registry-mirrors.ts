// phase2.images.mirrors -> containerd's registry host files (/etc/containerd/certs.d/<registry>/
// hosts.toml, https://github.com/containerd/containerd/blob/main/docs/hosts.md). Image references
// stay canonical; containerd asks the mirror first and the upstream registry after it.
import type { ClusterConfig } from '../../config-schema/types.js';
import { renderTemplate } from '../templates.js';

export const CONTAINERD_CERTS_DIR = '/etc/containerd/certs.d';

/** The upstream endpoint of each registry ("server ="); docker.io's registry API lives elsewhere. */
const UPSTREAM: Record<string, string> = {
  'registry.k8s.io': 'https://registry.k8s.io',
  'ghcr.io': 'https://ghcr.io',
  'quay.io': 'https://quay.io',
  'docker.io': 'https://registry-1.docker.io',
};

export interface HostsFile {
  /** certs.d directory name: the registry, or _default for "*". */
  dir: string;
  path: string;
  content: string;
  /** The mirror's CA (phase2.images.caBundle), beside hosts.toml; absent without one. */
  ca?: { path: string; content: string };
}

/**
 * A mirror URL with a path (http://10.0.0.3:5000/registry.k8s.io) serves the registry under that
 * path: containerd's host entry is then <scheme>://<host>/v2/<path> with override_path = true.
 * A plain URL (http://10.0.0.3:5000) is an ordinary registry host.
 */
export function mirrorHost(url: string): { host: string; overridePath: boolean } {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  if (!path) return { host: `${u.protocol}//${u.host}`, overridePath: false };
  const prefixed = path.startsWith('/v2/') || path === '/v2' ? path : `/v2${path}`;
  return { host: `${u.protocol}//${u.host}${prefixed}`, overridePath: true };
}

export function registryHostsFiles(c: ClusterConfig): HostsFile[] {
  const { mirrors, caBundle } = c.phase2.images;
  return Object.entries(mirrors)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([registry, url]) => {
      const dir = registry === '*' ? '_default' : registry;
      const caFile = caBundle ? `${CONTAINERD_CERTS_DIR}/${dir}/ca.crt` : undefined;
      const { host, overridePath } = mirrorHost(url);
      // "*" (_default) has no single upstream: containerd falls back to the registry asked for.
      const server = registry === '*' ? undefined : UPSTREAM[registry];
      const content = renderTemplate('units', 'containerd-hosts.toml.hbs', { registry, server, host, overridePath, caFile });
      return { dir, path: `${CONTAINERD_CERTS_DIR}/${dir}/hosts.toml`, content, ...(caFile ? { ca: { path: caFile, content: caBundle } } : {}) };
    });
}
