// The one place that talks to the runner.
import type { ActionContext, ActionResult } from './action.js';
import { takeCancelCleanup, cancelsSettled, interruptCancels, settlesWithin } from './cancel.js';
import type { Cancelled } from './cancel-summary.js';
import { failureText, isUserError, oneLine } from './errors.js';
import { inputFailureSummary, runFailureSummary } from './input-summary.js';
import { exitWhenWritten } from './exit.js';
import { envInputReader } from './inputs.js';
import { maskedValues, redactSecrets } from './redact.js';
import type { Logger } from './logger.js';
import { RunWarnings } from './warnings.js';
import {
  addMask,
  appendSummary,
  commandLine,
  fail,
  group,
  info,
  issue,
  setOutput
} from './workflow-commands.js';

/**
 * The runner's log; each warning is also kept for the job summary, which a scheduled run is read by, and
 * each group open is kept in `steps`, which a cancelled run's summary names as the step it was at.
 */
function runnerLogger(warnings: RunWarnings, steps: string[]): Logger {
  return {
    info,
    command: commandLine,
    warning: (message, options) => {
      warnings.add(message, options);
      issue('warning', message);
    },
    debug: (message) => issue('debug', message),
    group: async (name, body) => {
      steps.push(name);
      try {
        return await group(name, body);
      } finally {
        steps.splice(steps.lastIndexOf(name), 1);
      }
    }
  };
}

// How long a cancelled run waits for its actions' cleanup before it writes its summary and error line
// anyway: within the runner's 7.5 s between its SIGINT and its SIGTERM, after which it kills the process.
export const CLEANUP_BOUND_MS = 7000;

// How long a second signal (the runner's SIGTERM, its kill 2.5 s later) leaves the cleanup still running
// to do what it must not leave undone (src/io/cancel.ts interruptCancels), before the run ends.
export const SECOND_SIGNAL_MS = 1000;

/**
 * An action bundle's entry: runs its main as runAction does, then ends the process with the exit code the
 * run set, once a cancel handler under way has settled (its cleanup is part of the run) and the run's output
 * is written, not when Node's event loop empties (src/io/exit.ts).
 */
export async function runActionAndExit(
  action: string,
  main: (ctx: ActionContext) => Promise<ActionResult>
): Promise<never> {
  await runAction(action, main);
  await cancelsSettled();
  return exitWhenWritten();
}

/**
 * Runs an action's main; `action` names it in the summary of a run that stops on its inputs. A run
 * cancelled (the runner's SIGINT or SIGTERM) ends by `end` once its actions' cleanup has settled, or the
 * bound has passed, with its own summary and error line: whatever main does after the signal is not
 * reported (a terraform command that stopped on it fails; a pod that was deleted under its watch).
 */
export async function runAction(
  action: string,
  main: (ctx: ActionContext) => Promise<ActionResult>,
  end: () => Promise<void> = exitWhenWritten
): Promise<void> {
  // Kept to redact the summary and the outputs, which the runner masks only in part (see below), and
  // served to the action as ctx.redact, for what it cuts short before it quotes it.
  const { mask, redact, masked } = maskedValues(addMask);
  let writing = false;
  const warnings = new RunWarnings();
  const steps: string[] = [];
  let cancelled: Promise<void> | undefined;
  let secondSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const second = new Promise<NodeJS.Signals>((resolve) => (secondSignal = resolve));
  let written: (() => readonly string[]) | undefined;
  const ctx: ActionContext = {
    read: envInputReader(process.env),
    log: runnerLogger(warnings, steps),
    mask,
    redact,
    env: process.env,
    writing: () => {
      writing = true;
    },
    written: (read) => {
      written = read;
    }
  };
  // Registered before main runs, so called before any handler the action registers (src/io/cancel.ts).
  // Without it Node would end the process on the signal, before anything is written.
  // A second signal ends the wait for the cleanup: the runner kills the process 2.5 s after its SIGTERM.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (cancelled) return secondSignal(signal);
    cancelled = endCancelled(
      action,
      { signal, step: steps.at(-1), wrote: writing },
      () => written?.(),
      masked,
      warnings,
      second,
      end
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runMain();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  async function runMain(): Promise<void> {
    let result: ActionResult;
    try {
      result = await main(ctx);
    } catch (error) {
      if (cancelled) return cancelled;
      return reportFailure(error);
    }
    if (cancelled) return cancelled;
    // A cluster's or AWS's message in a check's detail may quote a credential back. The runner masks no
    // output, and masks the summary only in the forms its masker knows, not as Markdown escapes a table
    // cell. An output that is a secret on purpose (a kubeconfig) is left whole.
    const verbatim = new Set(result.verbatimOutputs ?? []);
    for (const [name, value] of Object.entries(result.outputs))
      setOutput(name, verbatim.has(name) ? value : redact(value));
    writeSummary(action, redact(warnings.appendTo(result.summary, true)));
    if (result.failure) fail(oneLine(result.failure));
  }

  function reportFailure(error: unknown): void {
    if (!isUserError(error) && error instanceof Error && error.stack) issue('debug', error.stack);
    const line = isUserError(error) ? oneLine(error) : failureText(error);
    fail(line);
    // After the first write a UserError may leave changes behind, which the inputs' summary would deny.
    const summary =
      isUserError(error) && !writing
        ? inputFailureSummary(action, error, masked)
        : runFailureSummary(action, line, writing, masked);
    // The action's own summary is not written: every warning is listed, those it would have shown too.
    writeSummary(action, redact(warnings.appendTo(summary, false)));
  }
}

/**
 * A cancelled run's end: once its actions' cancel handlers have settled (they start in the same signal,
 * after the entry's listener), or CLEANUP_BOUND_MS has passed, or a second signal has come (and the
 * handlers still running have had SECOND_SIGNAL_MS to answer it), its error line and summary, then `end`.
 */
async function endCancelled(
  action: string,
  run: Omit<Cancelled, 'cleanup' | 'written'>,
  readWritten: () => readonly string[] | undefined,
  masked: readonly string[],
  warnings: RunWarnings,
  second: Promise<NodeJS.Signals>,
  end: () => Promise<void>
): Promise<void> {
  const signalledAt = performance.now();
  // Loaded only by a cancelled run, while its cleanup settles: every other run is spared its bytes.
  const loading = import('./cancel-summary.js');
  // Handled when awaited below; until then a failed load must not end the process as unhandled.
  loading.catch(() => undefined);
  await Promise.resolve();
  const waited = await Promise.race([
    settlesWithin(cancelsSettled(), CLEANUP_BOUND_MS),
    second.then((signal) => ({ signal }))
  ]);
  // The cleanup cut short: told of the signal, it has a moment for what it must not leave, then the run ends.
  const cutShort =
    typeof waited === 'object' && (await interruptCancels(waited.signal, SECOND_SIGNAL_MS))
      ? `a second signal (${waited.signal}) came ${((performance.now() - signalledAt) / 1000).toFixed(1)} s after the first, while its cleanup was still running: the step ended then, without waiting for the rest of it; what it did not report is unknown, so check what the run made`
      : undefined;
  const settled = waited === true || (typeof waited === 'object' && cutShort === undefined);
  const { cancelledLine, cancelledSummary } = await loading;
  const cleanup = takeCancelCleanup();
  // Read once the cleanup has settled: what it wrote is the action's to report, not the cleanup's undoing.
  let changes: readonly string[] | undefined;
  try {
    changes = readWritten();
  } catch {
    // Not knowing what was written is what the summary says without the list.
  }
  const report: Cancelled = {
    ...run,
    ...(changes ? { written: changes } : {}),
    ...(cleanup === undefined && settled
      ? {}
      : {
          cleanup: settled
            ? cleanup
            : [
                ...(cleanup ?? []),
                cutShort ??
                  `its cleanup had not finished ${CLEANUP_BOUND_MS / 1000} s after the signal, when this was written: what it did not report is unknown, so check what the run made`
              ]
        })
  };
  fail(cancelledLine(action, report, masked));
  writeSummary(
    action,
    redactSecrets(warnings.appendTo(cancelledSummary(action, report, masked), false), masked)
  );
  // What is still settling is waited for, as on any run's end, unless a second signal has come or comes:
  // then what is still running is told, and the run ends before the runner's kill.
  if (cutShort === undefined) {
    const late = await Promise.race([cancelsSettled(), second]);
    if (typeof late === 'string') await interruptCancels(late, SECOND_SIGNAL_MS);
  }
  await end();
}

/**
 * The summary is a report on the run, not part of it: a GITHUB_STEP_SUMMARY that cannot be written (a
 * directory, a missing directory, a full disk) is a warning, and the run keeps its own exit status and
 * error line. (@actions/core's summary.write rejects instead, failing a run that awaits it.)
 */
function writeSummary(action: string, markdown: string): void {
  try {
    appendSummary(markdown);
  } catch (error) {
    const file = process.env.GITHUB_STEP_SUMMARY ?? '';
    issue(
      'warning',
      `${action}: the job summary could not be written to GITHUB_STEP_SUMMARY ${file}: ${oneLine(error)}`
    );
  }
}
