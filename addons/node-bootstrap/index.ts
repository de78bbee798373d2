// The cluster objects node bootstrap relies on: the bootstrap token (minted by phase 2 into
// pki/bootstrap-token) as its Secret, and the RBAC that lets token holders ask for a client
// certificate, approves those requests and their renewals, and lets the API server reach kubelets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import type { Addon } from '../addon.js';

/** kubeadm's token format, which the API server's bootstrap authenticator accepts. */
const TOKEN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const BOOTSTRAP_TOKEN_FILE = 'bootstrap-token';
/** The extra group bootstrap tokens put their holders in; the RBAC below is granted to it. */
export const BOOTSTRAPPERS_GROUP = 'system:bootstrappers:kube-anywhere';
/** CN of the client certificate phase 2 issues to the API server for talking to kubelets. */
export const APISERVER_KUBELET_CLIENT = 'kube-apiserver-kubelet-client';

/** Phase 2's pki/bootstrap-token-expiration (RFC 3339); absent in a PKI from before expiries. */
export const BOOTSTRAP_TOKEN_EXPIRATION_FILE = 'bootstrap-token-expiration';
/** The client certificate CN phase 2 gives the kubelet-serving approver (bootstrap/pki/plan.ts). */
export const KUBELET_SERVING_APPROVER = 'kube-anywhere:kubelet-serving-approver';

/** The token's expiration, or undefined for a PKI minted before tokens had one. */
export function readTokenExpiration(pkiDir: string): string | undefined {
  const file = join(pkiDir, BOOTSTRAP_TOKEN_EXPIRATION_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) throw new UserError(`error: ${file}: ${JSON.stringify(text)} is not a time like 2027-01-31T12:00:00Z; \`kube-anywhere bootstrap render\` reports how to repair it`);
  return text;
}

export function readBootstrapToken(pkiDir: string): { id: string; secret: string } {
  const file = join(pkiDir, BOOTSTRAP_TOKEN_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UserError(`error: ${file}: cannot read the bootstrap token (${code}); phase 2 mints it: run \`kube-anywhere bootstrap render\` first`);
  }
  const m = TOKEN.exec(text.trim());
  // Never echo the file's content: it is a credential.
  if (!m) throw new UserError(`error: ${file}: not a bootstrap token; expected one line <id>.<secret> with a 6- and a 16-character [a-z0-9] part`);
  return { id: m[1], secret: m[2] };
}

export const nodeBootstrap: Addon = {
  name: 'node-bootstrap',
  order: 40,
  dir: 'node-bootstrap',
  template: 'node-bootstrap.yaml.hbs',
  enabled: () => true,
  values: ({ paths }) => ({
    token: readBootstrapToken(paths.pki),
    expiration: readTokenExpiration(paths.pki) ?? false,
    approver: KUBELET_SERVING_APPROVER,
    bootstrappers: BOOTSTRAPPERS_GROUP,
    apiserverKubeletClient: APISERVER_KUBELET_CLIENT,
  }),
};
