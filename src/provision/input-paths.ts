import { readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../io/errors.js';
import { workspaceRoot } from '../io/workspace.js';

/**
 * The directories a path input may point into: the job's checkout (GITHUB_WORKSPACE) and the job's
 * own temporary directory (RUNNER_TEMP, emptied before and after each job), where workflows write
 * generated .tfvars and stand-in modules. Anything else on the runner (its home directory, /etc,
 * another job's leftovers on a self-hosted runner) is refused, as actions/checkout refuses a `path`
 * outside the workspace.
 */
function jobRoots(env: NodeJS.ProcessEnv): { name: string; path: string }[] {
  const roots = [{ name: 'the workspace', path: workspaceRoot(env) }];
  if (env.RUNNER_TEMP) roots.push({ name: 'RUNNER_TEMP', path: resolve(env.RUNNER_TEMP) });
  return roots;
}

function isWithin(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * Where a path really is. One that does not exist yet (a state file terraform will write) is judged
 * by where its parent really is, and a link to nothing by where it points, so that neither a link
 * to a directory elsewhere nor a dangling link can carry a written file out of the workspace.
 */
function realPath(path: string, hops = 0): string {
  try {
    return realpathSync(path);
  } catch {
    // Missing, or a link to something missing.
  }
  if (hops < 40) {
    try {
      return realPath(resolve(dirname(path), readlinkSync(path)), hops + 1);
    } catch {
      // Not a link.
    }
  }
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent, hops), basename(path));
}

/** A path input as an absolute path: relative ones are read from the workspace, whatever the step's directory. */
export function workspacePath(env: NodeJS.ProcessEnv, path: string): string {
  return isAbsolute(path) ? resolve(path) : resolve(workspaceRoot(env), path);
}

/**
 * Refuses a path outside the workspace and RUNNER_TEMP. A path is judged by where it really is, so
 * a symbolic link inside the workspace that points out of it is refused too (and a workspace
 * reached through a link is not). `shown` is how the error names the path: a caller whose input
 * may hold a credential passes something else.
 */
export function confineToJob(env: NodeJS.ProcessEnv, path: string, input: string, shown: string): void {
  const roots = jobRoots(env);
  const target = realPath(path);
  const inside = roots.some((root) => isWithin(target, realPath(root.path)));
  if (inside) return;
  const where = roots.map((root) => `${root.name} (${root.path})`).join(' and ');
  const link = target !== path ? ` (which resolves to ${target})` : '';
  throw new UserError(
    `${shown}${link} is outside ${where}: give a path inside ${roots.length > 1 ? 'them' : 'it'}.`,
    input
  );
}
