// destroy-cluster.yml's clean-up around terraform destroy — the two discovery documents
// publish-oidc wrote, and the IRSA probe role create-cluster.yml made outside Terraform — run as
// the runner would run it (scripts/run-workflow-job.ts) with the real aws CLI against the local
// stack's S3 and IAM (moto).
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand
} from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clientConfig } from '../src/aws/clients.js';
import { runWorkflowJob, type StandIn, type StepResult } from '../scripts/run-workflow-job.js';
import { startFaultProxy } from './stack/fault-proxy.js';

const root = resolve(import.meta.dirname, '..');
// Each aws CLI (v1, Python) start costs seconds on a loaded machine; the steps make several calls.
const AWS_CLI_TIMEOUT_MS = 120_000;
const iam = new IAMClient(clientConfig('IAM', 'us-east-1', process.env));
const s3 = new S3Client(clientConfig('S3', 'us-east-1', process.env));
const STEP = 'Delete the IRSA probe role';
let dir: string;

async function deleteProbeRole(
  cluster: string,
  overrides: Record<string, string> = {}
): Promise<StepResult | undefined> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const results = await runWorkflowJob({
    overrides,
    root,
    workflow: '.github/workflows/destroy-cluster.yml',
    job: 'destroy',
    env,
    contexts: { inputs: { 'cluster-name': cluster } },
    runnerTemp: mkdtempSync(join(dir, 'runner-')),
    skip: (step) => (step.name === STEP ? undefined : 'not under test')
  });
  return results.find((r) => r.name === STEP);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-destroy-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  iam.destroy();
  s3.destroy();
});

function stackEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return env;
}

describe("destroy-cluster.yml's removal of the published documents", () => {
  const REMOVE = 'Remove the published discovery documents';
  const removeDocuments = async (outputsJson: string): Promise<StepResult | undefined> => {
    const results = await runWorkflowJob({
      root,
      workflow: '.github/workflows/destroy-cluster.yml',
      job: 'destroy',
      env: stackEnv(),
      contexts: { inputs: { 'cluster-name': 'c' } },
      // What the skipped provision `output` and variables steps would have said.
      seededOutputs: { current: { 'outputs-json': outputsJson }, variables: { region: 'us-east-1' } },
      runnerTemp: mkdtempSync(join(dir, 'runner-')),
      skip: (step) => (step.name === REMOVE ? undefined : 'not under test')
    });
    return results.find((r) => r.name === REMOVE);
  };

  it(
    'deletes exactly the two documents, so that terraform can delete the bucket',
    async () => {
      const bucket = `wf-discovery-${Date.now().toString(36)}`;
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      for (const key of ['.well-known/openid-configuration', 'keys/jwks.json', 'unrelated.txt']) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{}' }));
      }
      const step = await removeDocuments(
        JSON.stringify({ discovery_bucket: bucket, jwks_object_key: 'keys/jwks.json' })
      );
      expect(step?.outcome).toBe('success');
      const left = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect((left.Contents ?? []).map((o) => o.Key)).toEqual(['unrelated.txt']);
    },
    AWS_CLI_TIMEOUT_MS
  );

  it('does nothing when the state names no bucket (a cluster that never got that far)', async () => {
    const step = await removeDocuments('{}');
    expect(step?.outcome).toBe('success');
    expect(step?.log.trim()).toBe('The state has no discovery bucket; nothing to remove.');
  });
});

describe("destroy-cluster.yml's summary when terraform destroy fails after the documents went", () => {
  const summaryAfter = async (
    removed: string,
    destroyOutcome: 'success' | 'failure'
  ): Promise<StepResult | undefined> => {
    const results = await runWorkflowJob({
      root,
      workflow: '.github/workflows/destroy-cluster.yml',
      job: 'destroy',
      env: stackEnv(),
      contexts: { inputs: { 'cluster-name': 'c' } },
      runnerTemp: mkdtempSync(join(dir, 'runner-')),
      skip: (step) =>
        step.name === 'Summary' || step.id === 'remove-documents' || step.id === 'provision'
          ? undefined
          : 'not under test',
      standIn: (step): StandIn | undefined => {
        const outputs: Record<string, string> = removed ? { removed } : {};
        if (step.id === 'remove-documents') return { outcome: 'success', outputs };
        if (step.id === 'provision') return { outcome: destroyOutcome };
        return undefined;
      }
    });
    return results.find((r) => r.name === 'Summary');
  };

  it('says that IRSA is broken and how to recover, in an error and in the summary', async () => {
    const step = await summaryAfter('true', 'failure');
    expect(step?.outcome).toBe('success');
    expect(step?.log).toContain(
      '::error title=IRSA broken on c::The OIDC discovery documents of c were removed'
    );
    expect(step?.summary).toContain('## Cluster c: terraform destroy did not finish');
    expect(step?.summary).toContain('> [!CAUTION]');
    expect(step?.summary).toContain('run oidc-resync.yml with cluster-name c to publish the documents again');
  });

  it('says nothing of IRSA when no document was removed, or when destroy finished', async () => {
    const kept = await summaryAfter('', 'failure');
    expect(kept?.log).not.toContain('IRSA');
    expect(kept?.summary).toBe('## Cluster c: terraform destroy did not finish\n');
    const done = await summaryAfter('true', 'success');
    expect(done?.log).not.toContain('IRSA');
    expect(done?.summary).toContain('## Cluster c destroyed');
  });
});

describe("destroy-cluster.yml's probe role clean-up", () => {
  const cluster = `wfp-${Date.now().toString(36)}`;
  const role = `${cluster}-irsa-probe`;

  it(
    'detaches and deletes what the role holds, then the role; a second run finds nothing to do',
    async () => {
      await iam.send(
        new CreateRoleCommand({
          RoleName: role,
          AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}'
        })
      );
      await iam.send(
        new AttachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })
      );
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: role,
          PolicyName: 'inline',
          PolicyDocument:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}'
        })
      );
      const first = await deleteProbeRole(cluster);
      expect(first?.outcome).toBe('success');
      expect(first?.log).toContain(`Deleted role ${role}.`);
      await expect(iam.send(new GetRoleCommand({ RoleName: role }))).rejects.toMatchObject({
        name: expect.stringMatching(/^NoSuchEntity/)
      });

      const second = await deleteProbeRole(cluster);
      expect(second?.outcome).toBe('success');
      expect(second?.log).toContain(`Role ${role} does not exist; nothing to delete.`);
    },
    AWS_CLI_TIMEOUT_MS
  );

  it(
    'does not take an IAM error for a missing role: a throttled get-role fails the step and leaves the role',
    async () => {
      const throttled = `wfp-t-${Date.now().toString(36)}`;
      const throttledRole = `${throttled}-irsa-probe`;
      await iam.send(
        new CreateRoleCommand({
          RoleName: throttledRole,
          AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}'
        })
      );
      const proxy = await startFaultProxy({
        target: process.env['AWS_ENDPOINT_URL'] ?? '',
        rate: 1,
        faults: ['throttle'],
        match: (request) => request.service === 'iam' && request.action === 'GetRole'
      });
      try {
        const step = await deleteProbeRole(throttled, { AWS_ENDPOINT_URL: proxy.url, AWS_MAX_ATTEMPTS: '1' });
        expect(step?.outcome).toBe('failure');
        expect(step?.log).toContain(
          `::error::Could not tell whether the IRSA probe role ${throttledRole} exists`
        );
        expect(step?.log).toContain('Throttling');
        expect(step?.log).not.toContain('does not exist; nothing to delete');
        expect(proxy.injected.length).toBeGreaterThan(0);
      } finally {
        await proxy.stop();
      }
      // Nothing was deleted on a guess.
      await expect(iam.send(new GetRoleCommand({ RoleName: throttledRole }))).resolves.toBeDefined();
      expect((await deleteProbeRole(throttled))?.log).toContain(`Deleted role ${throttledRole}.`);
    },
    AWS_CLI_TIMEOUT_MS
  );
});
