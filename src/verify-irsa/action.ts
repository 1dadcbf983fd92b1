import type { ActionContext, ActionResult } from '../io/action.js';
import { requiredInput } from '../io/inputs.js';

// Placeholder until issue 5 lands: validates the required input, then refuses to run.
export async function verifyIrsaAction(ctx: ActionContext): Promise<ActionResult> {
  requiredInput(ctx.read, 'role-arn');
  throw new Error('verify-irsa is not implemented yet.');
}
