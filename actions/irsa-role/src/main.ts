import { runActionAndExit } from '../../../src/io/entry.js';
import { irsaRoleAction } from '../../../src/irsa-role/action.js';

await runActionAndExit('irsa-role', irsaRoleAction);
