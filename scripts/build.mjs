// Bundles each action's entry with ncc into actions/<name>/dist (ESM, with its package.json).
// `node scripts/build.mjs --out DIR` writes DIR/<name>/ instead, so a test can diff against dist/.
import { execFileSync } from 'node:child_process';
import { rmSync, existsSync, readdirSync, renameSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outRoot = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : undefined;
const only = process.argv.filter(
  (arg, i) => i > 1 && !arg.startsWith('--') && process.argv[i - 1] !== '--out'
);
const actions = readdirSync(join(root, 'actions')).filter(
  (name) =>
    existsSync(join(root, 'actions', name, 'src', 'main.ts')) && (only.length === 0 || only.includes(name))
);

for (const name of actions) {
  const out = outRoot ? join(outRoot, name) : join(root, 'actions', name, 'dist');
  // Build beside the target and swap on success: a failed build leaves the last good dist/ in place.
  const staging = `${out}.building`;
  rmSync(staging, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
      'build',
      join('actions', name, 'src', 'main.ts'),
      '-o',
      staging,
      '--target',
      'es2022',
      '--license',
      'licenses.txt',
      '--quiet'
    ],
    { cwd: root, stdio: 'inherit' }
  );
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
  console.log(`built actions/${name} -> ${out}`);
}
