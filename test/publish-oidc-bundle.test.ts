// The committed bundle, run as the runner runs it: INPUT_* environment, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, one `::error::` line on failure. Against the local stack.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException
} from '@aws-sdk/client-s3';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientConfig } from '../src/aws/clients.js';
import { runBundle } from './harness/run-bundle.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';
import { node24 } from './harness/node24.js';

const JWKS_KEY = 'openid/v1/jwks';
const PUBLIC_URL = process.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';
const s3 = new S3Client(clientConfig('S3', process.env.AWS_REGION ?? 'us-east-1', process.env));

let double: KubeDouble;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'publish-oidc-bundle-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: `${PUBLIC_URL}/placeholder` });
});
afterAll(async () => {
  await double.stop();
  rmSync(dir, { recursive: true, force: true });
  s3.destroy();
});

/** Only S3's 404 means no bucket: any other failure (stack down, wrong endpoint) must not pass for it. */
async function bucketExists(bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
    throw error;
  }
}

describe('publish-oidc bundle', () => {
  it('fails a bad input with one ::error:: line naming it, and writes nothing', async () => {
    const bucket = `publish-oidc-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    double.setIssuer(issuer);
    const run = await runBundle('publish-oidc', {
      kubeconfig: double.kubeconfig(),
      bucket,
      'issuer-url': issuer.replace('https:', 'http:'),
      'manage-bucket': 'true'
    });
    expect(run.status).not.toBe(0);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^Input 'issuer-url': .* must use https/);
    expect(run.outputs).toEqual({});
    expect(await bucketExists(bucket)).toBe(false);
  });

  it("lists the run's warnings in its job summary: a JWKS changed by hand loses the keys the cluster does not serve", async () => {
    const bucket = `publish-oidc-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    double.setIssuer(issuer);
    const inputs = { kubeconfig: double.kubeconfig(), bucket, 'issuer-url': issuer, 'manage-bucket': 'true' };
    const first = await runBundle('publish-oidc', inputs);
    expect(first.errors).toEqual([]);
    expect(first.summary).not.toContain('#### Warnings');
    const published = JSON.parse(
      (await (
        await s3.send(new GetObjectCommand({ Bucket: bucket, Key: JWKS_KEY }))
      ).Body?.transformToString()) ?? '{}'
    ) as { keys: unknown[] };
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = {
      ...(publicKey.export({ format: 'jwk' }) as object),
      kid: 'pasted<by>hand',
      use: 'sig',
      alg: 'RS256'
    };
    // As `aws s3 cp` would put it: none of the action's metadata.
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: JWKS_KEY,
        Body: JSON.stringify({ keys: [...published.keys, stranger] }),
        ContentType: 'application/json'
      })
    );
    const second = await runBundle('publish-oidc', inputs);
    expect(second.errors).toEqual([]);
    expect(second.stdout).toMatch(/::warning::The published JWKS .* was not written by publish-oidc/);
    expect(second.summary).toContain('#### Warnings (1)');
    expect(second.summary).toContain(
      `- The published JWKS (${JWKS_KEY}) was not written by publish-oidc: it was changed by hand or by another tool since this action's last run. Its key(s) pasted&lt;by&gt;hand, which the cluster does not serve, are removed`
    );
    expect(second.summary).not.toContain(double.token);
  });

  it('publishes with a kubeconfig file, sets every output and the summary, then changes nothing on Node 24', async () => {
    const bucket = `publish-oidc-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    double.setIssuer(issuer);
    const kubeconfigPath = double.writeKubeconfig(join(dir, 'kubeconfig'));
    const inputs = {
      'kubeconfig-path': kubeconfigPath,
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true'
    };

    const first = await runBundle('publish-oidc', inputs);
    expect(first.errors).toEqual([]);
    expect(first.status).toBe(0);
    expect(first.outputs).toMatchObject({
      'issuer-url': issuer,
      'jwks-url': `${issuer}/openid/v1/jwks`,
      changed: 'true',
      'keys-changed': 'true',
      'key-ids': double.servedKids().join(',')
    });
    expect(first.outputs['provider-arn']).toMatch(/^arn:aws:iam::\d{12}:oidc-provider\//);
    expect(await bucketExists(bucket)).toBe(true);
    expect(first.summary).toContain('### publish-oidc');
    expect(first.summary).toContain(first.outputs['provider-arn']);
    // The token is registered for masking, and never printed in clear.
    expect(first.masks.some((mask) => mask.includes(double.token))).toBe(true);
    const printed = first.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain(double.token);
    expect(first.summary).not.toContain(double.token);

    const node = node24;
    const second = await runBundle('publish-oidc', inputs, { node });
    expect(second.errors).toEqual([]);
    expect(second.status).toBe(0);
    expect(second.outputs).toEqual({ ...first.outputs, changed: 'false', 'keys-changed': 'false' });
  });
});
