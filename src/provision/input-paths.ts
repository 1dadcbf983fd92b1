import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../io/errors.js';

/**
 * The directories a path input may point into: the job's checkout (GITHUB_WORKSPACE) and the job's
 * own temporary directory (RUNNER_TEMP, emptied before and after each job), where workflows write
 * generated .tfvars and stand-in modules. Anything else on the runner (its home directory, /etc,
 * another job's leftovers on a self-hosted runner) is refused, as actions/checkout refuses a `path`
 * outside the workspace.
 */
function jobRoots(env: NodeJS.ProcessEnv): { name: string; path: string }[] {
  const roots = [{ name: 'the workspace', path: resolve(env.GITHUB_WORKSPACE || process.cwd()) }];
  if (env.RUNNER_TEMP) roots.push({ name: 'RUNNER_TEMP', path: resolve(env.RUNNER_TEMP) });
  return roots;
}

function isWithin(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A path input as an absolute path: relative ones are read from the workspace, whatever the step's directory. */
export function workspacePath(env: NodeJS.ProcessEnv, path: string): string {
  return isAbsolute(path) ? resolve(path) : resolve(env.GITHUB_WORKSPACE || process.cwd(), path);
}

/**
 * Refuses a path outside the workspace and RUNNER_TEMP. A path that exists is judged by where it
 * really is, so a symbolic link inside the workspace that points out of it is refused too (and a
 * workspace reached through a link is not); one that does not exist is judged as written.
 * `shown` is how the error names the path: a caller whose input may hold a credential passes
 * something else.
 */
export function confineToJob(env: NodeJS.ProcessEnv, path: string, input: string, shown: string): void {
  const roots = jobRoots(env);
  const exists = existsSync(path);
  const target = exists ? realOrSelf(path) : path;
  const inside = roots.some((root) => isWithin(target, exists ? realOrSelf(root.path) : root.path));
  if (inside) return;
  const where = roots.map((root) => `${root.name} (${root.path})`).join(' and ');
  const link = exists && target !== path ? ` (which resolves to ${target})` : '';
  throw new UserError(
    `${shown}${link} is outside ${where}: give a path inside ${roots.length > 1 ? 'them' : 'it'}.`,
    input
  );
}
