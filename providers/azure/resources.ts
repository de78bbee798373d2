// The @cdktf/provider-azurerm resource classes this folder uses, each by its deep path, loaded with require():
// importing these large CommonJS files from ESM makes Node parse every one for its export names
// (cjs-module-lexer), which costs more than loading them (measured: 0.55-0.6 s against 0.7-1 s
// for cdktf and the classes of one cloud, in a fresh process).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);
/** One module of @cdktf/provider-azurerm, by its deep path (never the package root). */
const lib = (name: string) => load(`@cdktf/provider-azurerm/lib/${name}/index.js`);

export const ApplicationSecurityGroup: typeof import('@cdktf/provider-azurerm/lib/application-security-group/index.js').ApplicationSecurityGroup = lib('application-security-group').ApplicationSecurityGroup;
export type ApplicationSecurityGroup = import('@cdktf/provider-azurerm/lib/application-security-group/index.js').ApplicationSecurityGroup;
export const AzurermProvider: typeof import('@cdktf/provider-azurerm/lib/provider/index.js').AzurermProvider = lib('provider').AzurermProvider;
export type AzurermProvider = import('@cdktf/provider-azurerm/lib/provider/index.js').AzurermProvider;
export const Lb: typeof import('@cdktf/provider-azurerm/lib/lb/index.js').Lb = lib('lb').Lb;
export type Lb = import('@cdktf/provider-azurerm/lib/lb/index.js').Lb;
export const LbBackendAddressPool: typeof import('@cdktf/provider-azurerm/lib/lb-backend-address-pool/index.js').LbBackendAddressPool = lib('lb-backend-address-pool').LbBackendAddressPool;
export type LbBackendAddressPool = import('@cdktf/provider-azurerm/lib/lb-backend-address-pool/index.js').LbBackendAddressPool;
export const LbProbe: typeof import('@cdktf/provider-azurerm/lib/lb-probe/index.js').LbProbe = lib('lb-probe').LbProbe;
export type LbProbe = import('@cdktf/provider-azurerm/lib/lb-probe/index.js').LbProbe;
export const LbRule: typeof import('@cdktf/provider-azurerm/lib/lb-rule/index.js').LbRule = lib('lb-rule').LbRule;
export type LbRule = import('@cdktf/provider-azurerm/lib/lb-rule/index.js').LbRule;
export const LinuxVirtualMachine: typeof import('@cdktf/provider-azurerm/lib/linux-virtual-machine/index.js').LinuxVirtualMachine = lib('linux-virtual-machine').LinuxVirtualMachine;
export type LinuxVirtualMachine = import('@cdktf/provider-azurerm/lib/linux-virtual-machine/index.js').LinuxVirtualMachine;
export const LinuxVirtualMachineScaleSet: typeof import('@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set/index.js').LinuxVirtualMachineScaleSet = lib('linux-virtual-machine-scale-set').LinuxVirtualMachineScaleSet;
export type LinuxVirtualMachineScaleSet = import('@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set/index.js').LinuxVirtualMachineScaleSet;
export const NetworkInterface: typeof import('@cdktf/provider-azurerm/lib/network-interface/index.js').NetworkInterface = lib('network-interface').NetworkInterface;
export type NetworkInterface = import('@cdktf/provider-azurerm/lib/network-interface/index.js').NetworkInterface;
export const NetworkInterfaceApplicationSecurityGroupAssociation: typeof import('@cdktf/provider-azurerm/lib/network-interface-application-security-group-association/index.js').NetworkInterfaceApplicationSecurityGroupAssociation = lib('network-interface-application-security-group-association').NetworkInterfaceApplicationSecurityGroupAssociation;
export type NetworkInterfaceApplicationSecurityGroupAssociation = import('@cdktf/provider-azurerm/lib/network-interface-application-security-group-association/index.js').NetworkInterfaceApplicationSecurityGroupAssociation;
export const NetworkInterfaceBackendAddressPoolAssociation: typeof import('@cdktf/provider-azurerm/lib/network-interface-backend-address-pool-association/index.js').NetworkInterfaceBackendAddressPoolAssociation = lib('network-interface-backend-address-pool-association').NetworkInterfaceBackendAddressPoolAssociation;
export type NetworkInterfaceBackendAddressPoolAssociation = import('@cdktf/provider-azurerm/lib/network-interface-backend-address-pool-association/index.js').NetworkInterfaceBackendAddressPoolAssociation;
export const NetworkSecurityGroup: typeof import('@cdktf/provider-azurerm/lib/network-security-group/index.js').NetworkSecurityGroup = lib('network-security-group').NetworkSecurityGroup;
export type NetworkSecurityGroup = import('@cdktf/provider-azurerm/lib/network-security-group/index.js').NetworkSecurityGroup;
export const NetworkSecurityRule: typeof import('@cdktf/provider-azurerm/lib/network-security-rule/index.js').NetworkSecurityRule = lib('network-security-rule').NetworkSecurityRule;
export type NetworkSecurityRule = import('@cdktf/provider-azurerm/lib/network-security-rule/index.js').NetworkSecurityRule;
export const PublicIp: typeof import('@cdktf/provider-azurerm/lib/public-ip/index.js').PublicIp = lib('public-ip').PublicIp;
export type PublicIp = import('@cdktf/provider-azurerm/lib/public-ip/index.js').PublicIp;
export const ResourceGroup: typeof import('@cdktf/provider-azurerm/lib/resource-group/index.js').ResourceGroup = lib('resource-group').ResourceGroup;
export type ResourceGroup = import('@cdktf/provider-azurerm/lib/resource-group/index.js').ResourceGroup;
export const RoleAssignment: typeof import('@cdktf/provider-azurerm/lib/role-assignment/index.js').RoleAssignment = lib('role-assignment').RoleAssignment;
export type RoleAssignment = import('@cdktf/provider-azurerm/lib/role-assignment/index.js').RoleAssignment;
export const StorageAccount: typeof import('@cdktf/provider-azurerm/lib/storage-account/index.js').StorageAccount = lib('storage-account').StorageAccount;
export type StorageAccount = import('@cdktf/provider-azurerm/lib/storage-account/index.js').StorageAccount;
export const StorageBlob: typeof import('@cdktf/provider-azurerm/lib/storage-blob/index.js').StorageBlob = lib('storage-blob').StorageBlob;
export type StorageBlob = import('@cdktf/provider-azurerm/lib/storage-blob/index.js').StorageBlob;
export const StorageContainer: typeof import('@cdktf/provider-azurerm/lib/storage-container/index.js').StorageContainer = lib('storage-container').StorageContainer;
export type StorageContainer = import('@cdktf/provider-azurerm/lib/storage-container/index.js').StorageContainer;
export const Subnet: typeof import('@cdktf/provider-azurerm/lib/subnet/index.js').Subnet = lib('subnet').Subnet;
export type Subnet = import('@cdktf/provider-azurerm/lib/subnet/index.js').Subnet;
export const SubnetNetworkSecurityGroupAssociation: typeof import('@cdktf/provider-azurerm/lib/subnet-network-security-group-association/index.js').SubnetNetworkSecurityGroupAssociation = lib('subnet-network-security-group-association').SubnetNetworkSecurityGroupAssociation;
export type SubnetNetworkSecurityGroupAssociation = import('@cdktf/provider-azurerm/lib/subnet-network-security-group-association/index.js').SubnetNetworkSecurityGroupAssociation;
export const UserAssignedIdentity: typeof import('@cdktf/provider-azurerm/lib/user-assigned-identity/index.js').UserAssignedIdentity = lib('user-assigned-identity').UserAssignedIdentity;
export type UserAssignedIdentity = import('@cdktf/provider-azurerm/lib/user-assigned-identity/index.js').UserAssignedIdentity;
export const VirtualNetwork: typeof import('@cdktf/provider-azurerm/lib/virtual-network/index.js').VirtualNetwork = lib('virtual-network').VirtualNetwork;
export type VirtualNetwork = import('@cdktf/provider-azurerm/lib/virtual-network/index.js').VirtualNetwork;
