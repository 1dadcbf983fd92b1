// A publish-oidc run killed midway, then run again, publishes the documents publicly readable, and
// a third run changes nothing. On S3 a new bucket already has all four Block Public Access settings
// on (the stack now gives it them too), so a run resumed after CreateBucket must relax them, not take
// the bucket for one left open. No faults here: each kill lands at the same request every time.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  UpdateOpenIDConnectProviderThumbprintCommand
} from '@aws-sdk/client-iam';
import { GetPublicAccessBlockCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsStack, type AwsStack } from './stack/aws-stack.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import { runBundle } from './harness/run-bundle.js';
import { anonymousGet } from '../src/net/anonymous-get.js';
import { readPublishedObject } from '../src/publish-oidc/published-objects.js';
import {
  convergedAfter,
  killAfterWriteThenRerun,
  WriteKill,
  writesSince
} from './harness/kill-after-write.js';

const BUCKET = 'resume-issuer';

let work: string;
let stack: AwsStack;
let double: KubeDouble;
let observer: FaultProxy;
const kill = new WriteKill();
let kubeconfigPath: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'talos-irsa-resume-'));
  stack = await startAwsStack({ dir: join(work, 'stack') });
  double = await startKubeDouble({ ca: stack.ca, issuer: `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${BUCKET}` });
  kubeconfigPath = double.writeKubeconfig(join(work, 'kubeconfig'));
  // Rate 0: it only records the requests, and stops a run at its k-th write.
  observer = await startFaultProxy({ target: stack.env.AWS_ENDPOINT_URL as string, rate: 0, ...kill.hooks });
}, 120000);

afterAll(async () => {
  await observer?.stop();
  await double?.stop();
  await stack?.stop();
  rmSync(work, { recursive: true, force: true });
});

it('publish-oidc killed right after creating the bucket, then run again, publishes the documents readable', async () => {
  const inputs = {
    'kubeconfig-path': kubeconfigPath,
    bucket: BUCKET,
    'issuer-url': double.issuer,
    'manage-bucket': 'true'
  };
  const env = { ...stack.env, AWS_ENDPOINT_URL: observer.url };
  const abort = new AbortController();
  kill.arm(1, () => abort.abort());
  const killed = await runBundle('publish-oidc', inputs, { env, signal: abort.signal });
  kill.disarm();
  expect(killed.status).not.toBe(0);
  const writes = observer.seen.filter((r) => r.method === 'PUT').map((r) => r.path);
  expect(writes).toEqual([`/${BUCKET}/`]);
  const s3 = new S3Client({
    region: stack.env.AWS_REGION,
    endpoint: stack.env.AWS_ENDPOINT_URL,
    forcePathStyle: true
  });
  // The run was killed once moto had made the bucket.
  const left = await s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
  expect(left.PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);

  const resumed = await runBundle('publish-oidc', inputs, { env });
  expect(resumed.errors).toEqual([]);
  expect(resumed.status).toBe(0);
  expect(resumed.outputs['changed']).toBe('true');
  const relaxed = await s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
  expect(relaxed.PublicAccessBlockConfiguration).toEqual({
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: false
  });
  const again = await runBundle('publish-oidc', inputs, { env });
  expect(again.status).toBe(0);
  expect(again.outputs['changed']).toBe('false');
  s3.destroy();
}, 120000);

it('publish-oidc killed after each of its writes in turn, then run again, converges and a third run changes nothing', async () => {
  const env = { ...stack.env, AWS_ENDPOINT_URL: observer.url };
  const inputsFor = (bucket: string): Record<string, string> => ({
    'kubeconfig-path': kubeconfigPath,
    bucket,
    'issuer-url': `${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${bucket}`,
    'manage-bucket': 'true'
  });
  // A clean first publish, to learn its writes.
  const clean = 'resume-clean';
  double.setIssuer(`${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${clean}`);
  const cleanMark = observer.seen.length;
  expect((await runBundle('publish-oidc', inputsFor(clean), { env })).status).toBe(0);
  const writes = writesSince(observer, cleanMark);
  expect(writes).toEqual(
    expect.arrayContaining([
      's3:PUT bucket',
      's3:PUT bucket?publicAccessBlock',
      's3:PUT bucket?policy',
      'iam:CreateOpenIDConnectProvider'
    ])
  );

  const outcomes: string[] = [];
  for (let k = 1; k <= writes.length; k++) {
    const bucket = `resume-after-${k}`;
    double.setIssuer(`${stack.env.TALOS_IRSA_S3_PUBLIC_URL}/${bucket}`);
    outcomes.push(
      await killAfterWriteThenRerun('publish-oidc', inputsFor(bucket), { proxy: observer, kill, env, k })
    );
  }
  expect(outcomes).toEqual(writes.map((write) => convergedAfter(write)));
}, 240000);

const stackCa = (): string[] => [readFileSync(stack.env.TALOS_IRSA_TEST_CA ?? '', 'utf8')];

/** The discovery document STS reads, and the JWKS it names, each anonymously readable, in words. */
async function publicPair(issuer: string): Promise<string> {
  const ca = stackCa();
  const discovery = await anonymousGet(`${issuer}/.well-known/openid-configuration`, { ca });
  if (discovery.status !== 200) return `discovery ${discovery.status}`;
  const jwksUri = (JSON.parse(discovery.body.toString('utf8')) as { jwks_uri: string }).jwks_uri;
  const jwks = await anonymousGet(jwksUri, { ca });
  return `its JWKS ${jwks.status}`;
}

// Every write of a run that changes what an earlier one published: a key rotation whose JWKS also
// moves (the policy granting the old and new JWKS, the new JWKS, the discovery document pointing at
// it, the policy without the old one) and the provider's thumbprint. Killed after each, STS can
// still read a discovery document and the JWKS it names, and the next run finishes the change.
it('publish-oidc rotating and moving the JWKS, killed after each of its writes in turn, then run again, converges', async () => {
  const env = { ...stack.env, AWS_ENDPOINT_URL: observer.url };
  const iam = new IAMClient({
    region: stack.env.AWS_REGION,
    endpoint: stack.env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  const base = stack.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
  const inputsFor = (bucket: string): Record<string, string> => ({
    'kubeconfig-path': kubeconfigPath,
    bucket,
    'issuer-url': `${base}/${bucket}`,
    'manage-bucket': 'true'
  });
  /** Published as before, then the cluster rotates its key and moves its JWKS, and the host's certificate changed. */
  const publishedThenChanged = async (bucket: string): Promise<string> => {
    double.setIssuer(`${base}/${bucket}`);
    const first = await runBundle('publish-oidc', inputsFor(bucket), { env: stack.env });
    expect(first.status).toBe(0);
    const providerArn = first.outputs['provider-arn'] ?? '';
    await iam.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({
        OpenIDConnectProviderArn: providerArn,
        ThumbprintList: ['0'.repeat(40)]
      })
    );
    const oldKid = double.signingKid;
    double.addSigningKey();
    double.retireKey(oldKid);
    double.setIssuer(`${base}/${bucket}`, `${base}/${bucket}/keys/v2/jwks.json`);
    return providerArn;
  };
  /** What STS reads, and the provider's thumbprints, the same for every bucket once converged. */
  const published = async (bucket: string, providerArn: string): Promise<string> => {
    const issuer = `${base}/${bucket}`;
    const ca = stackCa();
    const discovery = await anonymousGet(`${issuer}/.well-known/openid-configuration`, { ca });
    const jwksUri = (JSON.parse(discovery.body.toString('utf8')) as { jwks_uri: string }).jwks_uri;
    const jwks = JSON.parse((await anonymousGet(jwksUri, { ca })).body.toString('utf8')) as {
      keys: { kid: string }[];
    };
    const oldJwks = await anonymousGet(`${issuer}/openid/v1/jwks`, { ca });
    const provider = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })
    );
    return JSON.stringify({
      jwksUri: jwksUri.slice(issuer.length),
      keys: jwks.keys.length,
      served: double.servedKids().every((kid) => jwks.keys.some((key) => key.kid === kid)),
      oldJwks: oldJwks.status,
      thumbprints: provider.ThumbprintList?.length
    });
  };

  const cleanArn = await publishedThenChanged('resume-change-clean');
  const cleanMark = observer.seen.length;
  expect((await runBundle('publish-oidc', inputsFor('resume-change-clean'), { env })).status).toBe(0);
  const writes = writesSince(observer, cleanMark);
  expect(writes).toEqual([
    's3:PUT bucket?policy',
    's3:PUT object',
    's3:PUT object',
    's3:PUT bucket?policy',
    'iam:UpdateOpenIDConnectProviderThumbprint'
  ]);
  const wanted = await published('resume-change-clean', cleanArn);
  expect(JSON.parse(wanted)).toEqual({
    jwksUri: '/keys/v2/jwks.json',
    keys: 2,
    served: true,
    oldJwks: 403,
    thumbprints: 2
  });

  const outcomes: string[] = [];
  for (let k = 1; k <= writes.length; k++) {
    const bucket = `resume-change-${k}`;
    const providerArn = await publishedThenChanged(bucket);
    const run = await killAfterWriteThenRerun('publish-oidc', inputsFor(bucket), {
      proxy: observer,
      kill,
      env,
      k,
      afterKill: () => publicPair(`${base}/${bucket}`)
    });
    outcomes.push(`${run}, published as wanted ${(await published(bucket, providerArn)) === wanted}`);
  }
  expect(outcomes).toEqual(
    writes.map((write) => `${convergedAfter(write, 'its JWKS 200')}, published as wanted true`)
  );
  iam.destroy();
}, 240000);

// remove: true of one of two clusters sharing a bucket, killed after each of its writes (the JWKS, the
// discovery document, the bucket policy, the provider) in turn: the other cluster stays readable
// throughout, the rerun finishes the removal, and a third run finds nothing to remove.
it('publish-oidc remove killed after each of its writes in turn, then run again, converges and a third run removes nothing', async () => {
  const env = { ...stack.env, AWS_ENDPOINT_URL: observer.url };
  const base = stack.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
  const iam = new IAMClient({
    region: stack.env.AWS_REGION,
    endpoint: stack.env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  const removal = (bucket: string): Record<string, string> => ({
    remove: 'true',
    bucket,
    'issuer-url': `${base}/${bucket}/a`,
    'manage-bucket': 'true'
  });
  /** Clusters a and b published under their own paths of the bucket; a's provider ARN. */
  const shared = async (bucket: string): Promise<string> => {
    let arn = '';
    for (const name of ['a', 'b']) {
      const issuer = `${base}/${bucket}/${name}`;
      double.setIssuer(issuer);
      const run = await runBundle(
        'publish-oidc',
        { 'kubeconfig-path': kubeconfigPath, bucket, 'issuer-url': issuer, 'manage-bucket': 'true' },
        { env: stack.env }
      );
      expect(run.status).toBe(0);
      if (name === 'a') arn = run.outputs['provider-arn'] ?? '';
    }
    return arn;
  };
  const s3 = new S3Client({
    region: stack.env.AWS_REGION,
    endpoint: stack.env.AWS_ENDPOINT_URL,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  /** What is left of a (its objects, read with credentials; its public read; its provider), and whether b is still read as STS reads it. */
  const state = async (bucket: string, arn: string): Promise<string> => {
    const ca = stackCa();
    const objects = [];
    for (const key of ['a/openid/v1/jwks', 'a/.well-known/openid-configuration'])
      if (await readPublishedObject(s3, bucket, key)) objects.push(key);
    const a = await anonymousGet(`${base}/${bucket}/a/.well-known/openid-configuration`, { ca });
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    const provider = (listed.OpenIDConnectProviderList ?? []).some((entry) => entry.Arn === arn);
    return `a [${objects.join(' ')}] ${a.status} provider ${provider}, b ${await publicPair(`${base}/${bucket}/b`)}`;
  };

  const cleanArn = await shared('resume-remove-clean');
  const cleanMark = observer.seen.length;
  const clean = await runBundle('publish-oidc', removal('resume-remove-clean'), { env });
  expect(clean.status).toBe(0);
  const writes = writesSince(observer, cleanMark);
  expect(writes).toEqual([
    's3:DELETE object',
    's3:DELETE object',
    's3:PUT bucket?policy',
    'iam:DeleteOpenIDConnectProvider'
  ]);
  // Gone from the public URL: the statement that granted it went with it.
  expect(await state('resume-remove-clean', cleanArn)).toBe('a [] 403 provider false, b its JWKS 200');

  const outcomes: string[] = [];
  for (let k = 1; k <= writes.length; k++) {
    const bucket = `resume-remove-${k}`;
    const arn = await shared(bucket);
    const run = await killAfterWriteThenRerun('publish-oidc', removal(bucket), {
      proxy: observer,
      kill,
      env,
      k,
      afterKill: async () => (await state(bucket, arn)).replace(/^.*, b /, 'b ')
    });
    outcomes.push(`${run}; ${await state(bucket, arn)}`);
  }
  expect(outcomes).toEqual(
    writes.map(
      (write) => `${convergedAfter(write, 'b its JWKS 200')}; a [] 403 provider false, b its JWKS 200`
    )
  );
  s3.destroy();
  iam.destroy();
}, 240000);

// A first publish killed right after its JWKS landed, before the discovery document that would name it:
// the JWKS carries publish-oidc's mark of its issuer, so remove: true deletes it with the rest, leaving
// a bucket that terraform destroy (or anyone) can delete; a second removal finds nothing.
it('publish-oidc killed between its two document writes, then remove: true, leaves the bucket empty; a second removal finds nothing', async () => {
  const env = { ...stack.env, AWS_ENDPOINT_URL: observer.url };
  const base = stack.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
  const publishInputs = (bucket: string): Record<string, string> => ({
    'kubeconfig-path': kubeconfigPath,
    bucket,
    'issuer-url': `${base}/${bucket}`,
    'manage-bucket': 'true'
  });
  const clean = 'resume-orphan-clean';
  double.setIssuer(`${base}/${clean}`);
  const mark = observer.seen.length;
  expect((await runBundle('publish-oidc', publishInputs(clean), { env })).status).toBe(0);
  // The first object written is the JWKS, the next the discovery document.
  const k = writesSince(observer, mark).indexOf('s3:PUT object') + 1;
  expect(k).toBeGreaterThan(0);

  const bucket = 'resume-orphan';
  double.setIssuer(`${base}/${bucket}`);
  const abort = new AbortController();
  kill.arm(k, () => abort.abort());
  const killed = await runBundle('publish-oidc', publishInputs(bucket), { env, signal: abort.signal });
  kill.disarm();
  expect(killed.status).not.toBe(0);
  const s3 = new S3Client({
    region: stack.env.AWS_REGION,
    endpoint: stack.env.AWS_ENDPOINT_URL,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  const keys = async (): Promise<string[]> =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key ?? '');
  expect(await keys()).toEqual(['openid/v1/jwks']);

  const removal = { remove: 'true', bucket, 'issuer-url': `${base}/${bucket}`, 'manage-bucket': 'true' };
  const removed = await runBundle('publish-oidc', removal, { env });
  expect(removed.errors).toEqual([]);
  expect(removed.status).toBe(0);
  expect(removed.outputs['changed']).toBe('true');
  expect(removed.summary).toContain(
    `- delete s3://${bucket}/openid/v1/jwks: a JWKS that no discovery document names (what a first publish cut short between its two writes leaves), provably this issuer's`
  );
  expect(removed.stdout).not.toContain('::warning::');
  expect(await keys()).toEqual([]);

  const again = await runBundle('publish-oidc', removal, { env });
  expect(again.status).toBe(0);
  expect(again.outputs['changed']).toBe('false');
  expect(again.stdout).toContain(`Nothing to remove: ${base}/${bucket} left nothing here.`);
  s3.destroy();
}, 120000);
