// The one place that talks to the runner.
import type { ActionContext, ActionResult } from './action.js';
import { failureText, isUserError, oneLine } from './errors.js';
import { inputFailureSummary } from './input-summary.js';
import { envInputReader } from './inputs.js';
import type { Logger } from './logger.js';
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

const runnerLogger: Logger = {
  info,
  command: commandLine,
  warning: (message) => issue('warning', message),
  debug: (message) => issue('debug', message),
  group
};

/** Runs an action's main; `action` names it in the summary of a run that stops on its inputs. */
export async function runAction(
  action: string,
  main: (ctx: ActionContext) => Promise<ActionResult>
): Promise<void> {
  // Kept to redact the summary, which is a file and not the log the runner masks.
  const masked: string[] = [];
  let writing = false;
  const ctx: ActionContext = {
    read: envInputReader(process.env),
    log: runnerLogger,
    mask: (secret) => {
      masked.push(secret);
      addMask(secret);
    },
    env: process.env,
    writing: () => {
      writing = true;
    }
  };
  try {
    const result = await main(ctx);
    for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
    appendSummary(result.summary);
    if (result.failure) fail(oneLine(result.failure));
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) issue('debug', error.stack);
    fail(isUserError(error) ? oneLine(error) : failureText(error));
    // After the first write a UserError may leave changes behind, which this summary would deny.
    if (isUserError(error) && !writing)
      summarizeInputFailure(action, inputFailureSummary(action, error, masked));
  }
}

/** Written after the error line: a summary file that cannot be written changes neither it nor the exit status. */
function summarizeInputFailure(action: string, markdown: string): void {
  try {
    appendSummary(markdown);
  } catch (error) {
    issue('debug', `${action}: the job summary was not written: ${oneLine(error)}`);
  }
}
