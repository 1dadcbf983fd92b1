import { runAction } from '../../../src/io/entry.js';
import { verifyIrsaAction } from '../../../src/verify-irsa/action.js';

await runAction('verify-irsa', verifyIrsaAction);
