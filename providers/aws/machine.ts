// Settings every machine shares, instance or launch template: IMDSv2 only, hop limit 1 (a pod
// cannot reach the node's credentials through the metadata service), an encrypted root disk.

export const METADATA_OPTIONS = { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 } as const;
