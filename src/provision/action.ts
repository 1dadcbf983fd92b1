import type { ActionContext, ActionResult } from '../io/action.js';
import { requiredInput } from '../io/inputs.js';

// Placeholder until issue 6 lands: validates the required input, then refuses to run.
export async function provisionAction(ctx: ActionContext): Promise<ActionResult> {
  requiredInput(ctx.read, 'cluster-name');
  throw new Error('provision is not implemented yet.');
}
