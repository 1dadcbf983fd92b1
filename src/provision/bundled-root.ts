import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The suite's own terraform/ root, found by walking up from this code to the checkout that holds
 * actions/provision/action.yml. The walk works from the bundle (actions/provision/dist/index.js,
 * three levels down) and from the sources alike, and in a workflow of another repository, where the
 * runner checks the whole suite out under _actions/OWNER/REPO/REF.
 */
export function bundledTerraformRoot(moduleUrl: string): string | undefined {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let level = 0; level < 6; level += 1) {
    if (existsSync(join(dir, 'actions', 'provision', 'action.yml')) && existsSync(join(dir, 'terraform')))
      return join(dir, 'terraform');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
