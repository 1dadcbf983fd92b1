// Only the input parser is imported up front: the cluster client, the SDKs and jose load after
// every input has been accepted, so a bad input fails at once.
import type { ActionContext, ActionResult } from '../io/action.js';
import { onCancel } from '../io/cancel.js';
import { oneLine } from '../io/errors.js';
import type { Logger } from '../io/logger.js';
import { parseVerifyInputs } from './inputs.js';
import type { VerifyTuning } from './deps.js';
import type { VerifyOutcome } from './run.js';

/** `tuning` is for tests only: the entry (runActionAndExit) calls this with the context alone. */
export async function verifyIrsaAction(ctx: ActionContext, tuning: VerifyTuning = {}): Promise<ActionResult> {
  // Every input is checked before the cluster or AWS is touched.
  const inputs = parseVerifyInputs(ctx.read, ctx.env);
  const { verifyDeps, verifyResult } = await import('./deps.js');
  const { deps, close, removeLeftovers, heldAccount, notRemoved } = await verifyDeps(inputs, ctx, tuning);
  // A cancelled job must not leave the verify pod or a service account it made behind. What the removal
  // did and saw goes into the cancelled run's error line and summary, and the entry ends the run
  // (src/io/entry.ts): not held by what the cancelled run left in flight. A second signal ends the step
  // before the removal has finished: the summary says what it had done, and what is left to do by hand.
  const stopListening = onCancel(
    (_signal, progress) => removeLeftovers((clause) => progress.note(clause)),
    async () => notRemoved()
  );
  try {
    const { afterSecondRelease, run } = await import('./run.js');
    let outcome: VerifyOutcome;
    try {
      outcome = await run(inputs, deps);
    } catch (error) {
      // run() reports the cluster's and AWS's failures as checks, so what it throws is a fault of
      // its own (the log, a bug), which may come after its lease or pod was written: undone all the
      // same, and the fault stays what the step fails on.
      await cleanUpAfterFault(ctx.log, removeLeftovers);
      throw error;
    }
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

/** The closing cleanup of a run that threw: what it could not undo is warned of, never thrown. */
async function cleanUpAfterFault(log: Logger, removeLeftovers: () => Promise<string[]>): Promise<void> {
  try {
    for (const note of await removeLeftovers()) log.warning(`Cleanup: ${note}.`);
  } catch (error) {
    try {
      log.warning(`Cleanup: ${oneLine(error)}`);
    } catch {
      // The log is what failed: the run's own error is still the one to report.
    }
  }
}
