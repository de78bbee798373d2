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
   * Kubernetes release for the control plane, kubelet and kube-proxy, as MAJOR.MINOR.PATCH without a leading v.
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
     * Where control-plane images come from.
     */
    images: {
      /**
       * Registry of the Kubernetes images (a mirror for air-gapped sites).
       */
      registry: string;
      /**
       * Tag of the etcd image in the registry.
       */
      etcdVersion: string;
    };
    /**
     * Kubelet settings shared by every node.
     */
    kubelet: {
      /**
       * Most pods a node runs.
       */
      maxPods: number;
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
    };
  };
}
