// Fault injection (issue 8): the committed bundles run against a private stack whose AWS traffic
// passes a proxy failing 20% of requests (Throttling / SlowDown, 500s, connection resets, and answers
// lost or cut off after AWS applied the request, so that a retried write meets its own first attempt). Over
// repeated runs each action reaches the right final state; the invariants users rely on hold after
// every run, including a run killed midway: a public discovery document never points at a missing
// JWKS, and a role never carries a partial trust policy.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPublishedObject } from '../src/publish-oidc/published-objects.js';
import { startAwsStack, type AwsStack } from './stack/aws-stack.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { podEnvFromStack } from './stack/kube-stack.js';
import { startFaultProxy, type Fault, type FaultProxy } from './stack/fault-proxy.js';
import { runBundle, type BundleRun } from './harness/run-bundle.js';

const FAULT_RATE = 0.2;
const FAULTS: Fault[] = ['throttle', 'server-error', 'reset', 'drop-response', 'cut-body'];
const BUCKET = 'faults-issuer';
const DISCOVERY_KEY = '.well-known/openid-configuration';

let work: string;
let stack: AwsStack;
let double: KubeDouble;
let awsProxy: FaultProxy;
let stsProxy: FaultProxy;
let kubeconfigPath: string;
let s3: S3Client;
let iam: IAMClient;

const faultyEnv = (): Record<string, string> => ({
  ...stack.env,
  AWS_ENDPOINT_URL: awsProxy.url,
  AWS_ENDPOINT_URL_STS: stsProxy.url
});

/** The object's text, or undefined when there is none (through the action's own reader, which retries a broken body). */
async function readObject(key: string): Promise<string | undefined> {
  return (await readPublishedObject(s3, BUCKET, key))?.bytes.toString('utf8');
}

/** The invariant: if a discovery document is published, the JWKS it names is there with every served kid. */
async function expectDiscoveryConsistent(): Promise<void> {
  const discovery = await readObject(DISCOVERY_KEY);
  if (discovery === undefined) return;
  const jwksUri = (JSON.parse(discovery) as { jwks_uri: string }).jwks_uri;
  const jwksKey = jwksUri.slice(`${double.issuer}/`.length);
  const jwks = await readObject(jwksKey);
  expect(jwks).toBeDefined();
  const kids = (JSON.parse(jwks as string) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  for (const kid of double.servedKids()) expect(kids).toContain(kid);
}

function expectedTrust(serviceAccount: string, providerArn: string): unknown {
  const hostPath = double.issuer.replace(/^https:\/\//, '');
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${hostPath}:sub`]: `system:serviceaccount:default:${serviceAccount}`,
            [`${hostPath}:aud`]: 'sts.amazonaws.com'
          }
        }
      }
    ]
  };
}

/** The invariant: every fault-test role that exists carries its whole trust policy, never a part of it. */
async function expectNoPartialTrust(providerArn: string): Promise<void> {
  const roles = (await iam.send(new ListRolesCommand({}))).Roles ?? [];
  for (const role of roles.filter((r) => r.RoleName?.startsWith('faults-'))) {
    const name = role.RoleName as string;
    const got = await iam.send(new GetRoleCommand({ RoleName: name }));
    const trust = JSON.parse(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? '{}')) as unknown;
    expect(trust).toEqual(expectedTrust(name.replace(/^faults-/, ''), providerArn));
  }
}

const publishInputs = (): Record<string, string> => ({
  'kubeconfig-path': kubeconfigPath,
  bucket: BUCKET,
  'issuer-url': double.issuer,
  'manage-bucket': 'true'
});

const bindings = ['app-a', 'app-b', 'app-c']
  .map((sa) => `- {role-name: faults-${sa}, namespace: default, service-account: ${sa}}`)
  .join('\n');

/** The faults `proxy` injected into `service` since `mark` (a length of its `injected`): a test of runs
 * "despite the faults" proves nothing unless its own runs met some. */
function faultsSince(proxy: FaultProxy, mark: number, service: string): string[] {
  return proxy.injected
    .slice(mark)
    .filter((fault) => fault.service === service)
    .map((fault) => `${fault.action} ${fault.fault}`);
}

function expectSucceeded(run: BundleRun): void {
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.errors.join(' | ')}`);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'talos-irsa-faults-'));
  stack = await startAwsStack({ dir: join(work, 'stack') });
  double = await startKubeDouble({
    ca: stack.ca,
    issuer: `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${BUCKET}`,
    podEnv: podEnvFromStack(stack.env)
  });
  kubeconfigPath = double.writeKubeconfig(join(work, 'kubeconfig'));
  awsProxy = await startFaultProxy({
    target: stack.env.AWS_ENDPOINT_URL as string,
    rate: FAULT_RATE,
    seed: 2026,
    faults: FAULTS
  });
  stsProxy = await startFaultProxy({
    target: stack.env.AWS_ENDPOINT_URL_STS as string,
    rate: FAULT_RATE,
    seed: 8,
    faults: FAULTS
  });
  const clientConfig = {
    region: 'us-east-1',
    endpoint: stack.env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  };
  s3 = new S3Client({ ...clientConfig, forcePathStyle: true });
  iam = new IAMClient(clientConfig);
}, 120000);

afterAll(async () => {
  await stsProxy?.stop();
  await awsProxy?.stop();
  await double?.stop();
  await stack?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe(`with ${FAULT_RATE * 100}% of AWS requests failing`, () => {
  let providerArn = '';

  it('publish-oidc killed midway, then run again, converges; the published pair stays consistent', async () => {
    const mark = awsProxy.injected.length;
    const abort = new AbortController();
    const firstWrite = setInterval(() => {
      if (awsProxy.seen.some((r) => r.method === 'PUT')) abort.abort();
    }, 2);
    const killed = await runBundle('publish-oidc', publishInputs(), {
      env: faultyEnv(),
      signal: abort.signal
    });
    clearInterval(firstWrite);
    expect(killed.status).not.toBe(0);
    await expectDiscoveryConsistent();

    const resumed = await runBundle('publish-oidc', publishInputs(), { env: faultyEnv() });
    expectSucceeded(resumed);
    await expectDiscoveryConsistent();
    expect(await readObject(DISCOVERY_KEY)).toContain(double.issuer);
    providerArn = resumed.outputs['provider-arn'] ?? '';
    expect(providerArn).toMatch(/^arn:aws:iam::\d{12}:oidc-provider\//);
    expect(faultsSince(awsProxy, mark, 's3')).not.toEqual([]);
  });

  it('publish-oidc keeps the right state over repeated runs and a key rotation', async () => {
    const mark = awsProxy.injected.length;
    for (let i = 0; i < 2; i++) {
      const again = await runBundle('publish-oidc', publishInputs(), { env: faultyEnv() });
      expectSucceeded(again);
      expect(again.outputs.changed).toBe('false');
      await expectDiscoveryConsistent();
    }
    const newKid = double.addSigningKey();
    const rotated = await runBundle('publish-oidc', publishInputs(), { env: faultyEnv() });
    expectSucceeded(rotated);
    expect(rotated.outputs['key-ids']?.split(',')).toContain(newKid);
    await expectDiscoveryConsistent();
    expect(faultsSince(awsProxy, mark, 's3')).not.toEqual([]);
  });

  it('irsa-role killed midway, then run again, converges with whole trust policies', async () => {
    const mark = awsProxy.injected.length;
    const abort = new AbortController();
    const before = awsProxy.seen.length;
    const firstWrite = setInterval(() => {
      if (awsProxy.seen.slice(before).some((r) => r.action === 'CreateRole')) abort.abort();
    }, 2);
    const killed = await runBundle(
      'irsa-role',
      { 'provider-arn': providerArn, bindings },
      {
        env: faultyEnv(),
        signal: abort.signal
      }
    );
    clearInterval(firstWrite);
    expect(killed.status).not.toBe(0);
    await expectNoPartialTrust(providerArn);

    const resumed = await runBundle(
      'irsa-role',
      { 'provider-arn': providerArn, bindings },
      { env: faultyEnv() }
    );
    expectSucceeded(resumed);
    expect(Object.keys(JSON.parse(resumed.outputs['role-arns'] ?? '{}') as object).sort()).toEqual([
      'faults-app-a',
      'faults-app-b',
      'faults-app-c'
    ]);
    await expectNoPartialTrust(providerArn);
    expect(faultsSince(awsProxy, mark, 'iam')).not.toEqual([]);
  });

  it('irsa-role over repeated runs changes nothing more and never leaves a partial trust', async () => {
    const mark = awsProxy.injected.length;
    for (let i = 0; i < 2; i++) {
      const again = await runBundle(
        'irsa-role',
        { 'provider-arn': providerArn, bindings },
        { env: faultyEnv() }
      );
      expectSucceeded(again);
      expect(again.outputs.changed).toBe('false');
      await expectNoPartialTrust(providerArn);
    }
    expect(faultsSince(awsProxy, mark, 'iam')).not.toEqual([]);
  });

  it('verify-irsa proves the chain on every run despite the faults', async () => {
    const mark = stsProxy.injected.length;
    const roleArn = (
      JSON.parse(
        (await runBundle('irsa-role', { 'provider-arn': providerArn, bindings }, { env: faultyEnv() }))
          .outputs['role-arns'] ?? '{}'
      ) as Record<string, string>
    )['faults-app-a'];
    for (let i = 0; i < 2; i++) {
      const verified = await runBundle(
        'verify-irsa',
        {
          'kubeconfig-path': kubeconfigPath,
          'role-arn': roleArn ?? '',
          'service-account': 'app-a',
          mode: 'token'
        },
        { env: faultyEnv() }
      );
      expectSucceeded(verified);
      expect(verified.outputs.verified).toBe('true');
    }
    expect(stsProxy.seen.some((r) => r.action === 'AssumeRoleWithWebIdentity')).toBe(true);
    // STS sees a handful of calls only: the proxy must have failed at least one of them.
    expect(stsProxy.injected.length - mark).toBeGreaterThan(0);
  });

  it('met answers lost or cut off after AWS had applied the request', () => {
    const kinds = new Set(awsProxy.injected.map((fault) => fault.fault));
    expect(kinds).toContain('drop-response');
    expect(kinds).toContain('cut-body');
  });
});
