import { runActionAndExit } from '../../../src/io/entry.js';
import { provisionAction } from '../../../src/provision/action.js';

await runActionAndExit('provision', provisionAction);
