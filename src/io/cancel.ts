import { oneLine } from './errors.js';

/**
 * A cancelled job: the runner sends SIGINT to the step's process (not its children), then SIGTERM 7.5 s
 * later, then kills it 2.5 s after that (actions/runner src/Runner.Sdk/ProcessInvoker.cs,
 * CancelAndKillProcessTree). An action that made something outside the runner uses the first signal to
 * remove it; `progress.note` records each clause as soon as it is done, which a summary written before the
 * handler settles (a second signal, the entry's bound) lists.
 */
export type CancelHandler = (
  signal: NodeJS.Signals,
  progress: { note(clause: string): void }
) => Promise<string[] | void>;

/**
 * What a handler still running does on a second signal, when the step is about to end: only what must
 * not be left (a child told to stop, a secret file removed), quickly, saying what it did as clauses.
 */
export type SecondSignalHandler = (signal: NodeJS.Signals) => Promise<string[]>;

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

interface Handling {
  /** What it said it did: its clauses so far, replaced by all of them when it settles. */
  notes: string[];
  settled: boolean;
  second?: SecondSignalHandler;
  /** Set once its second-signal handler has been called: it is called once. */
  interrupted?: Promise<void>;
}

// Handlers still running: the entry waits for them before it ends a run (src/io/entry.ts), since a
// handler's cleanup can outlast the run it cancelled.
const running = new Set<Promise<unknown>>();
// The handlers started by this cancel, in the order they started, for the cancelled run's summary.
let handlings: Handling[] = [];
// Every handler not yet settled, this cancel's or an earlier one's: a second signal reaches them all.
const unsettled = new Set<Handling>();

/** Resolves when every cancel handler that has started has settled. */
export async function cancelsSettled(): Promise<void> {
  await Promise.allSettled([...running]);
}

/**
 * What the cancel handlers did, each a clause ("deleted the pod ns/name this run created"): all of a
 * handler's that has settled, what one still running had done so far; undefined when none has run, as in
 * an action that undoes nothing when cancelled. Taken once: the next cancel (a test's next run in the
 * same process) starts afresh.
 */
export function takeCancelCleanup(): readonly string[] | undefined {
  const taken = handlings.length === 0 ? undefined : handlings.flatMap((handling) => [...handling.notes]);
  handlings = [];
  return taken;
}

/**
 * A second signal while cancel handlers still run: each of those that has a second-signal handler is
 * called (once), and given up to `ms` for what it does; what each says is added to its notes. Resolves
 * with whether any handler was still running.
 */
export async function interruptCancels(signal: NodeJS.Signals, ms: number): Promise<boolean> {
  const stillRunning = [...unsettled];
  const answers = stillRunning.map((handling) => {
    const { second } = handling;
    if (!second) return Promise.resolve();
    handling.interrupted ??= second(signal).then(
      (notes) => {
        handling.notes.push(...notes);
      },
      (error: unknown) => {
        handling.notes.push(`what it did on the ${signal} failed: ${oneLine(error)}`);
      }
    );
    return handling.interrupted;
  });
  await settlesWithin(Promise.all(answers), ms);
  return stillRunning.length > 0;
}

/**
 * Calls `handler` on the first SIGINT or SIGTERM (a second one while it runs is the entry's to take: it
 * calls `onSecond`, through interruptCancels); returns a stop function.
 */
export function onCancel(handler: CancelHandler, onSecond?: SecondSignalHandler): () => void {
  let handled = false;
  const listener = (signal: NodeJS.Signals): void => {
    if (handled) return;
    handled = true;
    const handling: Handling = { notes: [], settled: false, ...(onSecond ? { second: onSecond } : {}) };
    handlings.push(handling);
    unsettled.add(handling);
    const settle = (notes: string[]): void => {
      handling.notes = notes;
      handling.settled = true;
      unsettled.delete(handling);
      running.delete(work);
    };
    const work = handler(signal, {
      note: (clause) => {
        if (!handling.settled) handling.notes.push(clause);
      }
    });
    running.add(work);
    void work.then(
      // What it returns is all it did; after a second signal its summary has been written from what it
      // had said by then, which stays as it was.
      (notes) => settle(handling.interrupted ? handling.notes : (notes ?? handling.notes)),
      (error: unknown) => {
        // Said in the cancelled run's summary and error line, which an unhandled rejection would end
        // the process before; with no note the summary would say nothing was left to undo.
        settle([...handling.notes, `its cleanup failed: ${oneLine(error)}`]);
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
