// A cancelled irsa-role or publish-oidc run (the runner's SIGINT), as the runner runs the bundle: it ends
// non-zero with one error line and a job summary that says it was cancelled, after which write, and that
// it undid nothing. These two actions have no cleanup of their own: the summary must not claim one.
// The proxy in front of AWS holds the run's (k+1)-th write, which it sends only once it has heard the
// answer to its k-th, and the test cancels then, so the moment does not depend on timing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestKind } from '../bench/request-kinds.js';
import { runBundle, type BundleRun } from './harness/run-bundle.js';
import { countedIam, createProvider, uniqueName } from './fixtures/irsa-role/harness.js';
import { startFaultProxy, type FaultProxy } from './stack/fault-proxy.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';

const PUBLIC_URL = process.env.TALOS_IRSA_S3_PUBLIC_URL ?? '';

let observer: FaultProxy;
let double: KubeDouble;
let dir: string;
// The armed run: how many writes it may make, and what to do when it sends one more.
let armed: { k: number; writes: number; cancel: () => void } | undefined;
const never = new Promise<void>(() => undefined);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talos-irsa-cancel-'));
  double = await startKubeDouble({ ca: createTestCa(join(dir, 'ca')), issuer: `${PUBLIC_URL}/placeholder` });
  // Rate 0: it only records the requests, and holds an armed run's writes after its k-th.
  observer = await startFaultProxy({
    target: process.env.AWS_ENDPOINT_URL as string,
    rate: 0,
    before: (request) => {
      if (!armed || requestKind(request) !== 'write') return Promise.resolve();
      armed.writes += 1;
      if (armed.writes <= armed.k) return Promise.resolve();
      if (armed.writes === armed.k + 1) armed.cancel();
      return never;
    }
  });
});

afterAll(async () => {
  await observer?.stop();
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `action` and cancels it (SIGINT) once it has heard its k-th write answered; its next write never lands. */
async function cancelAfterWrite(
  action: string,
  inputs: Record<string, string>,
  k: number
): Promise<BundleRun> {
  const cancel = new AbortController();
  let cancelledAt = 0;
  armed = {
    k,
    writes: 0,
    cancel: () => {
      cancelledAt = performance.now();
      cancel.abort();
    }
  };
  try {
    const run = await runBundle(action, inputs, {
      env: { AWS_ENDPOINT_URL: observer.url },
      signal: cancel.signal,
      killSignal: 'SIGINT',
      timeoutMs: 60_000
    });
    expect(cancelledAt).toBeGreaterThan(0);
    // Well within the runner's 7.5 s before its SIGTERM: these actions have nothing to clean up.
    expect(performance.now() - cancelledAt).toBeLessThan(3000);
    return run;
  } finally {
    armed = undefined;
  }
}

/** One cancelled section and one error line, each saying the same run was cancelled. */
function expectCancelled(run: BundleRun, action: string): void {
  expect(run.status).toBe(1);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]).toMatch(new RegExp(`^${action} was cancelled \\(SIGINT\\) after it began to write`));
  expect(run.summary.split(`### ${action}: cancelled`)).toHaveLength(2);
  expect(run.summary).toContain('Cancelled by SIGINT after the step had begun to write');
  // No cleanup to claim: the summary says what stays, and that a write in flight may have landed.
  expect(run.summary).toContain('This step undoes nothing when it is cancelled');
  expect(run.summary).not.toMatch(/deleted|removed/i);
}

describe('a cancelled job', () => {
  it('irsa-role: says it was cancelled after it began to write, and that what it wrote stays', async () => {
    const { iam } = countedIam();
    const provider = await createProvider(iam);
    const roleName = uniqueName('irsa-cancel');
    const run = await cancelAfterWrite(
      'irsa-role',
      {
        'provider-arn': provider.arn,
        'role-name': roleName,
        namespace: 'apps',
        'service-account': 'api',
        'policy-arns': 'arn:aws:iam::aws:policy/ReadOnlyAccess'
      },
      1
    );
    expectCancelled(run, 'irsa-role');
    // CreateRole was answered; the AttachRolePolicy after it never was.
    expect(run.summary).toContain(
      '**Written before the cancel** (each step AWS or the cluster had answered; a step under way is not listed):\n\n' +
        `- role ${roleName}: created the role\n`
    );
  }, 90_000);

  it('publish-oidc: says it was cancelled after it began to write, with its warnings, secrets redacted', async () => {
    const bucket = `cancel-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    double.setIssuer(issuer);
    const run = await cancelAfterWrite(
      'publish-oidc',
      { kubeconfig: double.kubeconfig(), bucket, 'issuer-url': issuer, 'manage-bucket': 'true' },
      1
    );
    expectCancelled(run, 'publish-oidc');
    // CreateBucket was answered; the public access block after it never was.
    expect(run.summary).toContain(
      '**Written before the cancel** (each step AWS or the cluster had answered; a step under way is not listed):\n\n' +
        `- created the bucket ${bucket}\n\n`
    );
    // The kubeconfig's credentials were masked; none of them is in the summary.
    expect(run.masks.length).toBeGreaterThan(0);
    for (const secret of run.masks) expect(run.summary).not.toContain(secret);
  }, 90_000);

  it('publish-oidc remove: lists each deletion AWS had answered before the cancel', async () => {
    const bucket = `cancel-rm-${randomBytes(5).toString('hex')}`;
    const issuer = `${PUBLIC_URL}/${bucket}`;
    double.setIssuer(issuer);
    const published = await runBundle('publish-oidc', {
      kubeconfig: double.kubeconfig(),
      bucket,
      'issuer-url': issuer,
      'manage-bucket': 'true'
    });
    expect(published.status).toBe(0);
    const run = await cancelAfterWrite(
      'publish-oidc',
      { remove: 'true', bucket, 'issuer-url': issuer, 'manage-bucket': 'true' },
      1
    );
    expect(run.status).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^publish-oidc was cancelled \(SIGINT\) after it began to write/);
    expect(run.summary).toContain('This step undoes nothing when it is cancelled');
    // The JWKS's delete was answered; the discovery document's after it never was.
    expect(run.summary).toContain(
      '**Written before the cancel** (each step AWS or the cluster had answered; a step under way is not listed):\n\n' +
        `- deleted s3://${bucket}/openid/v1/jwks\n\n`
    );
  }, 90_000);
});
