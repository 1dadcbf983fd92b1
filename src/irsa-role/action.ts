import type { ActionContext, ActionResult } from '../io/action.js';
import { oneOf } from '../io/inputs.js';

// Placeholder until issue 4 lands: validates the required input, then refuses to run.
export async function irsaRoleAction(ctx: ActionContext): Promise<ActionResult> {
  oneOf(ctx.read, 'provider-arn', 'issuer-url', true);
  throw new Error('irsa-role is not implemented yet.');
}
