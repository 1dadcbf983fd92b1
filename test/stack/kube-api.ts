// API machinery of the kube-apiserver double: object shapes, Status errors, name validation,
// label/field selectors. Messages and reasons copy kube-apiserver's so that client code written
// against the double handles the same errors it will meet on a real cluster.
import { isRecord } from './kube-keys.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** One kind of object the double stores, and how kube-apiserver names and serves it. */
export interface ResourceDef {
  group: string;
  version: string;
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  verbs: string[];
  /** Field selectors kube-apiserver accepts for this resource; anything else is a 400. */
  fieldLabels: string[];
  /** Namespaces are DNS-1123 labels; most other names are DNS-1123 subdomains. */
  nameRule: 'label' | 'subdomain';
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

/** A failure that the HTTP layer turns into a metav1.Status body with the same code. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    const status: Record<string, unknown> = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message
    };
    // StatusReasonUnknown is "" and omitted, as for a plain error the handler turns into a 500
    if (this.reason) status.reason = this.reason;
    if (this.details) status.details = this.details;
    status.code = this.code;
    return status;
  }
}

/** "serviceaccounts" in core, "jobs.batch" elsewhere: how kube-apiserver names a resource in messages. */
export function qualifiedResource(def: ResourceDef): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}

function details(def: ResourceDef, name: string): StatusDetails {
  const d: StatusDetails = { name };
  if (def.group) d.group = def.group;
  d.kind = def.resource;
  return d;
}

export function notFound(def: ResourceDef, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(def)} "${name}" not found`, details(def, name));
}

export function alreadyExists(def: ResourceDef, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(def)} "${name}" already exists`,
    details(def, name)
  );
}

export function conflict(def: ResourceDef, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(def, name)
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function invalid(def: ResourceDef, name: string, causes: StatusCause[]): ApiError {
  const group = def.group ? `.${def.group}` : '';
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  const list = causes.length > 1 ? `[${text}]` : text;
  return new ApiError(422, 'Invalid', `${def.kind}${group} "${name}" is invalid: ${list}`, {
    name,
    ...(def.group ? { group: def.group } : {}),
    kind: def.kind,
    causes
  });
}

export function forbidden(
  user: string,
  verb: string,
  def: ResourceDef | null,
  name: string,
  ns: string,
  path: string
): ApiError {
  if (!def) {
    return new ApiError(403, 'Forbidden', `forbidden: User "${user}" cannot ${verb} path "${path}"`, {});
  }
  const what = name ? `${qualifiedResource(def)} "${name}"` : qualifiedResource(def);
  const where = ns ? ` in the namespace "${ns}"` : def.namespaced ? '' : ' at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${what} is forbidden: User "${user}" cannot ${verb} resource "${def.resource}" in API group "${def.group}"${where}`,
    details(def, name)
  );
}

export const UNAUTHORIZED = new ApiError(401, 'Unauthorized', 'Unauthorized');

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** apimachinery's IsDNS1123Label / IsDNS1123Subdomain messages, returned as causes. */
export function nameErrors(
  name: string,
  rule: 'label' | 'subdomain',
  field = 'metadata.name'
): StatusCause[] {
  const causes: StatusCause[] = [];
  const bad = (detail: string): void => {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(name)}: ${detail}`,
      field
    });
  };
  if (rule === 'label') {
    if (name.length > 63) bad('must be no more than 63 characters');
    if (!DNS1123_LABEL.test(name)) {
      bad(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
      );
    }
  } else {
    if (name.length > 253) bad('must be no more than 253 characters');
    if (!DNS1123_SUBDOMAIN.test(name)) {
      bad(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
      );
    }
  }
  return causes;
}

// ---------------------------------------------------------------------------------------------
// Selectors

type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

/** Parses a labelSelector (equality and set-based forms); 400 on syntax kube-apiserver would reject. */
export function parseLabelSelector(
  selector: string
): (labels: Record<string, string> | undefined) => boolean {
  const reqs: LabelRequirement[] = [];
  for (const raw of splitTopLevel(selector)) {
    const part = raw.trim();
    if (!part) continue;
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = (m[3] ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      reqs.push({ op: m[2] === 'in' ? 'in' : 'notin', key: m[1] ?? '', values });
    } else if ((m = part.match(/^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/))) {
      reqs.push({ op: m[2] === '!=' ? 'neq' : 'eq', key: m[1] ?? '', value: m[3] ?? '' });
    } else if ((m = part.match(/^!\s*([^\s!=(),]+)$/))) {
      reqs.push({ op: 'notexists', key: m[1] ?? '' });
    } else if ((m = part.match(/^([^\s!=(),]+)$/))) {
      reqs.push({ op: 'exists', key: m[1] ?? '' });
    } else {
      throw badRequest(`unable to parse requirement: found '${part}', expected: identifier`);
    }
  }
  return (labels) => {
    const l = labels ?? {};
    return reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      const v = l[r.key];
      switch (r.op) {
        case 'eq':
          return has && v === r.value;
        case 'neq':
          return !has || v !== r.value;
        case 'in':
          return has && v !== undefined && r.values.includes(v);
        case 'notin':
          return !has || v === undefined || !r.values.includes(v);
        case 'exists':
          return has;
        case 'notexists':
          return !has;
      }
      return false;
    });
  };
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function valueAtPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Parses a fieldSelector; only the field labels the resource supports, as kube-apiserver enforces. */
export function parseFieldSelector(
  selector: string,
  def: ResourceDef,
  fieldOf: (obj: KubeObject, label: string) => unknown = (o, label) => valueAtPath(o, label)
): (obj: KubeObject) => boolean {
  const reqs: { key: string; value: string; negate: boolean }[] = [];
  for (const raw of selector.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const m = part.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const key = (m[1] ?? '').trim();
    if (!def.fieldLabels.includes(key)) {
      throw badRequest(`field label not supported: ${key}`);
    }
    reqs.push({ key, value: m[3] ?? '', negate: m[2] === '!=' });
  }
  return (obj) =>
    reqs.every((r) => {
      const v = fieldOf(obj, r.key);
      const s = v === undefined || v === null ? '' : String(v);
      return r.negate ? s !== r.value : s === r.value;
    });
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

// ---------------------------------------------------------------------------------------------
// ObjectMeta: labels and annotations (apimachinery's ValidateLabels / ValidateAnnotations)

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
/** TotalAnnotationSizeLimitB: the keys and values of all annotations together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** apimachinery's RegexError, double spaces included. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** validation.IsQualifiedName: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63. */
export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0] ?? '';
  else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(prefix))
        errs.push(
          `prefix part ${regexError(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*',
            'example.com'
          )}`
        );
    }
  } else {
    return [
      `a qualified name ${regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        QUALIFIED_NAME_FMT,
        'MyName',
        'my.name',
        '123-abc'
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name))
    errs.push(
      `name part ${regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        QUALIFIED_NAME_FMT,
        'MyName',
        'my.name',
        '123-abc'
      )}`
    );
  return errs;
}

/** validation.IsValidLabelValue. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345'
      )
    );
  return errs;
}

/**
 * ValidateObjectMeta's label and annotation rules, which every kind's create and update run:
 * label keys are qualified names and values label values; annotation keys are qualified names
 * (checked lower-cased) and all annotations together hold at most 256 KiB.
 */
export function metadataErrors(meta: { labels?: unknown; annotations?: unknown }): StatusCause[] {
  const causes: StatusCause[] = [];
  const invalidValue = (field: string, value: string, detail: string): void => {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
      field
    });
  };
  if (isRecord(meta.labels)) {
    for (const [key, value] of Object.entries(meta.labels)) {
      for (const msg of qualifiedNameErrors(key)) invalidValue('metadata.labels', key, msg);
      for (const msg of labelValueErrors(String(value))) invalidValue('metadata.labels', String(value), msg);
    }
  }
  if (isRecord(meta.annotations)) {
    let size = 0;
    for (const [key, value] of Object.entries(meta.annotations)) {
      for (const msg of qualifiedNameErrors(key.toLowerCase()))
        invalidValue('metadata.annotations', key, msg);
      size += Buffer.byteLength(key) + Buffer.byteLength(String(value));
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT)
      causes.push({
        reason: 'FieldValueTooLong',
        message: `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`,
        field: 'metadata.annotations'
      });
  }
  return causes;
}
