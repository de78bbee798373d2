// The kubelet-serving approver (approver.mjs): a static pod on masters that approves kubelets'
// serving-certificate requests whose names and IPs are the requesting Node's own.
import { readFileSync } from 'node:fs';
import type { ClusterConfig } from '../../config-schema/types.js';
import { clusterImages } from '../../lib/images.js';
import { packageFile } from '../../lib/paths.js';
import { PORTS } from '../../providers/common/firewall.js';
import { serverUrl } from '../kubeconfig/index.js';
import { NODE } from '../node-paths.js';
import { renderYaml } from '../templates.js';

export const APPROVER_UID = 65534;

const dir = `${NODE.etc}/kubelet-serving-approver`;
export const APPROVER_FILES = { script: `${dir}/approver.mjs`, cert: `${dir}/client.crt`, key: `${dir}/client.key` } as const;

export const approverScript = (): string => readFileSync(packageFile('bootstrap', 'kubelet-serving-approver', 'approver.mjs'), 'utf8');

export function approverPod(c: ClusterConfig): Record<string, unknown> {
  return renderYaml('kubelet-serving-approver', 'kubelet-serving-approver.yaml.hbs', {
    image: clusterImages(c)['kubelet-serving-approver'],
    uid: APPROVER_UID,
    server: serverUrl('127.0.0.1', PORTS.api),
    allowedCidrs: c.network.nodeCidr,
    containerDir: '/approver',
    files: [
      { name: 'script', host: APPROVER_FILES.script, as: 'approver.mjs' },
      { name: 'ca', host: `${NODE.pki}/ca.crt`, as: 'ca.crt' },
      { name: 'cert', host: APPROVER_FILES.cert, as: 'client.crt' },
      { name: 'key', host: APPROVER_FILES.key, as: 'client.key' },
    ],
  });
}
