// The settings the local target turns on, each because this host needs it (README, "Try it
// locally"). They are ordinary, documented config settings, off by default: the renderers know
// nothing of the local target; only the config they are given differs, and the user is told why.
import type { ClusterConfig } from '../../config-schema/types.js';
import { getPath, setPath } from '../../config-schema/schema.js';
import type { HostFacts } from './host.js';
import type { LocalLayout } from './layout.js';

interface HostSetting {
  path: string;
  value: unknown;
  needed: (f: HostFacts) => boolean;
  why: string;
}

export const LOCAL_HOST_SETTINGS: HostSetting[] = [
  {
    path: 'phase2.kubelet.allowCgroupV1',
    value: true,
    needed: (f) => f.cgroupV1,
    why: 'this host mounts cgroup v1 only, which kubelets from 1.35 on refuse unless failCgroupV1 is false',
  },
  {
    path: 'phase2.containerd.restrictOomScoreAdj',
    value: true,
    needed: (f) => f.lacksSysResource,
    why: 'this host withholds CAP_SYS_RESOURCE, so runc cannot raise oom_score_adj (pod sandboxes would fail: "can\'t get final child\'s PID from pipe")',
  },
  {
    path: 'phase2.kubelet.reclaimDisk',
    value: false,
    needed: () => true,
    why: "the machines see this host's disk, whose use is not theirs: the kubelet would taint every node with disk-pressure and evict pods when this host's disk is below 15% free (kind does the same)",
  },
  {
    path: 'phase3.kubeProxy.conntrackMaxPerCore',
    value: 0,
    needed: () => true,
    why: "the machines live in network namespaces, where nf_conntrack_max cannot be written; 0 leaves the host's limit as it is (kind does the same)",
  },
];

/** The upstream registries an offline site mirrors, each under its own path in one local registry. */
export const MIRRORED_REGISTRIES = ['registry.k8s.io', 'ghcr.io', 'quay.io', 'docker.io'] as const;

export interface Effective {
  config: ClusterConfig;
  /** One line per setting turned on, with the reason. */
  notes: string[];
}

export function localEffectiveConfig(c: ClusterConfig, layout: LocalLayout, facts: HostFacts): Effective {
  const config = structuredClone(c);
  const notes: string[] = [];
  const turnOn = (path: string, value: unknown, why: string) => {
    if (JSON.stringify(getPath(config, path)) === JSON.stringify(value)) return;
    setPath(config as unknown as Record<string, unknown>, path, value);
    notes.push(`local target: ${path} = ${JSON.stringify(value)}: ${why}`);
  };
  for (const s of LOCAL_HOST_SETTINGS) if (s.needed(facts)) turnOn(s.path, s.value, s.why);

  // An offline site: the downloads and images come from the mirror kube-anywhere runs on the
  // bridge, unless the config names a mirror of its own.
  const m = layout.mirror;
  if (m) {
    if (!getPath(config, 'phase2.downloads.baseUrl')) {
      turnOn('phase2.downloads.baseUrl', `http://${m.ip}:${m.filesPort}`, 'phase1.local.offline: the downloads come from the offline artifacts on this host');
    }
    const mirrors = { ...((getPath(config, 'phase2.images.mirrors') as Record<string, string> | undefined) ?? {}) };
    let added = false;
    for (const r of MIRRORED_REGISTRIES) {
      if (!mirrors[r]) {
        mirrors[r] = `http://${m.ip}:${m.registryPort}/${r}`;
        added = true;
      }
    }
    if (added) turnOn('phase2.images.mirrors', mirrors, 'phase1.local.offline: the images come from the offline artifacts on this host');
  }
  return { config, notes };
}
