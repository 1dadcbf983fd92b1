// The one place that talks to the runner through @actions/core.
import * as core from '@actions/core';
import type { ActionContext, ActionResult } from './action.js';
import { isUserError, oneLine } from './errors.js';
import { envInputReader } from './inputs.js';
import type { Logger } from './logger.js';

const coreLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (name, body) => core.group(name, body)
};

export async function runAction(main: (ctx: ActionContext) => Promise<ActionResult>): Promise<void> {
  const ctx: ActionContext = {
    read: envInputReader(process.env),
    log: coreLogger,
    mask: (secret) => core.setSecret(secret),
    env: process.env
  };
  try {
    const result = await main(ctx);
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary, true).write();
    if (result.failure) core.setFailed(oneLine(result.failure));
  } catch (error) {
    if (!isUserError(error) && error instanceof Error && error.stack) core.debug(error.stack);
    core.setFailed(oneLine(error));
  }
}
