import { runAction } from '../../../src/io/entry.js';
import { irsaRoleAction } from '../../../src/irsa-role/action.js';

await runAction('irsa-role', irsaRoleAction);
