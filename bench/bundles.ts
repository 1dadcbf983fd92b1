// Which bundles the bench runs and how big they are. By default it runs the bundles committed at
// HEAD, extracted to the bench's own directory: other engineers rebuild dist/ in this checkout
// while they work, and a figure must belong to a commit someone can check out again.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ACTIONS = ['publish-oidc', 'irsa-role', 'verify-irsa', 'provision'] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface BundleSet {
  /** Directory holding actions/<name>/dist/. */
  root: string;
  /** What the figures belong to: a commit id, or "working tree". */
  source: string;
  entry(action: ActionName): string;
}

function bundleSetAt(root: string, source: string): BundleSet {
  return { root, source, entry: (action) => join(root, 'actions', action, 'dist', 'index.js') };
}

export function workingTreeBundles(repoRoot: string): BundleSet {
  return bundleSetAt(repoRoot, 'working tree');
}

export function committedBundles(repoRoot: string, into: string): BundleSet {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', 'HEAD');
  mkdirSync(into, { recursive: true });
  const tar = join(into, 'bundles.tar');
  // action.yml and terraform/ come along because provision finds its bundled root module by walking
  // up from dist/ to the checkout holding both, as it does under the runner's _actions/ directory.
  const paths = ACTIONS.flatMap((a) => [`actions/${a}/dist`, `actions/${a}/action.yml`]);
  git('archive', '--format=tar', '-o', tar, commit, '--', ...paths, 'terraform');
  execFileSync('tar', ['-xf', tar, '-C', into]);
  return bundleSetAt(into, commit.slice(0, 12));
}

export interface BundleSize {
  action: ActionName;
  /** dist/index.js, what node loads at start. */
  entryBytes: number;
  /** Every .js file in dist/, including the chunks ncc splits out for dynamic imports. */
  totalBytes: number;
  chunks: number;
}

export function bundleSize(set: BundleSet, action: ActionName): BundleSize | undefined {
  const entry = set.entry(action);
  if (!existsSync(entry)) return undefined;
  const dist = join(entry, '..');
  const scripts = readdirSync(dist).filter((file) => file.endsWith('.js'));
  return {
    action,
    entryBytes: statSync(entry).size,
    totalBytes: scripts.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0),
    chunks: scripts.length - 1
  };
}
