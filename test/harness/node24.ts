// Node 24, the runtime of `runs.using: node24`, for the tests that run bundles on it. Brought into
// .tools/ when missing (scripts/ensure-node24.mjs, as the README's setup does); a test file that imports
// this fails when it cannot be had, so its Node 24 cases never skip in silence.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './run-bundle.js';

const { ensureNode24 } = (await import(
  pathToFileURL(join(repoRoot, 'scripts', 'ensure-node24.mjs')).href
)) as {
  ensureNode24: () => string;
};

/** The path of the Node 24 binary. */
export const node24: string = ensureNode24();
if (!existsSync(node24)) throw new Error(`scripts/ensure-node24.mjs gave ${node24}, which does not exist`);
