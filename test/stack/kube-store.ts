// Object storage of the kube-apiserver double: one resourceVersion counter for everything
// (etcd's revision), change history for watches that resume from a resourceVersion, and
// selector-aware watch fan-out (an object leaving a selector is a DELETED for that watcher).
import { randomUUID } from 'node:crypto';
import { alreadyExists, clone, notFound, type KubeObject, type ResourceDef } from './kube-api.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface Change {
  rv: number;
  type: WatchEventType;
  def: ResourceDef;
  obj: KubeObject;
  prev?: KubeObject;
}

export interface WatchSpec {
  def: ResourceDef;
  namespace?: string;
  match: (obj: KubeObject) => boolean;
  /** undefined, '' or '0': start with the current state as ADDED events; otherwise replay after it. */
  resourceVersion?: string;
  send: (type: WatchEventType, obj: KubeObject) => void;
}

type Listener = (type: WatchEventType, def: ResourceDef, obj: KubeObject, prev?: KubeObject) => void;

export class Store {
  private rv = 1;
  private compactedRv = 0;
  private readonly data = new Map<ResourceDef, Map<string, KubeObject>>();
  private readonly history: Change[] = [];
  private readonly watchers = new Set<WatchSpec>();
  private readonly listeners: Listener[] = [];

  currentRv(): string {
    return String(this.rv);
  }

  /**
   * etcd's compaction: the history up to now is dropped, so a watch that resumes from an older
   * resourceVersion can no longer be served (410 Expired, see tooOldToWatch).
   */
  compact(): void {
    this.compactedRv = this.rv;
    this.history.length = 0;
  }

  /**
   * The watch cache's "too old resource version" message when a watch asks to resume from before the
   * oldest change still held; undefined when it can be served (or starts from the current state).
   */
  tooOldToWatch(resourceVersion: string | undefined): string | undefined {
    if (resourceVersion === undefined || resourceVersion === '' || resourceVersion === '0') return undefined;
    const from = Number(resourceVersion);
    if (!Number.isInteger(from) || from >= this.compactedRv) return undefined;
    return `too old resource version: ${from} (${this.compactedRv})`;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private bucket(def: ResourceDef): Map<string, KubeObject> {
    let b = this.data.get(def);
    if (!b) {
      b = new Map();
      this.data.set(def, b);
    }
    return b;
  }

  private static key(ns: string | undefined, name: string): string {
    return `${ns ?? ''}/${name}`;
  }

  get(def: ResourceDef, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.bucket(def).get(Store.key(ns, name));
    return o ? clone(o) : undefined;
  }

  mustGet(def: ResourceDef, ns: string | undefined, name: string): KubeObject {
    const o = this.get(def, ns, name);
    if (!o) throw notFound(def, name);
    return o;
  }

  list(def: ResourceDef, ns?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.bucket(def).values()) {
      if (ns === undefined || o.metadata.namespace === ns) out.push(clone(o));
    }
    return out.sort((a, b) =>
      Store.key(a.metadata.namespace, a.metadata.name).localeCompare(
        Store.key(b.metadata.namespace, b.metadata.name)
      )
    );
  }

  /** Stores a new object; fills uid, resourceVersion and creationTimestamp as the apiserver does. */
  create(def: ResourceDef, obj: KubeObject): KubeObject {
    const b = this.bucket(def);
    const k = Store.key(obj.metadata.namespace, obj.metadata.name);
    if (b.has(k)) throw alreadyExists(def, obj.metadata.name);
    const stored = clone(obj);
    // callers that need the uid before storing (a Job's selector embeds it) may pre-assign one
    stored.metadata.uid = obj.metadata.uid || randomUUID();
    stored.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    stored.metadata.resourceVersion = String(++this.rv);
    b.set(k, stored);
    this.emit('ADDED', def, stored);
    return clone(stored);
  }

  /** Replaces an existing object (caller has done conflict checks); bumps resourceVersion. */
  update(def: ResourceDef, obj: KubeObject): KubeObject {
    const b = this.bucket(def);
    const k = Store.key(obj.metadata.namespace, obj.metadata.name);
    const prev = b.get(k);
    if (!prev) throw notFound(def, obj.metadata.name);
    const stored = clone(obj);
    stored.metadata.uid = prev.metadata.uid;
    stored.metadata.creationTimestamp = prev.metadata.creationTimestamp;
    if (JSON.stringify(stripRv(stored)) === JSON.stringify(stripRv(prev))) {
      // kube-apiserver does not write (nor bump resourceVersion) when an update changes nothing
      return clone(prev);
    }
    stored.metadata.resourceVersion = String(++this.rv);
    b.set(k, stored);
    this.emit('MODIFIED', def, stored, prev);
    return clone(stored);
  }

  /** Applies fn to the live object and stores the result; undefined when the object is gone. */
  mutate(
    def: ResourceDef,
    ns: string | undefined,
    name: string,
    fn: (obj: KubeObject) => void
  ): KubeObject | undefined {
    const cur = this.get(def, ns, name);
    if (!cur) return undefined;
    fn(cur);
    return this.update(def, cur);
  }

  remove(def: ResourceDef, ns: string | undefined, name: string): KubeObject | undefined {
    const b = this.bucket(def);
    const k = Store.key(ns, name);
    const prev = b.get(k);
    if (!prev) return undefined;
    b.delete(k);
    const gone = clone(prev);
    // a DELETED event carries the object at a new resourceVersion, as etcd's delete revision
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit('DELETED', def, gone, prev);
    return clone(gone);
  }

  private emit(type: WatchEventType, def: ResourceDef, obj: KubeObject, prev?: KubeObject): void {
    const change: Change = {
      rv: this.rv,
      type,
      def,
      obj: clone(obj),
      ...(prev ? { prev: clone(prev) } : {})
    };
    this.history.push(change);
    for (const w of this.watchers) deliver(w, change);
    for (const l of this.listeners) l(type, def, clone(obj), prev ? clone(prev) : undefined);
  }

  /** Registers a watch; initial/replayed events are sent synchronously before any live one. */
  watch(spec: WatchSpec): () => void {
    const rv = spec.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') {
      for (const o of this.list(spec.def, spec.namespace)) if (spec.match(o)) spec.send('ADDED', o);
    } else {
      const from = Number(rv);
      for (const c of this.history) if (c.rv > from) deliver(spec, c);
    }
    this.watchers.add(spec);
    return () => {
      this.watchers.delete(spec);
    };
  }
}

function stripRv(o: KubeObject): KubeObject {
  const c = clone(o);
  c.metadata.resourceVersion = '';
  return c;
}

function deliver(w: WatchSpec, c: Change): void {
  if (c.def !== w.def) return;
  if (w.namespace !== undefined && c.obj.metadata.namespace !== w.namespace) return;
  const now = w.match(c.obj);
  const before = c.prev ? w.match(c.prev) : false;
  switch (c.type) {
    case 'ADDED':
      if (now) w.send('ADDED', clone(c.obj));
      break;
    case 'DELETED':
      if (before || now) w.send('DELETED', clone(c.obj));
      break;
    case 'MODIFIED':
      if (now && before) w.send('MODIFIED', clone(c.obj));
      else if (now) w.send('ADDED', clone(c.obj));
      else if (before) w.send('DELETED', clone(c.obj));
      break;
  }
}
