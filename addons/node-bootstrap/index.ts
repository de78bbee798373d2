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
    bootstrappers: BOOTSTRAPPERS_GROUP,
    apiserverKubeletClient: APISERVER_KUBELET_CLIENT,
  }),
};
