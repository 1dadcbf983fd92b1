// A reference, not an action: the smallest bundle that behaves as an action on a missing input. It
// runs the suite's own entry (src/io/entry.ts) with one required input and nothing else, so its
// time to exit 1 is the floor under any action's "missing input" figure: Node's ESM start, ncc's
// runtime and the workflow-command writer.
import { runActionAndExit } from '../../src/io/entry.js';
import { requiredInput } from '../../src/io/inputs.js';

await runActionAndExit('missing-input', async (ctx) => {
  requiredInput(ctx.read, 'bucket');
  return { outputs: {}, summary: '' };
});
