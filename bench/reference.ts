// Reference programs: not actions, but the least any bundle must do to reach the same moment (a
// failed input check, a first request). Timed beside the bundles, they show how much of a bundle's
// start-up is its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ReferenceProgram {
  /** Shown in the figure column. */
  name: string;
  entry: string;
  env: Record<string, string>;
  /** What is timed: spawn to a non-zero exit with one ::error::, or spawn to the first connection. */
  moment: 'exit' | 'first-request';
}

/** Bundles bench/reference/NAME.ts with ncc, as scripts/build.mjs bundles an action. */
export function buildReference(repoRoot: string, name: string, outDir: string): string {
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
      'build',
      join('bench', 'reference', `${name}.ts`),
      '-o',
      outDir,
      '--target',
      'es2022',
      '--quiet'
    ],
    { cwd: repoRoot, stdio: 'inherit' }
  );
  const entry = join(outDir, 'index.js');
  if (!existsSync(entry)) throw new Error(`ncc wrote no ${entry}`);
  return entry;
}

export function httpsReference(repoRoot: string): string {
  return join(repoRoot, 'bench', 'reference', 'https-first-request.mjs');
}
