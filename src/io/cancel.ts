import { oneLine } from './errors.js';

/**
 * A cancelled job: the runner sends SIGINT, then SIGTERM about 7.5 s later, then kills the process.
 * An action that made something outside the runner uses the first signal to remove it.
 */
export type CancelHandler = (signal: NodeJS.Signals) => Promise<string[] | void>;

/** Whether `work` settles (either way) within `ms`; a cancelled run waits only so long for what it started. */
export async function settlesWithin(work: PromiseLike<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    Promise.resolve(work).then(
      () => true,
      () => true
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  ]);
  clearTimeout(timer);
  return settled;
}

// Handlers still running: the entry waits for them before it ends a run (src/io/entry.ts), since a
// handler's cleanup can outlast the run it cancelled.
const running = new Set<Promise<unknown>>();
// What the handlers that have settled said their cleanup did, for the cancelled run's summary.
let cleanup: string[] = [];
let started = 0;

/** Resolves when every cancel handler that has started has settled. */
export async function cancelsSettled(): Promise<void> {
  await Promise.allSettled([...running]);
}

/**
 * What the cancel handlers that have settled did, each a clause ("deleted the pod ns/name this run
 * created"); undefined when none has run, as in an action that undoes nothing when cancelled. Taken
 * once: the next cancel (a test's next run in the same process) starts afresh.
 */
export function takeCancelCleanup(): readonly string[] | undefined {
  const taken = started === 0 ? undefined : cleanup;
  // A handler that settles later (past the entry's bound) adds to the list it started with, not this one.
  cleanup = [];
  started = 0;
  return taken;
}

/** Calls `handler` on the first SIGINT or SIGTERM (a second one while it runs is ignored); returns a stop function. */
export function onCancel(handler: CancelHandler): () => void {
  let handling = false;
  const listener = (signal: NodeJS.Signals): void => {
    if (handling) return;
    handling = true;
    started += 1;
    const notesOfThisCancel = cleanup;
    const handled = handler(signal);
    running.add(handled);
    void handled.then(
      (notes) => {
        if (notes) notesOfThisCancel.push(...notes);
        running.delete(handled);
      },
      (error: unknown) => {
        // Said in the cancelled run's summary and error line, which an unhandled rejection would end
        // the process before; with no note the summary would say nothing was left to undo.
        notesOfThisCancel.push(`its cleanup failed: ${oneLine(error)}`);
        running.delete(handled);
      }
    );
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
