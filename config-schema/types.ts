// GENERATED from cluster.schema.json by `npm run gen:types`. Do not edit: edit the schema.
// ClusterConfig is a validated config with every default applied.

/**
 * One kube-anywhere cluster: what the three phases (provision, bootstrap, addons) build.
 */
export interface ClusterConfig {
  /**
   * Cluster name: a lowercase DNS label. It prefixes every cloud resource, so it is kept short (see the per-cloud limits in providers/common/names).
   */
  name: string;
  /**
   * Kubernetes release for the control plane, kubelet and kube-proxy, as MAJOR.MINOR.PATCH without a leading v. Supported minors: 1.35, 1.36, 1.37 (the three newest; lib/releases.ts, README "Supported versions"); another minor is refused, a patch older than the table's default gets a warning. The minor picks the etcd, CoreDNS, pause, CNI plugins, crictl and flannel versions.
   */
  kubernetesVersion: string;
  /**
   * How many machines of each role the cluster has.
   */
  topology: {
    /**
     * Number of masters (control-plane nodes). More than one needs a load-balanced API endpoint.
     */
    masters: number;
    /**
     * Where etcd runs and how many members it has.
     */
    etcd: {
      /**
       * colocated: one etcd member on each master. dedicated: etcd on its own machines.
       */
      placement: 'colocated' | 'dedicated';
      /**
       * Number of etcd members: odd (1, 3, 5 or 7), so a majority survives failures. With colocated placement it equals the number of masters.
       */
      count: number;
    };
    /**
     * Number of worker nodes. 0 makes the masters schedulable (single-node or masters-only clusters).
     */
    workers: number;
  };
  /**
   * Address ranges of the cluster.
   */
  network: {
    /**
     * Range the machines' private addresses come from (the cloud network; on bare metal, the hosts' subnet).
     */
    nodeCidr: string;
    /**
     * Range pod addresses come from; each node that runs pods gets a block of it.
     */
    podCidr: string;
    /**
     * Prefix length of the pod block each node gets from the pod CIDR (24 gives 254 pods' addresses a node).
     */
    nodePodCidrMaskSize: number;
    /**
     * Range ClusterIP services get their addresses from. Its first address is the kubernetes API service.
     */
    serviceCidr: string;
    /**
     * ClusterIP of the cluster DNS service (kube-dns); inside the service CIDR.
     */
    dnsServiceIP: string;
    /**
     * DNS domain of the cluster's services.
     */
    dnsDomain: string;
  };
  /**
   * Phase 1, provisioning: where the machines come from.
   */
  phase1: {
    /**
     * Where the machines come from: a cloud through Terraform, bare metal (hosts you already have; phase 1 is skipped), or local (machines booted as systemd-nspawn containers on this Linux host, to try kube-anywhere without a cloud).
     */
    cloudProvider: 'aws' | 'gcp' | 'azure' | 'baremetal' | 'local';
    /**
     * Load balancer in front of the API servers: auto (when there is more than one master), always, or never (the single master's address is the endpoint).
     */
    apiLoadBalancer: 'auto' | 'always' | 'never';
    /**
     * How Terraform runs and where it keeps its state.
     */
    terraform: {
      /**
       * Where Terraform state lives: local (under clusters/<name>/terraform), or a shared remote backend for teams.
       */
      backend: 'local' | 's3' | 'gcs' | 'azurerm';
      /**
       * S3 state backend.
       */
      s3: {
        /**
         * S3 bucket holding the state.
         */
        bucket: string;
        /**
         * Key prefix; state lands at <prefix>/<cluster>/<stack>.tfstate.
         */
        keyPrefix: string;
        /**
         * Region of the state bucket.
         */
        region: string;
        /**
         * DynamoDB table for state locking. Empty: no locking.
         */
        dynamodbTable: string;
      };
      /**
       * GCS state backend.
       */
      gcs: {
        /**
         * GCS bucket holding the state.
         */
        bucket: string;
        /**
         * Object prefix; state lands at <prefix>/<cluster>/<stack>.
         */
        prefix: string;
      };
      /**
       * Azure blob state backend.
       */
      azurerm: {
        /**
         * Resource group of the storage account.
         */
        resourceGroupName: string;
        /**
         * Storage account holding the state.
         */
        storageAccountName: string;
        /**
         * Blob container holding the state.
         */
        containerName: string;
      };
      /**
       * Directory of a Terraform provider filesystem mirror (air-gapped sites). Empty: the public registry. Also settable with KUBE_ANYWHERE_TF_PLUGIN_MIRROR.
       */
      pluginMirror: string;
    };
    /**
     * Amazon Web Services.
     */
    aws: {
      /**
       * AWS region.
       */
      region: string;
      /**
       * Availability zones for the subnets (at least two are used). Empty: the region's a and b zones.
       */
      zones: string[];
      /**
       * EC2 instance types per role.
       */
      instanceTypes: {
        /**
         * Size of the master (control plane) machines.
         */
        master: string;
        /**
         * Size of dedicated etcd machines (used only when topology.etcd.placement is dedicated).
         */
        etcd: string;
        /**
         * Size of the worker machines.
         */
        worker: string;
      };
      /**
       * Machine image. Empty: the current Flatcar Container Linux stable image, looked up at deploy time. Otherwise an AMI id.
       */
      image: string;
      /**
       * OpenSSH public key put on every node for the 'core' user. Empty: no key (nodes reachable only through the cloud console).
       */
      sshPublicKey: string;
      /**
       * Who may reach the cluster from outside the AWS network.
       */
      allowedCidrs: {
        /**
         * CIDRs allowed to reach the Kubernetes API (TCP 6443). Nodes always may.
         */
        api: string[];
        /**
         * CIDRs allowed to reach SSH (TCP 22) on the nodes. Empty: no SSH from outside.
         */
        ssh: string[];
      };
      /**
       * Override AWS API endpoints per service (ec2, elb, elbv2, autoscaling, iam, sts, s3, ...), for private endpoints or a local emulator. Also settable with KUBE_ANYWHERE_AWS_ENDPOINT (all services).
       */
      endpoints: {
        [k: string]: string;
      };
    };
    /**
     * Google Cloud Platform.
     */
    gcp: {
      /**
       * GCP project id (required for gcp).
       */
      project: string;
      /**
       * GCP region.
       */
      region: string;
      /**
       * Zones for the machines. Empty: the region's zones b and c.
       */
      zones: string[];
      /**
       * Compute Engine machine types per role.
       */
      machineTypes: {
        /**
         * Size of the master (control plane) machines.
         */
        master: string;
        /**
         * Size of dedicated etcd machines (used only when topology.etcd.placement is dedicated).
         */
        etcd: string;
        /**
         * Size of the worker machines.
         */
        worker: string;
      };
      /**
       * Machine image. Empty: the current Flatcar Container Linux stable image, looked up at deploy time. Otherwise an image self-link or family.
       */
      image: string;
      /**
       * OpenSSH public key put on every node for the 'core' user. Empty: no key (nodes reachable only through the cloud console).
       */
      sshPublicKey: string;
      /**
       * Who may reach the cluster from outside the GCP network.
       */
      allowedCidrs: {
        /**
         * CIDRs allowed to reach the Kubernetes API (TCP 6443). Nodes always may.
         */
        api: string[];
        /**
         * CIDRs allowed to reach SSH (TCP 22) on the nodes. Empty: no SSH from outside.
         */
        ssh: string[];
      };
    };
    /**
     * Microsoft Azure.
     */
    azure: {
      /**
       * Azure subscription id (required for azure).
       */
      subscriptionId: string;
      /**
       * Azure location (region).
       */
      location: string;
      /**
       * Availability zones (1, 2, 3) the machines spread over. Empty: no zones, for locations without availability zones.
       */
      zones: ('1' | '2' | '3')[];
      /**
       * Resource group created for the cluster. Empty: <name>-rg.
       */
      resourceGroup: string;
      /**
       * VM sizes per role.
       */
      vmSizes: {
        /**
         * Size of the master (control plane) machines.
         */
        master: string;
        /**
         * Size of dedicated etcd machines (used only when topology.etcd.placement is dedicated).
         */
        etcd: string;
        /**
         * Size of the worker machines.
         */
        worker: string;
      };
      /**
       * Machine image. Empty: the current Flatcar Container Linux stable image, looked up at deploy time. Otherwise publisher:offer:sku:version.
       */
      image: string;
      /**
       * OpenSSH public key for the 'core' user. Azure requires one; empty: a key pair is generated into clusters/<name>/pki.
       */
      sshPublicKey: string;
      /**
       * Who may reach the cluster from outside the Azure network.
       */
      allowedCidrs: {
        /**
         * CIDRs allowed to reach the Kubernetes API (TCP 6443). Nodes always may.
         */
        api: string[];
        /**
         * CIDRs allowed to reach SSH (TCP 22) on the nodes. Empty: no SSH from outside.
         */
        ssh: string[];
      };
    };
    /**
     * Bare metal: hosts you already have. Phase 2 renders an Ignition config per host.
     */
    baremetal: {
      /**
       * host[:port] of the Kubernetes API: a load balancer or VIP in front of the masters, or the single master's address. Port 6443 when omitted.
       */
      apiEndpoint: string;
      /**
       * How `bootstrap apply` reaches the hosts.
       */
      ssh: {
        /**
         * SSH user (needs sudo without a password).
         */
        user: string;
        /**
         * SSH port.
         */
        port: number;
        /**
         * Private key file for SSH. Empty: the SSH agent and ~/.ssh defaults.
         */
        identityFile: string;
      };
      /**
       * The machines: name, private IP and roles.
       */
      hosts: {
        /**
         * Host name (a DNS label); becomes the node name.
         */
        name: string;
        /**
         * Private IPv4 address, inside network.nodeCidr.
         */
        ip: string;
        /**
         * Roles of this host: etcd, master, worker.
         *
         * @minItems 1
         */
        roles: ['etcd' | 'master' | 'worker', ...('etcd' | 'master' | 'worker')[]];
        /**
         * SSH user for this host, overriding phase1.baremetal.ssh.user.
         */
        sshUser?: string;
        /**
         * SSH port for this host, overriding phase1.baremetal.ssh.port.
         */
        sshPort?: number;
      }[];
    };
    /**
     * Local: every node is a systemd-nspawn machine on this Linux host, booting a real systemd from a Debian root; the rendered Ignition config is applied to it before its first boot. Needs root.
     */
    local: {
      /**
       * Serve everything the nodes download and pull from artifacts built on this machine by `make offline-artifacts VERSION=<kubernetesVersion>` (an air-gapped site): kube-anywhere runs a registry and a file server on the cluster's bridge and points phase2.downloads.baseUrl and phase2.images.mirrors at them unless you set those yourself.
       */
      offline: boolean;
      /**
       * Where `make offline-artifacts` put the artifacts. Empty: $KUBE_ANYWHERE_CACHE/offline/v<kubernetesVersion> (KUBE_ANYWHERE_CACHE defaults to ~/.cache/kube-anywhere).
       */
      artifactsDir: string;
      /**
       * Debian mirror debootstrap builds the machines' root from (once; the root is cached). Empty: the first Debian mirror in this host's apt sources, else http://deb.debian.org/debian.
       */
      debianMirror: string;
      /**
       * Debian release of the machines' root (it brings systemd, containerd and runc).
       */
      debianSuite: 'bookworm' | 'trixie';
    };
  };
  /**
   * Phase 2, bootstrap: what turns a booting machine into a cluster member.
   */
  phase2: {
    /**
     * Node operating system (both boot with Ignition and run containerd).
     */
    os: 'flatcar' | 'fedora-coreos';
    /**
     * The cluster's certificates.
     */
    pki: {
      /**
       * Key type of every CA and leaf: ECDSA P-256 (fast, small) or RSA 2048.
       */
      keyAlgorithm: 'ecdsa-p256' | 'rsa-2048';
      /**
       * Lifetime of leaf certificates in hours (17520 = 2 years).
       */
      certValidityHours: number;
      /**
       * Lifetime of the CAs in hours (87600 = 10 years); longer than the leaves.
       */
      caValidityHours: number;
      /**
       * Days the workers' bootstrap token is valid. Long enough for an autoscaling group; `deploy` mints a new one (and re-renders the worker configs) when fewer than 30 days remain.
       */
      bootstrapTokenValidityDays: number;
    };
    /**
     * Ask for mirror settings (downloads and images) for an air-gapped or egress-filtered site. Only the wizard's gate: phase2.downloads and phase2.images.mirrors apply whenever they are set.
     */
    airGapped: boolean;
    /**
     * Where images come from. Image references in static pods and addons stay canonical (registry.k8s.io/..., ghcr.io/..., quay.io/..., docker.io/...); mirrors redirect the pulls.
     */
    images: {
      /**
       * Deprecated: use phase2.images.mirrors {"registry.k8s.io": URL}, which keeps image names canonical. A value other than registry.k8s.io still replaces registry.k8s.io in the control-plane, pause, kube-proxy and DNS image names (validate warns).
       */
      registry: string;
      /**
       * Override of the etcd image tag. Unset (the default): the tag kubeadm pairs with kubernetesVersion's minor (lib/releases.ts: 3.6.6-0 for 1.35, 3.6.8-0 for 1.36, 3.7.0-0 for 1.37).
       */
      etcdVersion?: string;
      /**
       * Registry mirrors, rendered into containerd's /etc/containerd/certs.d/<registry>/hosts.toml: upstream registry ("registry.k8s.io", "ghcr.io", "quay.io", "docker.io", or "*" for every registry without an entry of its own) -> mirror URL. A URL with a path (http://10.0.0.3:5000/registry.k8s.io) serves that registry's repositories under the path (containerd override_path); a plain URL (http://10.0.0.3:5000) serves them at its root. Image names stay canonical; the upstream registry stays the fallback after the mirror. Example as JSON: {"registry.k8s.io": "http://10.0.0.3:5000/registry.k8s.io"}.
       */
      mirrors: {
        [k: string]: string;
      };
      /**
       * PEM certificate(s) of the CA that signed the image mirrors' HTTPS certificates, when it is a private CA (written to /etc/containerd/certs.d/<registry>/ca.crt and named by each mirror host entry). The PEM text itself, not a path. Empty: the node's system CAs.
       */
      caBundle: string;
    };
    /**
     * What the nodes download at first boot (the kubelet, the CNI plugins, crictl).
     */
    downloads: {
      /**
       * Base URL of a download mirror. Empty: the upstream URLs (dl.k8s.io, github.com). Layout: <baseUrl>/<upstream host>/<upstream path>, each file with its checksum beside it as <file>.sha256, e.g. http://10.0.0.3:8080/dl.k8s.io/release/v1.37.2/bin/linux/amd64/kubelet and .../kubelet.sha256. `kube-anywhere artifacts` lists every file.
       */
      baseUrl: string;
      /**
       * PEM certificate(s) of the CA that signed the download mirror's HTTPS certificate, when it is a private CA (written to /etc/kubernetes/downloads-ca.crt and given to curl). The PEM text itself, not a path. Empty: the node's system CAs.
       */
      caBundle: string;
    };
    /**
     * Kubelet settings shared by every node.
     */
    kubelet: {
      /**
       * Most pods a node runs.
       */
      maxPods: number;
      /**
       * Let the kubelet run on a host with cgroup v1 only (KubeletConfiguration failCgroupV1: false). Kubelets from 1.35 on refuse cgroup v1 by default, and cgroup v1 is deprecated upstream: turn this on only for hosts that cannot boot with cgroup v2 (the local target turns it on when this machine mounts cgroup v1).
       */
      allowCgroupV1: boolean;
      /**
       * Let the kubelet reclaim disk space as upstream's defaults do: evict pods when the node's disk runs low (evictionHard nodefs/imagefs) and remove unused images above 85% use. Turn it off only where the node's disk is not its own (the local target does: its machines see this host's disk, whose use is not theirs to reclaim; kind does the same); memory eviction stays on.
       */
      reclaimDisk: boolean;
    };
    /**
     * kube-apiserver audit log.
     */
    auditLog: {
      /**
       * Write an audit log on each master (/var/log/kubernetes/audit.log).
       */
      enabled: boolean;
      /**
       * Days audit log files are kept.
       */
      maxAgeDays: number;
    };
    /**
     * containerd settings shared by every node.
     */
    containerd: {
      /**
       * containerd CRI restrict_oom_score_adj = true: containers get an oom_score_adj no lower than containerd's own. Needed where containerd lacks CAP_SYS_RESOURCE (nested containers: pod sandboxes otherwise fail with "can't get final child's PID from pipe"); the local target turns it on when this machine withholds that capability. Off on real hosts: it weakens the kubelet's OOM priorities.
       */
      restrictOomScoreAdj: boolean;
    };
  };
  /**
   * Phase 3, addons: the cluster's network, DNS and service proxy.
   */
  phase3: {
    /**
     * Pod network.
     */
    cni: {
      /**
       * Pod network plugin.
       */
      plugin: 'flannel' | 'calico';
      /**
       * flannel settings.
       */
      flannel: {
        /**
         * vxlan: an overlay that works on every network. host-gw: plain routes, needs all nodes on one L2 segment.
         */
        backend: 'vxlan' | 'host-gw';
      };
      /**
       * Calico settings.
       */
      calico: {
        /**
         * overlay: encapsulated pod traffic (see encapsulation). routed: no encapsulation, routes exchanged over BGP.
         */
        mode: 'overlay' | 'routed';
        /**
         * Encapsulation in overlay mode: VXLAN or IP-in-IP.
         */
        encapsulation: 'vxlan' | 'ipip';
        /**
         * BGP autonomous system number of the cluster (private range by default).
         */
        asNumber: number;
        /**
         * Enforce Kubernetes NetworkPolicy.
         */
        networkPolicy: boolean;
      };
    };
    /**
     * Cluster DNS.
     */
    dns: {
      /**
       * coredns (served as the kube-dns Service) or the legacy kube-dns.
       */
      provider: 'coredns' | 'kube-dns';
      /**
       * DNS server replicas (spread over nodes).
       */
      replicas: number;
    };
    /**
     * kube-proxy.
     */
    kubeProxy: {
      /**
       * How kube-proxy programs services.
       */
      mode: 'iptables' | 'ipvs';
      /**
       * kube-proxy conntrack.maxPerCore: the conntrack table size kube-proxy sets per CPU (32768, upstream's default). 0 leaves the host's nf_conntrack_max as it is: needed where kube-proxy cannot write it (nodes in a network namespace; the local target sets 0, as kind does).
       */
      conntrackMaxPerCore: number;
    };
  };
}
