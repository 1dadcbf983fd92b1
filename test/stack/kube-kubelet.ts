// The kube-apiserver double's kubelet: schedules pods onto one simulated node, mounts projected
// service-account tokens into a private temp dir, and runs the only program a pod of this suite
// needs, the machine's real `aws` CLI, as a child process. Statuses, events and log behaviour
// follow kubelet's so that pod-watching code meets the same transitions as on a cluster.
//
// What a container may run (everything else fails as a real runtime would):
//   argv[0] is `aws` (or the image is amazon/aws-cli with no command): the real CLI runs.
//   `sh -c 'exit N'`, `sh -c 'sleep N'`, `sh -c true|false`, `sh -c 'aws …'` (no shell syntax):
//     simulated (aws is run for real); any other script exits 127 with sh's "not found".
//   any other executable: StartError, exit code 128, Warning "Failed" event, as containerd
//     reports a binary missing from the image.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { ApiError, valueAtPath, type KubeObject } from './kube-api.js';
import { isRecord } from './kube-keys.js';
import { PODS } from './kube-resources.js';
import type { Store } from './kube-store.js';

export type PodHold = false | 'pending' | 'running';

export interface KubeletContext {
  store: Store;
  nodeName: string;
  workDir: string;
  caPem: string;
  serverUrl(): string;
  backoffSeconds: number;
  podEnv(): Record<string, string>;
  hold(): PodHold;
  apiAudiences(): string[];
  /** Mints a pod-bound token; throws a 404 ApiError when the service account is gone. */
  mintPodToken(pod: KubeObject, audiences: string[], expirationSeconds: number): string;
  event(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string
  ): void;
}

interface LogChunk {
  time: Date;
  text: string;
}

interface ContainerRun {
  name: string;
  logs: LogChunk[];
  previousLogs: LogChunk[];
  child?: ChildProcess;
  done: boolean;
}

interface PodRun {
  uid: string;
  namespace: string;
  name: string;
  dir: string;
  containers: Map<string, ContainerRun>;
  deleting: boolean;
  finished: boolean;
  /** spec.activeDeadlineSeconds ran out: kubelet kills the pod and fails it. */
  deadlineExceeded: boolean;
  timers: Set<NodeJS.Timeout>;
  wake: EventEmitter;
  graceTimer?: NodeJS.Timeout;
}

type Plan =
  | { kind: 'exec'; file: string; args: string[] }
  | { kind: 'exit'; code: number; output?: string }
  | { kind: 'sleep'; seconds: number }
  | { kind: 'hang' }
  | { kind: 'startError'; message: string };

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
  terminationMessagePolicy?: string;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map((x) => String(x)) : undefined;
}

export function containersOf(pod: KubeObject): Container[] {
  const list = valueAtPath(pod, 'spec.containers');
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((c) => ({
    name: String(c.name ?? ''),
    image: String(c.image ?? ''),
    command: strings(c.command),
    args: strings(c.args),
    env: Array.isArray(c.env)
      ? c.env.filter(isRecord).map((e) => ({
          name: String(e.name ?? ''),
          ...(e.value !== undefined ? { value: String(e.value) } : {}),
          ...(e.valueFrom !== undefined ? { valueFrom: e.valueFrom } : {})
        }))
      : undefined,
    volumeMounts: Array.isArray(c.volumeMounts)
      ? c.volumeMounts.filter(isRecord).map((m) => ({
          name: String(m.name ?? ''),
          mountPath: String(m.mountPath ?? ''),
          ...(typeof m.subPath === 'string' ? { subPath: m.subPath } : {})
        }))
      : undefined,
    terminationMessagePolicy:
      typeof c.terminationMessagePolicy === 'string' ? c.terminationMessagePolicy : undefined
  }));
}

/** Expands $(VAR) references as kubelet does; $$(VAR) escapes, unknown references stay literal. */
export function expandRefs(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && Object.prototype.hasOwnProperty.call(env, name) ? (env[name] ?? '') : m;
  });
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

function planFor(argv: string[]): Plan {
  const [argv0, ...rest] = argv;
  if (argv0 === undefined) {
    return { kind: 'startError', message: 'no command specified' };
  }
  const exe = basename(argv0);
  if (exe === 'aws') return { kind: 'exec', file: 'aws', args: rest };
  if (SHELLS.has(exe) && rest[0] === '-c' && rest[1] !== undefined) {
    const script = rest[1].trim();
    let m: RegExpMatchArray | null;
    if ((m = script.match(/^exit\s+(\d+)$/))) return { kind: 'exit', code: Number(m[1]) % 256 };
    if (script === 'true' || script === ':') return { kind: 'exit', code: 0 };
    if (script === 'false') return { kind: 'exit', code: 1 };
    if ((m = script.match(/^sleep\s+(\d+(?:\.\d+)?)$/))) return { kind: 'sleep', seconds: Number(m[1]) };
    if ((m = script.match(/^(?:exec\s+)?aws(\s+[^;&|<>$`'"\\(){}*?!#~]*)?$/))) {
      return { kind: 'exec', file: 'aws', args: (m[1] ?? '').trim().split(/\s+/).filter(Boolean) };
    }
    const word = script.split(/\s+/)[0] ?? script;
    return { kind: 'exit', code: 127, output: `${exe}: 1: ${word}: not found\n` };
  }
  return {
    kind: 'startError',
    message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown`
  };
}

function entrypointOf(image: string): string[] | undefined {
  // The one image whose ENTRYPOINT the double knows: amazon/aws-cli runs `aws`.
  return /(^|\/)aws-cli(:|@|$)/.test(image) ? ['aws'] : undefined;
}

function signalExitCode(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGTERM: 15, SIGKILL: 9, SIGINT: 2, SIGHUP: 1 };
  return 128 + (signal ? (numbers[signal] ?? 1) : 1);
}

export class Kubelet {
  private readonly runs = new Map<string, PodRun>();
  private stopped = false;

  constructor(private readonly ctx: KubeletContext) {}

  /** Starts the lifecycle of a newly created pod (asynchronously, as the real kubelet would). */
  podAdded(pod: KubeObject): void {
    const run: PodRun = {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      dir: join(this.ctx.workDir, 'pods', pod.metadata.uid),
      containers: new Map(),
      deleting: false,
      finished: false,
      deadlineExceeded: false,
      timers: new Set(),
      wake: new EventEmitter()
    };
    for (const c of containersOf(pod))
      run.containers.set(c.name, { name: c.name, logs: [], previousLogs: [], done: false });
    this.runs.set(pod.metadata.uid, run);
    void this.lifecycle(run)
      .catch(() => {
        // the pod vanished mid-flight (deleted, or the double stopped): nothing left to report to
      })
      .finally(() => {
        if (run.deadlineExceeded && !run.deleting && !this.stopped) this.failForDeadline(run);
        run.finished = true;
        if (run.deleting && this.runs.get(run.uid) === run)
          this.finalizeDeletion(run.uid, run.namespace, run.name);
      });
  }

  /** Graceful deletion: TERM the containers, KILL after the grace period, then remove the pod. */
  podDeleting(pod: KubeObject, graceSeconds: number): void {
    const run = this.runs.get(pod.metadata.uid);
    if (!run || run.finished) {
      this.finalizeDeletion(
        pod.metadata.uid,
        run?.namespace ?? pod.metadata.namespace ?? '',
        pod.metadata.name
      );
      return;
    }
    if (run.deleting) return;
    // the lifecycle notices, stops, and finalizes the deletion when it unwinds
    run.deleting = true;
    run.wake.emit('wake');
    for (const c of run.containers.values()) c.child?.kill('SIGTERM');
    run.graceTimer = setTimeout(() => {
      for (const c of run.containers.values()) c.child?.kill('SIGKILL');
    }, graceSeconds * 1000);
  }

  private finalizeDeletion(uid: string, ns: string, name: string): void {
    const run = this.runs.get(uid);
    if (run) {
      if (run.graceTimer) clearTimeout(run.graceTimer);
      for (const t of run.timers) clearTimeout(t);
      run.wake.emit('wake');
      rmSync(run.dir, { recursive: true, force: true });
      this.runs.delete(uid);
    }
    const live = this.ctx.store.get(PODS, ns, name);
    if (live && live.metadata.uid === uid) this.ctx.store.remove(PODS, ns, name);
  }

  /** Force deletion (grace 0) or namespace teardown: kill now, forget the pod. */
  podGone(uid: string): void {
    const run = this.runs.get(uid);
    if (!run) return;
    run.deleting = true;
    for (const c of run.containers.values()) c.child?.kill('SIGKILL');
    for (const t of run.timers) clearTimeout(t);
    if (run.graceTimer) clearTimeout(run.graceTimer);
    run.wake.emit('wake');
    rmSync(run.dir, { recursive: true, force: true });
    this.runs.delete(uid);
  }

  logChunks(uid: string, container: string, previous: boolean): LogChunk[] | undefined {
    const c = this.runs.get(uid)?.containers.get(container);
    if (!c) return undefined;
    return previous ? c.previousLogs : c.logs;
  }

  /** Calls onChunk for log output appended after this call until the container stops; returns an unsubscribe. */
  followLogs(uid: string, container: string, onChunk: (c: LogChunk) => void, onEnd: () => void): () => void {
    const run = this.runs.get(uid);
    const c = run?.containers.get(container);
    if (!run || !c || c.done) {
      onEnd();
      return () => undefined;
    }
    const chunk = (name: string, ch: LogChunk): void => {
      if (name === container) onChunk(ch);
    };
    const end = (name: string): void => {
      if (name === container) {
        cleanup();
        onEnd();
      }
    };
    const cleanup = (): void => {
      run.wake.off('chunk', chunk);
      run.wake.off('end', end);
    };
    run.wake.on('chunk', chunk);
    run.wake.on('end', end);
    return cleanup;
  }

  stop(): void {
    this.stopped = true;
    for (const uid of [...this.runs.keys()]) this.podGone(uid);
  }

  // -------------------------------------------------------------------------------------------

  private sleep(run: PodRun, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        run.timers.delete(t);
        run.wake.off('wake', done);
        resolve();
      }, ms);
      const done = (): void => {
        clearTimeout(t);
        run.timers.delete(t);
        resolve();
      };
      run.timers.add(t);
      run.wake.once('wake', done);
    });
  }

  private alive(run: PodRun): boolean {
    return !this.stopped && !run.deleting && !run.deadlineExceeded && this.runs.get(run.uid) === run;
  }

  private exceedDeadline(run: PodRun): void {
    if (run.finished || run.deleting) return;
    run.deadlineExceeded = true;
    run.wake.emit('wake');
    for (const c of run.containers.values()) c.child?.kill('SIGKILL');
  }

  private failForDeadline(run: PodRun): void {
    const message = 'Pod was active on the node longer than the specified deadline';
    const pod = this.mutatePod(run, (p) => {
      const s = status(p);
      s.phase = 'Failed';
      s.reason = 'DeadlineExceeded';
      s.message = message;
      setCondition(s, 'Ready', 'False', 'PodFailed', '');
      setCondition(s, 'ContainersReady', 'False', 'PodFailed', '');
    });
    if (pod) this.ctx.event(pod, 'Warning', 'DeadlineExceeded', message, 'kubelet');
  }

  private mutatePod(run: PodRun, fn: (pod: KubeObject) => void): KubeObject | undefined {
    if (this.stopped) return undefined;
    const cur = this.ctx.store.get(PODS, run.namespace, run.name);
    if (!cur || cur.metadata.uid !== run.uid) return undefined;
    fn(cur);
    return this.ctx.store.update(PODS, cur);
  }

  private current(run: PodRun): KubeObject | undefined {
    const cur = this.ctx.store.get(PODS, run.namespace, run.name);
    return cur && cur.metadata.uid === run.uid ? cur : undefined;
  }

  private async lifecycle(run: PodRun): Promise<void> {
    await this.sleep(run, 10);
    let pod = this.current(run);
    if (!pod || !this.alive(run)) return;

    if (this.ctx.hold() === 'pending') {
      this.mutatePod(run, (p) => {
        status(p).conditions = [
          {
            type: 'PodScheduled',
            status: 'False',
            lastProbeTime: null,
            lastTransitionTime: now(),
            reason: 'Unschedulable',
            message: '0/1 nodes are available: 1 node(s) were unschedulable.'
          }
        ];
      });
      this.ctx.event(
        pod,
        'Warning',
        'FailedScheduling',
        '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
        'default-scheduler'
      );
      return;
    }

    // default-scheduler: bind to the only node
    pod = this.mutatePod(run, (p) => {
      (p.spec as Record<string, unknown>).nodeName = this.ctx.nodeName;
      status(p).conditions = [condition('PodScheduled', 'True')];
    });
    if (!pod) return;
    this.ctx.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${run.namespace}/${run.name} to ${this.ctx.nodeName}`,
      'default-scheduler'
    );
    await this.sleep(run, 10);
    if (!this.alive(run)) return;

    // kubelet: volumes first; a token that cannot be minted keeps the pod in ContainerCreating
    const startedAt = now();
    pod = this.mutatePod(run, (p) => {
      const s = status(p);
      s.phase = 'Pending';
      s.hostIP = '127.0.0.1';
      s.hostIPs = [{ ip: '127.0.0.1' }];
      s.startTime = startedAt;
      s.conditions = [
        condition('PodReadyToStartContainers', 'False'),
        condition('Initialized', 'True'),
        condition(
          'Ready',
          'False',
          'ContainersNotReady',
          `containers with unready status: [${[...run.containers.keys()].join(' ')}]`
        ),
        condition(
          'ContainersReady',
          'False',
          'ContainersNotReady',
          `containers with unready status: [${[...run.containers.keys()].join(' ')}]`
        ),
        condition('PodScheduled', 'True')
      ];
      s.containerStatuses = containersOf(p).map((c) => ({
        name: c.name,
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: c.image,
        imageID: '',
        started: false
      }));
    });
    if (!pod) return;
    const deadline = valueAtPath(pod, 'spec.activeDeadlineSeconds');
    if (typeof deadline === 'number' && deadline > 0) {
      const t = setTimeout(() => this.exceedDeadline(run), deadline * 1000);
      run.timers.add(t);
    }

    let mounts: Map<string, string> | undefined;
    for (let attempt = 0; !mounts; attempt++) {
      const cur = this.current(run);
      if (!cur || !this.alive(run)) return;
      try {
        mounts = this.mountVolumes(run, cur);
      } catch (e) {
        if (!(e instanceof MountError)) throw e;
        this.ctx.event(cur, 'Warning', 'FailedMount', e.message, 'kubelet');
        await this.sleep(run, Math.min(500 * 2 ** attempt, 8000));
      }
    }

    pod = this.mutatePod(run, (p) => {
      const s = status(p);
      s.podIP = '10.244.0.' + String(2 + (parseInt(run.uid.slice(0, 2), 16) % 250));
      s.podIPs = [{ ip: s.podIP }];
      setCondition(s, 'PodReadyToStartContainers', 'True');
    });
    if (!pod) return;

    const results = await Promise.all(
      containersOf(pod).map((c) => this.containerLoop(run, c, mounts ?? new Map(), pod as KubeObject))
    );
    if (!this.alive(run)) return;
    const failed = results.some((code) => code !== 0);
    this.mutatePod(run, (p) => {
      const s = status(p);
      s.phase = failed ? 'Failed' : 'Succeeded';
      setCondition(s, 'PodReadyToStartContainers', 'False');
      setCondition(s, 'Ready', 'False', 'PodCompleted', '');
      setCondition(s, 'ContainersReady', 'False', 'PodCompleted', '');
    });
  }

  /** Writes projected volumes into the pod's dir; returns mountPath → host dir. */
  private mountVolumes(run: PodRun, pod: KubeObject): Map<string, string> {
    const mounts = new Map<string, string>();
    const volumes = valueAtPath(pod, 'spec.volumes');
    const volumeDirs = new Map<string, string>();
    mkdirSync(run.dir, { recursive: true, mode: 0o700 });
    chmodSync(run.dir, 0o700);
    for (const v of Array.isArray(volumes) ? volumes.filter(isRecord) : []) {
      const name = String(v.name ?? '');
      const dir = join(run.dir, 'volumes', name);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      volumeDirs.set(name, dir);
      const sources = valueAtPath(v, 'projected.sources');
      for (const src of Array.isArray(sources) ? sources.filter(isRecord) : []) {
        if (isRecord(src.serviceAccountToken)) {
          const sat = src.serviceAccountToken;
          const audience =
            typeof sat.audience === 'string' && sat.audience ? [sat.audience] : this.ctx.apiAudiences();
          const ttl = typeof sat.expirationSeconds === 'number' ? sat.expirationSeconds : 3600;
          let token: string;
          try {
            token = this.ctx.mintPodToken(pod, audience, ttl);
          } catch (e) {
            const why = e instanceof ApiError ? e.message : String(e);
            throw new MountError(
              `MountVolume.SetUp failed for volume "${name}" : failed to fetch token: ${why}`
            );
          }
          writeSecretFile(join(dir, String(sat.path ?? 'token')), token);
        }
        if (isRecord(src.configMap) && src.configMap.name === 'kube-root-ca.crt') {
          writeSecretFile(join(dir, 'ca.crt'), this.ctx.caPem);
        }
        if (isRecord(src.downwardAPI)) {
          writeSecretFile(join(dir, 'namespace'), run.namespace);
        }
      }
    }
    for (const c of containersOf(pod)) {
      for (const m of c.volumeMounts ?? []) {
        const dir = volumeDirs.get(m.name);
        if (dir) mounts.set(posix.normalize(m.mountPath), m.subPath ? join(dir, m.subPath) : dir);
      }
    }
    return mounts;
  }

  private environment(
    run: PodRun,
    pod: KubeObject,
    c: Container,
    mounts: Map<string, string>
  ): Record<string, string> {
    const home = join(run.dir, 'home');
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const url = new URL(this.ctx.serverUrl());
    // A container sees none of the host's environment: only PATH (to find the CLI), a private HOME
    // and config paths that do not exist, so the host's ~/.aws never leaks into a pod.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOSTNAME: run.name,
      HOME: home,
      AWS_CONFIG_FILE: join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      KUBERNETES_SERVICE_HOST: url.hostname,
      KUBERNETES_SERVICE_PORT: url.port,
      ...this.ctx.podEnv()
    };
    for (const e of c.env ?? []) {
      let value: string | undefined = e.value !== undefined ? expandRefs(e.value, env) : undefined;
      if (value === undefined && isRecord(e.valueFrom) && isRecord(e.valueFrom.fieldRef)) {
        const v = valueAtPath(pod, String(e.valueFrom.fieldRef.fieldPath ?? ''));
        value = v === undefined ? '' : String(v);
      }
      if (value === undefined) continue;
      env[e.name] = rewritePath(value, mounts);
    }
    return env;
  }

  private async containerLoop(
    run: PodRun,
    c: Container,
    mounts: Map<string, string>,
    pod: KubeObject
  ): Promise<number> {
    const cr = run.containers.get(c.name);
    if (!cr) return 1;
    const restartPolicy = String(valueAtPath(pod, 'spec.restartPolicy') ?? 'Always');
    const component = 'kubelet';
    for (let restarts = 0; ; restarts++) {
      if (!this.alive(run)) break;
      const env = this.environment(run, pod, c, mounts);
      const argv = [...(c.command ?? entrypointOf(c.image) ?? []), ...(c.args ?? [])].map((a) =>
        expandRefs(a, env)
      );
      const plan: Plan = this.ctx.hold() === 'running' ? { kind: 'hang' } : planFor(argv);
      const cur = this.current(run);
      if (!cur) break;
      this.ctx.event(
        cur,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
        component
      );
      if (plan.kind === 'startError') {
        this.ctx.event(cur, 'Warning', 'Failed', `Error: ${plan.message}`, component);
        this.terminated(run, c.name, 128, 'StartError', plan.message, now(), now(), restarts);
        cr.done = true;
        run.wake.emit('end', c.name);
        if (!(await this.backoff(run, c.name, restartPolicy, 128, restarts))) return 128;
        cr.done = false;
        continue;
      }
      this.ctx.event(cur, 'Normal', 'Created', `Created container: ${c.name}`, component);
      const started = now();
      cr.done = false;
      const code = await this.execute(run, cr, plan, env, () => {
        const p = this.current(run);
        if (p) this.ctx.event(p, 'Normal', 'Started', `Started container ${c.name}`, component);
        this.mutatePod(run, (p2) => {
          const s = status(p2);
          s.phase = 'Running';
          setContainerStatus(s, c.name, (cs) => {
            cs.state = { running: { startedAt: started } };
            cs.ready = true;
            cs.started = true;
            cs.restartCount = restarts;
            cs.containerID = `containerd://${run.uid.replace(/-/g, '')}${restarts}`;
          });
          const allReady = (s.containerStatuses as Record<string, unknown>[]).every((x) => x.ready === true);
          if (allReady) {
            setCondition(s, 'Ready', 'True');
            setCondition(s, 'ContainersReady', 'True');
          }
        });
      });
      cr.done = true;
      run.wake.emit('end', c.name);
      if (run.deleting || this.stopped || run.deadlineExceeded) {
        this.terminated(
          run,
          c.name,
          code,
          code === 0 ? 'Completed' : 'Error',
          undefined,
          started,
          now(),
          restarts
        );
        return code;
      }
      const message =
        c.terminationMessagePolicy === 'FallbackToLogsOnError' && code !== 0
          ? cr.logs
              .map((l) => l.text)
              .join('')
              .split('\n')
              .slice(-80)
              .join('\n')
              .slice(-2048)
          : undefined;
      this.terminated(
        run,
        c.name,
        code,
        code === 0 ? 'Completed' : 'Error',
        message,
        started,
        now(),
        restarts
      );
      if (!(await this.backoff(run, c.name, restartPolicy, code, restarts))) return code;
      cr.previousLogs = cr.logs;
      cr.logs = [];
    }
    return 137;
  }

  /** Restart policy: false when the container stays terminated; otherwise waits out CrashLoopBackOff. */
  private async backoff(
    run: PodRun,
    name: string,
    policy: string,
    code: number,
    restarts: number
  ): Promise<boolean> {
    if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) return false;
    const delay = Math.min(this.ctx.backoffSeconds * 2 ** restarts, 300);
    const pod = this.mutatePod(run, (p) => {
      setContainerStatus(status(p), name, (cs) => {
        cs.lastState = cs.state;
        cs.state = {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${delay}s restarting failed container=${name} pod=${run.name}_${run.namespace}(${run.uid})`
          }
        };
        cs.ready = false;
        cs.started = false;
        cs.restartCount = restarts + 1;
      });
    });
    if (!pod) return false;
    this.ctx.event(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${run.name}_${run.namespace}(${run.uid})`,
      'kubelet'
    );
    await this.sleep(run, delay * 1000);
    return this.alive(run);
  }

  private terminated(
    run: PodRun,
    name: string,
    exitCode: number,
    reason: string,
    message: string | undefined,
    startedAt: string,
    finishedAt: string,
    restarts: number
  ): void {
    this.mutatePod(run, (p) => {
      setContainerStatus(status(p), name, (cs) => {
        cs.state = {
          terminated: {
            exitCode,
            reason,
            ...(message ? { message } : {}),
            startedAt,
            finishedAt,
            containerID: `containerd://${run.uid.replace(/-/g, '')}${restarts}`
          }
        };
        cs.ready = false;
        cs.started = false;
        cs.restartCount = restarts;
      });
    });
  }

  private execute(
    run: PodRun,
    cr: ContainerRun,
    plan: Plan,
    env: Record<string, string>,
    onStart: () => void
  ): Promise<number> {
    const append = (text: string): void => {
      const chunk = { time: new Date(), text };
      cr.logs.push(chunk);
      run.wake.emit('chunk', cr.name, chunk);
    };
    return new Promise<number>((resolve) => {
      switch (plan.kind) {
        case 'exit':
          onStart();
          if (plan.output) append(plan.output);
          resolve(plan.code);
          return;
        case 'sleep':
        case 'hang': {
          onStart();
          const ms = plan.kind === 'sleep' ? plan.seconds * 1000 : 2 ** 31 - 1;
          const t = setTimeout(() => {
            run.timers.delete(t);
            run.wake.off('wake', stop);
            resolve(0);
          }, ms);
          run.timers.add(t);
          const stop = (): void => {
            clearTimeout(t);
            run.timers.delete(t);
            resolve(143);
          };
          run.wake.once('wake', stop);
          return;
        }
        case 'exec': {
          const child = spawn(plan.file, plan.args, { env, cwd: run.dir, stdio: ['ignore', 'pipe', 'pipe'] });
          cr.child = child;
          let settled = false;
          child.once('spawn', onStart);
          child.stdout?.setEncoding('utf8').on('data', (d: string) => append(d));
          child.stderr?.setEncoding('utf8').on('data', (d: string) => append(d));
          child.once('error', (err) => {
            if (settled) return;
            settled = true;
            append(`${err.message}\n`);
            resolve(127);
          });
          child.once('close', (code, signal) => {
            if (settled) return;
            settled = true;
            cr.child = undefined;
            resolve(code ?? signalExitCode(signal));
          });
          return;
        }
        default:
          resolve(128);
      }
    });
  }
}

class MountError extends Error {}

function writeSecretFile(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Maps a path inside the container onto the host dir backing its mount (longest mountPath wins). */
export function rewritePath(value: string, mounts: Map<string, string>): string {
  if (!value.startsWith('/')) return value;
  let best: [string, string] | undefined;
  for (const [mountPath, hostDir] of mounts) {
    const m = mountPath.endsWith('/') ? mountPath.slice(0, -1) : mountPath;
    if (value === m || value.startsWith(m + '/')) {
      if (!best || m.length > best[0].length) best = [m, hostDir];
    }
  }
  return best ? best[1] + value.slice(best[0].length) : value;
}

function status(p: KubeObject): Record<string, unknown> {
  if (!isRecord(p.status)) p.status = {};
  return p.status as Record<string, unknown>;
}

function condition(
  type: string,
  st: 'True' | 'False',
  reason?: string,
  message?: string
): Record<string, unknown> {
  return {
    type,
    status: st,
    lastProbeTime: null,
    lastTransitionTime: now(),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {})
  };
}

function setCondition(
  s: Record<string, unknown>,
  type: string,
  st: 'True' | 'False',
  reason?: string,
  message?: string
): void {
  const list = Array.isArray(s.conditions) ? (s.conditions as Record<string, unknown>[]) : [];
  const i = list.findIndex((c) => c.type === type);
  const next = condition(type, st, reason, message);
  if (i >= 0) {
    const prev = list[i] as Record<string, unknown>;
    if (prev.status === st) next.lastTransitionTime = prev.lastTransitionTime;
    list[i] = next;
  } else list.push(next);
  s.conditions = list;
}

function setContainerStatus(
  s: Record<string, unknown>,
  name: string,
  fn: (cs: Record<string, unknown>) => void
): void {
  const list = Array.isArray(s.containerStatuses) ? (s.containerStatuses as Record<string, unknown>[]) : [];
  let cs = list.find((c) => c.name === name);
  if (!cs) {
    cs = {
      name,
      state: {},
      lastState: {},
      ready: false,
      restartCount: 0,
      image: '',
      imageID: '',
      started: false
    };
    list.push(cs);
  }
  fn(cs);
  s.containerStatuses = list;
}
