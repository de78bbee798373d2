// The kubelet-serving approver's rule, on real certificate requests made by openssl the way a
// kubelet makes them (subject O=system:nodes, CN=system:node:<name>; SANs = the node's hostname and
// addresses), against Node objects shaped like the API's. Its PKCS#10 reader is checked against
// openssl's own reading of the same requests.
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jest } from '@jest/globals';
import { packageFile } from '../../../lib/paths.js';
import { tempDir } from '../../unit/bootstrap/fixtures.js';

jest.setTimeout(60000);

interface Decision {
  approve: boolean;
  reason?: string;
  node?: string;
}
interface Approver {
  decide(csr: unknown, nodes: unknown[], allowedCidrs: string[]): Decision;
  parseCsr(pem: string): { commonName: string[]; organization: string[]; dns: string[]; ips: string[]; otherNames: string[] };
  pending(csr: unknown): boolean;
}

let approver: Approver;
const work = tempDir('ka-approver-');
const NODE_CIDR = ['10.0.0.0/16'];

beforeAll(async () => {
  approver = (await import(pathToFileURL(packageFile('bootstrap', 'kubelet-serving-approver', 'approver.mjs')).href)) as Approver;
});

let n = 0;
/** A PEM CSR from openssl: key type, subject, and the subjectAltName extension as openssl spells it. */
async function csr(subject: string, san: string | undefined, key: 'ec' | 'rsa' = 'ec'): Promise<string> {
  const k = join(work, `k${++n}.pem`);
  const out = join(work, `r${n}.csr`);
  const gen = key === 'ec' ? ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', k] : ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', k];
  await execa('openssl', gen);
  await execa('openssl', ['req', '-new', '-key', k, '-subj', subject, ...(san ? ['-addext', `subjectAltName=${san}`] : []), '-out', out]);
  return readFileSync(out, 'utf8');
}

const ECDSA_USAGES = ['digital signature', 'server auth'];
const RSA_USAGES = ['key encipherment', 'digital signature', 'server auth'];

/** A CertificateSigningRequest as the API server stores it: username and groups come from the credential. */
function csrObject(pem: string, username: string, usages = ECDSA_USAGES, groups = ['system:nodes', 'system:authenticated']) {
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: `csr-${n}` },
    spec: { request: Buffer.from(pem).toString('base64'), signerName: 'kubernetes.io/kubelet-serving', usages, username, groups },
  };
}

const node = (name: string, ip: string, extra: { type: string; address: string }[] = []) => ({
  metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }, ...extra] },
});
const NODES = [node('w1', '10.0.2.5'), node('w2', '10.0.2.6'), node('m0', '10.0.0.10')];
const W1 = '/O=system:nodes/CN=system:node:w1';

describe('approve', () => {
  test("a kubelet's request for its own hostname and IP (ECDSA key)", async () => {
    const pem = await csr(W1, 'DNS:w1,IP:10.0.2.5');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: true, node: 'w1' });
  });

  test('an RSA key with key encipherment, and only part of its addresses', async () => {
    const pem = await csr(W1, 'IP:10.0.2.5', 'rsa');
    expect(approver.decide(csrObject(pem, 'system:node:w1', RSA_USAGES), NODES, NODE_CIDR)).toEqual({ approve: true, node: 'w1' });
  });

  test('InternalDNS names the Node carries', async () => {
    const nodes = [node('w1', '10.0.2.5', [{ type: 'InternalDNS', address: 'ip-10-0-2-5.ec2.internal' }]), NODES[1]];
    const pem = await csr(W1, 'DNS:ip-10-0-2-5.ec2.internal,DNS:w1,IP:10.0.2.5');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), nodes, NODE_CIDR)).toEqual({ approve: true, node: 'w1' });
  });
});

describe('refuse', () => {
  test('the IP of another node', async () => {
    const pem = await csr(W1, 'DNS:w1,IP:10.0.2.6');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'IP 10.0.2.6 is not an address of Node w1 (10.0.2.5)' });
  });

  test("another node's IP even when this node put it in its own status (a node may edit its status)", async () => {
    const nodes = [node('w1', '10.0.2.5', [{ type: 'InternalIP', address: '10.0.0.10' }]), NODES[1], NODES[2]];
    const pem = await csr(W1, 'IP:10.0.0.10');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), nodes, NODE_CIDR)).toEqual({ approve: false, reason: 'IP 10.0.0.10 is also an address of another Node' });
  });

  test('the DNS name of another node', async () => {
    const pem = await csr(W1, 'DNS:m0,IP:10.0.2.5');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'DNS name m0 is not an address of Node w1 (w1)' });
  });

  test('an IP outside the node network, though the Node lists it', async () => {
    const nodes = [node('w1', '10.0.2.5', [{ type: 'ExternalIP', address: '203.0.113.9' }])];
    const pem = await csr(W1, 'IP:203.0.113.9');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), nodes, NODE_CIDR)).toEqual({ approve: false, reason: 'IP 203.0.113.9 is outside the node network (10.0.0.0/16)' });
  });

  test('a requester that is not a node (a user, a service account)', async () => {
    const pem = await csr(W1, 'DNS:w1,IP:10.0.2.5');
    expect(approver.decide(csrObject(pem, 'kubernetes-admin', ECDSA_USAGES, ['system:masters']), NODES, NODE_CIDR)).toEqual({
      approve: false,
      reason: 'requested by "kubernetes-admin", not by a node (system:node:<name>)',
    });
    expect(approver.decide(csrObject(pem, 'system:serviceaccount:kube-system:default', ECDSA_USAGES, ['system:serviceaccounts']), NODES, NODE_CIDR).approve).toBe(false);
  });

  test('a node user outside the group system:nodes', async () => {
    const pem = await csr(W1, 'DNS:w1');
    expect(approver.decide(csrObject(pem, 'system:node:w1', ECDSA_USAGES, ['system:authenticated']), NODES, NODE_CIDR)).toEqual({
      approve: false,
      reason: 'requester system:node:w1 is not in the group system:nodes',
    });
  });

  test("node w1 asking in node w2's name (subject CN)", async () => {
    const pem = await csr('/O=system:nodes/CN=system:node:w2', 'DNS:w2,IP:10.0.2.6');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'subject CN ["system:node:w2"] is not the requester system:node:w1' });
  });

  test('client auth among the usages', async () => {
    const pem = await csr(W1, 'DNS:w1');
    expect(approver.decide(csrObject(pem, 'system:node:w1', ['digital signature', 'server auth', 'client auth']), NODES, NODE_CIDR).reason).toMatch(/^usages .* are not a kubelet's serving usages/);
  });

  test('an e-mail or URI name', async () => {
    const pem = await csr(W1, 'DNS:w1,email:root@w1');
    expect(approver.decide(csrObject(pem, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'the request names more than DNS names and IPs (GeneralName tag 0x81)' });
    const uri = await csr(W1, 'DNS:w1,URI:spiffe://cluster/w1');
    expect(approver.decide(csrObject(uri, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'the request names more than DNS names and IPs (GeneralName tag 0x86)' });
  });

  test('no names at all', async () => {
    const pem = await csr(W1, undefined);
    expect(approver.decide(csrObject(pem, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'the request names no DNS name and no IP' });
  });

  test('a Node that does not exist', async () => {
    const pem = await csr('/O=system:nodes/CN=system:node:w9', 'DNS:w9');
    expect(approver.decide(csrObject(pem, 'system:node:w9'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'Node w9 does not exist' });
  });

  test('a request whose signature does not verify (a byte of the signature changed)', async () => {
    const pem = await csr(W1, 'DNS:w1,IP:10.0.2.5');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[der.length - 1] ^= 0x01;
    const broken = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(approver.decide(csrObject(broken, 'system:node:w1'), NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'the request cannot be read: the request is not signed by its own key' });
  });

  test('another signer', async () => {
    const pem = await csr(W1, 'DNS:w1');
    const o = csrObject(pem, 'system:node:w1');
    o.spec.signerName = 'kubernetes.io/kube-apiserver-client-kubelet';
    expect(approver.decide(o, NODES, NODE_CIDR)).toEqual({ approve: false, reason: 'signer kubernetes.io/kube-apiserver-client-kubelet is not kubernetes.io/kubelet-serving' });
  });
});

test('the PKCS#10 reader agrees with openssl on subject and names (IPv4, IPv6, DNS)', async () => {
  const pem = await csr(W1, 'DNS:w1,DNS:w1.example.internal,IP:10.0.2.5,IP:fd00:0:0::1:5');
  const file = join(work, 'agree.csr');
  writeFileSync(file, pem);
  const text = (await execa('openssl', ['req', '-in', file, '-noout', '-text'])).stdout;
  expect(text).toContain('DNS:w1, DNS:w1.example.internal, IP Address:10.0.2.5, IP Address:FD00:0:0:0:0:0:1:5');
  expect(approver.parseCsr(pem)).toMatchObject({ commonName: ['system:node:w1'], organization: ['system:nodes'], dns: ['w1', 'w1.example.internal'], ips: ['10.0.2.5', 'fd00:0:0:0:0:0:1:5'], otherNames: [] });
  // openssl itself verifies the request's signature too.
  expect((await execa('openssl', ['req', '-in', file, '-noout', '-verify'], { all: true })).all).toMatch(/verify OK/i);
});

test('only requests without an Approved, Denied or Failed condition are pending', () => {
  expect(approver.pending({ status: {} })).toBe(true);
  expect(approver.pending({ status: { conditions: [{ type: 'Approved', status: 'True' }] } })).toBe(false);
  expect(approver.pending({ status: { conditions: [{ type: 'Denied', status: 'True' }] } })).toBe(false);
});
