// Where provision's kubeconfig and talosconfig land: RUNNER_TEMP/talos-irsa/CLUSTER/NAME, the
// directories 0700 and the file 0600, and nowhere else. RUNNER_TEMP is shared by every step of the job,
// some of which may run code the workflow does not vouch for (a pull request's build, a package's
// install script): a link planted there earlier must not send the credential elsewhere (a directory a
// later step uploads as an artifact), and a file planted there readable by all must not hold it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCredentialFile } from '../src/provision/credential-files.js';

const SECRET = 'apiVersion: v1\nusers:\n- name: admin\n  user: {token: credential-file-secret-0123456789}\n';

let root: string;
let temp: string;
let elsewhere: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'talos-irsa-credential-files-'));
  temp = join(root, 'runner-temp');
  elsewhere = join(root, 'workspace-artifact');
  mkdirSync(temp);
  mkdirSync(elsewhere);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string): number => statSync(path).mode & 0o777;

/** Every file under `dir` that holds the secret. */
function holders(dir: string): string[] {
  const found: string[] = [];
  for (const name of existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : []) {
    const path = join(dir, name);
    if (lstatSync(path).isFile() && readFileSync(path, 'utf8').includes('credential-file-secret'))
      found.push(path);
  }
  return found;
}

describe('writeCredentialFile', () => {
  it('writes the file 0600 in a 0700 directory', async () => {
    const path = await writeCredentialFile(temp, 'prod', 'kubeconfig', SECRET);
    expect(path).toBe(join(temp, 'talos-irsa', 'prod', 'kubeconfig'));
    expect(readFileSync(path, 'utf8')).toBe(SECRET);
    expect(mode(path)).toBe(0o600);
    expect(mode(join(temp, 'talos-irsa', 'prod'))).toBe(0o700);
  });

  it('does not follow a link planted where the file goes', async () => {
    mkdirSync(join(temp, 'talos-irsa', 'prod'), { recursive: true });
    const target = join(elsewhere, 'kubeconfig');
    symlinkSync(target, join(temp, 'talos-irsa', 'prod', 'kubeconfig'));
    const path = await writeCredentialFile(temp, 'prod', 'kubeconfig', SECRET).catch(() => undefined);
    expect(holders(elsewhere)).toEqual([]);
    if (path !== undefined) {
      expect(lstatSync(path).isFile()).toBe(true);
      expect(mode(path)).toBe(0o600);
    }
  });

  it('does not follow a link planted for its directory', async () => {
    mkdirSync(join(temp, 'talos-irsa'));
    symlinkSync(elsewhere, join(temp, 'talos-irsa', 'prod'));
    await writeCredentialFile(temp, 'prod', 'kubeconfig', SECRET).catch(() => undefined);
    expect(holders(elsewhere)).toEqual([]);
  });

  it('does not follow a link planted for the talos-irsa directory', async () => {
    symlinkSync(elsewhere, join(temp, 'talos-irsa'));
    await writeCredentialFile(temp, 'prod', 'kubeconfig', SECRET).catch(() => undefined);
    expect(holders(elsewhere)).toEqual([]);
  });

  it('never writes the credential into a file readable by others that was there before', async () => {
    mkdirSync(join(temp, 'talos-irsa', 'prod'), { recursive: true });
    const planted = join(temp, 'talos-irsa', 'prod', 'kubeconfig');
    writeFileSync(planted, 'old', { mode: 0o644 });
    // A reader that opened the planted file before the run keeps reading that file, whatever its mode later.
    const held = openSync(planted, 'r');
    try {
      const path = await writeCredentialFile(temp, 'prod', 'kubeconfig', SECRET);
      expect(readFileSync(path, 'utf8')).toBe(SECRET);
      expect(mode(path)).toBe(0o600);
      const buffer = Buffer.alloc(4096);
      const read = readSync(held, buffer, 0, buffer.length, 0);
      expect(buffer.subarray(0, read).toString('utf8')).not.toContain('credential-file-secret');
    } finally {
      closeSync(held);
    }
  });
});
