// Issue 8 asks that heavy clients load only on the paths that need them. Timings are for the bench;
// this checks the property itself, by recording which chunks of each committed bundle a run loads
// (test/harness/record-loads.mjs): a failing run loads nothing but dist/index.js, a run without YAML
// inputs never loads `yaml`, and @kubernetes/client-node loads only for exec and auth-provider users.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot, runBundle, type BundleRun } from './harness/run-bundle.js';
import { buildChain, type Chain } from './fixtures/verify-irsa/chain.js';

type Action = 'publish-oidc' | 'irsa-role' | 'verify-irsa' | 'provision';
type Heavy = 'yaml' | 'client-node' | 'iam-sdk' | 'kube-client' | 'removal';

// A class each heavy module defines once, to find the chunk ncc put it in.
const MARKERS: Record<Heavy, string> = {
  yaml: 'class YAMLParseError',
  'client-node': 'class KubeConfig ',
  'iam-sdk': 'class IAMClient ',
  // The suite's own Kubernetes client (requests, retries): irsa-role uses it only to annotate.
  'kube-client': 'async function kubeRequest(',
  // publish-oidc's remove: true (src/publish-oidc/remove.ts), which only a removal run loads.
  removal: 'async function removeIssuer('
};

const hook = pathToFileURL(join(repoRoot, 'test', 'harness', 'record-loads.mjs')).href;
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'talos-irsa-lazy-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function distFiles(action: Action): string[] {
  return readdirSync(join(repoRoot, 'actions', action, 'dist')).filter((name) => name.endsWith('.js'));
}

/** The chunk file that holds a heavy module, found by its marker. */
function chunkOf(action: Action, heavy: Heavy): string {
  const found = distFiles(action).filter((name) =>
    readFileSync(join(repoRoot, 'actions', action, 'dist', name), 'utf8').includes(MARKERS[heavy])
  );
  expect(found).toHaveLength(1);
  return found[0] ?? '';
}

// The webpack module ids each dist file of an action defines: in ncc's output a line of three
// asterisks between slashes, a space and the id with a colon opens a module.
function moduleIdsByFile(action: Action): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const name of distFiles(action)) {
    const text = readFileSync(join(repoRoot, 'actions', action, 'dist', name), 'utf8');
    byFile.set(
      name,
      [...text.matchAll(/^\/\*{3}\/ (\d+):$/gm)].map((match) => match[1] ?? '')
    );
  }
  return byFile;
}

describe('each bundle', () => {
  // A module that a chunk holds and another dynamic import names again is bundled twice by ncc: both
  // copies load and compile on a run that needs both chunks (provision's terraform/cli.js was).
  it.each(['publish-oidc', 'irsa-role', 'verify-irsa', 'provision'] as const)(
    '%s holds each of its modules in one file only',
    (action) => {
      const files = new Map<string, string[]>();
      for (const [name, ids] of moduleIdsByFile(action))
        for (const id of ids) files.set(id, [...(files.get(id) ?? []), name]);
      const twice = [...files]
        .filter(([, names]) => names.length > 1)
        .map(([id, names]) => `${id} in ${names.join(', ')}`);
      expect(files.size).toBeGreaterThan(50);
      expect(twice).toEqual([]);
    }
  );
});

let runs = 0;
/** Runs the committed bundle and returns it with the dist/ files it loaded, by name. */
async function recorded(
  action: Action,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<{ run: BundleRun; loaded: string[] }> {
  const file = join(work, `loads-${(runs += 1)}`);
  writeFileSync(file, '');
  const run = await runBundle(action, inputs, {
    env: { ...env, NODE_OPTIONS: `--import ${hook}`, TALOS_IRSA_RECORD_LOADS: file }
  });
  const dist = join(repoRoot, 'actions', action, 'dist');
  const loaded = readFileSync(file, 'utf8')
    .split('\n')
    .filter((url) => url !== '')
    .map((url) => fileURLToPath(url))
    .filter((path) => path.startsWith(`${dist}/`))
    .map((path) => basename(path));
  return { run, loaded };
}

// AWS calls fail at once: these runs are about what loads before and around the first request.
const NO_AWS = {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
  AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1',
  AWS_MAX_ATTEMPTS: '1'
};

describe('a run that fails on a missing input', () => {
  it.each(['publish-oidc', 'irsa-role', 'verify-irsa', 'provision'] as const)(
    '%s loads dist/index.js and no chunk',
    async (action) => {
      const { run, loaded } = await recorded(action, {});
      expect(run.status).not.toBe(0);
      expect(run.errors).toHaveLength(1);
      expect(loaded).toEqual(['index.js']);
    }
  );
});

describe('yaml loads only for YAML inputs', () => {
  const single = {
    'provider-arn': 'arn:aws:iam::123456789012:oidc-provider/oidc.example.com/lazy',
    'role-name': 'lazy-app',
    namespace: 'apps',
    'service-account': 'app'
  };

  it('irsa-role with one binding reaches IAM without yaml or client-node', async () => {
    const { run, loaded } = await recorded('irsa-role', single, NO_AWS);
    expect(run.status).not.toBe(0);
    expect(loaded).toContain(chunkOf('irsa-role', 'iam-sdk'));
    expect(loaded).not.toContain(chunkOf('irsa-role', 'yaml'));
    expect(loaded).not.toContain(chunkOf('irsa-role', 'client-node'));
    // Out of the main chunk, which a failing run reads alone (ncc shares its chunk with run.js's).
    expect(chunkOf('irsa-role', 'kube-client')).not.toBe('index.js');
  });

  it('irsa-role with a bindings list loads yaml', async () => {
    const bindings = '- role-name: lazy-a\n  namespace: apps\n  service-account: a\n';
    const { loaded } = await recorded(
      'irsa-role',
      { 'provider-arn': single['provider-arn'], bindings },
      NO_AWS
    );
    expect(loaded).toContain(chunkOf('irsa-role', 'yaml'));
  });

  it('provision loads yaml only when variables are given', async () => {
    // A terraform that fails at once: provision's run ends at its first terraform command.
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'terraform'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(bin, 'terraform'), 0o755);
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
    const inputs = { 'cluster-name': 'lazy', 'comment-on-pr': 'false' };
    const plain = await recorded('provision', inputs, env);
    expect(plain.run.status).not.toBe(0);
    expect(plain.loaded.length).toBeGreaterThan(1);
    expect(plain.loaded).not.toContain(chunkOf('provision', 'yaml'));
    const withVariables = await recorded('provision', { ...inputs, variables: 'node_count: 1' }, env);
    expect(withVariables.loaded).toContain(chunkOf('provision', 'yaml'));
  });
});

describe("publish-oidc's removal loads only for remove: true", () => {
  const where = { bucket: 'lazy-removal', 'issuer-url': 'https://lazy-removal.s3.us-east-1.amazonaws.com' };

  it('a removal run loads it and the SDKs, and no Kubernetes client', async () => {
    const { run, loaded } = await recorded('publish-oidc', { ...where, remove: 'true' }, NO_AWS);
    expect(run.status).not.toBe(0);
    expect(chunkOf('publish-oidc', 'removal')).not.toBe('index.js');
    expect(loaded).toContain(chunkOf('publish-oidc', 'removal'));
    expect(loaded).toContain(chunkOf('publish-oidc', 'iam-sdk'));
    expect(loaded).not.toContain(chunkOf('publish-oidc', 'client-node'));
  });

  it('a publishing run does not load it', async () => {
    // A cluster that refuses at once: the run gets as far as its SDKs and its run, then fails.
    const path = join(work, 'unreachable-kubeconfig');
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: c',
        'contexts: [{name: c, context: {cluster: c, user: u}}]',
        "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]",
        'users: [{name: u, user: {token: lazy-token-0123456789}}]'
      ].join('\n'),
      { mode: 0o600 }
    );
    const { run, loaded } = await recorded('publish-oidc', { ...where, 'kubeconfig-path': path }, NO_AWS);
    expect(run.status).not.toBe(0);
    expect(loaded).toContain(chunkOf('publish-oidc', 'iam-sdk'));
    expect(loaded).not.toContain(chunkOf('publish-oidc', 'removal'));
  });
});

describe('@kubernetes/client-node loads only for users that authenticate through it (exec, auth-provider)', () => {
  let chain: Chain;
  beforeAll(async () => {
    chain = await buildChain();
  }, 60000);
  afterAll(async () => chain?.destroy());

  const kubeconfigFile = (): string => {
    const path = join(work, 'kubeconfig');
    writeFileSync(path, chain.double.kubeconfig(), { mode: 0o600 });
    return path;
  };
  const inputs = (mode: string) => ({
    'kubeconfig-path': kubeconfigFile(),
    'role-arn': chain.roleArn,
    namespace: chain.namespace,
    'service-account': chain.serviceAccount,
    'timeout-seconds': '45',
    mode
  });

  it('irsa-role annotates service accounts without it', async () => {
    const roleName = `lazy-annotated-${Date.now()}`;
    const { run, loaded } = await recorded('irsa-role', {
      'provider-arn': chain.providerArn ?? '',
      'role-name': roleName,
      namespace: chain.namespace,
      'service-account': 'lazy-annotated',
      'annotate-service-account': 'true',
      'kubeconfig-path': kubeconfigFile()
    });
    expect(run.errors).toEqual([]);
    const annotations = chain.double.serviceAccount(chain.namespace, 'lazy-annotated')?.metadata.annotations;
    expect(annotations?.['eks.amazonaws.com/role-arn']).toBe(run.outputs['role-arn']);
    expect(loaded).not.toContain(chunkOf('irsa-role', 'client-node'));
  }, 60000);

  it('a token-mode run verifies the chain without it', async () => {
    const { run, loaded } = await recorded('verify-irsa', inputs('token'));
    expect(run.errors).toEqual([]);
    expect(run.outputs.verified).toBe('true');
    expect(loaded).not.toContain(chunkOf('verify-irsa', 'client-node'));
  }, 60000);

  it('a pod-mode run watches its pod without it', async () => {
    const { run, loaded } = await recorded('verify-irsa', inputs('pod'));
    expect(run.errors).toEqual([]);
    expect(run.outputs.verified).toBe('true');
    expect(loaded).not.toContain(chunkOf('verify-irsa', 'client-node'));
  }, 90000);
});
