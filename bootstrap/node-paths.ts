// Where phase 2 puts things on a node: one table shared by the static pods, the kubelet and the
// Ignition assembly (kubeadm's layout, so upstream docs and tools apply).
export const NODE = {
  etc: '/etc/kubernetes',
  pki: '/etc/kubernetes/pki',
  manifests: '/etc/kubernetes/manifests',
  kubeletConfig: '/etc/kubernetes/kubelet.yaml',
  kubeletKubeconfig: '/etc/kubernetes/kubelet.conf',
  bootstrapKubeconfig: '/etc/kubernetes/bootstrap-kubelet.conf',
  controllerManagerKubeconfig: '/etc/kubernetes/controller-manager.conf',
  schedulerKubeconfig: '/etc/kubernetes/scheduler.conf',
  encryptionConfig: '/etc/kubernetes/encryption-config.yaml',
  auditPolicy: '/etc/kubernetes/audit-policy.yaml',
  auditLogDir: '/var/log/kubernetes',
  etcdData: '/var/lib/etcd',
  kubeletDir: '/var/lib/kubelet',
  /** The kubelet's client certificate and key in one file, which it rotates in place. */
  kubeletClientPem: '/var/lib/kubelet/pki/kubelet-client-current.pem',
  bin: '/opt/bin',
  cniBin: '/opt/cni/bin',
  cniConf: '/etc/cni/net.d',
  containerdSocket: 'unix:///run/containerd/containerd.sock',
} as const;
