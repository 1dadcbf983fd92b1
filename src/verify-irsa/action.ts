// Only the input parser is imported up front: the cluster client, the SDKs and jose load after
// every input has been accepted, so a bad input fails at once.
import type { ActionContext, ActionResult } from '../io/action.js';
import { onCancel } from '../io/cancel.js';
import { oneLine } from '../io/errors.js';
import { fail } from '../io/workflow-commands.js';
import { parseVerifyInputs } from './inputs.js';

export async function verifyIrsaAction(ctx: ActionContext): Promise<ActionResult> {
  // Every input is checked before the cluster or AWS is touched.
  const inputs = parseVerifyInputs(ctx.read, ctx.env);
  const { verifyDeps, verifyResult } = await import('./deps.js');
  const { deps, close, removeLeftovers, heldAccount } = await verifyDeps(inputs, ctx);
  // A cancelled job must not leave the verify pod or a service account it made behind.
  const stopListening = onCancel(async (signal) => {
    const notes = await removeLeftovers();
    fail(
      oneLine(
        `verify-irsa was cancelled (${signal}) before it finished${notes.map((n) => `; ${n}`).join('')}.`
      )
    );
    process.exit(1);
  });
  const { afterSecondRelease, run } = await import('./run.js');
  try {
    const outcome = await run(inputs, deps);
    // What a write whose answer was lost left behind, and what run() failed to give up.
    const held = heldAccount();
    const notes = await removeLeftovers();
    for (const note of notes) ctx.log.warning(`Cleanup: ${note}.`);
    const released = held !== undefined && heldAccount() === undefined;
    return verifyResult(inputs, released ? afterSecondRelease(outcome, `gave up ${held}`) : outcome);
  } finally {
    stopListening();
    close();
  }
}
