// The TLS floor of every server the cluster runs, in one table: TLS 1.2 or newer, and only AEAD
// cipher suites with forward secrecy (ECDHE + AES-GCM or ChaCha20-Poly1305). TLS 1.3 suites are not
// configurable in Go and are all strong. The names are the ones the CIS Kubernetes Benchmark lists
// (v1.10, 1.2.29 kube-apiserver and 4.2.12 kubelet; kube-bench compares against exactly these
// spellings), minus its two suites without forward secrecy (TLS_RSA_WITH_AES_*_GCM_*). Kubernetes'
// --tls-cipher-suites (k8s.io/component-base/cli/flag/ciphersuites_flag.go) and etcd's
// --cipher-suites (go.etcd.io/etcd/client/pkg/v3/tlsutil/cipher_suites.go) accept both spellings of
// the ChaCha20 suites (with and without _SHA256).

export const TLS_CIPHER_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
] as const;

/**
 * kube-apiserver, kube-controller-manager and kube-scheduler (k8s.io/apiserver SecureServingOptions:
 * --tls-min-version takes VersionTLS12/VersionTLS13), and the kubelet's KubeletConfiguration
 * (tlsMinVersion, tlsCipherSuites: same values). Present and unchanged in Kubernetes 1.19 - 1.37.
 */
export const KUBE_TLS = {
  minVersion: 'VersionTLS12',
  cipherSuites: [...TLS_CIPHER_SUITES],
  flags: [`--tls-min-version=VersionTLS12`, `--tls-cipher-suites=${TLS_CIPHER_SUITES.join(',')}`],
} as const;

/**
 * etcd: --cipher-suites (since 3.3) and --tls-min-version=TLS1.2 (since 3.5; 3.4 rejects the flag as
 * unknown). The flags are chosen from the etcd image tag, e.g. "3.5.21-0".
 */
export function etcdTlsFlags(etcdVersion: string): string[] {
  const [major, minor] = etcdVersion.split(/[.-]/).map(Number);
  const flags = [`--cipher-suites=${TLS_CIPHER_SUITES.join(',')}`];
  if (major > 3 || (major === 3 && minor >= 5)) flags.unshift('--tls-min-version=TLS1.2');
  return flags;
}
