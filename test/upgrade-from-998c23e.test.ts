// Users pin @v1 and move to a new build with the same inputs. Here the previous release's bundles
// (commit 998c23e, extracted from git) run first, then this checkout's, against one local stack: the
// new run must write nothing to AWS (or to the cluster) unless it says so, keep its outputs' names and
// meaning, and a third run must be a no-op. And the other way round: a removal by the new build, then
// the old build's resync.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetOpenIDConnectProviderCommand, IAMClient } from '@aws-sdk/client-iam';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsStack, type AwsStack } from './stack/aws-stack.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { podEnvFromStack } from './stack/kube-stack.js';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import { repoRoot, runBundle, type BundleRun } from './harness/run-bundle.js';
import { WriteKill, writesSince } from './harness/kill-after-write.js';
import { anonymousGet } from '../src/net/anonymous-get.js';

/** The last build before this release's changes. */
const PREVIOUS = '998c23e';
const BUCKET = 'upgrade-issuer';

let work: string;
let oldRoot: string;
let stack: AwsStack;
let double: KubeDouble;
let observer: FaultProxy;
const kill = new WriteKill();
let kubeconfigPath: string;
let s3: S3Client;
let iam: IAMClient;

/** The previous release's actions/ (bundles and action.yml) under `into`. */
function extractPrevious(into: string): void {
  let archive: Buffer;
  try {
    archive = execFileSync('git', ['archive', '--format=tar', PREVIOUS, 'actions'], {
      cwd: repoRoot,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe']
    });
  } catch {
    throw new Error(
      `commit ${PREVIOUS} is not in this clone (a shallow checkout?): fetch it (git fetch --unshallow) to run the upgrade test`
    );
  }
  execFileSync('tar', ['-x', '-C', into], { input: archive });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'talos-irsa-upgrade-'));
  oldRoot = join(work, 'old');
  mkdirSync(oldRoot);
  extractPrevious(oldRoot);
  stack = await startAwsStack({ dir: join(work, 'stack') });
  double = await startKubeDouble({
    ca: stack.ca,
    issuer: `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${BUCKET}`,
    podEnv: podEnvFromStack(stack.env)
  });
  kubeconfigPath = double.writeKubeconfig(join(work, 'kubeconfig'));
  // Rate 0: it only records the requests, to count each run's writes.
  observer = await startFaultProxy({ target: stack.env.AWS_ENDPOINT_URL as string, rate: 0, ...kill.hooks });
  const common = {
    region: stack.env.AWS_REGION,
    endpoint: stack.env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  };
  s3 = new S3Client({ ...common, forcePathStyle: true });
  iam = new IAMClient(common);
}, 120000);

afterAll(async () => {
  s3?.destroy();
  iam?.destroy();
  await observer?.stop();
  await double?.stop();
  await stack?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Run extends BundleRun {
  /** The AWS writes it sent, by call name. */
  writes: string[];
  /** The cluster writes it sent, as 'METHOD path'. */
  kubeWrites: string[];
}

async function run(
  build: 'old' | 'new',
  action: string,
  inputs: Record<string, string>,
  signal?: AbortSignal
): Promise<Run> {
  const mark = observer.seen.length;
  const kubeMark = double.requests().length;
  const result = await runBundle(action, inputs, {
    env: { ...stack.env, AWS_ENDPOINT_URL: observer.url },
    root: build === 'old' ? oldRoot : repoRoot,
    timeoutMs: 60000,
    ...(signal ? { signal } : {})
  });
  const kubeWrites = double
    .requests()
    .slice(kubeMark)
    .filter((request) => request.method !== 'GET')
    .map((request) => `${request.method} ${request.path}`);
  return { ...result, writes: writesSince(observer, mark), kubeWrites };
}

const warnings = (result: BundleRun): string[] =>
  result.stdout
    .split('\n')
    .filter((line) => line.startsWith('::warning'))
    .map((line) => line.replace(/^::warning[^:]*::/, ''));

/** Each object's key, ETag, LastModified and metadata: a rewrite of the same bytes still shows. */
async function objects(bucket: string): Promise<string[]> {
  const listed = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? [];
  const seen: string[] = [];
  for (const object of listed) {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: object.Key }));
    seen.push(
      `${object.Key} ${object.ETag} ${head.LastModified?.toISOString()} ${JSON.stringify(head.Metadata)}`
    );
  }
  return seen.sort();
}

const publishInputs = (bucket: string): Record<string, string> => ({
  'kubeconfig-path': kubeconfigPath,
  bucket,
  'issuer-url': `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${bucket}`,
  'manage-bucket': 'true'
});

let providerArn = '';
let roleArn = '';

it('publish-oidc: the previous release published, this build writes nothing and keeps its outputs; a third run is a no-op', async () => {
  const inputs = publishInputs(BUCKET);
  const old = await run('old', 'publish-oidc', inputs);
  expect(old.errors).toEqual([]);
  expect(old.status).toBe(0);
  expect(old.outputs.changed).toBe('true');
  providerArn = old.outputs['provider-arn'] ?? '';
  const before = await objects(BUCKET);
  const providerBefore = await iam.send(
    new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })
  );

  const upgraded = await run('new', 'publish-oidc', inputs);
  expect(upgraded.errors).toEqual([]);
  expect(upgraded.status).toBe(0);
  expect(upgraded.writes).toEqual([]);
  expect(warnings(upgraded)).toEqual([]);
  expect(Object.keys(upgraded.outputs).sort()).toEqual(Object.keys(old.outputs).sort());
  expect({ ...upgraded.outputs, changed: 'true', 'keys-changed': 'true' }).toEqual({
    ...old.outputs,
    changed: 'true',
    'keys-changed': 'true'
  });
  expect(upgraded.outputs.changed).toBe('false');
  expect(upgraded.outputs['keys-changed']).toBe('false');
  expect(await objects(BUCKET)).toEqual(before);
  const providerAfter = await iam.send(
    new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })
  );
  expect(providerAfter.Tags).toEqual(providerBefore.Tags);
  expect(providerAfter.ThumbprintList).toEqual(providerBefore.ThumbprintList);

  const third = await run('new', 'publish-oidc', inputs);
  expect(third.status).toBe(0);
  expect(third.writes).toEqual([]);
  expect(third.outputs).toEqual(upgraded.outputs);
  expect(await objects(BUCKET)).toEqual(before);
}, 60000);

it('irsa-role: the previous release made the role, this build writes nothing and keeps its outputs; a third run is a no-op', async () => {
  const inputs = {
    'provider-arn': providerArn,
    'role-name': 'upgrade-app-reader',
    namespace: 'default',
    'service-account': 'app',
    'policy-arns': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    tags: 'team=platform',
    'annotate-service-account': 'true',
    'kubeconfig-path': kubeconfigPath
  };
  const old = await run('old', 'irsa-role', inputs);
  expect(old.errors).toEqual([]);
  expect(old.status).toBe(0);
  expect(old.outputs.changed).toBe('true');
  roleArn = old.outputs['role-arn'] ?? '';

  const upgraded = await run('new', 'irsa-role', inputs);
  expect(upgraded.errors).toEqual([]);
  expect(upgraded.status).toBe(0);
  expect(upgraded.writes).toEqual([]);
  expect(upgraded.kubeWrites).toEqual([]);
  expect(warnings(upgraded)).toEqual([]);
  expect({ ...upgraded.outputs, changed: 'true' }).toEqual(old.outputs);
  expect(upgraded.outputs.changed).toBe('false');

  const third = await run('new', 'irsa-role', inputs);
  expect(third.status).toBe(0);
  expect(third.writes).toEqual([]);
  expect(third.kubeWrites).toEqual([]);
  expect(third.outputs).toEqual(upgraded.outputs);
}, 60000);

it('verify-irsa: the previous release and this build verify the same chain, with the same outputs, writing nothing to AWS', async () => {
  const inputs = {
    'kubeconfig-path': kubeconfigPath,
    'role-arn': roleArn,
    namespace: 'default',
    'service-account': 'app',
    mode: 'both',
    'timeout-seconds': '60'
  };
  // The session names, the pod's name and the token's expiry are the run's own.
  const ownName = (text: string): string => text.replace(/irsa-verify-[0-9a-f]+/g, 'irsa-verify-RUN');
  const session = (outputs: Record<string, string>): Record<string, string> => ({
    ...outputs,
    'assumed-role-arn': (outputs['assumed-role-arn'] ?? '').replace(/\/[^/]+$/, '/SESSION'),
    diagnosis: (outputs.diagnosis ?? '')
      .replace(/valid until [0-9T:-]+Z/, 'valid until EXPIRY')
      .replace(/upgrade-app-reader\/talos-irsa-verify-[0-9]+/, 'upgrade-app-reader/SESSION')
      .replace(/irsa-verify-[0-9a-f]+/g, 'irsa-verify-RUN')
  });
  const runs: Run[] = [];
  for (const build of ['old', 'new', 'new'] as const) runs.push(await run(build, 'verify-irsa', inputs));
  const [old, upgraded, third] = runs as [Run, Run, Run];
  expect(old.errors).toEqual([]);
  expect(old.outputs.verified).toBe('true');
  for (const result of [upgraded, third]) {
    expect(result.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.writes).toEqual([]);
    expect(warnings(result)).toEqual([]);
    expect(session(result.outputs)).toEqual(session(old.outputs));
  }
  // The same cluster writes: its service account lease, its pod, their removal.
  expect(upgraded.kubeWrites.map(ownName)).toEqual(old.kubeWrites.map(ownName));
}, 60000);

it('the previous release published, this build removes it, and the previous release publishes again', async () => {
  const bucket = 'upgrade-removed';
  const base = stack.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
  const issuer = `${base}/${bucket}`;
  double.setIssuer(issuer);
  const inputs = publishInputs(bucket);
  const old = await run('old', 'publish-oidc', inputs);
  expect(old.status).toBe(0);

  const removal = { remove: 'true', bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
  const removed = await run('new', 'publish-oidc', removal);
  expect(removed.errors).toEqual([]);
  expect(removed.status).toBe(0);
  expect(removed.outputs.changed).toBe('true');
  // The bucket policy held only this issuer's statement; the previous release tagged the provider it made.
  expect(removed.writes).toEqual([
    's3:DELETE object',
    's3:DELETE object',
    's3:DELETE bucket?policy',
    'iam:DeleteOpenIDConnectProvider'
  ]);
  expect(await objects(bucket)).toEqual([]);
  expect(warnings(removed)).toEqual([]);
  expect(removed.summary).toContain(old.outputs['provider-arn'] ?? '?');

  const resync = await run('old', 'publish-oidc', inputs);
  expect(resync.errors).toEqual([]);
  expect(resync.status).toBe(0);
  expect(resync.outputs.changed).toBe('true');
  expect(resync.outputs['provider-arn']).toBe(old.outputs['provider-arn']);
  const ca = [readFileSync(stack.env.TALOS_IRSA_TEST_CA ?? '', 'utf8')];
  expect((await anonymousGet(`${issuer}/.well-known/openid-configuration`, { ca })).status).toBe(200);
  expect((await anonymousGet(`${issuer}/openid/v1/jwks`, { ca })).status).toBe(200);

  // And this build, next, finds it as it wants it.
  const next = await run('new', 'publish-oidc', inputs);
  expect(next.status).toBe(0);
  expect(next.writes).toEqual([]);
  expect(next.outputs.changed).toBe('false');

  // The previous release's removal of the same state: the same writes, the same outputs.
  const oldRemoval = await run('old', 'publish-oidc', removal);
  expect(oldRemoval.status).toBe(0);
  expect(oldRemoval.writes).toEqual(removed.writes);
  expect(oldRemoval.outputs).toEqual(removed.outputs);
}, 60000);

// A key the previous release published and this build refuses (a 1024-bit RSA key): once the cluster
// no longer serves it, this build drops it from the JWKS, a write it announces; while the cluster still
// serves it, this build stops before writing anything.
it('a key the previous release published that this build refuses: dropped with a warning once retired, refused while served', async () => {
  const bucket = 'upgrade-weak-key';
  const issuer = `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${bucket}`;
  double.setIssuer(issuer);
  const weak = {
    ...(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }) as Record<
      string,
      string
    >),
    kid: 'weak-1024',
    use: 'sig',
    alg: 'RS256'
  };
  const inputs = publishInputs(bucket);
  double.overrideJwks({ keys: [...double.jwks().keys, weak] });
  const old = await run('old', 'publish-oidc', inputs);
  expect(old.errors).toEqual([]);
  expect(old.status).toBe(0);
  expect(old.outputs['key-ids']).toContain('weak-1024');

  const refused = await run('new', 'publish-oidc', inputs);
  expect(refused.status).toBe(1);
  expect(refused.errors).toEqual([expect.stringContaining('weak-1024')]);
  // No input is wrong: the line says what to change.
  expect(refused.errors[0]).toContain("replace the cluster's service-account signing key");
  expect(refused.writes).toEqual([]);

  double.overrideJwks(undefined);
  const upgraded = await run('new', 'publish-oidc', inputs);
  expect(upgraded.errors).toEqual([]);
  expect(upgraded.status).toBe(0);
  expect(upgraded.writes).toEqual(['s3:PUT object']);
  expect(warnings(upgraded)).toEqual([expect.stringContaining('weak-1024')]);
  expect(upgraded.summary).toContain('weak-1024');
  expect(upgraded.outputs.changed).toBe('true');
  expect(upgraded.outputs['keys-changed']).toBe('true');
  expect(upgraded.outputs['key-ids']).not.toContain('weak-1024');

  const third = await run('new', 'publish-oidc', inputs);
  expect(third.status).toBe(0);
  expect(third.writes).toEqual([]);
  expect(third.outputs.changed).toBe('false');
  // A workflow elsewhere still pinned to the previous release takes this build's JWKS (issuer mark and
  // all) as it is.
  const pinned = await run('old', 'publish-oidc', inputs);
  expect(pinned.status).toBe(0);
  expect(pinned.writes).toEqual([]);
  expect(pinned.outputs).toEqual(third.outputs);
}, 60000);

// A rotation under way at the upgrade: the previous release keeps the retired key published (with its
// retirement time in the JWKS's metadata); this build reads that record, keeps the key until the same
// time, and writes nothing.
it('a key the previous release keeps after a rotation: this build keeps it, as long, writing nothing', async () => {
  const bucket = 'upgrade-rotation';
  double.setIssuer(`${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${bucket}`);
  const inputs = publishInputs(bucket);
  expect((await run('old', 'publish-oidc', inputs)).status).toBe(0);
  const retired = double.signingKid;
  double.addSigningKey();
  double.retireKey(retired);
  const old = await run('old', 'publish-oidc', inputs);
  expect(old.errors).toEqual([]);
  expect(old.status).toBe(0);
  expect(old.outputs['key-ids']).toContain(retired);
  const before = await objects(bucket);

  const upgraded = await run('new', 'publish-oidc', inputs);
  const third = await run('new', 'publish-oidc', inputs);
  expect(upgraded.errors).toEqual([]);
  expect(upgraded.status).toBe(0);
  expect(upgraded.writes).toEqual([]);
  expect(warnings(upgraded)).toEqual([]);
  expect(upgraded.outputs['key-ids']).toBe(old.outputs['key-ids']);
  expect(upgraded.outputs.changed).toBe('false');
  expect(upgraded.outputs['keys-changed']).toBe('false');
  const keyRows = (summary: string): string[] => summary.split('\n').filter((line) => line.startsWith('| `'));
  const retiredRow = (summary: string): string | undefined =>
    keyRows(summary).find((row) => row.includes(retired));
  expect(retiredRow(upgraded.summary)).toMatch(/retired, kept until /);
  expect(retiredRow(upgraded.summary)).toBe(retiredRow(old.summary));
  expect(await objects(bucket)).toEqual(before);
  expect(third.writes).toEqual([]);
  expect(third.outputs).toEqual(upgraded.outputs);
}, 60000);

// A first publish by the previous release cut short between its two writes leaves a JWKS without the
// issuer mark this build puts on: this build's removal leaves it, saying how to delete it; its publish
// finishes the job without rewriting it, and a removal after that deletes both documents.
it("the previous release's first publish cut short: this build's removal leaves its unmarked JWKS and says so; its publish finishes it", async () => {
  const bucket = 'upgrade-cut-short';
  const issuer = `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${bucket}`;
  double.setIssuer(issuer);
  const inputs = publishInputs(bucket);
  // The previous release's writes: the bucket, its public access block, its policy, then the JWKS.
  const abort = new AbortController();
  kill.arm(4, () => abort.abort());
  const killed = await run('old', 'publish-oidc', inputs, abort.signal);
  kill.disarm();
  expect(killed.status).not.toBe(0);
  expect(killed.writes).toEqual([
    's3:PUT bucket',
    's3:PUT bucket?publicAccessBlock',
    's3:PUT bucket?policy',
    's3:PUT object'
  ]);
  const left = await objects(bucket);
  expect(left).toEqual([expect.stringMatching(/^openid\/v1\/jwks /)]);

  const removal = { remove: 'true', bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
  const removed = await run('new', 'publish-oidc', removal);
  expect(removed.errors).toEqual([]);
  expect(removed.status).toBe(0);
  expect(warnings(removed)).toEqual([expect.stringContaining(`aws s3 rm s3://${bucket}/openid/v1/jwks`)]);
  expect(await objects(bucket)).toEqual(left);

  const published = await run('new', 'publish-oidc', inputs);
  expect(published.errors).toEqual([]);
  expect(published.status).toBe(0);
  expect(published.writes).not.toContain('s3:DELETE object');
  expect(published.outputs.changed).toBe('true');
  const removedAfter = await run('new', 'publish-oidc', removal);
  expect(removedAfter.status).toBe(0);
  expect(warnings(removedAfter)).toEqual([]);
  expect(await objects(bucket)).toEqual([]);
}, 60000);
