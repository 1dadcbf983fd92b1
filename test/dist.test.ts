// The committed bundles are what users run: they must equal a fresh build and start cleanly on
// Node 20 (this machine) and Node 24 (the runner's `node24`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const root = process.cwd();
const actions = readdirSync(join(root, 'actions')).sort();
const requiredInput: Record<string, string> = {
  provision: 'cluster-name',
  'publish-oidc': 'bucket',
  'irsa-role': 'provider-arn',
  'verify-irsa': 'role-arn'
};

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('INPUT_') && !key.startsWith('GITHUB_') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return env;
}

describe('action bundles', () => {
  let freshBuild = '';
  let node24 = '';

  beforeAll(async () => {
    freshBuild = mkdtempSync(join(tmpdir(), 'talos-irsa-dist-'));
    // One build per action (build.mjs takes action names), a CPU's worth at a time rather than the
    // four one after another: each is a separate ncc run into its own DIR/<name>, with a webpack cache
    // named after its entry, so the output is the same as one build.mjs run's.
    const pending = [...actions];
    const builder = async (): Promise<void> => {
      for (let name = pending.shift(); name !== undefined; name = pending.shift())
        await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--out', freshBuild, name], {
          cwd: root,
          maxBuffer: 16 * 1024 * 1024
        });
    };
    await Promise.all(Array.from({ length: Math.min(actions.length, availableParallelism()) }, builder));
    const { ensureNode24 } = (await import(join(root, 'scripts', 'ensure-node24.mjs'))) as {
      ensureNode24: () => string;
    };
    node24 = ensureNode24();
    // Was 180 s, never enforced: the builds ran synchronously, so the timer could not fire before
    // they ended (a busy machine took 270 s). Now that they run asynchronously it is enforced, and a
    // CI run on 2 CPUs shared with other work took 470 s of the 600 s it had: 1200 s.
  }, 1_200_000);

  // Not a function returned from beforeAll: Jest, unlike Vitest, never calls one.
  afterAll(() => {
    if (freshBuild) rmSync(freshBuild, { recursive: true, force: true });
  });

  it('covers the four actions', () => {
    expect(actions).toEqual(['irsa-role', 'provision', 'publish-oidc', 'verify-irsa']);
  });

  it.each(actions)('%s: action.yml runs dist/index.js on node24', (name) => {
    const meta = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      description: string;
      branding: object;
    };
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(meta.description.length).toBeGreaterThan(20);
    expect(meta.branding).toBeDefined();
  });

  it.each(actions)('%s: committed dist/ equals a fresh build', (name) => {
    const committed = join(root, 'actions', name, 'dist');
    const fresh = join(freshBuild, name);
    const files = readdirSync(fresh).sort();
    expect(readdirSync(committed).sort()).toEqual(files);
    expect(JSON.parse(readFileSync(join(committed, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
    for (const file of files) {
      const same = readFileSync(join(committed, file)).equals(readFileSync(join(fresh, file)));
      if (!same)
        throw new Error(`actions/${name}/dist/${file} differs from a fresh build: run npm run build`);
    }
  });

  it.each(actions.flatMap((name) => [[name, 'node20'] as const, [name, 'node24'] as const]))(
    '%s fails clearly without inputs on %s',
    (name, runtime) => {
      const binary = runtime === 'node20' ? process.execPath : node24;
      const result = spawnSync(binary, [join(root, 'actions', name, 'dist', 'index.js')], {
        env: cleanEnv(),
        encoding: 'utf8',
        timeout: 30000
      });
      expect(result.status).toBe(1);
      const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
      expect(errors).toEqual([expect.stringContaining(`Input '${requiredInput[name]}'`)]);
      expect(result.stderr).not.toMatch(/Error \[|SyntaxError|Cannot find/);
    }
  );
});
