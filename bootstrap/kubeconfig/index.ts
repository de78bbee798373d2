// kubeconfig files (admin, controller-manager, scheduler, kubelets). Credentials are embedded as
// data, except where the kubelet rotates its own certificate on disk.
import { stringify } from 'yaml';

export interface KubeconfigUser {
  clientCertificatePem?: string;
  clientKeyPem?: string;
  /** Files on the node instead of embedded data (the kubelet rotates them in place). */
  clientCertificateFile?: string;
  clientKeyFile?: string;
  token?: string;
}

export interface KubeconfigInput {
  cluster: string;
  server: string;
  caPem: string;
  userName: string;
  user: KubeconfigUser;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

export function renderKubeconfig(k: KubeconfigInput): string {
  const user: Record<string, string> = {};
  if (k.user.clientCertificatePem) user['client-certificate-data'] = b64(k.user.clientCertificatePem);
  if (k.user.clientKeyPem) user['client-key-data'] = b64(k.user.clientKeyPem);
  if (k.user.clientCertificateFile) user['client-certificate'] = k.user.clientCertificateFile;
  if (k.user.clientKeyFile) user['client-key'] = k.user.clientKeyFile;
  if (k.user.token) user.token = k.user.token;
  const context = `${k.userName}@${k.cluster}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: k.cluster, cluster: { server: k.server, 'certificate-authority-data': b64(k.caPem) } }],
    users: [{ name: k.userName, user }],
    contexts: [{ name: context, context: { cluster: k.cluster, user: k.userName } }],
    'current-context': context,
    preferences: {},
  });
}

/** https://host:port, with brackets for an IPv6 literal. */
export function serverUrl(host: string, port: number): string {
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
