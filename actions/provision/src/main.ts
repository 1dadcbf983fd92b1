import { runAction } from '../../../src/io/entry.js';
import { provisionAction } from '../../../src/provision/action.js';

await runAction('provision', provisionAction);
