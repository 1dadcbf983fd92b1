import { runActionAndExit } from '../../../src/io/entry.js';
import { verifyIrsaAction } from '../../../src/verify-irsa/action.js';

await runActionAndExit('verify-irsa', verifyIrsaAction);
