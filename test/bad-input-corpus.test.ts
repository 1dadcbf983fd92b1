// The bad-input corpus (test/corpus/*.yaml): every case runs the committed bundle against a private
// local stack and must exit non-zero with exactly one ::error:: line naming the input, having
// written nothing — moto's whole state, the kube double's objects and the Terraform directory are
// compared before and after — and a job summary that says so, naming the input.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { startAwsStack, type AwsStack } from './stack/aws-stack.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { repoRoot, runBundle } from './harness/run-bundle.js';
import { snapshotAwsState } from './harness/aws-state.js';

interface CorpusCase {
  name: string;
  inputs: Record<string, string>;
  input?: string;
  contains?: string;
  /**
   * The summary's title when the run got as far as the action's own summary (verify-irsa reports a
   * cluster it cannot reach as its first check's failure); otherwise the entry's for a run that
   * stopped on its inputs.
   */
  title?: string;
  /** A secret-looking value among the inputs: printed nowhere but in ::add-mask::, nor in the summary. */
  secret?: string;
  /** Files the case writes into the workspace first (a backend file), by name: removed after it. */
  files?: Record<string, string>;
  double?: {
    jwks?:
      | 'private'
      | 'no-kid'
      | 'ps256'
      | 'not-json'
      | 'symmetric'
      | 'small-modulus'
      | 'exponent-one'
      | 'smuggled-member'
      | 'huge';
    discovery?: 'no-issuer';
  };
  /** Environment variables the step gets beside the stack's, as a step's env: gives them (TF_CLI_ARGS). */
  env?: Record<string, string>;
}

const actions = ['publish-oidc', 'irsa-role', 'verify-irsa', 'provision'] as const;
const corpus = actions.flatMap((action) =>
  (parse(readFileSync(join(repoRoot, 'test', 'corpus', `${action}.yaml`), 'utf8')) as CorpusCase[]).map(
    (c) => [action, c.name, c] as const
  )
);

let stack: AwsStack;
let double: KubeDouble;
let work: string;
let tfDir: string;
const placeholders: Record<string, string> = {};

function fill(value: string): string {
  return value.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const filled = placeholders[name];
    if (filled === undefined) throw new Error(`corpus placeholder \${${name}} is not defined`);
    return filled;
  });
}

function applyDoubleOverrides(overrides: CorpusCase['double']): void {
  double.overrideJwks(undefined);
  double.overrideDiscovery(undefined);
  double.answerOidcHostile('jwks', undefined);
  const [served] = double.jwks().keys;
  if (!served) throw new Error('the double serves no key');
  switch (overrides?.jwks) {
    case 'private':
      double.overrideJwks({ keys: [{ ...served, d: double.privateJwk().d }] });
      break;
    case 'no-kid': {
      const { kid: _kid, ...withoutKid } = served;
      double.overrideJwks({ keys: [withoutKid] });
      break;
    }
    case 'ps256':
      double.overrideJwks({ keys: [{ ...served, alg: 'PS256' }] });
      break;
    case 'not-json':
      double.overrideJwks('this is not json');
      break;
    // A hostile or broken cluster (test/publish-oidc-hostile-cluster.test.ts shows the reads).
    case 'symmetric':
      double.overrideJwks({
        keys: [{ kty: 'oct', kid: served.kid, use: 'sig', alg: 'RS256', k: 'c2VjcmV0' }]
      });
      break;
    case 'small-modulus': {
      const { n } = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
      double.overrideJwks({ keys: [{ ...served, n }] });
      break;
    }
    case 'exponent-one':
      double.overrideJwks({ keys: [{ ...served, e: 'AQ' }] });
      break;
    case 'smuggled-member':
      double.overrideJwks({ keys: [{ ...served, private_key: '-----BEGIN PRIVATE KEY-----' }] });
      break;
    case 'huge':
      double.answerOidcHostile('jwks', { kind: 'stream', bytes: 100 * 1024 * 1024 });
      break;
  }
  if (overrides?.discovery === 'no-issuer') {
    const { issuer: _issuer, ...rest } = double.discoveryDocument();
    double.overrideDiscovery(rest);
  }
}

function kubeState(): string {
  return JSON.stringify({
    serviceAccounts: ['default', 'apps', 'demo'].map((ns) =>
      ['web', 'irsa-verify', 'app'].map((sa) => double.serviceAccount(ns, sa)?.metadata)
    ),
    pods: double.pods().map((p) => p.metadata),
    jobs: double.jobs().map((j) => j.metadata)
  });
}

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'talos-irsa-corpus-'));
  stack = await startAwsStack({ dir: join(work, 'stack') });
  const issuer = `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/corpus-issuer`;
  double = await startKubeDouble({ ca: stack.ca, issuer });
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: stack.env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  const provider = await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: issuer,
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: []
    })
  );
  // A second cluster's provider in the account, for a kubeconfig of the first cluster given against it.
  const otherProvider = await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/corpus-other-issuer`,
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: []
    })
  );
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: 'corpus-existing',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] })
    })
  );
  // A bucket shared by clusters, for remove: true: cluster-a's discovery document, and at not-json an object
  // that is none.
  const sharedBucket = 'corpus-shared';
  const sharedIssuerRoot = `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${sharedBucket}`;
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: stack.env.AWS_ENDPOINT_URL,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  await s3.send(new CreateBucketCommand({ Bucket: sharedBucket }));
  await s3.send(
    new PutObjectCommand({
      Bucket: sharedBucket,
      Key: 'cluster-a/.well-known/openid-configuration',
      Body: JSON.stringify({
        issuer: `${sharedIssuerRoot}/cluster-a`,
        jwks_uri: `${sharedIssuerRoot}/cluster-a/openid/v1/jwks`
      })
    })
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: sharedBucket,
      Key: 'not-json/.well-known/openid-configuration',
      Body: 'not json'
    })
  );
  s3.destroy();
  tfDir = join(work, 'terraform');
  mkdirSync(tfDir);
  cpSync(join(repoRoot, 'test', 'fixtures', 'provision', 'cluster'), tfDir, { recursive: true });
  Object.assign(placeholders, {
    KUBECONFIG: double.kubeconfig(),
    KUBECONFIG_PATH: double.writeKubeconfig(join(work, 'kubeconfig')),
    BAD_TOKEN_KUBECONFIG_PATH: double.writeKubeconfig(join(work, 'kubeconfig-bad'), { token: 'wrong-token' }),
    UNREACHABLE_KUBECONFIG_PATH: double.writeKubeconfig(join(work, 'kubeconfig-unreachable')),
    // Shaped as a service account's token (a JWT), for a case that gives one where it does not belong.
    TOKEN: `eyJhbGciOiJSUzI1NiIsImtpZCI6ImNvcnB1cyJ9.${Buffer.from('{"sub":"system:serviceaccount:corpus"}').toString('base64url')}.c2lnbmF0dXJlLW9mLWEtdG9rZW4`,
    ISSUER: issuer,
    SHARED_BUCKET: sharedBucket,
    SHARED_ISSUER_ROOT: sharedIssuerRoot,
    SHARED_ISSUER: `${sharedIssuerRoot}/cluster-a`,
    BUCKET: 'corpus-issuer',
    PROVIDER_ARN: provider.OpenIDConnectProviderArn ?? '',
    OTHER_PROVIDER_ARN: otherProvider.OpenIDConnectProviderArn ?? '',
    ROLE_ARN: role.Role?.Arn ?? '',
    TF_DIR: tfDir,
    // A root module outside the workspace (the repository's fixture), by absolute and by climbing path.
    OUTSIDE_TF_DIR: join(repoRoot, 'test', 'fixtures', 'provision', 'cluster'),
    CLIMBING_TF_DIR: relative(work, join(repoRoot, 'test', 'fixtures', 'provision', 'cluster'))
  });
  // Same CA and token, but a port nothing listens on.
  const unreachable = readFileSync(placeholders.UNREACHABLE_KUBECONFIG_PATH as string, 'utf8').replace(
    double.url,
    'https://127.0.0.1:1'
  );
  writeFileSync(placeholders.UNREACHABLE_KUBECONFIG_PATH as string, unreachable, { mode: 0o600 });
}, 120000);

afterAll(async () => {
  await double?.stop();
  await stack?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('bad-input corpus', () => {
  it('holds at least 50 cases across the four actions', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map(([action]) => action))).toEqual(new Set(actions));
  });

  it('is counted as the README says', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const count = (action: string): number => corpus.filter(([a]) => a === action).length;
    expect(readme).toContain(
      `each of the ${corpus.length} bad-input cases in \`test/corpus/\` (${count('irsa-role')} irsa-role, ` +
        `${count('publish-oidc')} publish-oidc, ${count('verify-irsa')} verify-irsa, ${count('provision')} provision)`
    );
  });

  it.each(corpus)('%s: %s', async (action, _name, testCase) => {
    applyDoubleOverrides(testCase.double);
    const inputs = Object.fromEntries(Object.entries(testCase.inputs).map(([k, v]) => [k, fill(String(v))]));
    const awsBefore = await snapshotAwsState(stack.env.AWS_ENDPOINT_URL as string);
    const kubeBefore = kubeState();
    const tfBefore = listTree(tfDir);
    for (const [name, text] of Object.entries(testCase.files ?? {})) writeFileSync(join(work, name), text);

    // The runner always names the workspace; provision's path inputs must lie in it (or RUNNER_TEMP).
    const run = await runBundle(action, inputs, {
      env: { ...stack.env, ...testCase.env, PATH: process.env.PATH, GITHUB_WORKSPACE: work }
    });
    for (const name of Object.keys(testCase.files ?? {})) rmSync(join(work, name));

    expect(run.status).not.toBe(0);
    expect(run.errors).toHaveLength(1);
    const [error] = run.errors;
    if (testCase.input) expect(error).toContain(`Input '${testCase.input}'`);
    if (testCase.contains) expect(error).toContain(testCase.contains);
    expect(await snapshotAwsState(stack.env.AWS_ENDPOINT_URL as string)).toEqual(awsBefore);
    expect(kubeState()).toBe(kubeBefore);
    expect(listTree(tfDir)).toEqual(tfBefore);
    // ::add-mask:: lines carry secrets on purpose: the runner consumes them and prints nothing.
    const printed = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(printed.includes(double.token)).toBe(false);
    // stderr reaches the log too: Node's warnings (process.emitWarning) go there, quoting what they warn of.
    expect(run.stderr.includes(double.token)).toBe(false);
    // The summary the entry writes for a step stopped on its inputs (src/io/input-summary.ts).
    // A refusal that names no input (an environment variable, a key the cluster serves) is titled so.
    const stopped = testCase.input ? 'stopped on its inputs' : 'stopped before its first write';
    expect(run.summary.split('\n')[0]).toBe(testCase.title ?? `### ${action}: ${stopped}`);
    if (testCase.input) expect(run.summary).toContain(`Input '${testCase.input}'`);
    if (testCase.input && !testCase.title) expect(run.summary).toContain(`| \`${testCase.input}\` |`);
    if (!testCase.title) expect(run.summary).toContain('Nothing was written to AWS or the cluster');
    expect(run.summary.includes(double.token)).toBe(false);
    if (testCase.secret) {
      const secret = fill(testCase.secret);
      expect(printed.includes(secret)).toBe(false);
      expect(run.stderr.includes(secret)).toBe(false);
      expect(run.summary.includes(secret)).toBe(false);
    }
  });
});
