// oidc-resync.yml's resync job run as a runner would (scripts/run-workflow-job.ts): its shell steps in
// bash and publish-oidc through its action.yml and bundle, against Jest's local stack. Only the
// Terraform read (provision `output`) stands in, for a cluster the kube-apiserver double plays. What
// is checked is the summary's verdict: keys changed only when the published keys did.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clientConfig } from '../src/aws/clients.js';
import { publishOidcAction } from '../src/publish-oidc/action.js';
import { readPublishedObject } from '../src/publish-oidc/published-objects.js';
import { runWorkflowJob, type StepResult } from '../scripts/run-workflow-job.js';
import { startKubeDouble, type KubeDouble } from './stack/kube-double.js';
import { createTestCa } from './stack/tls.js';
import { testContext } from './harness/context.js';
import { node24 } from './harness/node24.js';

const root = resolve(import.meta.dirname, '..');
const region = 'us-east-1';
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const stateBucket = `wf-resync-state-${suffix}`;
const bucket = `wf-resync-oidc-${suffix}`;
const cluster = `resync-${Date.now().toString(36)}`;
const s3 = new S3Client(clientConfig('S3', region, process.env));

let double: KubeDouble;
let dir: string;
let kubeconfigPath: string;

function env(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return out;
}

/** The job's Summary line for one run of the resync job, with every other step's outcome. */
async function resync(): Promise<{ result: string; failed: string[] }> {
  const results: StepResult[] = await runWorkflowJob({
    root,
    workflow: '.github/workflows/oidc-resync.yml',
    job: 'resync',
    env: env(),
    contexts: {
      secrets: { AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/talos-irsa-resync' },
      vars: { TALOS_IRSA_STATE_BUCKET: stateBucket, TALOS_IRSA_STATE_REGION: region },
      matrix: { cluster },
      inputs: { 'cluster-name': '', 'dry-run': '' }
    },
    runnerTemp: mkdtempSync(join(dir, 'runner-')),
    // The runner's set-up the stack replaces; the Terraform state read stands in below.
    skip: (step) =>
      step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('aws-actions/')
        ? 'set-up'
        : undefined,
    standIn: (step) =>
      step.id === 'provision'
        ? {
            outcome: 'success',
            outputs: {
              'kubeconfig-path': kubeconfigPath,
              'outputs-json': JSON.stringify({ discovery_bucket: bucket }),
              'issuer-url': double.issuer
            }
          }
        : undefined,
    node: node24,
    // TALOS_IRSA_DIST_DIR: bundles from `node scripts/build.mjs --out DIR` instead of actions/*/dist.
    distDir: process.env['TALOS_IRSA_DIST_DIR']
      ? (action) => join(process.env['TALOS_IRSA_DIST_DIR'] ?? '', action)
      : undefined,
    timeoutMs: 90_000
  });
  const summary = results.find((r) => r.name === 'Summary')?.summary ?? '';
  return {
    result: summary.split('\n').find((line) => line.startsWith('- Result: ')) ?? summary,
    failed: results.filter((r) => r.conclusion === 'failure').map((r) => `${r.name}:\n${r.log}`)
  };
}

beforeAll(async () => {
  const publicUrl = process.env['TALOS_IRSA_S3_PUBLIC_URL'] ?? '';
  const stackDir = process.env['TALOS_IRSA_STACK_DIR'] ?? '';
  if (!publicUrl || !stackDir)
    throw new Error('the local stack is not running (no TALOS_IRSA_S3_PUBLIC_URL)');
  dir = mkdtempSync(join(tmpdir(), 'wf-resync-'));
  double = await startKubeDouble({
    ca: createTestCa(stackDir),
    issuer: `${publicUrl.replace(/\/+$/, '')}/${bucket}`
  });
  kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, double.kubeconfig(), { mode: 0o600 });
  await s3.send(new CreateBucketCommand({ Bucket: stateBucket }));
  await s3.send(
    new PutObjectCommand({
      Bucket: stateBucket,
      Key: `talos-irsa/${cluster}/cluster.tfvars.json`,
      Body: JSON.stringify({ region })
    })
  );
  // What create-cluster.yml's publish leaves: the bucket and its public read, which the resync
  // (manage-bucket false, create-provider false) only uses.
  const created = await publishOidcAction(
    testContext({
      inputs: {
        kubeconfig: double.kubeconfig(),
        bucket,
        'issuer-url': double.issuer,
        'manage-bucket': 'true',
        'create-provider': 'false',
        'verify-public': 'false'
      }
    }).ctx
  );
  if (created.failure) throw new Error(created.failure);
}, 120_000);

afterAll(async () => {
  await double?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  s3.destroy();
});

it('says keys changed for a rotation, and not for a no-op or a discovery-only rewrite', async () => {
  const unchanged = await resync();
  expect(unchanged.failed).toEqual([]);
  expect(unchanged.result).toBe(
    '- Result: no key rotation: the published documents already match the cluster, nothing written'
  );

  double.addSigningKey();
  const rotated = await resync();
  expect(rotated.failed).toEqual([]);
  expect(rotated.result).toBe(
    '- Result: keys changed (a signing key was added or retired): the published documents were updated'
  );

  const key = '.well-known/openid-configuration';
  const published = (await readPublishedObject(s3, bucket, key))?.bytes.toString('utf8') ?? '';
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${published}\n` }));
  const repaired = await resync();
  expect(repaired.failed).toEqual([]);
  expect(repaired.result).toBe(
    "- Result: no key change, but the published documents were updated (the discovery document or a retired key's record; see the publish step's summary)"
  );
}, 240_000);
