import type { ActionContext, ActionResult } from '../io/action.js';
import { requiredInput } from '../io/inputs.js';

// Placeholder until issue 3 lands: validates the required input, then refuses to run.
export async function publishOidcAction(ctx: ActionContext): Promise<ActionResult> {
  requiredInput(ctx.read, 'bucket');
  throw new Error('publish-oidc is not implemented yet.');
}
