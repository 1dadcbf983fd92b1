import { chmod, lstat, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `dir` as a directory of its own, 0700. RUNNER_TEMP is shared by every step of the job: a link (or a
 * file) an earlier step put there is removed, not followed, so that the credential cannot be sent into
 * a directory another step uploads or serves.
 */
async function ownDirectory(dir: string): Promise<void> {
  const found = await lstat(dir).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  });
  if (found && !found.isDirectory()) await rm(dir, { force: true });
  if (!found?.isDirectory()) await mkdir(dir, { mode: 0o700 });
  await chmod(dir, 0o700);
}

/**
 * Writes a credential where later steps can read it and nobody else can: RUNNER_TEMP/talos-irsa/
 * CLUSTER/NAME, the directories 0700 and the file 0600. The file is made anew (an earlier run's is
 * removed first): writing into one that is there would keep its mode while the credential goes in, and
 * write through a link to wherever it points. O_EXCL ('wx') refuses a link or file made in between.
 */
export async function writeCredentialFile(
  tempRoot: string,
  clusterName: string,
  name: string,
  content: string
): Promise<string> {
  const base = join(tempRoot, 'talos-irsa');
  const dir = join(base, clusterName);
  await ownDirectory(base);
  await ownDirectory(dir);
  const path = join(dir, name);
  await rm(path, { force: true });
  const file = await open(path, 'wx', 0o600);
  try {
    await file.writeFile(content);
  } finally {
    await file.close();
  }
  return path;
}
