// The resources the kube-apiserver double serves, their discovery documents (legacy, not
// aggregated: kubectl falls back to per-group-version lists when /api answers plain JSON),
// /version, and server-side Table rendering for `kubectl get`.
import { apiVersionOf, valueAtPath, type KubeObject, type ResourceDef } from './kube-api.js';

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const NAMESPACES: ResourceDef = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  fieldLabels: ['metadata.name', 'status.phase'],
  nameRule: 'label'
};

export const SERVICE_ACCOUNTS: ResourceDef = {
  group: '',
  version: 'v1',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  kind: 'ServiceAccount',
  namespaced: true,
  shortNames: ['sa'],
  verbs: RW,
  fieldLabels: ['metadata.name', 'metadata.namespace'],
  nameRule: 'subdomain'
};

export const PODS: ResourceDef = {
  group: '',
  version: 'v1',
  resource: 'pods',
  singular: 'pod',
  kind: 'Pod',
  namespaced: true,
  shortNames: ['po'],
  verbs: RW,
  fieldLabels: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName'
  ],
  nameRule: 'subdomain'
};

const EVENT_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type'
];

export const EVENTS: ResourceDef = {
  group: '',
  version: 'v1',
  resource: 'events',
  singular: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
  verbs: RW,
  fieldLabels: EVENT_FIELDS,
  nameRule: 'subdomain'
};

/** events.k8s.io/v1 is a second view of the same stored events (as in kube-apiserver). */
export const EVENTS_V1: ResourceDef = {
  group: 'events.k8s.io',
  version: 'v1',
  resource: 'events',
  singular: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
  verbs: ['get', 'list', 'watch'],
  // AddFieldLabelConversionsForEvent (pkg/apis/events/v1): only these names; the core ones
  // (involvedObject.*, reportingComponent) are "field label not supported" here
  fieldLabels: [
    'metadata.name',
    'metadata.namespace',
    'reason',
    'source',
    'type',
    'regarding.kind',
    'regarding.namespace',
    'regarding.name',
    'regarding.uid',
    'regarding.apiVersion',
    'regarding.resourceVersion',
    'regarding.fieldPath',
    'reportingController'
  ],
  nameRule: 'subdomain'
};

export const JOBS: ResourceDef = {
  group: 'batch',
  version: 'v1',
  resource: 'jobs',
  singular: 'job',
  kind: 'Job',
  namespaced: true,
  verbs: RW,
  fieldLabels: ['metadata.name', 'metadata.namespace', 'status.successful'],
  nameRule: 'subdomain'
};

export const ALL_RESOURCES: ResourceDef[] = [NAMESPACES, SERVICE_ACCOUNTS, PODS, EVENTS, EVENTS_V1, JOBS];

/** The double stores an events.k8s.io event as its core/v1 form. */
export function storageDef(def: ResourceDef): ResourceDef {
  return def === EVENTS_V1 ? EVENTS : def;
}

export function findResource(group: string, version: string, resource: string): ResourceDef | undefined {
  return ALL_RESOURCES.find((d) => d.group === group && d.version === version && d.resource === resource);
}

interface SubresourceDoc {
  name: string;
  kind: string;
  verbs: string[];
  group?: string;
  version?: string;
}

const SUBRESOURCES: Record<string, SubresourceDoc[]> = {
  namespaces: [
    { name: 'namespaces/finalize', kind: 'Namespace', verbs: ['update'] },
    { name: 'namespaces/status', kind: 'Namespace', verbs: ['get', 'patch', 'update'] }
  ],
  serviceaccounts: [
    {
      name: 'serviceaccounts/token',
      kind: 'TokenRequest',
      verbs: ['create'],
      group: 'authentication.k8s.io',
      version: 'v1'
    }
  ],
  pods: [
    { name: 'pods/log', kind: 'Pod', verbs: ['get'] },
    { name: 'pods/status', kind: 'Pod', verbs: ['get', 'patch', 'update'] }
  ],
  jobs: [{ name: 'jobs/status', kind: 'Job', verbs: ['get', 'patch', 'update'] }]
};

export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const defs = ALL_RESOURCES.filter((d) => d.group === group && d.version === version);
  if (defs.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const d of defs) {
    const r: Record<string, unknown> = {
      name: d.resource,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: d.verbs
    };
    if (d.shortNames) r.shortNames = d.shortNames;
    if (d === PODS || d === JOBS) r.categories = ['all'];
    resources.push(r);
    for (const s of SUBRESOURCES[d.resource] ?? []) {
      const sr: Record<string, unknown> = { name: s.name, singularName: '', namespaced: d.namespaced };
      if (s.group) sr.group = s.group;
      if (s.version) sr.version = s.version;
      sr.kind = s.kind;
      sr.verbs = s.verbs;
      resources.push(sr);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources
  };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }]
  };
}

function groupDoc(name: string): Record<string, unknown> {
  const gv = { groupVersion: `${name}/v1`, version: 'v1' };
  return { name, versions: [gv], preferredVersion: gv };
}

const GROUPS = ['batch', 'events.k8s.io'];

export function apiGroupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: GROUPS.map(groupDoc) };
}

export function apiGroup(name: string): Record<string, unknown> | undefined {
  if (!GROUPS.includes(name)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(name) };
}

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.3',
  gitCommit: '32cc146f75aad04beaaa245a7157eb35063a9f99',
  gitTreeState: 'clean',
  buildDate: '2025-03-11T19:52:21Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64'
};

// ---------------------------------------------------------------------------------------------
// Server-side printing (what `kubectl get` asks for with Accept: ...;as=Table;g=meta.k8s.io)

/** apimachinery's HumanDuration, which kubectl shows in the AGE column. */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return `${d}d`;
}

function age(obj: KubeObject): string {
  const t = Date.parse(obj.metadata.creationTimestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration((Date.now() - t) / 1000);
}

interface Column {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  cell: (o: KubeObject) => unknown;
}

function arr(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v)
    ? (v.filter((x) => typeof x === 'object' && x !== null) as Record<string, unknown>[])
    : [];
}

/** kubectl's pod STATUS column: the most telling container reason, else the phase. */
export function podStatusReason(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason = String(valueAtPath(pod, 'status.reason') ?? valueAtPath(pod, 'status.phase') ?? 'Pending');
  for (const cs of arr(valueAtPath(pod, 'status.containerStatuses'))) {
    const waiting = valueAtPath(cs, 'state.waiting.reason');
    const terminated = valueAtPath(cs, 'state.terminated.reason');
    if (typeof waiting === 'string' && waiting) reason = waiting;
    else if (typeof terminated === 'string' && terminated) reason = terminated;
  }
  return reason;
}

const COLUMNS: Record<string, Column[]> = {
  namespaces: [
    { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name },
    { name: 'Status', type: 'string', cell: (o) => valueAtPath(o, 'status.phase') ?? 'Active' },
    { name: 'Age', type: 'string', cell: age }
  ],
  serviceaccounts: [
    { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name },
    { name: 'Secrets', type: 'string', cell: (o) => arr(o.secrets).length },
    { name: 'Age', type: 'string', cell: age }
  ],
  pods: [
    { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name },
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => {
        const cs = arr(valueAtPath(o, 'status.containerStatuses'));
        const total = arr(valueAtPath(o, 'spec.containers')).length;
        return `${cs.filter((c) => c.ready === true).length}/${total}`;
      }
    },
    { name: 'Status', type: 'string', cell: podStatusReason },
    {
      name: 'Restarts',
      type: 'string',
      cell: (o) =>
        arr(valueAtPath(o, 'status.containerStatuses')).reduce((n, c) => n + Number(c.restartCount ?? 0), 0)
    },
    { name: 'Age', type: 'string', cell: age },
    { name: 'IP', type: 'string', priority: 1, cell: (o) => valueAtPath(o, 'status.podIP') ?? '<none>' },
    { name: 'Node', type: 'string', priority: 1, cell: (o) => valueAtPath(o, 'spec.nodeName') ?? '<none>' }
  ],
  jobs: [
    { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name },
    {
      name: 'Status',
      type: 'string',
      cell: (o) => {
        const conds = arr(valueAtPath(o, 'status.conditions')).filter((c) => c.status === 'True');
        if (conds.some((c) => c.type === 'Complete')) return 'Complete';
        if (conds.some((c) => c.type === 'Failed')) return 'Failed';
        return 'Running';
      }
    },
    {
      name: 'Completions',
      type: 'string',
      cell: (o) =>
        `${Number(valueAtPath(o, 'status.succeeded') ?? 0)}/${Number(valueAtPath(o, 'spec.completions') ?? 1)}`
    },
    { name: 'Age', type: 'string', cell: age }
  ],
  events: [
    {
      name: 'Last Seen',
      type: 'string',
      cell: (o) => {
        const t = Date.parse(String(o.lastTimestamp ?? o.metadata.creationTimestamp));
        return humanDuration((Date.now() - t) / 1000);
      }
    },
    { name: 'Type', type: 'string', cell: (o) => o.type },
    { name: 'Reason', type: 'string', cell: (o) => o.reason },
    {
      name: 'Object',
      type: 'string',
      cell: (o) =>
        `${String(valueAtPath(o, 'involvedObject.kind') ?? '').toLowerCase()}/${String(valueAtPath(o, 'involvedObject.name') ?? '')}`
    },
    { name: 'Message', type: 'string', cell: (o) => o.message }
  ]
};

export function toTable(
  def: ResourceDef,
  objs: KubeObject[],
  listMeta: Record<string, unknown>
): Record<string, unknown> {
  const cols: Column[] = COLUMNS[def.resource] ?? [
    { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name },
    { name: 'Age', type: 'string', cell: age }
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: cols.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: c.priority ?? 0
    })),
    rows: objs.map((o) => ({
      cells: cols.map((c) => c.cell(o)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }
    }))
  };
}

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** List items of built-in types carry no kind/apiVersion in kube-apiserver's JSON. */
export function listOf(
  def: ResourceDef,
  items: KubeObject[],
  rv: string,
  cont?: string
): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (cont) metadata.continue = cont;
  return {
    kind: `${def.kind}List`,
    apiVersion: apiVersionOf(def),
    metadata,
    items: items.map((o) => {
      const c: Record<string, unknown> = { ...o };
      delete c.kind;
      delete c.apiVersion;
      return c;
    })
  };
}

// ---------------------------------------------------------------------------------------------
// OpenAPI v3, only as much as kubectl create/apply -f needs: it downloads /openapi/v3 to learn
// whether the server validates fields itself (a `fieldValidation` query parameter on the PATCH
// operation of the kind). When it does, kubectl sends fieldValidation=Strict and needs no schemas.

const OPENAPI_GVS = ['api/v1', 'apis/batch/v1', 'apis/events.k8s.io/v1'];

export function openApiV3Root(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const gv of OPENAPI_GVS) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=double` };
  return { paths };
}

export function openApiV3Doc(gvPath: string): Record<string, unknown> | undefined {
  if (!OPENAPI_GVS.includes(gvPath)) return undefined;
  const [group, version] =
    gvPath === 'api/v1' ? ['', 'v1'] : (gvPath.split('/').slice(1) as [string, string]);
  const paths: Record<string, unknown> = {};
  const query = (name: string): Record<string, unknown> => ({
    name,
    in: 'query',
    schema: { type: 'string', uniqueItems: true }
  });
  for (const d of ALL_RESOURCES.filter((r) => r.group === group && r.version === version)) {
    const base = `/${gvPath}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.resource}/{name}`;
    if (!d.verbs.includes('patch')) continue;
    paths[base] = {
      patch: {
        operationId: `patch${d.namespaced ? 'Namespaced' : ''}${d.kind}`,
        parameters: [query('dryRun'), query('fieldManager'), query('fieldValidation'), query('force')],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: d.kind }
      }
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    components: { schemas: {} }
  };
}
