// flannel: the default pod network. vxlan works on any network; host-gw only on one L2 segment.
import type { Addon } from '../addon.js';

export const flannel: Addon = {
  name: 'flannel',
  order: 10,
  dir: 'flannel',
  template: 'flannel.yaml.hbs',
  enabled: (c) => c.phase3.cni.plugin === 'flannel',
  values: ({ config }) => ({
    podCidr: config.network.podCidr,
    backend: config.phase3.cni.flannel.backend,
  }),
};
