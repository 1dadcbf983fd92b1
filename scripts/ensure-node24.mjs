// Brings a Node 24 binary (the runtime of `runs.using: node24`) from the npm package `node@24` into
// .tools/node24, kept out of node_modules so that it never shadows the machine's Node 20 in npm scripts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const prefix = join(root, '.tools', 'node24');
export const node24Path = join(prefix, 'node_modules', 'node', 'bin', 'node');

export function ensureNode24() {
  if (!existsSync(node24Path)) {
    execFileSync(
      'npm',
      ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, 'node@24'],
      {
        stdio: ['ignore', 'ignore', 'inherit']
      }
    );
  }
  return node24Path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureNode24());
