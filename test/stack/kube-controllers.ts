// Controllers of the kube-apiserver double: the Job controller (batch/v1 semantics of 1.32:
// SuccessCriteriaMet/Complete, FailureTarget/Failed, backoffLimit, activeDeadlineSeconds,
// ttlSecondsAfterFinished, pod failure back-off), the namespace lifecycle (default service
// account, Terminating and content deletion) and the garbage collector for Job-owned pods.
import { randomBytes } from 'node:crypto';
import { ApiError, valueAtPath, type KubeObject, type OwnerReference } from './kube-api.js';
import { isRecord } from './kube-keys.js';
import { EVENTS, JOBS, NAMESPACES, PODS, SERVICE_ACCOUNTS } from './kube-resources.js';
import type { Store } from './kube-store.js';

export interface ControllerContext {
  store: Store;
  backoffSeconds: number;
  /** Creates a pod through admission, exactly as a POST would. */
  createPod(pod: KubeObject): KubeObject;
  /** Starts graceful deletion of a pod (as a DELETE with default grace would). */
  deletePod(ns: string, name: string): void;
  event(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string
  ): void;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Five characters from apimachinery's name-generation alphabet (no vowels, no ambiguous digits). */
export function randomSuffix(n = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}

function num(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

function ownedBy(obj: KubeObject, uid: string): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

function jobCondition(type: string, reason?: string, message?: string): Record<string, unknown> {
  const t = now();
  return {
    type,
    status: 'True',
    lastProbeTime: t,
    lastTransitionTime: t,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {})
  };
}

interface JobState {
  counted: Set<string>;
  succeeded: number;
  failed: number;
  lastFailure?: number;
  timer?: NodeJS.Timeout;
  createFailures: number;
}

export class Controllers {
  private readonly jobs = new Map<string, JobState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly ctx: ControllerContext) {
    ctx.store.onChange((type, def, obj, prev) => {
      if (this.stopped) return;
      if (def === JOBS) {
        if (type === 'DELETED') this.jobDeleted(obj);
        else this.queueJob(obj.metadata.namespace ?? '', obj.metadata.name);
      } else if (def === PODS) {
        const owner = (obj.metadata.ownerReferences ?? prev?.metadata.ownerReferences ?? []).find(
          (r) => r.kind === 'Job' && r.controller
        );
        if (owner) this.queueJob(obj.metadata.namespace ?? '', owner.name);
      } else if (def === NAMESPACES && type === 'ADDED') {
        this.later(() => this.ensureDefaultServiceAccount(obj.metadata.name), 0);
      }
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    for (const s of this.jobs.values()) if (s.timer) clearTimeout(s.timer);
  }

  private later(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  /** The serviceaccount controller gives every namespace a "default" service account. */
  private ensureDefaultServiceAccount(ns: string): void {
    const nsObj = this.ctx.store.get(NAMESPACES, undefined, ns);
    if (!nsObj || nsObj.metadata.deletionTimestamp) return;
    if (this.ctx.store.get(SERVICE_ACCOUNTS, ns, 'default')) return;
    try {
      this.ctx.store.create(SERVICE_ACCOUNTS, {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '' }
      });
    } catch {
      // created concurrently by a client: fine
    }
  }

  /** Namespace deletion: everything in it goes (pods gracefully), then the namespace itself. */
  deleteNamespaceContents(ns: string): void {
    const tick = (): void => {
      for (const def of [JOBS, SERVICE_ACCOUNTS, EVENTS]) {
        for (const o of this.ctx.store.list(def, ns)) this.ctx.store.remove(def, ns, o.metadata.name);
      }
      const pods = this.ctx.store.list(PODS, ns);
      for (const p of pods) if (!p.metadata.deletionTimestamp) this.ctx.deletePod(ns, p.metadata.name);
      if (pods.length === 0) {
        this.ctx.store.remove(NAMESPACES, undefined, ns);
        return;
      }
      this.later(tick, 50);
    };
    this.later(tick, 10);
  }

  /** Garbage collector, for the one owner kind the double has: Job → Pods. */
  collectDependents(owner: KubeObject, policy: 'Background' | 'Foreground' | 'Orphan'): void {
    const ns = owner.metadata.namespace ?? '';
    const pods = this.ctx.store.list(PODS, ns).filter((p) => ownedBy(p, owner.metadata.uid));
    if (policy === 'Orphan') {
      for (const p of pods) {
        this.ctx.store.mutate(PODS, ns, p.metadata.name, (o) => {
          const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
          if (refs.length) o.metadata.ownerReferences = refs;
          else delete o.metadata.ownerReferences;
        });
      }
      return;
    }
    for (const p of pods) if (!p.metadata.deletionTimestamp) this.ctx.deletePod(ns, p.metadata.name);
    if (policy === 'Foreground') {
      const wait = (): void => {
        const left = this.ctx.store.list(PODS, ns).filter((p) => ownedBy(p, owner.metadata.uid));
        if (left.length === 0) {
          const cur = this.ctx.store.get(JOBS, ns, owner.metadata.name);
          if (cur && cur.metadata.uid === owner.metadata.uid)
            this.ctx.store.remove(JOBS, ns, owner.metadata.name);
        } else this.later(wait, 50);
      };
      this.later(wait, 10);
    }
  }

  private jobDeleted(job: KubeObject): void {
    const key = `${job.metadata.namespace}/${job.metadata.name}`;
    const st = this.jobs.get(key);
    if (st?.timer) clearTimeout(st.timer);
    this.jobs.delete(key);
  }

  private queueJob(ns: string, name: string): void {
    this.later(() => this.syncJob(ns, name), 0);
  }

  private state(job: KubeObject): JobState {
    const key = `${job.metadata.namespace}/${job.metadata.name}`;
    let st = this.jobs.get(key);
    if (!st) {
      st = { counted: new Set(), succeeded: 0, failed: 0, createFailures: 0 };
      this.jobs.set(key, st);
    }
    return st;
  }

  private syncJob(ns: string, name: string): void {
    const job = this.ctx.store.get(JOBS, ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const st = this.state(job);
    const spec = isRecord(job.spec) ? job.spec : {};
    const status = isRecord(job.status) ? { ...job.status } : {};
    const conditions = Array.isArray(status.conditions)
      ? (status.conditions as Record<string, unknown>[])
      : [];
    const finished = conditions.some(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'
    );
    if (finished) {
      this.scheduleTtl(job, status);
      return;
    }
    if (spec.suspend === true) return;

    const pods = this.ctx.store.list(PODS, ns).filter((p) => ownedBy(p, job.metadata.uid));
    for (const p of pods) {
      const phase = valueAtPath(p, 'status.phase');
      if ((phase === 'Succeeded' || phase === 'Failed') && !st.counted.has(p.metadata.uid)) {
        st.counted.add(p.metadata.uid);
        if (phase === 'Succeeded') st.succeeded++;
        else {
          st.failed++;
          st.lastFailure = Date.now();
        }
      }
    }
    const active = pods.filter((p) => {
      const phase = valueAtPath(p, 'status.phase');
      return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
    });
    const completions = num(spec.completions, 1);
    const parallelism = num(spec.parallelism, 1);
    const backoffLimit = num(spec.backoffLimit, 6);
    const startTime = typeof status.startTime === 'string' ? status.startTime : now();
    const deadline = typeof spec.activeDeadlineSeconds === 'number' ? spec.activeDeadlineSeconds : undefined;

    let finish: { type: 'Complete' | 'Failed'; reason?: string; message?: string } | undefined;
    if (st.succeeded >= completions) finish = { type: 'Complete' };
    else if (st.failed > backoffLimit) {
      finish = {
        type: 'Failed',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit'
      };
    } else if (deadline !== undefined && Date.now() - Date.parse(startTime) >= deadline * 1000) {
      finish = {
        type: 'Failed',
        reason: 'DeadlineExceeded',
        message: 'Job was active longer than specified deadline'
      };
    }

    if (finish) {
      for (const p of active) this.ctx.deletePod(ns, p.metadata.name);
      const next: Record<string, unknown> = {
        ...status,
        startTime,
        active: 0,
        ready: 0,
        terminating: 0,
        uncountedTerminatedPods: {},
        ...(st.succeeded ? { succeeded: st.succeeded } : {}),
        ...(st.failed ? { failed: st.failed } : {})
      };
      if (finish.type === 'Complete') {
        next.completionTime = now();
        next.conditions = [
          ...conditions,
          jobCondition(
            'SuccessCriteriaMet',
            'CompletionsReached',
            'Reached expected number of succeeded pods'
          ),
          jobCondition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')
        ];
      } else {
        next.conditions = [
          ...conditions,
          jobCondition('FailureTarget', finish.reason, finish.message),
          jobCondition('Failed', finish.reason, finish.message)
        ];
      }
      const updated = this.ctx.store.mutate(JOBS, ns, name, (j) => {
        j.status = next;
      });
      if (updated) {
        if (finish.type === 'Complete')
          this.ctx.event(updated, 'Normal', 'Completed', 'Job completed', 'job-controller');
        else
          this.ctx.event(
            updated,
            'Warning',
            finish.reason ?? 'Failed',
            finish.message ?? '',
            'job-controller'
          );
        this.scheduleTtl(updated, next);
      }
      return;
    }

    let wake: number | undefined;
    const wakeIn = (ms: number): void => {
      wake = wake === undefined ? ms : Math.min(wake, ms);
    };
    let activeCount = active.length;
    const wanted = Math.min(parallelism, completions - st.succeeded);
    if (activeCount < wanted) {
      // pod failure back-off: base * 2^(failures-1), capped at 6 minutes as the job controller does
      const delay = st.failed > 0 ? Math.min(this.ctx.backoffSeconds * 2 ** (st.failed - 1), 360) * 1000 : 0;
      const waitMs = st.lastFailure !== undefined ? st.lastFailure + delay - Date.now() : 0;
      if (waitMs > 0) wakeIn(waitMs);
      else {
        for (; activeCount < wanted; activeCount++) {
          if (!this.createJobPod(job, st)) {
            wakeIn(Math.min(this.ctx.backoffSeconds * 2 ** (st.createFailures - 1), 360) * 1000);
            break;
          }
        }
      }
    }
    if (deadline !== undefined) wakeIn(Math.max(0, Date.parse(startTime) + deadline * 1000 - Date.now()) + 5);
    if (wake !== undefined) this.requeue(job, wake);

    const ready = active.filter((p) => valueAtPath(p, 'status.phase') === 'Running').length;
    const next: Record<string, unknown> = {
      ...status,
      startTime,
      active: activeCount,
      ready,
      terminating: pods.filter((p) => p.metadata.deletionTimestamp).length,
      uncountedTerminatedPods: {},
      ...(st.succeeded ? { succeeded: st.succeeded } : {}),
      ...(st.failed ? { failed: st.failed } : {})
    };
    if (activeCount === 0) delete next.active;
    this.ctx.store.mutate(JOBS, ns, name, (j) => {
      j.status = next;
    });
  }

  private requeue(job: KubeObject, ms: number): void {
    const st = this.state(job);
    if (st.timer) clearTimeout(st.timer);
    st.timer = this.later(() => this.syncJob(job.metadata.namespace ?? '', job.metadata.name), ms);
  }

  private createJobPod(job: KubeObject, st: JobState): boolean {
    const ns = job.metadata.namespace ?? '';
    const template = isRecord(valueAtPath(job, 'spec.template'))
      ? (valueAtPath(job, 'spec.template') as Record<string, unknown>)
      : {};
    const tmeta = isRecord(template.metadata) ? template.metadata : {};
    const podName = `${job.metadata.name}-${randomSuffix()}`;
    const owner: OwnerReference = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: job.metadata.name,
      uid: job.metadata.uid,
      controller: true,
      blockOwnerDeletion: true
    };
    const labels = isRecord(tmeta.labels) ? (tmeta.labels as Record<string, string>) : {};
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        generateName: `${job.metadata.name}-`,
        namespace: ns,
        uid: '',
        resourceVersion: '',
        creationTimestamp: '',
        labels: { ...labels },
        annotations: {
          ...(isRecord(tmeta.annotations) ? (tmeta.annotations as Record<string, string>) : {}),
          'batch.kubernetes.io/job-tracking': ''
        },
        ownerReferences: [owner]
      },
      spec: structuredClone(template.spec ?? {})
    };
    try {
      this.ctx.createPod(pod);
      st.createFailures = 0;
      this.ctx.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`, 'job-controller');
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      st.createFailures++;
      this.ctx.event(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, 'job-controller');
      return false;
    }
  }

  private scheduleTtl(job: KubeObject, status: Record<string, unknown>): void {
    const ttl = valueAtPath(job, 'spec.ttlSecondsAfterFinished');
    if (typeof ttl !== 'number') return;
    const conds = Array.isArray(status.conditions) ? (status.conditions as Record<string, unknown>[]) : [];
    const fin = conds.find((c) => c.type === 'Complete' || c.type === 'Failed');
    const at = Date.parse(String(fin?.lastTransitionTime ?? now())) + ttl * 1000;
    const st = this.state(job);
    if (st.timer) clearTimeout(st.timer);
    st.timer = this.later(
      () => {
        const cur = this.ctx.store.get(JOBS, job.metadata.namespace, job.metadata.name);
        if (!cur || cur.metadata.uid !== job.metadata.uid) return;
        this.ctx.store.remove(JOBS, job.metadata.namespace, job.metadata.name);
        this.collectDependents(cur, 'Background');
      },
      Math.max(0, at - Date.now())
    );
  }
}
