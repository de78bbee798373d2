// Every static pod is a valid Pod per the Kubernetes API schema, and carries the flags the
// security model depends on.
import { Pod } from 'kubernetes-models/v1';
import { staticPods } from '../../../bootstrap/manifests/render.js';
import { bareMetalCluster, cloudCluster } from './fixtures.js';

const shapes = () => [cloudCluster(), cloudCluster({ topology: { masters: 1, workers: 0 }, phase2: { auditLog: { enabled: false } } }), bareMetalCluster()];

const flags = (pod: any): string[] => pod.spec.containers[0].command.slice(1);

test('every rendered static pod validates against the Kubernetes Pod schema', () => {
  let count = 0;
  for (const c of shapes()) {
    for (const n of c.inventory.nodes) {
      for (const { pod, file } of staticPods(c.config, c.inventory, n)) {
        expect(() => new Pod(pod as never).validate()).not.toThrow();
        expect(file).toBe(`${(pod as any).metadata.name}.yaml`);
        expect(pod).toMatchObject({ metadata: { namespace: 'kube-system' }, spec: { hostNetwork: true, priorityClassName: 'system-node-critical' } });
        expect((pod as any).spec.containers[0].livenessProbe).toBeDefined();
        count++;
      }
    }
  }
  expect(count).toBe(3 * 3 + 3 + (3 + 1) + 4); // HA cloud (3 masters x 3 + 3 etcd), single master (3 + etcd), bare metal (4)
});

test('the schema check is real: a broken pod fails it', () => {
  const c = bareMetalCluster();
  const [pod] = staticPods(c.config, c.inventory, c.inventory.nodes[0]);
  const broken = structuredClone(pod.pod) as any;
  broken.spec.containers[0].livenessProbe.httpGet.port = { not: 'a port' };
  expect(() => new Pod(broken).validate()).toThrow();
});

test('kube-apiserver: anonymous off, Node+RBAC, NodeRestriction, bootstrap tokens, etcd over TLS to every member, encryption, audit', () => {
  const c = cloudCluster();
  const master = c.inventory.nodes.find((n) => n.roles.includes('master'))!;
  const api = staticPods(c.config, c.inventory, master).find((p) => p.file === 'kube-apiserver.yaml')!.pod as any;
  const f = flags(api);
  const etcd = c.inventory.nodes.filter((n) => n.roles.includes('etcd')).map((n) => `https://${n.privateIP}:2379`).join(',');
  for (const want of ['--anonymous-auth=false', '--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
    `--etcd-servers=${etcd}`, '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--encryption-provider-config=/etc/kubernetes/encryption-config.yaml',
    '--audit-log-path=/var/log/kubernetes/audit.log', '--audit-log-maxage=30', `--advertise-address=${master.privateIP}`, '--service-cluster-ip-range=10.96.0.0/12',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt']) {
    expect(f).toContain(want);
  }
  expect(api.spec.containers[0].image).toBe('registry.k8s.io/kube-apiserver:v1.37.2');
});

test('kube-controller-manager signs CSRs with the cluster CA, runs the token controllers and allocates node CIDRs; scheduler elects a leader', () => {
  const c = cloudCluster({ network: { podCidr: '10.200.0.0/16', nodePodCidrMaskSize: 25 } });
  const master = c.inventory.nodes[0];
  const pods = staticPods(c.config, c.inventory, master);
  const cm = flags(pods.find((p) => p.file === 'kube-controller-manager.yaml')!.pod);
  for (const want of ['--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt', '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key', '--controllers=*,bootstrapsigner,tokencleaner',
    '--allocate-node-cidrs=true', '--cluster-cidr=10.200.0.0/16', '--node-cidr-mask-size=25', '--leader-elect=true', '--service-account-private-key-file=/etc/kubernetes/pki/sa.key']) {
    expect(cm).toContain(want);
  }
  expect(flags(pods.find((p) => p.file === 'kube-scheduler.yaml')!.pod)).toContain('--leader-elect=true');
});

test('etcd: client and peer TLS with client-cert auth, the initial cluster from the inventory, the configured image', () => {
  const c = cloudCluster({ phase2: { images: { registry: 'mirror.example.com/k8s', etcdVersion: '3.5.16-0' } } });
  const members = c.inventory.nodes.filter((n) => n.roles.includes('etcd'));
  const etcd = staticPods(c.config, c.inventory, members[1])[0].pod as any;
  const f = flags(etcd);
  expect(f).toEqual(expect.arrayContaining(['--client-cert-auth=true', '--peer-client-cert-auth=true', `--name=${members[1].name}`,
    `--initial-cluster=${members.map((m) => `${m.name}=https://${m.privateIP}:2380`).join(',')}`, `--listen-client-urls=https://${members[1].privateIP}:2379`]));
  expect(etcd.spec.containers[0].image).toBe('mirror.example.com/k8s/etcd:3.5.16-0');
});

test('etcd follows kubeadm\'s pairing for the minor unless overridden (issue 13, defect 4)', () => {
  // cmd/kubeadm/app/constants/constants.go DefaultEtcdVersion: v1.35.4 3.6.6-0, v1.36.3 3.6.8-0, v1.37.2 3.7.0-0.
  const want: Record<string, string> = { '1.35.4': '3.6.6-0', '1.36.3': '3.6.8-0', '1.37.2': '3.7.0-0' };
  for (const [version, tag] of Object.entries(want)) {
    const c = cloudCluster({ kubernetesVersion: version });
    const member = c.inventory.nodes.find((n) => n.roles.includes('etcd'))!;
    expect((staticPods(c.config, c.inventory, member)[0].pod as any).spec.containers[0].image).toBe(`registry.k8s.io/etcd:${tag}`);
  }
});
