import { runActionAndExit } from '../../../src/io/entry.js';
import { publishOidcAction } from '../../../src/publish-oidc/action.js';

await runActionAndExit('publish-oidc', publishOidcAction);
