// The one place that talks to the runner.
import type { ActionContext, ActionResult } from './action.js';
import { failureText, isUserError, oneLine } from './errors.js';
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

export async function runAction(main: (ctx: ActionContext) => Promise<ActionResult>): Promise<void> {
  const ctx: ActionContext = {
    read: envInputReader(process.env),
    log: runnerLogger,
    mask: addMask,
    env: process.env
  };
  try {
    const result = await main(ctx);
    for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
    appendSummary(result.summary);
    if (result.failure) fail(oneLine(result.failure));
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) issue('debug', error.stack);
    fail(isUserError(error) ? oneLine(error) : failureText(error));
  }
}
