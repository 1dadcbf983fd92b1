import { runAction } from '../../../src/io/entry.js';
import { publishOidcAction } from '../../../src/publish-oidc/action.js';

await runAction('publish-oidc', publishOidcAction);
