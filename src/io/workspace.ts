import { resolve } from 'node:path';

/**
 * The job's checkout (GITHUB_WORKSPACE), which every relative path input is read from; outside a
 * runner, the process's directory.
 */
export function workspaceRoot(env: NodeJS.ProcessEnv): string {
  return resolve(env.GITHUB_WORKSPACE || process.cwd());
}
