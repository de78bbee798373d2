// Every rendered object is checked against the Kubernetes API schema before it is written:
// built-in kinds with kubernetes-models 4.5 (the Kubernetes OpenAPI schema, compiled), custom
// resources against the openAPIV3Schema of their CRD in the same set, compiled with ajv.
// kubernetes-models does not flag unknown fields; the CRD check does (see strictCopy).
import { createRequire } from 'node:module';
import { ADDON_NAMESPACE } from './addon.js';

export type K8sObject = { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } & Record<string, unknown>;

type ModelClass = (new (data: never) => { validate(): void }) & { apiVersion: string; kind: string };
// Loaded through require: kubernetes-models' CommonJS build loads in ~2/3 of the time of its ESM
// build (some 200 small files per model tree), which counts for a CLI that starts fresh each run.
const require = createRequire(import.meta.url);
const MODEL_FILES = [
  'v1/ServiceAccount',
  'v1/ConfigMap',
  'v1/Secret',
  'v1/Service',
  'apps/v1/DaemonSet',
  'apps/v1/Deployment',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'apiextensions.k8s.io/v1/CustomResourceDefinition',
];
let models: Map<string, ModelClass> | undefined;
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  models ??= new Map(
    MODEL_FILES.map((f) => {
      const m = (require(`kubernetes-models/${f}`) as Record<string, ModelClass>)[f.split('/').pop()!];
      return [`${m.apiVersion}/${m.kind}`, m];
    }),
  );
  return models.get(`${apiVersion}/${kind}`);
}
const CLUSTER_SCOPED_BUILTIN = new Set(['ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

export const describeObject = (o: K8sObject): string =>
  `${String(o.kind)} ${o.metadata?.namespace ? `${String(o.metadata.namespace)}/` : ''}${String(o.metadata?.name)}`;

type CrdInfo = { scope: string; schema?: Record<string, unknown> };

/** CRDs in the set, by "<group>/<version>/<kind>". */
function crdIndex(objects: K8sObject[]): Map<string, CrdInfo> {
  const index = new Map<string, CrdInfo>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = o.spec as { group: string; scope: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: Record<string, unknown> } }[] };
    for (const v of spec.versions ?? []) index.set(`${spec.group}/${v.name}/${spec.names.kind}`, { scope: spec.scope, schema: v.schema?.openAPIV3Schema });
  }
  return index;
}

/**
 * The API server keeps fields a structural schema does not name only under
 * x-kubernetes-preserve-unknown-fields, and Calico ignores fields it does not know: so, for what
 * kube-anywhere itself writes, a field not named where `properties` are listed is an error (a typo).
 */
function strictCopy(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(strictCopy);
  if (!s || typeof s !== 'object') return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (!k.startsWith('x-kubernetes-')) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, strictCopy(ps)])) : strictCopy(v);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

type AjvLike = { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null } };
let ajv: AjvLike | undefined;
const compiledCrSchemas = new WeakMap<object, ReturnType<AjvLike['compile']>>();
async function newAjv(): Promise<AjvLike> {
  // Loaded only when a custom resource needs it (calico): most renders never pay for ajv.
  const { Ajv } = await import('ajv');
  // meta/validateSchema off: the CRD schemas were checked by kubernetes-models already, and ajv's
  // meta-schema costs ~60 ms to compile.
  return (ajv ??= new Ajv({ allErrors: true, strict: false, validateFormats: false, meta: false, validateSchema: false }) as unknown as AjvLike);
}

export interface SchemaProblem {
  object: K8sObject;
  /** "<Kind> <ns>/<name>: <what>" */
  message: string;
}

/** Problems of a set of objects; empty when all are valid. */
export async function schemaProblems(objects: K8sObject[]): Promise<SchemaProblem[]> {
  const found: SchemaProblem[] = [];
  const crds = crdIndex(objects);
  for (const o of objects) {
    const where = describeObject(o);
    const report = (message: string) => found.push({ object: o, message });
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
      report(`${where}: apiVersion and kind must be strings`);
      continue;
    }
    if (typeof o.metadata?.name !== 'string' || !o.metadata.name) report(`${where}: metadata.name is required`);
    const Model = modelFor(o.apiVersion, o.kind);
    const crd = crds.get(`${o.apiVersion}/${o.kind}`);
    let clusterScoped: boolean;
    if (Model) {
      clusterScoped = CLUSTER_SCOPED_BUILTIN.has(o.kind);
      try {
        new Model(structuredClone(o) as never).validate();
      } catch (e) {
        for (const line of String((e as Error).message).split('\n')) report(`${where}: ${line.replace(/^data\//, '/')}`);
      }
    } else if (crd) {
      clusterScoped = crd.scope === 'Cluster';
      if (crd.schema) {
        let validate = compiledCrSchemas.get(crd.schema);
        if (!validate) {
          // apiVersion, kind and metadata are always allowed at the top, as in the API server.
          const root = { ...crd.schema, properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(crd.schema.properties as object) } };
          validate = (await newAjv()).compile(strictCopy(root));
          compiledCrSchemas.set(crd.schema, validate);
        }
        if (!validate(o))
          for (const err of validate.errors ?? [])
            report(`${where}: ${err.instancePath || '/'} ${err.message}${err.params?.additionalProperty ? ` (${String(err.params.additionalProperty)})` : ''}`);
      }
    } else {
      report(`${where}: no schema known for ${o.apiVersion} ${o.kind} (add its model to addons/schema.ts, or its CRD to the set)`);
      continue;
    }
    // One namespace for everything (the ApplySet kubectl prunes by lives there, and kubectl refuses
    // objects of other namespaces when -n is given).
    const ns = o.metadata?.namespace;
    if (clusterScoped && ns !== undefined) report(`${where}: cluster-scoped, must not name a namespace`);
    if (!clusterScoped && ns !== ADDON_NAMESPACE) report(`${where}: must be in namespace ${ADDON_NAMESPACE}`);
  }
  return found;
}
