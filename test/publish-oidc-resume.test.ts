// A publish-oidc run killed midway, then run again, publishes the documents publicly readable, and
// a third run changes nothing. On S3 a new bucket already has all four Block Public Access settings
// on (the stack now gives it them too), so a run resumed after CreateBucket must relax them, not take
// the bucket for one left open. No faults here: each kill lands at the same request every time.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsStack, type AwsStack } from './stack/aws-stack.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import { runBundle } from './harness/run-bundle.js';
import {
  convergedAfter,
  killAfterWriteThenRerun,
  WriteKill,
  writesSince
} from './harness/kill-after-write.js';

const BUCKET = 'resume-issuer';

async function eventually<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

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
  const firstWrite = setInterval(() => {
    if (observer.seen.some((r) => r.method === 'PUT')) abort.abort();
  }, 1);
  const killed = await runBundle('publish-oidc', inputs, { env, signal: abort.signal });
  clearInterval(firstWrite);
  expect(killed.status).not.toBe(0);
  const writes = observer.seen.filter((r) => r.method === 'PUT').map((r) => r.path);
  expect(writes).toEqual([`/${BUCKET}/`]);
  const s3 = new S3Client({
    region: stack.env.AWS_REGION,
    endpoint: stack.env.AWS_ENDPOINT_URL,
    forcePathStyle: true
  });
  // The killed client's CreateBucket may still be on its way through the proxies to moto.
  const left = await eventually(() => s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET })));
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
  expect(outcomes).toEqual(writes.map(convergedAfter));
}, 240000);
