import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a credential where later steps can read it and nobody else can: RUNNER_TEMP/talos-irsa/
 * CLUSTER/NAME, the directory 0700 and the file 0600 (re-applied, as a file from an earlier run
 * keeps its old mode when overwritten).
 */
export async function writeCredentialFile(
  tempRoot: string,
  clusterName: string,
  name: string,
  content: string
): Promise<string> {
  const dir = join(tempRoot, 'talos-irsa', clusterName);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const path = join(dir, name);
  await writeFile(path, content, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}
