// Regenerates the README's action-docs region (between <!-- action-docs:start --> and
// <!-- action-docs:end -->) from actions/*/action.yml and docs/iam/*.json. Only that region is
// written; the rest of README.md belongs to whoever wrote it. A README that does not exist yet is
// created with a title and the region.
//
//   npx tsx scripts/gen-readme-tables.ts           rewrite the region
//   npx tsx scripts/gen-readme-tables.ts --check   exit 1 when the region is out of step
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDocs, currentActionDocs, withActionDocs } from './action-docs.js';
import { loadActionInterfaces } from './check-workflows.js';

/** Each action's policy text, as written (so the README shows it as reviewed); it must parse. */
export function loadPolicies(root: string, names: Iterable<string>): Map<string, string> {
  const policies = new Map<string, string>();
  for (const name of names) {
    const file = join(root, 'docs', 'iam', `${name}.json`);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    JSON.parse(text);
    policies.set(name, text);
  }
  return policies;
}

/** The region as the current action.yml files and policies say it should read. */
export function expectedActionDocs(root: string): string {
  const interfaces = loadActionInterfaces(root);
  return actionDocs(interfaces, loadPolicies(root, interfaces.keys()));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const readmePath = join(root, 'README.md');
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '# talos-irsa\n';
  const expected = expectedActionDocs(root);
  if (process.argv.includes('--check')) {
    if (currentActionDocs(readme) !== expected) {
      console.error('README.md action-docs region is out of step: run npx tsx scripts/gen-readme-tables.ts');
      process.exit(1);
    }
    console.log('README.md action-docs region is up to date');
  } else {
    writeFileSync(readmePath, withActionDocs(readme, expected));
    console.log('README.md action-docs region regenerated');
  }
}
