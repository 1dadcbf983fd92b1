// The fault-injection proxy (test/stack/fault-proxy.ts) itself: the answers it fakes look like
// AWS's to the SDK, its decisions replay from a seed, and healthy requests reach moto unchanged.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { request } from 'node:http';
import { isNoSuchEntity } from '../src/irsa-role/iam-errors.js';
import { seededRandom, signedService, startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import { uniqueName } from './fixtures/irsa-role/harness.js';

const started: FaultProxy[] = [];
afterEach(async () => {
  while (started.length) await started.pop()?.stop();
});

async function proxy(options: Parameters<typeof startFaultProxy>[0]): Promise<FaultProxy> {
  const p = await startFaultProxy(options);
  started.push(p);
  return p;
}

const moto = (): string => process.env.AWS_ENDPOINT_URL ?? '';
const signedFor = (service: string): string =>
  `AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

function post(url: string, service: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { authorization: signedFor(service), 'content-type': 'application/x-www-form-urlencoded' }
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      }
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('fault proxy', () => {
  it('answers IAM with 400 Throttling and S3 with 503 SlowDown, as AWS does', async () => {
    const p = await proxy({ target: moto(), rate: 1, faults: ['throttle'] });
    const iam = await post(p.url, 'iam', 'Action=ListRoles&Version=2010-05-08');
    expect(iam.status).toBe(400);
    expect(iam.body).toContain('<Code>Throttling</Code>');
    const s3 = await post(`${p.url}/bucket/key`, 's3', '');
    expect(s3.status).toBe(503);
    expect(s3.body).toContain('<Code>SlowDown</Code>');
    expect(p.injected.map((f) => [f.service, f.action, f.fault])).toEqual([
      ['iam', 'ListRoles', 'throttle'],
      ['s3', 'POST /bucket/key', 'throttle']
    ]);
  });

  it('answers 500 with the service’s error code, and resets connections', async () => {
    const errors = await proxy({ target: moto(), rate: 1, faults: ['server-error'] });
    const iam = await post(errors.url, 'iam', 'Action=ListRoles&Version=2010-05-08');
    expect(iam.status).toBe(500);
    expect(iam.body).toContain('<Code>ServiceFailure</Code>');
    const resets = await proxy({ target: moto(), rate: 1, faults: ['reset'] });
    await expect(post(resets.url, 'iam', 'Action=ListRoles')).rejects.toThrow(/ECONNRESET|socket hang up/);
  });

  it('answers IAM with 404 NoSuchEntity, which the IAM SDK surfaces as such without retrying it', async () => {
    const p = await proxy({ target: moto(), rate: 1, faults: ['not-found'] });
    const raw = await post(p.url, 'iam', 'Action=GetRole&RoleName=x&Version=2010-05-08');
    expect(raw.status).toBe(404);
    expect(raw.body).toContain('<Code>NoSuchEntity</Code>');
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: p.url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
    });
    const error: unknown = await iam.send(new GetRoleCommand({ RoleName: 'x' })).catch((e: unknown) => e);
    expect(isNoSuchEntity(error)).toBe(true);
    expect(p.injected.map((f) => [f.action, f.fault])).toEqual([
      ['GetRole', 'not-found'],
      ['GetRole', 'not-found']
    ]);
  });

  it('passes healthy requests to moto, and the S3 SDK retries SlowDown through it', async () => {
    const p = await proxy({
      target: moto(),
      faults: ['throttle'],
      failFirst: 2,
      match: (r) => r.service === 's3'
    });
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: p.url,
      forcePathStyle: true,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
    });
    const bucket = uniqueName('fault-proxy');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'hello' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'k' }));
    expect(await got.Body?.transformToString()).toBe('hello');
    expect(p.injected).toHaveLength(2);
    expect(p.seen.length).toBe(5);
  });

  it('passes an answer back only once `after` is done, with the request already applied', async () => {
    const s3For = (endpoint: string): S3Client =>
      new S3Client({
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
      });
    const direct = s3For(moto());
    const bucket = uniqueName('fault-proxy-after');
    await direct.send(new CreateBucketCommand({ Bucket: bucket }));
    const seenByAfter: string[] = [];
    const p = await proxy({
      target: moto(),
      after: async (request) => {
        if (request.method !== 'PUT') return;
        const stored = await direct.send(new HeadObjectCommand({ Bucket: bucket, Key: 'k' }));
        seenByAfter.push(`${request.action}: ${stored.ContentLength}`);
      }
    });
    await s3For(p.url).send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'hello' }));
    expect(seenByAfter).toEqual([`PUT /${bucket}/k: 5`]);
  });

  it('replays the same decisions from the same seed, and honours setRate', async () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, seededRandom(43))).not.toEqual(first);

    const decisions = async (): Promise<string[]> => {
      const p = await proxy({ target: moto(), rate: 0.5, seed: 9 });
      for (let i = 0; i < 12; i++)
        await post(p.url, 'iam', 'Action=ListRoles&Version=2010-05-08').catch(() => undefined);
      p.setRate(0);
      await post(p.url, 'iam', 'Action=ListRoles&Version=2010-05-08');
      expect(p.injected.length).toBeLessThan(13);
      return p.injected.map((f) => `${f.sequence}:${f.fault}`);
    };
    const run1 = await decisions();
    const run2 = await decisions();
    expect(run1.length).toBeGreaterThan(0);
    expect(run2).toEqual(run1);
  });

  it('reads the service from the SigV4 header or a presigned URL', () => {
    expect(signedService({ authorization: signedFor('sts') }, '/')).toBe('sts');
    expect(
      signedService(
        {},
        '/b/k?X-Amz-Credential=testing%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0'
      )
    ).toBe('s3');
    expect(signedService({}, '/')).toBe('unknown');
  });
});
