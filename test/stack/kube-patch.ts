// The three PATCH bodies kube-apiserver accepts (plus server-side apply, approximated as a merge).
// Strategic merge uses the merge keys of the core types the suite touches; the rest of the
// Kubernetes schema is treated as plain JSON merge, which is what SMP does for unknown fields.
import { isRecord } from './kube-keys.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType | null {
  const ct = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  switch (ct) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    // there is no apply-patch+json; apply-patch+cbor needs the CBOR feature gates (off by default)
    case 'application/apply-patch+yaml':
      return 'apply';
    default:
      return null;
  }
}

/** Thrown when a patch cannot be applied; the server answers 422 as kube-apiserver does. */
export class PatchError extends Error {}

/** RFC 7386. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** patchMergeKey of list fields in the core/batch types the suite patches. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  secrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  hostAliases: 'ip'
};

/** Strategic merge patch: merge-keyed lists merge element-wise; `$patch: delete|replace` honoured. */
export function strategicMergePatch(target: unknown, patch: unknown, field = ''): unknown {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (!key || !Array.isArray(target)) return patch.filter((p) => !(isRecord(p) && p.$patch === 'delete'));
    if (patch.some((p) => isRecord(p) && p.$patch === 'replace')) {
      return patch.filter((p) => !(isRecord(p) && p.$patch === 'replace'));
    }
    const out: unknown[] = target.map((t) => structuredClone(t));
    for (const p of patch) {
      if (!isRecord(p)) {
        out.push(p);
        continue;
      }
      const idx = out.findIndex((t) => isRecord(t) && t[key] === p[key]);
      if (p.$patch === 'delete') {
        if (idx >= 0) out.splice(idx, 1);
        continue;
      }
      if (idx >= 0) out[idx] = strategicMergePatch(out[idx], p, '');
      else out.push(strategicMergePatch(undefined, p, ''));
    }
    return out;
  }
  if (!isRecord(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const rest: Record<string, unknown> = { ...patch };
    delete rest.$patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue; // $setElementOrder, $retainKeys: ordering hints the double ignores
    if (v === null) delete out[k];
    else {
      const merged = strategicMergePatch(out[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function parentOf(
  doc: unknown,
  path: string[],
  op: string,
  pointer: string
): { parent: Container; key: string } {
  let cur: unknown = doc;
  for (const seg of path.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else cur = undefined;
    if (cur === undefined) {
      // evanphx/json-patch's wording, which kube-apiserver returns verbatim
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${pointer}": missing value`
      );
    }
  }
  if (!Array.isArray(cur) && !isRecord(cur)) {
    throw new PatchError(`${op} operation does not apply: doc is missing path: "${pointer}": missing value`);
  }
  return { parent: cur, key: path[path.length - 1] ?? '' };
}

function getAt(doc: unknown, pointer: string, op: string): unknown {
  let cur: unknown = doc;
  for (const seg of decodePointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else cur = undefined;
    if (cur === undefined)
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${pointer}"`);
  }
  return cur;
}

function removeAt(doc: unknown, pointer: string, op: string): unknown {
  const { parent, key } = parentOf(doc, decodePointer(pointer), op, pointer);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) {
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${pointer}"`);
    }
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent))
    throw new PatchError(`${op} operation does not apply: doc is missing key: ${pointer}`);
  const v = parent[key];
  delete parent[key];
  return v;
}

function addAt(doc: unknown, pointer: string, value: unknown, op: string): void {
  const { parent, key } = parentOf(doc, decodePointer(pointer), op, pointer);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) {
      throw new PatchError(`${op} operation does not apply: doc is missing path: "${pointer}"`);
    }
    parent.splice(i, 0, value);
  } else parent[key] = value;
}

/** RFC 6902, failing where evanphx/json-patch (kube-apiserver's implementation) fails. */
export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = structuredClone(doc);
  for (const raw of ops) {
    if (!isRecord(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw new PatchError('Unexpected kind: operation missing op or path');
    }
    const { op, path } = raw;
    if (path === '' && (op === 'add' || op === 'replace')) {
      out = structuredClone(raw.value);
      continue;
    }
    switch (op) {
      case 'add':
        addAt(out, path, structuredClone(raw.value), 'add');
        break;
      case 'remove':
        removeAt(out, path, 'remove');
        break;
      case 'replace':
        removeAt(out, path, 'replace');
        addAt(out, path, structuredClone(raw.value), 'replace');
        break;
      case 'move': {
        if (typeof raw.from !== 'string') throw new PatchError('move operation missing from');
        const v = removeAt(out, raw.from, 'move');
        addAt(out, path, v, 'move');
        break;
      }
      case 'copy': {
        if (typeof raw.from !== 'string') throw new PatchError('copy operation missing from');
        addAt(out, path, structuredClone(getAt(out, raw.from, 'copy')), 'copy');
        break;
      }
      case 'test': {
        const v = getAt(out, path, 'test');
        if (JSON.stringify(v) !== JSON.stringify(raw.value)) {
          throw new PatchError(`testing value ${path} failed: test failed`);
        }
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return out;
}
