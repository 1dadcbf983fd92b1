// The one place that talks to the runner.
import type { ActionContext, ActionResult } from './action.js';
import { cancelsSettled } from './cancel.js';
import { failureText, isUserError, oneLine } from './errors.js';
import { inputFailureSummary, runFailureSummary } from './input-summary.js';
import { exitWhenWritten } from './exit.js';
import { envInputReader } from './inputs.js';
import { maskedValues } from './redact.js';
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

/** The runner's log; each warning is also kept for the job summary, which a scheduled run is read by. */
function runnerLogger(warnings: RunWarnings): Logger {
  return {
    info,
    command: commandLine,
    warning: (message, options) => {
      warnings.add(message, options);
      issue('warning', message);
    },
    debug: (message) => issue('debug', message),
    group
  };
}

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

/** Runs an action's main; `action` names it in the summary of a run that stops on its inputs. */
export async function runAction(
  action: string,
  main: (ctx: ActionContext) => Promise<ActionResult>
): Promise<void> {
  // Kept to redact the summary and the outputs, which the runner masks only in part (see below), and
  // served to the action as ctx.redact, for what it cuts short before it quotes it.
  const { mask, redact, masked } = maskedValues(addMask);
  let writing = false;
  const warnings = new RunWarnings();
  const ctx: ActionContext = {
    read: envInputReader(process.env),
    log: runnerLogger(warnings),
    mask,
    redact,
    env: process.env,
    writing: () => {
      writing = true;
    }
  };
  try {
    const result = await main(ctx);
    // A cluster's or AWS's message in a check's detail may quote a credential back. The runner masks no
    // output, and masks the summary only in the forms its masker knows, not as Markdown escapes a table
    // cell. An output that is a secret on purpose (a kubeconfig) is left whole.
    const verbatim = new Set(result.verbatimOutputs ?? []);
    for (const [name, value] of Object.entries(result.outputs))
      setOutput(name, verbatim.has(name) ? value : redact(value));
    writeSummary(action, redact(warnings.appendTo(result.summary, true)));
    if (result.failure) fail(oneLine(result.failure));
  } catch (error) {
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
