// Runs a bundle and kills it (SIGKILL, a lost machine) once a proxy in front of AWS has seen its
// k-th write, then reruns it twice: the resumed run must converge and the third change nothing.
import { callName, requestKind } from '../../bench/request-kinds.js';
import type { FaultProxy } from '../stack/fault-proxy.js';
import { runBundle } from './run-bundle.js';

/** The writes `proxy` has seen since `mark` (a length of its `seen`), by call name. */
export function writesSince(proxy: FaultProxy, mark: number): string[] {
  return proxy.seen
    .slice(mark)
    .filter((request) => requestKind(request) === 'write')
    .map(callName);
}

/** One line saying how the three runs went, for a test to compare across every kill point. */
export async function killAfterWriteThenRerun(
  action: string,
  inputs: Record<string, string>,
  options: { proxy: FaultProxy; env: Record<string, string>; k: number }
): Promise<string> {
  const { proxy, env, k } = options;
  const mark = proxy.seen.length;
  const abort = new AbortController();
  const watch = setInterval(() => {
    if (writesSince(proxy, mark).length >= k) abort.abort();
  }, 1);
  const killed = await runBundle(action, inputs, { env, signal: abort.signal });
  clearInterval(watch);
  // Let a write the killed process had sent reach moto before the rerun reads the state.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const resumed = await runBundle(action, inputs, { env });
  const again = await runBundle(action, inputs, { env });
  return `after ${writesSince(proxy, mark)[k - 1] ?? '?'}: killed ${killed.status !== 0}, resumed ${resumed.status} ${resumed.errors.join(' ')}, again ${again.status} changed=${again.outputs['changed']}`;
}

/** The line killAfterWriteThenRerun gives when the run after `write` resumed and the next was a no-op. */
export const convergedAfter = (write: string): string =>
  `after ${write}: killed true, resumed 0 , again 0 changed=false`;
