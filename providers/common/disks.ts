// Root disk sizes per role, the same on every cloud: etcd's data and the control plane's images
// fit with room to spare; workers need room for container images.
export const DISK_GB = { master: 30, etcd: 20, worker: 40 } as const;
