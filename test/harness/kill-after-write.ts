// Runs a bundle and kills it (SIGKILL, a lost machine) right after AWS applied its k-th write, before
// the run hears the answer, then reruns it twice: the resumed run must converge and the third change
// nothing. The proxy in front of AWS decides the moment, so no kill point depends on timing: the
// writes sent before the k-th have landed too, and none sent after it reaches AWS.
import { callName, requestKind } from '../../bench/request-kinds.js';
import type { FaultProxy, FaultProxyOptions, ProxiedRequest } from '../stack/fault-proxy.js';
import { runBundle } from './run-bundle.js';

/** The writes `proxy` has seen since `mark` (a length of its `seen`), by call name. */
export function writesSince(proxy: FaultProxy, mark: number): string[] {
  return proxy.seen
    .slice(mark)
    .filter((request) => requestKind(request) === 'write')
    .map(callName);
}

const never = new Promise<void>(() => undefined);

interface Armed {
  k: number;
  kill: () => void;
  writes: number;
  /** The armed run's writes sent on to AWS and not yet answered, each resolved by its answer. */
  inFlight: Map<ProxiedRequest, () => void>;
  landed: Promise<void>[];
  /** The k-th write. */
  last?: ProxiedRequest;
}

/**
 * The proxy hooks that stop an armed run at its k-th write: give `hooks` to startFaultProxy, of a
 * proxy that injects no faults (a failed write never reaches `after`, and the run would wait for good).
 */
export class WriteKill {
  private armed: Armed | undefined;

  readonly hooks: Pick<FaultProxyOptions, 'before' | 'after'> = {
    before: (request) => this.before(request),
    after: (request) => this.after(request)
  };

  arm(k: number, kill: () => void): void {
    this.armed = { k, kill, writes: 0, inFlight: new Map(), landed: [] };
  }

  disarm(): void {
    this.armed = undefined;
  }

  private before(request: ProxiedRequest): Promise<void> {
    const armed = this.armed;
    if (!armed || requestKind(request) !== 'write') return Promise.resolve();
    armed.writes += 1;
    // Held for good: the run is killed before it could have sent it.
    if (armed.writes > armed.k) return never;
    if (armed.writes === armed.k) armed.last = request;
    armed.landed.push(new Promise<void>((resolve) => armed.inFlight.set(request, resolve)));
    return Promise.resolve();
  }

  private async after(request: ProxiedRequest): Promise<void> {
    const armed = this.armed;
    const landed = armed?.inFlight.get(request);
    if (!armed || !landed) return;
    armed.inFlight.delete(request);
    landed();
    if (request !== armed.last) return;
    // The k-th write has landed: once every earlier one has too, the run dies without its answer.
    await Promise.all(armed.landed);
    armed.kill();
    await never;
  }
}

/** One line saying how the three runs went, for a test to compare across every kill point. */
export async function killAfterWriteThenRerun(
  action: string,
  inputs: Record<string, string>,
  options: {
    proxy: FaultProxy;
    kill: WriteKill;
    env: Record<string, string>;
    k: number;
    /** What holds in the state the killed run left, in words, for the line. */
    afterKill?: () => Promise<string>;
  }
): Promise<string> {
  const { proxy, kill, env, k, afterKill } = options;
  const mark = proxy.seen.length;
  const abort = new AbortController();
  kill.arm(k, () => abort.abort());
  const killed = await runBundle(action, inputs, { env, signal: abort.signal });
  kill.disarm();
  const left = afterKill ? `, ${await afterKill()}` : '';
  const resumed = await runBundle(action, inputs, { env });
  const again = await runBundle(action, inputs, { env });
  return `after ${writesSince(proxy, mark)[k - 1] ?? '?'}: killed ${killed.status !== 0}${left}, resumed ${resumed.status} ${resumed.errors.join(' ')}, again ${again.status} changed=${again.outputs['changed']}`;
}

/**
 * The line killAfterWriteThenRerun gives when the run after `write` resumed and the next was a no-op;
 * `left` is what afterKill said.
 */
export const convergedAfter = (write: string, left?: string): string =>
  `after ${write}: killed true${left === undefined ? '' : `, ${left}`}, resumed 0 , again 0 changed=false`;
