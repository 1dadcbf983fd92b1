// Only the input parser is imported up front: the cluster client, the SDKs and jose load after
// every input has been accepted, so a bad input fails at once.
import type { ActionContext, ActionResult } from '../io/action.js';
import { parseVerifyInputs } from './inputs.js';

export async function verifyIrsaAction(ctx: ActionContext): Promise<ActionResult> {
  // Every input is checked before the cluster or AWS is touched.
  const inputs = parseVerifyInputs(ctx.read, ctx.env);
  const { verifyDeps, verifyResult } = await import('./deps.js');
  const { deps, close } = await verifyDeps(inputs, ctx);
  const { run } = await import('./run.js');
  try {
    return verifyResult(inputs, await run(inputs, deps));
  } finally {
    close();
  }
}
