// kube-anywhere kubelet-serving approver: approves a kubelet's serving-certificate request
// (signer kubernetes.io/kubelet-serving) only when every name and address it asks for is its own.
//
// Runs as a static pod on every master (node:22-alpine, this file from a hostPath), with Node's
// standard library only: no npm install in the pod, nothing fetched at run time, and a file short
// enough to read in one sitting. The one thing the standard library lacks is a PKCS#10 parser, so a
// strict DER reader below walks exactly the structure RFC 2986 defines and refuses anything else.
//
// It approves a CSR when ALL of these hold, and otherwise leaves it pending and logs why (it never
// denies: a person may still approve by hand):
//  1. the requester (spec.username, set by the API server from the credential) is system:node:<n>
//     and in the group system:nodes;
//  2. the request's subject is exactly O=system:nodes, CN=system:node:<n> (the same <n>);
//  3. spec.usages is exactly what a kubelet asks for: digital signature + server auth
//     (+ key encipherment for an RSA key);
//  4. the request carries no e-mail or URI names, at least one DNS name or IP, and its signature
//     verifies with its own public key (the requester holds the key);
//  5. Node <n> exists and every DNS name is one of its Hostname/InternalDNS/ExternalDNS addresses,
//     every IP one of its InternalIP/ExternalIP addresses;
//  6. every IP is inside one of --allowed-cidrs (the cluster's node network), and no name or IP is
//     an address of ANOTHER Node (a node may edit its own status, not take a neighbour's address).
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { isIPv4, isIPv6 } from 'node:net';
import { pathToFileURL } from 'node:url';

export const SIGNER = 'kubernetes.io/kubelet-serving';
const NODE_PREFIX = 'system:node:';
const USAGE_SETS = [
  ['digital signature', 'server auth'],
  ['digital signature', 'key encipherment', 'server auth'],
];

// ---------- DER (X.690), only what a PKCS#10 request needs ----------

/** One TLV at `pos`: tag byte, content bounds, and the whole element's end. */
function tlv(buf, pos) {
  if (pos + 2 > buf.length) throw new Error('truncated DER');
  const tag = buf[pos];
  if ((tag & 0x1f) === 0x1f) throw new Error('multi-byte DER tags are not used in a CSR');
  let len = buf[pos + 1];
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i];
    start += n;
  }
  const end = start + len;
  if (end > buf.length) throw new Error('DER element runs past its parent');
  return { tag, start, end, all: buf.subarray(pos, end), content: buf.subarray(start, end) };
}

/** The elements inside a constructed element. */
function children(buf, el) {
  const out = [];
  for (let p = el.start; p < el.end; ) {
    const c = tlv(buf, p);
    if (c.end > el.end) throw new Error('DER child runs past its parent');
    out.push(c);
    p = c.end;
  }
  return out;
}

function expectTag(el, tag, what) {
  if (el.tag !== tag) throw new Error(`${what}: expected DER tag 0x${tag.toString(16)}, got 0x${el.tag.toString(16)}`);
  return el;
}

function oid(content) {
  const parts = [Math.floor(content[0] / 40), content[0] % 40];
  let v = 0;
  for (let i = 1; i < content.length; i++) {
    v = v * 128 + (content[i] & 0x7f);
    if (!(content[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  extensionRequest: '1.2.840.113549.1.9.14',
  subjectAltName: '2.5.29.17',
};
const SIGNATURE_HASH = {
  '1.2.840.10045.4.3.2': 'sha256', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.113549.1.1.11': 'sha256', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

function ipString(b) {
  if (b.length === 4) return [...b].join('.');
  if (b.length === 16) {
    const groups = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
    return canonicalIP(groups.join(':'));
  }
  throw new Error(`an IP address SAN of ${b.length} bytes`);
}

/** One spelling per address, so "10.0.0.1" and an IPv6 address compare as strings. */
export function canonicalIP(ip) {
  if (isIPv4(ip)) return ip.split('.').map(Number).join('.');
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => parseInt(g, 16).toString(16)).join(':');
}

/**
 * The fields of a PEM "CERTIFICATE REQUEST" an approver needs. Throws on anything that is not a
 * well-formed PKCS#10 request or whose signature does not verify.
 */
export function parseCsr(pem) {
  const m = /-----BEGIN CERTIFICATE REQUEST-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE REQUEST-----/.exec(pem);
  if (!m) throw new Error('not a PEM CERTIFICATE REQUEST');
  const der = Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  const top = expectTag(tlv(der, 0), 0x30, 'CertificationRequest');
  if (top.end !== der.length) throw new Error('trailing bytes after the request');
  const [info, sigAlg, sig] = children(der, top);
  if (!sig) throw new Error('CertificationRequest needs info, algorithm and signature');
  expectTag(info, 0x30, 'CertificationRequestInfo');
  const [version, subject, spki, attrs] = children(der, info);
  expectTag(version, 0x02, 'version');
  expectTag(subject, 0x30, 'subject');
  expectTag(spki, 0x30, 'subjectPKInfo');

  const cn = [];
  const o = [];
  const otherSubject = [];
  for (const rdn of children(der, subject)) {
    for (const atv of children(der, expectTag(rdn, 0x31, 'RDN'))) {
      const [type, value] = children(der, expectTag(atv, 0x30, 'AttributeTypeAndValue'));
      const t = oid(expectTag(type, 0x06, 'attribute type').content);
      const v = value.content.toString('utf8');
      if (t === OID.commonName) cn.push(v);
      else if (t === OID.organization) o.push(v);
      else otherSubject.push(t);
    }
  }

  const dns = [];
  const ips = [];
  const otherNames = [];
  if (attrs) {
    expectTag(attrs, 0xa0, 'attributes');
    for (const attr of children(der, attrs)) {
      const [type, values] = children(der, expectTag(attr, 0x30, 'Attribute'));
      if (oid(expectTag(type, 0x06, 'attribute type').content) !== OID.extensionRequest) continue;
      for (const exts of children(der, expectTag(values, 0x31, 'attribute values'))) {
        for (const ext of children(der, expectTag(exts, 0x30, 'Extensions'))) {
          const parts = children(der, expectTag(ext, 0x30, 'Extension'));
          if (oid(expectTag(parts[0], 0x06, 'extension id').content) !== OID.subjectAltName) continue;
          const octets = expectTag(parts[parts.length - 1], 0x04, 'extension value');
          const inner = octets.content;
          const names = expectTag(tlv(inner, 0), 0x30, 'GeneralNames');
          for (const gn of children(inner, names)) {
            if (gn.tag === 0x82) dns.push(gn.content.toString('ascii'));
            else if (gn.tag === 0x87) ips.push(ipString(gn.content));
            else otherNames.push(`GeneralName tag 0x${gn.tag.toString(16)}`);
          }
        }
      }
    }
  }

  const hash = SIGNATURE_HASH[oid(expectTag(children(der, expectTag(sigAlg, 0x30, 'signatureAlgorithm'))[0], 0x06, 'algorithm').content)];
  if (!hash) throw new Error('unsupported signature algorithm');
  const bits = expectTag(sig, 0x03, 'signature');
  if (bits.content[0] !== 0) throw new Error('signature BIT STRING with unused bits');
  const key = createPublicKey({ key: spki.all, format: 'der', type: 'spki' });
  if (!verifySignature(hash, info.all, key, bits.content.subarray(1))) throw new Error('the request is not signed by its own key');

  return { commonName: cn, organization: o, otherSubject, dns, ips, otherNames };
}

// ---------- the rule ----------

function inCidr(ip, cidr) {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const bytes = (a) => (isIPv4(a) ? a.split('.').map(Number) : canonicalIP(a).split(':').flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  if (isIPv4(ip) !== isIPv4(net)) return false;
  const a = bytes(ip);
  const b = bytes(net);
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> (i % 8);
    if ((a[i >> 3] & mask) !== (b[i >> 3] & mask)) return false;
  }
  return true;
}

const DNS_TYPES = ['Hostname', 'InternalDNS', 'ExternalDNS'];
const IP_TYPES = ['InternalIP', 'ExternalIP'];

/**
 * The decision for one CSR. csr: a certificates.k8s.io/v1 CertificateSigningRequest; nodes: every
 * Node object (the requester's and the others'); allowedCidrs: where node IPs may be.
 * Returns { approve: true, node } or { approve: false, reason }.
 */
export function decide(csr, nodes, allowedCidrs) {
  const spec = csr.spec ?? {};
  const refuse = (reason) => ({ approve: false, reason });
  if (spec.signerName !== SIGNER) return refuse(`signer ${spec.signerName} is not ${SIGNER}`);
  const user = spec.username ?? '';
  if (!user.startsWith(NODE_PREFIX) || user.length === NODE_PREFIX.length) return refuse(`requested by ${JSON.stringify(user)}, not by a node (system:node:<name>)`);
  if (!(spec.groups ?? []).includes('system:nodes')) return refuse(`requester ${user} is not in the group system:nodes`);
  const nodeName = user.slice(NODE_PREFIX.length);

  const usages = [...(spec.usages ?? [])].sort();
  if (!USAGE_SETS.some((u) => JSON.stringify([...u].sort()) === JSON.stringify(usages))) {
    return refuse(`usages ${JSON.stringify(spec.usages ?? [])} are not a kubelet's serving usages (digital signature, server auth, and key encipherment for RSA)`);
  }

  let req;
  try {
    req = parseCsr(Buffer.from(spec.request ?? '', 'base64').toString('utf8'));
  } catch (e) {
    return refuse(`the request cannot be read: ${e.message}`);
  }
  if (req.commonName.length !== 1 || req.commonName[0] !== user) return refuse(`subject CN ${JSON.stringify(req.commonName)} is not the requester ${user}`);
  if (req.organization.length !== 1 || req.organization[0] !== 'system:nodes') return refuse(`subject O ${JSON.stringify(req.organization)} is not ["system:nodes"]`);
  if (req.otherSubject.length) return refuse(`subject has other attributes (${req.otherSubject.join(', ')})`);
  if (req.otherNames.length) return refuse(`the request names more than DNS names and IPs (${req.otherNames.join(', ')})`);
  if (!req.dns.length && !req.ips.length) return refuse('the request names no DNS name and no IP');

  const node = nodes.find((n) => n.metadata?.name === nodeName);
  if (!node) return refuse(`Node ${nodeName} does not exist`);
  const addresses = node.status?.addresses ?? [];
  const ownDns = new Set(addresses.filter((a) => DNS_TYPES.includes(a.type)).map((a) => a.address.toLowerCase()));
  const ownIps = new Set(addresses.filter((a) => IP_TYPES.includes(a.type)).map((a) => canonicalIP(a.address)));
  const others = new Set(nodes.filter((n) => n !== node).flatMap((n) => (n.status?.addresses ?? []).map((a) => (IP_TYPES.includes(a.type) ? canonicalIP(a.address) : a.address.toLowerCase()))));

  for (const d of req.dns) {
    const name = d.toLowerCase();
    if (!ownDns.has(name)) return refuse(`DNS name ${d} is not an address of Node ${nodeName} (${[...ownDns].join(', ') || 'none'})`);
    if (others.has(name)) return refuse(`DNS name ${d} is also an address of another Node`);
  }
  for (const ip of req.ips) {
    if (!ownIps.has(ip)) return refuse(`IP ${ip} is not an address of Node ${nodeName} (${[...ownIps].join(', ') || 'none'})`);
    if (!allowedCidrs.some((c) => inCidr(ip, c))) return refuse(`IP ${ip} is outside the node network (${allowedCidrs.join(', ')})`);
    if (others.has(ip)) return refuse(`IP ${ip} is also an address of another Node`);
  }
  return { approve: true, node: nodeName };
}

export const pending = (csr) => !(csr.status?.conditions ?? []).some((c) => c.type === 'Approved' || c.type === 'Denied' || c.type === 'Failed');

// ---------- the loop ----------

function parseArgs(argv) {
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    a[m[1]] = m[2] ?? argv[++i];
  }
  for (const k of ['server', 'ca', 'cert', 'key', 'allowed-cidrs']) if (!a[k]) throw new Error(`--${k} is required`);
  return { server: a.server, ca: a.ca, cert: a.cert, key: a.key, allowedCidrs: a['allowed-cidrs'].split(','), intervalMs: Number(a.interval ?? '5') * 1000 };
}

function api(o, method, path, body) {
  const url = new URL(path, o.server);
  const tls = { ca: readFileSync(o.ca), cert: readFileSync(o.cert), key: readFileSync(o.key), minVersion: 'TLSv1.2' };
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ...tls, timeout: 15000, headers: { accept: 'application/json', ...(data ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode >= 200 && res.statusCode < 300 ? resolve(JSON.parse(text)) : reject(new Error(`${method} ${path}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

const log = (msg) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`);

/** One pass: every pending kubelet-serving CSR is approved or left with a logged reason. */
export async function reconcile(o, seen = new Map()) {
  const list = await api(o, 'GET', `/apis/certificates.k8s.io/v1/certificatesigningrequests?fieldSelector=${encodeURIComponent(`spec.signerName=${SIGNER}`)}`);
  const todo = (list.items ?? []).filter(pending);
  if (!todo.length) return;
  const nodes = (await api(o, 'GET', '/api/v1/nodes')).items ?? [];
  for (const csr of todo) {
    const name = csr.metadata.name;
    const d = decide(csr, nodes, o.allowedCidrs);
    if (!d.approve) {
      if (seen.get(name) !== d.reason) log(`left pending ${name}: ${d.reason}`);
      seen.set(name, d.reason);
      continue;
    }
    const conditions = [...(csr.status?.conditions ?? []), { type: 'Approved', status: 'True', reason: 'KubeAnywhereServingApprover', message: `names and IPs are Node ${d.node}'s own addresses` }];
    await api(o, 'PUT', `/apis/certificates.k8s.io/v1/certificatesigningrequests/${encodeURIComponent(name)}/approval`, { ...csr, status: { ...csr.status, conditions } });
    log(`approved ${name} for Node ${d.node}`);
    seen.delete(name);
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  log(`watching ${SIGNER} requests at ${o.server} every ${o.intervalMs / 1000}s; node IPs must be in ${o.allowedCidrs.join(', ')}`);
  const seen = new Map();
  for (;;) {
    try {
      await reconcile(o, seen);
    } catch (e) {
      log(`error: ${e.message}`);
    }
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    process.stderr.write(`kubelet-serving-approver: ${e.message}\n`);
    process.exit(2);
  });
}
